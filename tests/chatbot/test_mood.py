"""The customer's mood drives escalation: offer a person, raise priority, alert supervisors."""

import pytest
from channels.db import database_sync_to_async

from accounts.roles import Role
from conversations.models import Conversation
from routing.models import RoutingPolicy
from tests.chatbot.conftest import customer, staff, until

pytestmark = pytest.mark.django_db(transaction=True)

ANGRY = ["你们是骗子！我要退款！！", "太差了，再不退款我就投诉你们！！"]


def bot_or_system(frame):
    return frame.get("type") == "message" and frame["sender"] in ("bot", "system")


async def test_every_customer_message_carries_its_sentiment(shop, trained):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "m1", "text": "谢谢，很满意"})
    echo = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "customer")
    assert echo["payload"]["sentiment"]["emotion"] == "satisfied"
    assert echo["payload"]["sentiment"]["polarity"] > 0
    await cust.disconnect()


async def test_sustained_anger_offers_a_person_and_alerts_supervisors(
    client, make_user, shop, trained
):
    supervisor = await database_sync_to_async(make_user)("sue", Role.SUPERVISOR)
    console, _, _ = await staff(client, supervisor)
    await until(console, lambda f: f["type"] == "snapshot")
    cust, _ = await customer(shop)

    await cust.send_json_to({"type": "message", "client_id": "a1", "text": ANGRY[0]})
    await until(cust, bot_or_system)
    await cust.send_json_to({"type": "message", "client_id": "a2", "text": ANGRY[1]})
    offer = await until(cust, lambda f: bot_or_system(f) and f["payload"].get("mood_escalation"))
    assert offer["payload"]["handoff_offered"]

    alert = await until(console, lambda f: f.get("type") == "alert")
    assert alert["kind"] == "mood" and alert["mood"] < 0 and alert["reason"]
    conversation = await database_sync_to_async(Conversation.objects.get)()
    assert conversation.mood_alert and conversation.mood < -0.3
    await cust.disconnect()
    await console.disconnect()


async def test_plain_questions_get_answers_not_apologies(shop, trained):
    """多久发货 then 怎么退货 used to be answered with "非常抱歉…" and no answer at all."""
    cust, _ = await customer(shop)
    for n, (question, answer) in enumerate(
        [("多久发货", "24 小时内发货"), ("How do I return an item?", "Returns within 7 days.")]
    ):
        await cust.send_json_to({"type": "message", "client_id": f"q{n}", "text": question})
        echo = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "customer")
        assert echo["payload"]["sentiment"]["emotion"] == "neutral"
        reply = await until(cust, bot_or_system)
        assert answer in reply["text"] and not reply["payload"].get("mood_escalation")
    conversation = await database_sync_to_async(Conversation.objects.get)()
    assert not conversation.mood_alert
    await cust.disconnect()


async def test_an_upset_customer_gets_the_answer_with_the_apology(shop, trained):
    """Escalation adds an apology and the "talk to a person" button; it never replaces the
    answer to the question asked."""
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "a1", "text": ANGRY[0]})
    await until(cust, bot_or_system)
    await cust.send_json_to(
        {"type": "message", "client_id": "a2", "text": "太差了，我要投诉！！到底多久发货"}
    )
    reply = await until(cust, lambda f: bot_or_system(f) and f["payload"].get("mood_escalation"))
    assert "非常抱歉" in reply["text"] and "24 小时内发货" in reply["text"]
    assert reply["payload"]["handoff_offered"]
    await cust.disconnect()


async def test_one_mildly_negative_message_does_not_escalate(shop, trained):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "m1", "text": "包装有点简陋"})
    reply = await until(cust, bot_or_system)
    assert not reply["payload"].get("mood_escalation")
    conversation = await database_sync_to_async(Conversation.objects.get)()
    assert not conversation.mood_alert
    await cust.disconnect()


async def test_an_angry_customer_in_the_queue_moves_up(shop, trained):
    boost = (await database_sync_to_async(RoutingPolicy.current)()).negative_mood_boost
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "m1", "text": "多久发货"})
    await until(cust, lambda f: f["type"] == "ack")
    await cust.send_json_to({"type": "handoff"})
    await until(cust, lambda f: f.get("status") == "waiting")
    before = (await database_sync_to_async(Conversation.objects.get)()).priority
    for i, text in enumerate(ANGRY):
        await cust.send_json_to({"type": "message", "client_id": f"a{i}", "text": text})
        await until(cust, lambda f: f["type"] == "ack")
    conversation = await database_sync_to_async(Conversation.objects.get)()
    assert conversation.mood_alert
    assert conversation.priority >= before + boost
    await cust.disconnect()
