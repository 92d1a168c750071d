"""One-time codes and merging, at the service level."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from audit.models import AuditEvent
from profiles import identity
from profiles.delivery import LocmemSmsBackend
from profiles.models import Customer, IdentityKind, Order, VerificationCode
from tests.factories import make_shop

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop():
    return make_shop()


@pytest.fixture
def outbox():
    LocmemSmsBackend.outbox.clear()
    with override_settings(SMS_BACKEND="profiles.delivery.LocmemSmsBackend"):
        yield LocmemSmsBackend.outbox


VISITOR = "a" * 64  # a visitor's token hash: who asked for the code
STRANGER = "b" * 64


def code_in(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1][1]).group(0)


def test_a_code_works_once_and_not_after_it_expires(shop, outbox):
    owner = Customer.objects.create(shop=shop, phone="+85291234567")
    with override_settings(PHONE_REGION="HK"):
        pending = identity.start_verification(shop, "9123 4567", requester=VISITOR)
    assert pending.masked == "912****4567"
    code = code_in(outbox)
    assert identity.confirm_verification(shop, VISITOR, code) == owner
    with pytest.raises(identity.IdentityError) as reused:
        identity.confirm_verification(shop, VISITOR, code)
    assert reused.value.code == "code_expired"

    later = identity.start_verification(shop, "+852 9123 4567", requester=VISITOR)
    VerificationCode.objects.filter(pk=later.id).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(identity.IdentityError) as expired:
        identity.confirm_verification(shop, VISITOR, code_in(outbox))
    assert expired.value.code == "code_expired"


def test_five_wrong_guesses_burn_the_code(shop, outbox):
    Customer.objects.create(shop=shop, email="Li@Example.com")
    pending = identity.start_verification(shop, "li@example.COM", requester=VISITOR)
    assert pending.channel == "email" and pending.masked == "l***@example.COM"
    right = code_in(outbox) if outbox else None
    assert right is None  # e-mail goes through Django's mail backend, not SMS
    from django.core import mail

    right = re.search(r"\d{6}", mail.outbox[-1].body).group(0)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(4):
        with pytest.raises(identity.IdentityError, match="attempts left"):
            identity.confirm_verification(shop, VISITOR, wrong)
    with pytest.raises(identity.IdentityError) as burned:
        identity.confirm_verification(shop, VISITOR, wrong)
    assert burned.value.code == "code_expired"
    with pytest.raises(identity.IdentityError):
        identity.confirm_verification(shop, VISITOR, right)
    assert AuditEvent.objects.filter(action="profiles.verification_failed").count() == 5


def test_only_the_visitor_who_asked_can_answer_the_code(shop, outbox):
    owner = Customer.objects.create(shop=shop, phone="13800138000")
    identity.start_verification(shop, "13800138000", requester=VISITOR)
    code = code_in(outbox)
    with pytest.raises(identity.IdentityError) as exc:
        identity.confirm_verification(shop, STRANGER, code)
    assert exc.value.code == "no_verification_pending"
    with pytest.raises(identity.IdentityError) as blank:
        identity.confirm_verification(shop, "", code)
    assert blank.value.code == "no_verification_pending"
    assert identity.confirm_verification(shop, VISITOR, code) == owner


def test_a_code_from_another_shop_is_not_found(shop, outbox):
    Customer.objects.create(shop=shop, phone="13800138000")
    identity.start_verification(shop, "13800138000", requester=VISITOR)
    other = make_shop(name="Other")
    with pytest.raises(identity.IdentityError) as exc:
        identity.confirm_verification(other, VISITOR, code_in(outbox))
    assert exc.value.code == "no_verification_pending"


def test_merging_keeps_the_shops_record_and_moves_everything(shop):
    shop_record = Customer.objects.create(shop=shop, external_id="c-9", display_name="王五")
    wechat = Customer.objects.create(
        shop=shop, phone="13700000000", address="深圳", segments=["at_risk"]
    )
    identity.link_identity(wechat, IdentityKind.WECHAT, "o-1", verified=True, reason="wechat")
    Order.objects.create(
        shop=shop, customer=wechat, number="W1", status="paid", total="1", placed_at=timezone.now()
    )
    kept = identity.merge_customers(wechat, shop_record, reason="test")
    assert kept.pk == shop_record.pk
    kept.refresh_from_db()
    assert (kept.display_name, kept.phone, kept.address) == ("王五", "13700000000", "深圳")
    assert kept.segments == ["at_risk"]
    assert list(kept.orders.values_list("number", flat=True)) == ["W1"]
    assert identity.customer_for(shop, IdentityKind.WECHAT, "o-1") == kept
    assert not Customer.objects.filter(pk=wechat.pk).exists()


def test_two_shop_accounts_are_never_merged(shop):
    first = Customer.objects.create(shop=shop, external_id="a")
    second = Customer.objects.create(shop=shop, external_id="b")
    with pytest.raises(identity.IdentityError) as exc:
        identity.merge_customers(first, second, reason="test")
    assert exc.value.code == "identity_conflict"
    assert Customer.objects.count() == 2
