"""Length fuzz of every inbound path: a customer may paste a long story. Up to the protocol's
2,000 characters it is stored and answered (from its beginning); beyond, the socket says why
and stays usable; a channel (SMS here, WeChat in tests/gateway) cuts it and answers."""

from __future__ import annotations

import pytest

from conversations.models import Message
from tests.chatbot.conftest import customer, until

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "运费多少钱？"
FILLER = "我想再多说几句。"


def long_text(length: int) -> str:
    return (QUESTION + FILLER * (length // len(FILLER) + 1))[:length]


async def test_every_length_up_to_ten_thousand_gets_an_answer_or_a_clear_error(shop, trained):
    cust, _ = await customer(shop)
    for n, length in enumerate([0, 6, 999, 1000, 1001, 1500, 1999, 2000, 2001, 5000, 10_000]):
        client_id = f"len-{n}"
        await cust.send_json_to(
            {"type": "message", "client_id": client_id, "text": long_text(length)}
        )
        if 0 < length <= 2000:
            await until(cust, lambda f, c=client_id: f.get("type") == "ack" and f["client_id"] == c)
            reply = await until(
                cust, lambda f: f.get("type") == "message" and f["sender"] in ("bot", "system")
            )
            if length >= len(QUESTION):
                assert reply["text"] == "满 99 元包邮", (length, reply)
        else:
            error = await until(cust, lambda f: f.get("type") == "error")
            assert error["code"] == "invalid_field", (length, error)
    # Still the same open socket: nothing was refused by closing it.
    await cust.send_json_to({"type": "message", "client_id": "after", "text": QUESTION})
    await until(cust, lambda f: f.get("type") == "ack" and f["client_id"] == "after")
    stored = {m.client_id for m in await _customer_messages()}
    assert "len-0" not in stored and "len-8" not in stored and "len-7" in stored
    await cust.disconnect()


async def _customer_messages() -> list[Message]:
    from channels.db import database_sync_to_async

    return await database_sync_to_async(lambda: list(Message.objects.filter(sender="customer")))()
