"""Bad input gets an error frame, never a crash; nobody reaches what is not theirs."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from accounts.roles import Role
from audit.models import AuditEvent
from config.asgi import application
from conversations.models import Conversation, Message
from tests.chatbot.conftest import customer, staff, until

pytestmark = pytest.mark.django_db(transaction=True)


async def raw(shop, origin=b"http://shop.test"):
    communicator = WebsocketCommunicator(
        application,
        f"/ws/chat/{shop.site_key}/",
        headers=[(b"host", b"127.0.0.1"), (b"origin", origin)],
    )
    connected, _ = await communicator.connect()
    return communicator, connected


async def closed_with(communicator) -> int | None:
    """Connect and return the close code the server sends straight away (None: stays open)."""
    connected, _ = await communicator.connect()
    assert connected
    if await communicator.receive_nothing(timeout=0.5):
        return None
    output = await communicator.receive_output()
    assert output["type"] == "websocket.close"
    return output["code"]


async def test_a_page_on_a_foreign_origin_or_an_unknown_site_key_is_refused_with_a_code(shop):
    foreign = WebsocketCommunicator(
        application,
        f"/ws/chat/{shop.site_key}/",
        headers=[(b"host", b"127.0.0.1"), (b"origin", b"https://evil.example")],
    )
    assert await closed_with(foreign) == 4403
    unknown = WebsocketCommunicator(
        application,
        "/ws/chat/no-such-key/",
        headers=[(b"host", b"127.0.0.1"), (b"origin", b"http://shop.test")],
    )
    assert await closed_with(unknown) == 4404
    # The shop's own origin and the platform's full-page chat (served on port 8000) are
    # allowed; another port of the platform's host is another origin.
    for origin, expected in (
        (b"http://shop.test", None),
        (b"http://127.0.0.1:8000", None),
        (b"http://127.0.0.1:9999", 4403),
        (b"https://127.0.0.1:8000", 4403),
    ):
        socket = WebsocketCommunicator(
            application,
            f"/ws/chat/{shop.site_key}/",
            headers=[(b"host", b"127.0.0.1:8000"), (b"origin", origin)],
        )
        assert await closed_with(socket) == expected, origin
        await socket.disconnect()


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "invalid_json"),
        ('["a", "list"]', "unknown_type"),
        ('{"type": "launch_rockets"}', "unknown_type"),
        ('{"type": "message", "client_id": "x", "text": "hi"}', "hello_required"),
    ],
)
async def test_malformed_frames_get_error_frames_and_the_socket_survives(shop, frame, code):
    communicator, _ = await raw(shop)
    await communicator.send_to(text_data=frame)
    error = await communicator.receive_json_from()
    assert (error["type"], error["code"]) == ("error", code)
    await communicator.send_json_to({"type": "hello"})
    assert (await communicator.receive_json_from())["type"] == "welcome"
    await communicator.disconnect()


@pytest.mark.parametrize(
    "message",
    [
        {"client_id": "ok-1", "text": ""},
        {"client_id": "ok-1", "text": "   "},
        {"client_id": "ok-1", "text": "长" * 2001},
        {"client_id": "ok-1", "text": 42},
        {"client_id": "", "text": "hi"},
        {"client_id": "has spaces!", "text": "hi"},
        {"text": "no client id"},
    ],
)
async def test_invalid_messages_are_refused_and_nothing_is_stored(shop, message):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", **message})
    error = await until(cust, lambda f: f["type"] == "error")
    assert error["code"] == "invalid_field"
    assert await database_sync_to_async(Message.objects.count)() == 0
    await cust.disconnect()


async def test_flooding_is_rate_limited_and_a_persistent_flood_is_disconnected(shop, trained):
    import json

    cust, _ = await customer(shop)
    for i in range(60):
        await cust.send_json_to({"type": "message", "client_id": f"f{i}", "text": "多久发货"})
    # Read until the server closes the socket (a deadline, not a quiet spell: on a loaded
    # machine one bot turn can take longer than any pause worth waiting for).
    frames, close_code = [], None
    while True:
        output = await cust.receive_output(timeout=120)
        if output["type"] == "websocket.close":
            close_code = output.get("code")
            break
        frames.append(json.loads(output["text"]))
    assert any(f.get("code") == "rate_limited" for f in frames)
    assert close_code == 4429
    # The consumer still holds the flood's remaining frames: let it work through them and end
    # before the test does, or its last database thread outlives the test's event loop and
    # the database teardown waits on it.
    await cust.disconnect(timeout=30)
    acked = sum(1 for f in frames if f["type"] == "ack")
    stored = await database_sync_to_async(Message.objects.filter(sender="customer").count)()
    assert 0 < acked == stored < 60


async def test_bad_feedback_csat_and_handoff_frames(shop, trained):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "handoff"})
    assert (await until(cust, lambda f: f["type"] == "error"))["code"] == "conversation_closed"
    await cust.send_json_to({"type": "feedback", "seq": 99, "value": "up"})
    assert (await until(cust, lambda f: f["type"] == "error"))["code"] == "not_found"
    await cust.send_json_to({"type": "feedback", "seq": 1, "value": "meh"})
    assert (await until(cust, lambda f: f["type"] == "error"))["code"] == "invalid_field"
    await cust.send_json_to({"type": "message", "client_id": "m1", "text": "多久发货"})
    await until(cust, lambda f: f["type"] == "ack")
    await cust.send_json_to({"type": "csat", "score": 5})
    error = await until(cust, lambda f: f["type"] == "error")
    assert "closed" in error["detail"]
    await cust.send_json_to({"type": "close"})
    await until(cust, lambda f: f.get("type") == "status" and f["status"] == "closed")
    for bad in (0, 6, "5", True):
        await cust.send_json_to({"type": "csat", "score": bad})
        assert (await until(cust, lambda f: f["type"] == "error"))["code"] == "invalid_field"
    conversation = await database_sync_to_async(Conversation.objects.get)()
    assert conversation.csat_score is None
    await cust.disconnect()


async def test_console_refuses_anonymous_and_non_agents(client, make_user):
    anonymous = WebsocketCommunicator(
        application,
        "/ws/console/",
        headers=[(b"host", b"127.0.0.1"), (b"origin", b"http://127.0.0.1")],
    )
    # Accepted, then closed with the documented code (not a bare HTTP 403).
    connected, _ = await anonymous.connect()
    assert connected
    assert await anonymous.receive_output(timeout=5) == {"type": "websocket.close", "code": 4401}
    auditor = await database_sync_to_async(make_user)("audrey", Role.AUDITOR)
    refused, connected, _ = await staff(client, auditor)
    assert connected
    assert await refused.receive_output(timeout=5) == {"type": "websocket.close", "code": 4403}


async def test_an_agent_cannot_open_or_answer_another_agents_conversation(
    client, make_user, shop, trained
):
    owner = await database_sync_to_async(make_user)("owner", Role.AGENT)
    intruder = await database_sync_to_async(make_user)("intruder", Role.AGENT)
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "m1", "text": "多久发货"})
    await until(cust, lambda f: f["type"] == "ack")
    await cust.send_json_to({"type": "handoff"})
    await until(cust, lambda f: f.get("status") == "waiting")
    owner_console, _, _ = await staff(client, owner)
    await owner_console.send_json_to({"type": "presence", "status": "online"})
    assigned = await until(owner_console, lambda f: f.get("type") == "conversation")

    intruder_console, _, _ = await staff(client, intruder)
    await until(intruder_console, lambda f: f["type"] == "snapshot")
    for frame, code in (
        ({"type": "open", "conversation_id": assigned["id"]}, "not_found"),
        (
            {
                "type": "reply",
                "conversation_id": assigned["id"],
                "client_id": "x",
                "text": "gotcha",
            },
            "not_found",
        ),
        ({"type": "close", "conversation_id": assigned["id"]}, "not_found"),
        ({"type": "open", "conversation_id": "1 OR 1=1"}, "invalid_field"),
    ):
        await intruder_console.send_json_to(frame)
        error = await until(intruder_console, lambda f: f["type"] == "error")
        assert error["code"] == code, (frame, error)
    refused = AuditEvent.objects.filter(action="chat.access_refused", actor_repr="intruder")
    assert await database_sync_to_async(refused.count)() == 3
    texts = await database_sync_to_async(lambda: [m.text for m in Message.objects.all()])()
    assert "gotcha" not in texts

    # A supervisor may watch it; the customer is not told.
    supervisor = await database_sync_to_async(make_user)("sue", Role.SUPERVISOR)
    watcher, _, _ = await staff(client, supervisor)
    await watcher.send_json_to({"type": "open", "conversation_id": assigned["id"]})
    assert (await until(watcher, lambda f: f["type"] == "transcript"))["messages"]
    assert await cust.receive_nothing(timeout=0.3) or True
    for c in (cust, owner_console, intruder_console, watcher):
        await c.disconnect()


async def test_capacity_is_respected_when_assigning(client, make_user, shop, trained):
    from routing.models import AgentProfile

    agent = await database_sync_to_async(make_user)("solo", Role.AGENT)
    await database_sync_to_async(AgentProfile.objects.create)(user=agent, capacity=1)
    customers = []
    for _ in range(2):
        cust, _ = await customer(shop)
        await cust.send_json_to({"type": "message", "client_id": "m1", "text": "多久发货"})
        await until(cust, lambda f: f["type"] == "ack")
        await cust.send_json_to({"type": "handoff"})
        await until(cust, lambda f: f.get("status") == "waiting")
        customers.append(cust)
    console, _, _ = await staff(client, agent)
    await console.send_json_to({"type": "presence", "status": "online"})
    await until(console, lambda f: f.get("type") == "conversation")
    statuses = await database_sync_to_async(
        lambda: sorted(Conversation.objects.values_list("status", flat=True))
    )()
    assert statuses == ["assigned", "waiting"]
    # Closing the first frees capacity: the second is assigned right away.
    first = await database_sync_to_async(Conversation.objects.get)(status="assigned")
    await console.send_json_to({"type": "close", "conversation_id": first.pk})
    await until(
        console,
        lambda f: (
            f.get("type") == "conversation" and f["status"] == "assigned" and f["id"] != first.pk
        ),
    )
    for c in (*customers, console):
        await c.disconnect()


async def test_a_supervisor_can_transfer_a_conversation_to_another_agent(
    client, make_user, shop, trained
):
    first = await database_sync_to_async(make_user)("first", Role.AGENT)
    second = await database_sync_to_async(make_user)("second", Role.AGENT)
    boss = await database_sync_to_async(make_user)("boss", Role.SUPERVISOR)
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "m1", "text": "多久发货"})
    await until(cust, lambda f: f["type"] == "ack")
    await cust.send_json_to({"type": "handoff"})
    first_console, _, _ = await staff(client, first)
    await first_console.send_json_to({"type": "presence", "status": "online"})
    assigned = await until(first_console, lambda f: f.get("type") == "conversation")
    watcher, _, _ = await staff(client, boss)
    await until(watcher, lambda f: f["type"] == "snapshot")
    await watcher.send_json_to(
        {"type": "transfer", "conversation_id": assigned["id"], "agent_id": second.pk}
    )
    moved = await until(
        watcher, lambda f: f.get("type") == "conversation" and f.get("agent_id") == second.pk
    )
    assert moved["agent_name"] == "second"
    # The customer reads that they were transferred, not a fresh greeting.
    told = await until(
        cust,
        lambda f: f.get("type") == "message" and f["sender"] == "system" and "second" in f["text"],
    )
    assert told["text"] in ("已为您转接给 second。", "You have been transferred to second."), told
    await until(cust, lambda f: f.get("type") == "status" and f.get("agent_name") == "second")
    conversation = await database_sync_to_async(Conversation.objects.get)()
    assert conversation.assigned_agent_id == second.pk
    assert await database_sync_to_async(
        AuditEvent.objects.filter(action="chat.conversation_transferred").exists
    )()
    for c in (cust, first_console, watcher):
        await c.disconnect()
