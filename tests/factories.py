"""Small helpers that create valid objects for tests."""

from shops.models import Shop

SHOP_ORIGIN = "http://shop.test"


def make_shop(name: str = "Test shop", origins: str = SHOP_ORIGIN) -> Shop:
    return Shop.objects.get_or_create(name=name, defaults={"allowed_origins": origins})[0]
