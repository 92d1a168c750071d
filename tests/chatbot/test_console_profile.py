"""The customer profile beside the transcript in the agent console: who the customer is, their
orders, earlier conversations and mood, with contact details masked and nothing from another
customer or shop."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.roles import Role
from audit.models import AuditEvent
from chatbot.console import customer_profile
from conversations.models import Conversation, ConversationStatus, Message, Sender
from profiles.models import (
    ChannelIdentity,
    Customer,
    IdentityKind,
    Order,
    OrderEvent,
    OrderItem,
    OrderStatus,
    Product,
    ProductView,
)
from tests.chatbot.conftest import customer, staff, until
from tests.factories import make_shop

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+86 138 0013 8000"
EMAIL = "lilei@example.com"
EXTERNAL_ID = "shop-user-42"


def is_type(kind, **fields):
    return lambda f: f.get("type") == kind and all(f.get(k) == v for k, v in fields.items())


def make_order(shop, owner, number, *, days_ago, status=OrderStatus.SHIPPED, items=1) -> Order:
    placed = timezone.now() - timedelta(days=days_ago)
    order = Order.objects.create(
        shop=shop,
        customer=owner,
        number=number,
        status=status,
        total=Decimal("199.00"),
        carrier="SF Express" if status == OrderStatus.SHIPPED else "",
        tracking_number=f"SF{number[-4:]}" if status == OrderStatus.SHIPPED else "",
        placed_at=placed,
    )
    OrderEvent.objects.create(order=order, status=OrderStatus.PAID, at=placed)
    OrderEvent.objects.create(order=order, status=status, at=placed + timedelta(hours=5))
    for i in range(items):
        OrderItem.objects.create(
            order=order, sku=f"TEA-{i}", name=f"Teapot {i}", quantity=i + 1, unit_price="99.50"
        )
    return order


def make_conversation(shop, owner, *, days_ago, mood=0.0, first_text=None, **fields):
    conversation = Conversation.objects.create(
        shop=shop, customer=owner, visitor_token_hash="x" * 64, mood=mood, **fields
    )
    # created_at is auto_now_add: backdate it to lay out a history.
    Conversation.objects.filter(pk=conversation.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    if first_text is not None:
        Message.objects.create(conversation=conversation, seq=1, sender=Sender.BOT, text="Hi!")
        Message.objects.create(
            conversation=conversation, seq=2, sender=Sender.CUSTOMER, text=first_text
        )
    conversation.refresh_from_db()
    return conversation


def known_customer(shop, external_id=EXTERNAL_ID) -> Customer:
    """A VIP with six orders, two verified channels, two closed conversations and browsing."""
    lilei = Customer.objects.create(
        shop=shop,
        external_id=external_id,
        display_name="Li Lei",
        phone=PHONE,
        email=EMAIL,
        address="1 Secret Road",
        segments=["vip"],
        preferences={"language": "zh-Hans", "proactive_suggestions": False},
    )
    ChannelIdentity.objects.create(
        shop=shop,
        customer=lilei,
        kind=IdentityKind.SHOP_CUSTOMER,
        value=external_id,
        verified_at=timezone.now(),
    )
    ChannelIdentity.objects.create(shop=shop, customer=lilei, kind=IdentityKind.PHONE, value=PHONE)
    for n in range(6):  # LL-1000 is the oldest, LL-1005 the newest
        make_order(shop, lilei, f"LL-100{n}", days_ago=30 - n, items=2)
    make_conversation(
        shop,
        lilei,
        days_ago=20,
        mood=-0.6,
        first_text="我的茶壶到了但是盖子碎了，" * 10,
        status=ConversationStatus.CLOSED,
        csat_score=2,
    )
    make_conversation(
        shop,
        lilei,
        days_ago=5,
        mood=0.4,
        first_text="Where is my parcel?",
        status=ConversationStatus.CLOSED,
        csat_score=5,
    )
    Product.objects.create(shop=shop, sku="POT-RED", name="Red clay teapot", price="129.00")
    Product.objects.create(shop=shop, sku="CUP-SET", name="Cup set", price="59.00")
    now = timezone.now()
    for minutes_ago, sku in ((50, "POT-RED"), (40, "CUP-SET"), (30, "POT-RED"), (20, "GONE-1")):
        ProductView.objects.create(
            shop=shop, customer=lilei, sku=sku, at=now - timedelta(minutes=minutes_ago)
        )
    return lilei


def strangers(shop) -> None:
    """Another customer of the same shop, and a namesake in another shop: none of their data
    may show up in Li Lei's profile."""
    neighbour = Customer.objects.create(
        shop=shop, external_id="neighbour", display_name="Han Meimei", phone="+86 139 9999 0000"
    )
    make_order(shop, neighbour, "NB-9001", days_ago=1)
    make_conversation(shop, neighbour, days_ago=1, mood=-0.9, first_text="neighbour's complaint")
    ProductView.objects.create(shop=shop, customer=neighbour, sku="NB-SKU", at=timezone.now())

    other_shop = make_shop("Other shop", "http://other.test")
    namesake = Customer.objects.create(
        shop=other_shop, external_id=EXTERNAL_ID, display_name="Other Li", phone="+1 415 555 2671"
    )
    make_order(other_shop, namesake, "OS-7001", days_ago=1)
    make_conversation(other_shop, namesake, days_ago=1, first_text="other shop question")
    ProductView.objects.create(shop=other_shop, customer=namesake, sku="OS-SKU", at=timezone.now())


