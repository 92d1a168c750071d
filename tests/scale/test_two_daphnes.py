"""Two daphne processes behind one database and one Redis: a customer on one, the agent on the
other, and every message reaches the other side live, exactly once."""

from __future__ import annotations

import pytest

from conversations.models import Conversation, Message
from tests.scale.conftest import (
    assert_exactly_once,
    customer_socket,
    hello,
    is_type,
    message_from,
)

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]


def public_seqs(conversation_id: int) -> list[int]:
    return list(
        Message.objects.filter(conversation_id=conversation_id, is_private=False)
        .order_by("seq")
        .values_list("seq", flat=True)
    )


def test_customer_on_one_daphne_agent_on_another(shop, start_daphne, console_socket):
    a, b = start_daphne("a"), start_daphne("b")
    assert a.port != b.port

    customer = customer_socket(a, shop)
    welcome = hello(customer)
    assert welcome["conversation_id"] is None
    customer.send({"type": "message", "client_id": "c-1", "text": "我要找人工客服"})
    assert customer.until(is_type("ack", client_id="c-1"))["seq"] == 1
    customer.send({"type": "handoff"})
    customer.until(is_type("status", status="waiting"))

    console = console_socket(b)
    console.until(is_type("snapshot"))
    console.send({"type": "presence", "status": "online"})
    assigned = console.until(
        lambda f: f.get("type") == "conversation" and f["status"] == "assigned"
    )
    conversation_id = assigned["id"]
    customer.until(is_type("status", status="assigned"))

    console.send({"type": "open", "conversation_id": conversation_id})
    console.until(is_type("transcript"))
    for n in range(1, 4):
        # Agent (B) → customer (A), live.
        console.send(
            {
                "type": "reply",
                "conversation_id": conversation_id,
                "client_id": f"r-{n}",
                "text": f"agent says {n}",
            }
        )
        ack = console.until(is_type("ack", client_id=f"r-{n}"))
        got = customer.until(message_from("agent", text=f"agent says {n}"))
        assert got["seq"] == ack["seq"]
        # Customer (A) → agent (B), live.
        customer.send({"type": "message", "client_id": f"c-{n + 1}", "text": f"customer {n}"})
        ack = customer.until(is_type("ack", client_id=f"c-{n + 1}"))
        got = console.until(message_from("customer", text=f"customer {n}"))
        assert got["seq"] == ack["seq"] and got["conversation_id"] == conversation_id

    customer.drain(0.5)
    console.drain(0.5)
    seqs = public_seqs(conversation_id)
    assert seqs == list(range(1, len(seqs) + 1))
    assert Conversation.objects.get(pk=conversation_id).last_seq == seqs[-1]
    customer_ids = list(
        Message.objects.filter(conversation_id=conversation_id, sender="customer").values_list(
            "client_id", flat=True
        )
    )
    assert sorted(customer_ids) == ["c-1", "c-2", "c-3", "c-4"]
    assert_exactly_once(customer, seqs, label="customer on A")
    assert_exactly_once(console, seqs, label="agent on B")
    customer.close()
    console.close()
    assert a.alive and b.alive
