"""The whole conversation over real websockets and the Redis channel layer."""

import pytest
from channels.db import database_sync_to_async as sync_to_async

from audit.models import AuditEvent
from chatbot import services
from chatbot.services import customer as customer_actions
from conversations.models import Conversation, ConversationStatus, Message
from knowledge.models import AnswerLog
from routing.models import AgentProfile
from tests.chatbot.conftest import customer, staff, until

pytestmark = pytest.mark.django_db(transaction=True)


def is_type(kind, **fields):
    return lambda f: f.get("type") == kind and all(f.get(k) == v for k, v in fields.items())


async def test_question_bot_answer_handoff_agent_reply_close_and_csat(client, shop, trained, agent):
    cust, welcome = await customer(shop)
    assert welcome["conversation_id"] is None and welcome["visitor_token"]

    # A question the knowledge base answers.
    await cust.send_json_to({"type": "message", "client_id": "c-1", "text": "包邮吗？"})
    ack = await until(cust, is_type("ack"))
    assert ack == {"type": "ack", "client_id": "c-1", "seq": 1}
    answer = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "bot")
    assert answer["text"] == "满 99 元包邮" and answer["payload"]["feedback_allowed"]

    # Thumbs up lands on the answer log.
    await cust.send_json_to({"type": "feedback", "seq": answer["seq"], "value": "up"})
    await cust.receive_nothing(timeout=0.3)
    log = await sync_to_async(AnswerLog.objects.get)(pk=answer["payload"]["answer_log_id"])
    assert log.feedback == 1

    # Talk to a person: nobody is online yet, so the customer waits in the queue.
    await cust.send_json_to({"type": "handoff"})
    waiting = await until(cust, is_type("status", status="waiting"))
    assert waiting["queue_position"] == 1 and waiting["expected_wait_seconds"] > 0

    # The agent opens the console and goes online: the conversation is assigned at once.
    console, connected, _ = await staff(client, agent)
    assert connected
    snapshot = await until(console, is_type("snapshot"))
    assert [c["status"] for c in snapshot["queue"]] == ["waiting"]
    await console.send_json_to({"type": "presence", "status": "online"})
    assigned = await until(
        console, lambda f: f.get("type") == "conversation" and f["status"] == "assigned"
    )
    assert "agent007" in assigned["assignment_reason"]["summary"]
    status = await until(cust, is_type("status", status="assigned"))
    assert status["agent_name"] == "agent007"

    # The agent reads the transcript (bot turns marked) and replies; a private note stays private.
    conversation_id = assigned["id"]
    await console.send_json_to({"type": "open", "conversation_id": conversation_id})
    transcript = await until(console, is_type("transcript"))
    assert [m["sender"] for m in transcript["messages"]][:2] == ["customer", "bot"]
    await console.send_json_to(
        {
            "type": "note",
            "conversation_id": conversation_id,
            "client_id": "n-1",
            "text": "VIP, be nice",
        }
    )
    await until(console, is_type("ack", client_id="n-1"))
    await console.send_json_to(
        {
            "type": "reply",
            "conversation_id": conversation_id,
            "client_id": "r-1",
            "text": "您好，我来帮您",
        }
    )
    reply = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "agent")
    assert reply["text"] == "您好，我来帮您" and reply["agent_name"] == "agent007"
    assert "VIP" not in str(reply)

    # The customer types; the agent sees it. The agent reads; the customer sees the receipt.
    await cust.send_json_to({"type": "typing", "is_typing": True})
    await until(console, is_type("typing", sender="customer"))
    await console.send_json_to({"type": "read", "conversation_id": conversation_id, "seq": 1})
    await until(cust, is_type("read", reader="agent"))

    # Close, then rate.
    await console.send_json_to({"type": "close", "conversation_id": conversation_id})
    await until(cust, is_type("status", status="closed"))
    await cust.send_json_to({"type": "csat", "score": 5, "comment": "很快"})
    await until(cust, is_type("csat_thanks"))
    conversation = await sync_to_async(Conversation.objects.get)(pk=conversation_id)
    assert conversation.status == ConversationStatus.CLOSED
    assert (conversation.csat_score, conversation.csat_comment) == (5, "很快")
    assert conversation.first_agent_reply_at is not None
    private = await sync_to_async(Message.objects.get)(conversation=conversation, is_private=True)
    assert private.text == "VIP, be nice"
    await cust.disconnect()
    await console.disconnect()


