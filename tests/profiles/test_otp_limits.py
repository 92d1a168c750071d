"""Issue 17 L9: one-time codes cannot flood a number, an address or the SMS bill."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from audit import context as audit_context
from audit.models import AuditEvent
from profiles import identity
from profiles.delivery import LocmemSmsBackend
from profiles.models import Customer, VerificationCode
from tests.factories import make_shop

pytestmark = pytest.mark.django_db

PHONE = "+8613800138000"


@pytest.fixture
def outbox():
    LocmemSmsBackend.outbox.clear()
    with override_settings(SMS_BACKEND="profiles.delivery.LocmemSmsBackend"):
        yield LocmemSmsBackend.outbox


def ask(shop, address=PHONE, requester="v" * 64):
    return identity.start_verification(shop, address, requester=requester)


def refused_code(shop, address=PHONE) -> str:
    with pytest.raises(identity.IdentityError) as refused:
        ask(shop, address)
    return refused.value.code


def test_one_number_gets_at_most_ten_codes_a_day(outbox):
    shop = make_shop()
    Customer.objects.create(shop=shop, phone=PHONE)
    # Three at a time (the 15-minute cap), spread over the day: ten in all.
    for hours_ago in (12, 8, 4):
        for _ in range(3):
            ask(shop)
        VerificationCode.objects.filter(
            created_at__gt=timezone.now() - dt.timedelta(hours=1)
        ).update(created_at=timezone.now() - dt.timedelta(hours=hours_ago))
    ask(shop)  # the tenth
    VerificationCode.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))
    assert refused_code(shop) == "too_many_codes"
    # A day later the number gets codes again.
    VerificationCode.objects.update(created_at=timezone.now() - dt.timedelta(days=1, minutes=1))
    ask(shop)


@override_settings(OTP_MAX_PER_IP_PER_HOUR=3)
def test_one_caller_address_gets_a_few_codes_an_hour_whatever_the_numbers():
    shop = make_shop()
    token = audit_context.bind(audit_context.AuditContext(ip_address="8.8.4.4"))
    try:
        for n in range(3):
            ask(shop, f"+861380013800{n}")
        assert refused_code(shop, "+8613800138009") == "too_many_codes"
    finally:
        audit_context.reset(token)
    # Another caller is not affected.
    ask(shop, "+8613800138009")


@override_settings(OTP_MAX_PER_IP_PER_HOUR=1)
def test_a_proxys_private_address_is_not_capped_per_caller():
    shop = make_shop()
    token = audit_context.bind(audit_context.AuditContext(ip_address="127.0.0.1"))
    try:
        for n in range(3):
            ask(shop, f"+861380013800{n}")
    finally:
        audit_context.reset(token)


@override_settings(OTP_MAX_PER_SHOP_PER_HOUR=4)
def test_one_shop_gets_a_capped_number_of_codes_an_hour():
    shop, other = make_shop(), make_shop("Other shop")
    for n in range(4):
        ask(shop, f"+861390013900{n}")
    assert refused_code(shop, "+8613900139009") == "too_many_codes"
    ask(other, "+8613900139009")


@override_settings(OTP_MAX_PER_HOUR=5, ADMINS=[("Ops", "ops@example.com")])
def test_the_hourly_circuit_breaker_stops_every_code_and_alerts_once(outbox):
    shops = [make_shop(f"Shop {n}") for n in range(3)]
    for n in range(5):
        Customer.objects.create(shop=shops[n % 3], phone=f"+861370013700{n}")
        ask(shops[n % 3], f"+861370013700{n}")
    sent = len(outbox)
    assert refused_code(shops[0], "+8613600136000") == "codes_paused"
    assert refused_code(shops[1], "+8613600136001") == "codes_paused"  # every shop
    assert len(outbox) == sent  # nothing more was sent
    (alert,) = [m for m in mail.outbox if "paused" in m.subject]
    assert alert.to == ["ops@example.com"]
    assert AuditEvent.objects.filter(action="profiles.otp_circuit_open").count() == 1