def current_conversation(shop, owner) -> Conversation:
    conversation = make_conversation(
        shop,
        owner,
        days_ago=0,
        mood=-0.2,
        first_text="我要改地址",
        status=ConversationStatus.WAITING,
    )
    # As the console loads it (chatbot.services.require_view).
    return Conversation.objects.select_related("shop", "customer", "assigned_agent").get(
        pk=conversation.pk
    )


# --- customer_profile(), called directly --------------------------------------------------------


def test_the_profile_shows_who_the_customer_is_with_masked_contact_details(shop):
    lilei = known_customer(shop)
    # Labels are in the reader's language; an earlier test's request may have left another
    # one active in this thread.
    with translation.override("en"):
        profile = customer_profile(current_conversation(shop, lilei))

    assert profile["customer_id"] == lilei.pk
    assert profile["display_name"] == "Li Lei"
    assert profile["external_id"] == EXTERNAL_ID
    assert profile["segments"] == ["vip"] and profile["is_vip"] is True
    assert profile["contact"] == {"phone": "+86 138****8000", "email": "l***@example.com"}
    assert profile["identities"] == [
        {"kind": "shop_customer", "label": "Signed shop customer id", "verified": True},
        {"kind": "phone", "label": "Phone number", "verified": False},
    ]
    assert profile["preferences"] == {"language": "zh-Hans", "proactive_suggestions": False}
    text = json.dumps(profile, ensure_ascii=False)
    for secret in ("138 0013 8000", "13800138000", EMAIL, "lilei@", "Secret Road"):
        assert secret not in text


def test_the_profile_lists_the_latest_five_orders_with_their_items(shop):
    lilei = known_customer(shop)
    # Labels are in the reader's language; an earlier test's request may have left another
    # one active in this thread.
    with translation.override("en"):
        profile = customer_profile(current_conversation(shop, lilei))

    assert profile["orders_total"] == 6
    assert [o["number"] for o in profile["orders"]] == [f"LL-100{n}" for n in (5, 4, 3, 2, 1)]
    newest = profile["orders"][0]
    assert newest["status"] == "shipped" and newest["status_label"] == "Shipped"
    assert (newest["total"], newest["currency"]) == ("199.00", "CNY")
    assert (newest["carrier"], newest["tracking_number"]) == ("SF Express", "SF1005")
    assert newest["placed_at"] == Order.objects.get(number="LL-1005").placed_at.isoformat()
    assert newest["items"] == [
        {"sku": "TEA-0", "name": "Teapot 0", "quantity": 1},
        {"sku": "TEA-1", "name": "Teapot 1", "quantity": 2},
    ]