async def test_a_resend_with_the_same_client_id_is_stored_once(shop, trained):
    cust, _ = await customer(shop)
    for _ in range(2):
        await cust.send_json_to({"type": "message", "client_id": "same-id", "text": "多久发货"})
        ack = await until(cust, is_type("ack"))
        assert ack["seq"] == 1
    assert await sync_to_async(Message.objects.filter(client_id="same-id").count)() == 1
    await cust.disconnect()


async def test_the_asking_tab_gets_ack_echo_and_answer_once_each_and_a_second_tab_too(
    shop, trained
):
    """The asking socket sends its own echo and the bot's answer itself rather than reading them
    back from Redis (``live.delivered_directly``): it must still get each exactly once, after
    the ack, and another tab of the same visitor must still get them through the group."""
    first, welcome = await customer(shop)
    await first.send_json_to({"type": "message", "client_id": "t1", "text": "多久发货"})
    await until(first, lambda f: f.get("type") == "message" and f["sender"] == "bot")
    second, _ = await customer(shop, hello={"visitor_token": welcome["visitor_token"]})

    await first.send_json_to({"type": "message", "client_id": "t2", "text": "运费多少钱"})
    frames = [await first.receive_json_from(timeout=10) for _ in range(3)]
    assert [(f["type"], f.get("sender")) for f in frames] == [
        ("ack", None),
        ("message", "customer"),
        ("message", "bot"),
    ]
    assert frames[1]["client_id"] == "t2" and frames[1]["seq"] == frames[0]["seq"] == 3
    assert frames[2]["seq"] == 4
    assert await first.receive_nothing(timeout=1)  # no second copy from the group

    seen = [await second.receive_json_from(timeout=10) for _ in range(2)]
    assert [(f["type"], f["sender"], f["seq"]) for f in seen] == [
        ("message", "customer", 3),
        ("message", "bot", 4),
    ]
    assert await second.receive_nothing(timeout=1)
    await first.disconnect()
    await second.disconnect()


async def test_reconnecting_resumes_with_everything_after_the_last_seen_seq(shop, trained):
    cust, welcome = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "m1", "text": "多久发货"})
    await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "bot")
    await cust.disconnect()

    again, resumed = await customer(
        shop, hello={"visitor_token": welcome["visitor_token"], "after_seq": 1}
    )
    assert resumed["conversation_id"] is not None
    assert [m["seq"] for m in resumed["messages"]] == [2]
    assert resumed["messages"][0]["sender"] == "bot"
    await again.disconnect()

    # Reopening the page from scratch (after_seq 0) shows the whole history.
    third, full = await customer(shop, hello={"visitor_token": welcome["visitor_token"]})
    assert [m["sender"] for m in full["messages"]] == ["customer", "bot"]
    await third.disconnect()


async def test_one_visitor_never_sees_another_visitors_conversation(shop, trained):
    alice, _ = await customer(shop)
    await alice.send_json_to(
        {"type": "message", "client_id": "a1", "text": "我的地址是秘密路 1 号"}
    )
    await until(alice, is_type("ack"))
    bob, bob_welcome = await customer(shop)
    assert bob_welcome["conversation_id"] is None and bob_welcome["messages"] == []
    # A guessed or forged token is just a new anonymous visitor.
    mallory, forged = await customer(shop, hello={"visitor_token": "x" * 32})
    assert forged["messages"] == []
    await bob.send_json_to({"type": "message", "client_id": "b1", "text": "hello"})
    await until(bob, is_type("ack"))
    assert "秘密" not in str(await bob.receive_nothing(timeout=0.5) or "")
    for c in (alice, bob, mallory):
        await c.disconnect()


async def test_signed_identity_links_the_customer_and_a_bad_signature_is_refused(shop, trained):
    good, _ = await customer(
        shop, hello={"customer_id": "shop-user-42", "signature": shop.sign("shop-user-42")}
    )
    await good.send_json_to({"type": "message", "client_id": "i1", "text": "多久发货"})
    await until(good, is_type("ack"))
    conversation = await sync_to_async(Conversation.objects.select_related("customer").get)()
    assert conversation.customer.external_id == "shop-user-42"

    from channels.testing import WebsocketCommunicator

    from config.asgi import application

    bad = WebsocketCommunicator(
        application,
        f"/ws/chat/{shop.site_key}/",
        headers=[(b"host", b"127.0.0.1"), (b"origin", b"http://shop.test")],
    )
    assert (await bad.connect())[0]
    await bad.send_json_to({"type": "hello", "customer_id": "shop-user-42", "signature": "0" * 64})
    error = await bad.receive_json_from()
    assert error["code"] == "invalid_identity"
    assert await sync_to_async(AuditEvent.objects.filter(action="chat.identity_rejected").exists)()
    for c in (good, bad):
        await c.disconnect()


