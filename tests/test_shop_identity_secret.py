"""Design decision (issue 17): the admin shows a shop's identity secret once, when it is made,
then masked, with a rotate action."""

import pytest

from accounts.roles import Role
from audit.models import AuditEvent
from shops.models import Shop
from tests.factories import make_shop

pytestmark = pytest.mark.django_db


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_secret_is_shown_once_at_creation_then_masked(client, make_user):
    client.force_login(make_user("root", Role.ADMINISTRATOR))
    created = client.post(
        "/admin/shops/shop/add/",
        {
            "name": "New shop",
            "is_active": "on",
            "default_language": "zh-Hans",
            "welcome_message": "hi",
        },
        follow=True,
    )
    shop = Shop.objects.get(name="New shop")
    assert shop.identity_secret in messages_of(created)
    page = client.get(f"/admin/shops/shop/{shop.pk}/change/").content.decode()
    assert shop.identity_secret not in page
    assert shop.identity_secret[-4:] in page  # enough to tell which secret is in use


def test_rotating_shows_the_new_secret_once_and_voids_old_signatures(client, make_user):
    shop = make_shop()
    old_secret, signed = shop.identity_secret, shop.sign("c-1")
    client.force_login(make_user("root", Role.ADMINISTRATOR))
    response = client.post(
        "/admin/shops/shop/",
        {"action": "rotate_identity_secret", "_selected_action": [shop.pk]},
        follow=True,
    )
    shop.refresh_from_db()
    assert shop.identity_secret != old_secret
    assert shop.identity_secret in messages_of(response)
    assert not shop.verify_identity("c-1", signed)
    event = AuditEvent.objects.get(action="shops.identity_secret_rotated")
    assert old_secret not in str(event.changes) and shop.identity_secret not in str(event.changes)


def test_a_supervisor_cannot_rotate(client, make_user):
    shop = make_shop()
    secret = shop.identity_secret
    client.force_login(make_user("sup", Role.SUPERVISOR))
    client.post(
        "/admin/shops/shop/", {"action": "rotate_identity_secret", "_selected_action": [shop.pk]}
    )
    shop.refresh_from_db()
    assert shop.identity_secret == secret
