"""Product names in questions (``profiles.services.find_products``): the catalogue's version is
checked at most every ``CATALOGUE_CHECK_SECONDS`` per process rather than on every question,
and a change saved in this process is seen at once."""

import pytest
from django.utils import timezone

from profiles import services
from profiles.models import Product
from tests.factories import make_shop

pytestmark = pytest.mark.django_db


@pytest.fixture
def lamp():
    shop = make_shop()
    services.forget_catalogue(shop.pk)
    return Product.objects.create(shop=shop, sku="LAMP-1", name="北欧落地灯", price="299.00")


def test_a_product_saved_here_is_recognised_at_once(lamp, monkeypatch):
    monkeypatch.setattr(services, "CATALOGUE_CHECK_SECONDS", 3600.0)
    assert services.find_products(lamp.shop, "北欧落地灯多少钱") == [lamp]
    desk = Product.objects.create(shop=lamp.shop, sku="DESK-1", name="实木书桌", price="899.00")
    assert services.find_products(lamp.shop, "实木书桌有货吗") == [desk]


def test_a_change_made_elsewhere_is_seen_at_the_next_check(lamp, monkeypatch):
    monkeypatch.setattr(services, "CATALOGUE_CHECK_SECONDS", 3600.0)
    assert services.find_products(lamp.shop, "北欧落地灯多少钱") == [lamp]
    # Another process renames it (its save() sends no signal to this one).
    Product.objects.filter(pk=lamp.pk).update(name="极简台灯", updated_at=timezone.now())
    assert services.find_products(lamp.shop, "极简台灯多少钱") == []  # not checked yet
    monkeypatch.setattr(services, "CATALOGUE_CHECK_SECONDS", 0.0)  # the interval has passed
    assert [p.pk for p in services.find_products(lamp.shop, "极简台灯多少钱")] == [lamp.pk]
