"""Issue 17 L8: a shop's signed identity is good for ten minutes, not forever."""

import datetime as dt
import hashlib
import hmac
import time

import pytest
from django.utils import timezone

from shops.models import IDENTITY_SIGNATURE_MAX_AGE, Shop
from tests.factories import make_shop

pytestmark = pytest.mark.django_db


def untimed(shop: Shop, customer_id: str) -> str:
    """The old form: HMAC of the id alone, valid forever."""
    return hmac.new(shop.identity_secret.encode(), customer_id.encode(), hashlib.sha256).hexdigest()


def test_a_fresh_timestamped_signature_identifies_the_customer():
    shop = make_shop()
    signature = shop.sign("c-42")
    ts, _, digest = signature.partition(".")
    expected = hmac.new(shop.identity_secret.encode(), f"c-42:{ts}".encode(), hashlib.sha256)
    assert digest == expected.hexdigest()  # the documented formula
    assert shop.verify_identity("c-42", signature)
    assert not shop.verify_identity("c-43", signature)


def test_an_old_signature_stops_working_after_ten_minutes():
    shop = make_shop()
    old = shop.sign("c-42", int(time.time()) - IDENTITY_SIGNATURE_MAX_AGE - 5)
    assert not shop.verify_identity("c-42", old)
    future = shop.sign("c-42", int(time.time()) + IDENTITY_SIGNATURE_MAX_AGE + 5)
    assert not shop.verify_identity("c-42", future)


def test_the_untimed_form_works_only_during_the_shops_grace_period():
    shop = make_shop()
    assert not shop.verify_identity("c-42", untimed(shop, "c-42"))  # a new shop: never
    shop.legacy_signatures_until = timezone.now() + dt.timedelta(days=1)
    shop.save()
    assert shop.verify_identity("c-42", untimed(shop, "c-42"))
    shop.legacy_signatures_until = timezone.now() - dt.timedelta(seconds=1)
    shop.save()
    assert not shop.verify_identity("c-42", untimed(shop, "c-42"))


@pytest.mark.parametrize("signature", ["", "1.abc", "x" * 200, "١٢٣.ab", "\ud800", None, 5])
def test_malformed_signatures_are_simply_wrong(signature):
    assert not make_shop().verify_identity("c-42", signature)
