"""Two daphnes serving the bot: an editor publishes a new entry and both answer it, told by the
announcement of the new model rather than by their (here hourly) poll."""

from __future__ import annotations

import re

import pytest

from knowledge.models import AnswerModel, Category, Status
from knowledge.services import change_status
from tests.knowledge.conftest import make_entry
from tests.processes import Daphne
from tests.scale.conftest import customer_socket, hello, wait_for

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]


def bot_reply(server: Daphne, shop, text: str) -> str | None:
    """A new customer on ``server`` asks ``text``: the bot's answer, None when it had none."""
    sock = customer_socket(server, shop)
    try:
        hello(sock)
        sock.send({"type": "message", "client_id": "q-1", "text": text})
        frame = sock.until(
            lambda f: (
                (f.get("type") == "message" and f.get("sender") == "bot")
                or (f.get("type") == "status" and f.get("status") == "waiting")
            )
        )
    finally:
        sock.close()
    answered = frame.get("type") == "message" and frame["payload"].get("entry_id")
    return frame["text"] if answered else None


def test_both_daphnes_answer_a_published_entry_through_the_announcement(
    shop, trained, start_daphne, make_user
):
    # With an hourly poll, only the announcement can bring the new model in time.
    a = start_daphne("a", ANSWER_MODEL_POLL_SECONDS="3600")
    b = start_daphne("b", ANSWER_MODEL_POLL_SECONDS="3600")
    for server in (a, b):  # each loads v1 with its first question
        assert bot_reply(server, shop, "包邮吗") == "满 99 元包邮"
        assert bot_reply(server, shop, "你们有实体店吗") is None
    v1 = AnswerModel.objects.latest().pk

    entry = make_entry(
        Category.objects.get(name="Shipping"),
        "你们有实体店吗",
        "目前只有网店",
        similar=["线下门店在哪", "有没有门店"],
    )
    change_status([entry], Status.PUBLISHED, make_user("publisher"))  # retrains inline
    v2 = AnswerModel.objects.latest().pk
    assert v2 != v1

    for server in (a, b):
        wait_for(
            lambda server=server: bot_reply(server, shop, "线下有门店吗") == "目前只有网店",
            timeout=60,
            what=f"daphne on port {server.port} to answer the new entry",
        )
        # The daphne says why it loaded v2: the announcement, not its poll.
        loaded = rf"answer model v{v2} in service \(loaded in [0-9.]+s, announced\)"
        assert re.search(loaded, server.tail(100_000)), server.tail()
