"""A console acts on each message with what it knows of the conversation (it sends a read
receipt while it holds it), so it must hear of a change of state before the message that comes
with it (issue 18 item 1: a read sent on the close's "rate us" message was refused)."""

import pytest

from tests.chatbot.conftest import customer, staff, until

pytestmark = pytest.mark.django_db(transaction=True)


def is_type(kind, **fields):
    return lambda f: f.get("type") == kind and all(f.get(k) == v for k, v in fields.items())


async def test_the_console_hears_of_the_close_before_the_closing_message(
    client, shop, trained, agent
):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "c-1", "text": "包邮吗？"})
    await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "bot")
    await cust.send_json_to({"type": "handoff"})
    await until(cust, is_type("status", status="waiting"))

    console, connected, _ = await staff(client, agent)
    assert connected
    await until(console, is_type("snapshot"))
    await console.send_json_to({"type": "presence", "status": "online"})
    assigned = await until(console, is_type("conversation", status="assigned"))
    await console.send_json_to({"type": "open", "conversation_id": assigned["id"]})
    await until(console, is_type("transcript"))

    await console.send_json_to({"type": "close", "conversation_id": assigned["id"]})
    closing = await until(
        console,
        lambda f: (
            f.get("type") in ("conversation", "message")
            and (f.get("status") == "closed" or (f.get("payload") or {}).get("csat_requested"))
        ),
    )
    assert closing["type"] == "conversation", "the closing message came before the new status"
    await cust.disconnect()
    await console.disconnect()
