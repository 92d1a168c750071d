"""Security findings on the chat sockets (issue 17): frames of the wrong shape, floods of
typing and read frames, invalid messages that used to create conversations, bulk transcript
opens, and audit records from Celery tasks."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async as sync_to_async
from channels.layers import get_channel_layer

from accounts.roles import Role
from audit.context import AuditContext, bind, reset
from audit.models import AuditEvent
from audit.services import record
from audit.task_context import SYSTEM, context_for
from chatbot import console, live
from conversations.models import Conversation
from tests.chatbot.conftest import customer, staff, until

pytestmark = pytest.mark.django_db(transaction=True)


def error(code):
    return lambda f: f.get("type") == "error" and f["code"] == code


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "reveal", "conversation_id": 1, "field": ["phone"], "reason": "call back"},
        {"type": "reveal", "conversation_id": "1", "field": "phone", "reason": "call back"},
        {"type": "open", "conversation_id": [1]},
        {"type": "open", "conversation_id": True},
        {"type": "reply", "conversation_id": 1, "client_id": {"a": 1}, "text": "hi"},
        {"type": "typing", "conversation_id": 1, "is_typing": "yes"},
        {"type": "presence", "status": ["online"]},
        {"type": "transfer", "conversation_id": 1, "agent_id": 2.5},
    ],
)
async def test_a_console_frame_of_the_wrong_shape_is_an_error_frame_not_a_closed_socket(
    client, agent, frame
):
    console_socket, connected, _ = await staff(client, agent)
    assert connected
    await until(console_socket, lambda f: f.get("type") == "snapshot")
    await console_socket.send_json_to(frame)
    problem = await until(console_socket, error("invalid_field"))
    assert "must be" in problem["detail"]
    # The socket still works.
    await console_socket.send_json_to({"type": "presence", "status": "away"})
    await console_socket.send_json_to({"type": "open", "conversation_id": 999_999})
    await until(console_socket, lambda f: f.get("type") == "error" and f["code"] == "not_found")
    await console_socket.disconnect()


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "message", "client_id": ["m"], "text": "hi"},
        {"type": "message", "client_id": "m-1", "text": ["hi"]},
        {"type": "feedback", "seq": "2", "value": "up"},
        {"type": "csat", "score": 5, "comment": {"x": 1}},
        {"type": "verify_start", "address": ["+8613900000000"]},
        {"type": "preferences", "proactive_suggestions": "no"},
    ],
)
async def test_a_customer_frame_of_the_wrong_shape_is_an_error_frame(shop, trained, frame):
    cust, _ = await customer(shop)
    await cust.send_json_to(frame)
    await until(cust, error("invalid_field"))
    await cust.send_json_to({"type": "message", "client_id": "ok", "text": "多久发货"})
    await until(cust, lambda f: f.get("type") == "ack" and f["client_id"] == "ok")
    await cust.disconnect()


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "message", "client_id": "m-1", "text": "   "},
        {"type": "message", "client_id": "not valid!", "text": "hello"},
        {"type": "message", "text": "hello"},
        {"type": "message", "client_id": "m-1", "text": "x" * 2001},
    ],
)
async def test_an_invalid_message_creates_no_conversation(shop, trained, frame):
    cust, _ = await customer(shop)
    await cust.send_json_to(frame)
    await until(cust, error("invalid_field"))
    assert await sync_to_async(Conversation.objects.count)() == 0
    await cust.disconnect()


async def test_a_flood_of_typing_frames_is_not_relayed_to_the_agents(shop, trained):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "m-1", "text": "多久发货"})
    ack = await until(cust, lambda f: f.get("type") == "ack")
    conversation = await sync_to_async(Conversation.objects.get)()
    # An agent's console listening to the conversation (the group a watcher joins).
    layer = get_channel_layer()
    listener = await layer.new_channel()
    await layer.group_add(live.staff_group(conversation.pk), listener)
    for n in range(200):
        await cust.send_json_to({"type": "typing", "is_typing": n % 2 == 0})
    await cust.send_json_to({"type": "read", "seq": ack["seq"]})
    # The customer's socket answered each frame in turn; a message proves all were handled.
    await cust.send_json_to({"type": "message", "client_id": "m-2", "text": "运费多少钱"})
    await until(cust, lambda f: f.get("type") == "ack" and f["client_id"] == "m-2")
    relayed = 0
    while True:  # everything relayed before the message m-2, which ends the burst
        payload = (await layer.receive(listener)).get("payload", {})
        if payload.get("type") == "message" and payload.get("client_id") == "m-2":
            break
        relayed += payload.get("type") in ("typing", "read")
    assert relayed <= 15, relayed  # the burst allowance, not 200
    await layer.group_discard(live.staff_group(conversation.pk), listener)
    await cust.disconnect()


async def test_opening_many_transcripts_in_a_minute_alerts_supervisors(
    client, make_user, monkeypatch
):
    # A lower threshold keeps the burst within the frame rate limit (5 a second, 20 at once),
    # which would otherwise make the test wait out the pace a human reader has anyway.
    monkeypatch.setattr(console, "BULK_OPEN_THRESHOLD", 8)
    agent = await sync_to_async(make_user)("bulk-reader", Role.AGENT)
    supervisor = await sync_to_async(make_user)("sue", Role.SUPERVISOR)
    watching, connected, _ = await staff(client, supervisor)
    assert connected
    await until(watching, lambda f: f.get("type") == "snapshot")
    reader, connected, _ = await staff(client, agent)
    assert connected
    await until(reader, lambda f: f.get("type") == "snapshot")
    opened = 0
    for conversation_id in range(1, console.BULK_OPEN_THRESHOLD + 2):
        await reader.send_json_to({"type": "open", "conversation_id": conversation_id})
        reply = await until(reader, lambda f: f.get("type") == "error")
        opened += reply["code"] == "not_found"
    assert opened == console.BULK_OPEN_THRESHOLD + 1
    alert = await until(watching, lambda f: f.get("type") == "alert", timeout=10)
    assert alert["kind"] == "bulk_open" and alert["agent_name"] == "bulk-reader"
    event = await sync_to_async(AuditEvent.objects.get)(action="chat.bulk_open")
    assert event.actor_id == agent.pk and event.changes["conversations"] == 9
    await reader.disconnect()
    await watching.disconnect()


def test_the_open_frame_is_rate_limited_like_other_actions():
    from chatbot.consumers import ConsoleConsumer

    assert "open" in ConsoleConsumer.limited_types


def test_a_celery_task_records_the_user_who_queued_it_or_system(make_user):
    user = make_user("tasker", Role.SUPERVISOR)
    token = bind(context_for(user.pk))
    try:
        by_user = record("test.task_action")
    finally:
        reset(token)
    token = bind(context_for(None))
    try:
        scheduled = record("test.task_action")
    finally:
        reset(token)
    assert (by_user.actor_id, by_user.actor_role) == (user.pk, "supervisor")
    assert (scheduled.actor_id, scheduled.actor_repr) == (None, SYSTEM)


def test_the_task_message_carries_the_user_of_the_request_that_queued_it(make_user):
    from audit.task_context import HEADER, stamp_task

    user = make_user("sender", Role.AGENT)
    headers: dict = {}
    token = bind(AuditContext(user=user, ip_address="198.51.100.7"))
    try:
        stamp_task(headers=headers)
    finally:
        reset(token)
    assert headers == {HEADER: user.pk}
    empty: dict = {}
    stamp_task(headers=empty)
    assert empty == {}


async def test_a_read_receipt_racing_the_close_is_not_an_error(client, agent, shop, trained):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "m1", "text": "多久发货"})
    await until(cust, lambda f: f.get("type") == "ack")
    await cust.send_json_to({"type": "handoff"})
    await until(cust, lambda f: f.get("status") == "waiting")
    console_socket, connected, _ = await staff(client, agent)
    assert connected
    await console_socket.send_json_to({"type": "presence", "status": "online"})
    held = await until(
        console_socket, lambda f: f.get("type") == "conversation" and f["status"] == "assigned"
    )
    await console_socket.send_json_to({"type": "close", "conversation_id": held["id"]})
    await until(
        console_socket, lambda f: f.get("type") == "conversation" and f["status"] == "closed"
    )
    # Sent by a console that had not yet heard of the close.
    await console_socket.send_json_to({"type": "read", "conversation_id": held["id"], "seq": 3})
    await console_socket.send_json_to(
        {"type": "typing", "conversation_id": held["id"], "is_typing": False}
    )
    await console_socket.send_json_to({"type": "open", "conversation_id": 999_999})
    first_error = await until(console_socket, lambda f: f.get("type") == "error")
    assert first_error["code"] == "not_found", first_error  # nothing said about the receipts
    await console_socket.disconnect()
    await cust.disconnect()