async def test_an_unanswerable_question_hands_off_after_the_bot_gives_up(shop, trained):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "u1", "text": "火星上明天天气怎么样"})
    first = await until(
        cust, lambda f: f.get("type") == "message" and f["sender"] in ("bot", "system")
    )
    if first["sender"] == "bot":  # "did you mean" first, then a person
        assert first["payload"]["handoff_offered"] and first["payload"]["suggestions"]
        await cust.send_json_to({"type": "message", "client_id": "u2", "text": "木星的卫星有几颗"})
    await until(cust, is_type("status", status="waiting"))
    conversation = await sync_to_async(Conversation.objects.get)()
    assert conversation.handoff_reason == "low_confidence"
    await cust.disconnect()


async def test_closing_the_last_console_sets_the_agent_offline(client, agent, shop):
    first, ok1, _ = await staff(client, agent)
    second, ok2, _ = await staff(client, agent)
    assert ok1 and ok2
    await first.send_json_to({"type": "presence", "status": "online"})
    await until(first, is_type("agents"))
    await first.disconnect()
    profile = await sync_to_async(AgentProfile.objects.get)(user=agent)
    assert profile.presence == "online"
    await second.disconnect()
    profile = await sync_to_async(AgentProfile.objects.get)(user=agent)
    assert profile.presence == "offline"


async def test_a_resend_of_a_message_the_bot_never_answered_gets_its_answer(shop, trained):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "first", "text": "你好"})
    await until(cust, is_type("ack"))
    await until(cust, lambda f: f.get("type") == "message" and f["sender"] != "customer")

    # The socket died right after storing the next question, before the bot's turn.
    @sync_to_async
    def stored_without_answer():
        conversation = Conversation.objects.get()
        session = services.CustomerSession(shop, "t", None, conversation)
        services.post_customer_message(session, "lost", "多久发货")

    await stored_without_answer()
    await cust.send_json_to({"type": "message", "client_id": "lost", "text": "多久发货"})
    answer = await until(
        cust,
        lambda f: (
            f.get("type") == "message" and f["sender"] == "bot" and f["text"] == "24 小时内发货"
        ),
    )
    assert answer["seq"] == 4
    await cust.send_json_to({"type": "message", "client_id": "lost", "text": "多久发货"})
    await until(cust, is_type("ack"))
    await cust.receive_nothing(timeout=0.5)  # answered once, not again
    await cust.disconnect()


async def test_a_database_outage_answers_with_a_retry_error_and_the_socket_survives(
    shop, trained, monkeypatch
):
    from django.db import OperationalError

    cust, _ = await customer(shop)
    # The consumer's receive_customer_message stores through this function.
    real_post = customer_actions.post_customer_message

    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(customer_actions, "post_customer_message", unreachable)
    await cust.send_json_to({"type": "message", "client_id": "m-1", "text": "多久发货"})
    error = await until(cust, is_type("error"))
    assert error["code"] == "temporarily_unavailable" and error["retry_after"] > 0

    # The database is back: the widget's resend of the same message goes through, once.
    monkeypatch.setattr(customer_actions, "post_customer_message", real_post)
    await cust.send_json_to({"type": "message", "client_id": "m-1", "text": "多久发货"})
    await until(cust, is_type("ack", client_id="m-1"))
    await until(cust, lambda f: f.get("type") == "message" and f["text"] == "24 小时内发货")
    assert await sync_to_async(Message.objects.filter(client_id="m-1").count)() == 1
    await cust.disconnect()


async def test_the_bot_still_answers_when_its_connection_drops_after_the_ack(
    shop, trained, monkeypatch
):
    from django.db import InterfaceError

    real_turn = services.bot_turn
    calls = []

    def drops_once(conversation, message):
        calls.append(message.client_id)
        if len(calls) == 1:
            raise InterfaceError("connection already closed")
        return real_turn(conversation, message)

    monkeypatch.setattr(services, "bot_turn", drops_once)
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "m-1", "text": "多久发货"})
    await until(cust, is_type("ack", client_id="m-1"))
    await until(cust, lambda f: f.get("type") == "message" and f["text"] == "24 小时内发货")
    await cust.receive_nothing(timeout=0.5)  # one answer, no error frame
    assert calls == ["m-1", "m-1"]
    bot_messages = await sync_to_async(Message.objects.filter(sender="bot").count)()
    assert bot_messages == 1
    await cust.disconnect()