def test_past_conversations_leave_out_the_open_one_and_moods_run_oldest_first(shop):
    lilei = known_customer(shop)
    current = current_conversation(shop, lilei)
    profile = customer_profile(current)

    past = profile["past_conversations"]
    assert current.pk not in [p["id"] for p in past]
    assert [(p["status"], p["csat_score"], p["mood"]) for p in past] == [
        ("closed", 5, 0.4),  # newest first
        ("closed", 2, -0.6),
    ]
    assert past[0]["first_message"] == "Where is my parcel?"
    # The first *customer* message (not the bot's greeting), cut short for the panel.
    assert past[1]["first_message"].startswith("我的茶壶到了但是盖子碎了")
    assert len(past[1]["first_message"]) <= 80
    assert past[0]["started_at"] > past[1]["started_at"]

    history = profile["mood_history"]
    assert [h["mood"] for h in history] == [-0.6, 0.4, -0.2]
    assert history[-1]["conversation_id"] == current.pk
    assert [h["at"] for h in history] == sorted(h["at"] for h in history)


def test_mood_history_keeps_the_last_ten_conversations(shop):
    lilei = Customer.objects.create(shop=shop, external_id="regular")
    for day in range(14, 0, -1):
        make_conversation(shop, lilei, days_ago=day, mood=-day / 20)
    current = current_conversation(shop, lilei)

    profile = customer_profile(current)
    assert [h["mood"] for h in profile["mood_history"]] == [
        *(-day / 20 for day in range(9, 0, -1)),
        -0.2,
    ]
    assert len(profile["past_conversations"]) == 5


def test_recently_viewed_lists_distinct_products_newest_first(shop):
    lilei = known_customer(shop)
    profile = customer_profile(current_conversation(shop, lilei))
    # A product the shop no longer lists keeps its sku, with no name.
    assert profile["recently_viewed"] == [
        {"sku": "GONE-1", "name": ""},
        {"sku": "POT-RED", "name": "Red clay teapot"},
        {"sku": "CUP-SET", "name": "Cup set"},
    ]


def test_nothing_from_another_customer_or_shop_appears(shop):
    lilei = known_customer(shop)
    strangers(shop)
    profile = customer_profile(current_conversation(shop, lilei))

    text = json.dumps(profile, ensure_ascii=False)
    for foreign in (
        "Han Meimei",
        "NB-9001",
        "NB-SKU",
        "neighbour",
        "Other Li",
        "OS-7001",
        "OS-SKU",
        "other shop question",
    ):
        assert foreign not in text
    assert profile["orders_total"] == 6
    assert len(profile["past_conversations"]) == 2
    assert len(profile["mood_history"]) == 3


def test_an_anonymous_visitor_has_no_profile(shop):
    visitor = Conversation.objects.create(shop=shop, visitor_token_hash="v" * 64)
    assert customer_profile(visitor) is None


def test_the_query_count_does_not_grow_with_the_customers_history(shop):
    def queries_for(owner) -> int:
        conversation = current_conversation(shop, owner)
        with CaptureQueriesContext(connection) as captured:
            customer_profile(conversation)
        return len(captured)

    newcomer = Customer.objects.create(shop=shop, external_id="newcomer")
    make_order(shop, newcomer, "NEW-0001", days_ago=1)
    few = queries_for(newcomer)
    many = queries_for(known_customer(shop))
    assert many == few
    assert many <= 8


# --- through the console websocket ---------------------------------------------------------------


