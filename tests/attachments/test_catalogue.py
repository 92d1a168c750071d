"""The console's catalogue search (GET /attachments/catalogue/): what an agent finds to send as
a product card, only from the shop of a conversation they may see."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.roles import Role
from conversations.models import Conversation, ConversationStatus
from profiles.models import Product
from tests.factories import make_shop

URL = "/attachments/catalogue/"


@pytest.fixture
def world(db, client, make_user):
    shop = make_shop()
    other = make_shop(name="Other shop")
    lamp = {"sku": "LAMP-01", "name": "北欧落地灯", "price": Decimal("399.00"), "stock": 12}
    Product.objects.create(shop=shop, **lamp)
    Product.objects.create(shop=shop, sku="LAMP-02", name="Desk lamp", price=Decimal("89.50"))
    Product.objects.create(shop=other, sku="LAMP-99", name="Other lamp", price=Decimal("1"))
    agent = make_user("cat-agent", Role.AGENT)
    waiting = Conversation.objects.create(
        shop=shop, visitor_token_hash="w" * 64, status=ConversationStatus.WAITING
    )
    theirs = Conversation.objects.create(
        shop=shop,
        visitor_token_hash="t" * 64,
        status=ConversationStatus.ASSIGNED,
        assigned_agent=make_user("cat-colleague", Role.AGENT),
    )
    client.force_login(agent)
    return {"client": client, "waiting": waiting, "theirs": theirs}


def test_an_agent_finds_the_conversations_shop_products_by_name_or_sku(world):
    client = world["client"]
    by_name = client.get(URL, {"conversation": world["waiting"].pk, "q": "落地灯"}).json()
    assert by_name["results"] == [
        {"sku": "LAMP-01", "name": "北欧落地灯", "price": "399.00", "currency": "CNY", "stock": 12}
    ]
    by_sku = client.get(URL, {"conversation": world["waiting"].pk, "q": "lamp-0"}).json()
    # Another shop's lamp never shows up, whatever the words.
    assert [p["sku"] for p in by_sku["results"]] == ["LAMP-02", "LAMP-01"]


def test_a_conversation_outside_the_agents_scope_searches_nothing(world):
    response = world["client"].get(URL, {"conversation": world["theirs"].pk, "q": "lamp"})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found" and "results" not in response.json()


@pytest.mark.parametrize(
    "query",
    [{}, {"conversation": "1"}, {"conversation": "x", "q": "lamp"}, {"q": "lamp"}],
)
def test_missing_or_bad_parameters_get_a_400_with_a_message(world, query):
    response = world["client"].get(URL, query)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request" and response.json()["message"]


def test_a_too_long_query_is_refused(world):
    response = world["client"].get(URL, {"conversation": world["waiting"].pk, "q": "x" * 101})
    assert response.status_code == 400


def test_other_staff_roles_and_anonymous_callers_are_refused(db, client, make_user, world):
    editor = make_user("cat-editor", Role.KNOWLEDGE_EDITOR)
    client.force_login(editor)
    assert client.get(URL, {"conversation": world["waiting"].pk, "q": "lamp"}).status_code == 403
    client.logout()
    assert client.get(URL, {"conversation": world["waiting"].pk, "q": "lamp"}).status_code == 302