async def test_the_agent_sees_the_signed_customers_profile_when_opening_the_conversation(
    client, shop, trained, agent, make_user
):
    lilei = await sync_to_async(known_customer)(shop)
    await sync_to_async(strangers)(shop)
    earlier = await sync_to_async(
        lambda: list(Conversation.objects.filter(customer=lilei).values_list("pk", flat=True))
    )()

    cust, _ = await customer(
        shop, hello={"customer_id": EXTERNAL_ID, "signature": shop.sign(EXTERNAL_ID)}
    )
    # The last conversation was closed, so this message starts a new one.
    await cust.send_json_to({"type": "message", "client_id": "p1", "text": "我的订单到哪了"})
    await until(cust, is_type("ack"))
    await cust.send_json_to({"type": "handoff"})
    await until(cust, is_type("status", status="waiting"))

    console, connected, _ = await staff(client, agent)
    assert connected
    await until(console, is_type("snapshot"))
    await console.send_json_to({"type": "presence", "status": "online"})
    assigned = await until(
        console, lambda f: f.get("type") == "conversation" and f["status"] == "assigned"
    )
    assert assigned["id"] not in earlier
    await console.send_json_to({"type": "open", "conversation_id": assigned["id"]})
    transcript = await until(console, is_type("transcript"))

    profile = transcript["profile"]
    assert profile["display_name"] == "Li Lei" and profile["is_vip"]
    assert profile["contact"]["phone"] == "+86 138****8000"
    assert [o["number"] for o in profile["orders"]][:2] == ["LL-1005", "LL-1004"]
    assert profile["orders_total"] == 6
    assert sorted(p["id"] for p in profile["past_conversations"]) == sorted(earlier)
    assert [h["conversation_id"] for h in profile["mood_history"]][-1] == assigned["id"]
    assert [h["mood"] for h in profile["mood_history"]][:2] == [-0.6, 0.4]

    frame = json.dumps(transcript, ensure_ascii=False)
    for secret in ("138 0013 8000", "13800138000", EMAIL, "Secret Road"):
        assert secret not in frame
    for foreign in ("Han Meimei", "NB-9001", "Other Li", "OS-7001", "other shop question"):
        assert foreign not in frame
    viewed = AuditEvent.objects.filter(action="profiles.customer_viewed", object_id=str(lilei.pk))
    assert await sync_to_async(viewed.exists)()

    # The full number only with a reason, which the audit trail keeps; another agent gets none.
    await console.send_json_to(
        {"type": "reveal", "conversation_id": assigned["id"], "field": "phone", "reason": "ok"}
    )
    assert (await until(console, is_type("error")))["code"] == "invalid_field"
    await console.send_json_to(
        {
            "type": "reveal",
            "conversation_id": assigned["id"],
            "field": "phone",
            "reason": "call back about the parcel",
        }
    )
    revealed = await until(console, is_type("revealed"))
    assert revealed["value"] == lilei.phone
    event = await sync_to_async(AuditEvent.objects.get)(action="profiles.contact_revealed")
    assert event.changes["reason"] == "call back about the parcel"
    # Attributed like an HTTP request: who, in which role, from where, on which socket.
    viewed_event = await sync_to_async(viewed.latest)("id")
    for audited in (event, viewed_event):
        assert (audited.actor_id, audited.actor_role) == (agent.pk, "agent"), audited.action
        assert audited.ip_address == "198.51.100.7", audited.action
        assert len(audited.changes["connection"]) == 12, audited.action
    assert event.changes["connection"] == viewed_event.changes["connection"]

    other = await sync_to_async(make_user)("zoe", Role.AGENT)
    other_console, _, _ = await staff(client, other)
    await until(other_console, is_type("snapshot"))
    await other_console.send_json_to(
        {"type": "reveal", "conversation_id": assigned["id"], "field": "phone", "reason": "curious"}
    )
    assert (await until(other_console, is_type("error")))["code"] in ("forbidden", "not_found")
    await other_console.disconnect()
    await cust.disconnect()
    await console.disconnect()


async def test_an_anonymous_visitors_transcript_has_no_profile(client, shop, trained, agent):
    await sync_to_async(known_customer)(shop)  # someone else, identified
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "a1", "text": "多久发货"})
    await until(cust, is_type("ack"))
    await cust.send_json_to({"type": "handoff"})
    await until(cust, is_type("status", status="waiting"))

    console, connected, _ = await staff(client, agent)
    assert connected
    snapshot = await until(console, is_type("snapshot"))
    waiting = snapshot["queue"][0]["id"]
    await console.send_json_to({"type": "open", "conversation_id": waiting})
    transcript = await until(console, is_type("transcript"))

    assert transcript["conversation_id"] == waiting
    assert transcript["profile"] is None
    assert "Li Lei" not in json.dumps(transcript, ensure_ascii=False)
    await cust.disconnect()
    await console.disconnect()
