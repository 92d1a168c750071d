"""Sockets that nobody uses for a while must stay open: a customer reading a long answer, an
agent whose queue is empty. The channel layer's own receive loop once closed every idle socket
after 5-20 s (a Redis read timeout as short as its blocking pop), and no test stayed idle."""

from __future__ import annotations

import asyncio
import json
import re
import time

import pytest
from websockets.asyncio.client import connect

from tests.factories import SHOP_ORIGIN
from tests.scale.conftest import customer_socket, hello, is_type

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]

# What daphne logs when a consumer dies; an idle socket must never cause one of these. The
# start-up probe's 503 from /healthz (no Celery worker in these tests) is not one.
SERVER_ERROR = re.compile(
    r"Traceback|Exception inside application"
    r"|ERROR (?!django\.request: Service Unavailable: /healthz)"
)


def assert_log_clean(server) -> None:
    log = server.log.read_text(errors="replace")
    assert not SERVER_ERROR.search(log), log[-3000:]


def test_idle_customer_and_console_sockets_stay_open_for_a_minute(
    shop, start_daphne, console_socket
):
    server = start_daphne("idle")
    customer = customer_socket(server, shop)
    hello(customer)
    console = console_socket(server)
    console.until(is_type("snapshot"))

    # A minute of silence on both: any close, from the server or the layer, ends the drain early
    # with ConnectionClosed and fails the test.
    deadline = time.monotonic() + 60
    while (remaining := deadline - time.monotonic()) > 0:
        customer.drain(min(remaining, 5))
        console.drain(0)

    # Still open both ways: the customer is answered, the console still hears the server.
    customer.send({"type": "message", "client_id": "after-idle", "text": "我要找人工客服"})
    customer.until(is_type("ack", client_id="after-idle"))
    customer.until(lambda f: f.get("type") == "message" and f.get("sender") != "customer")
    console.send({"type": "presence", "status": "online"})
    console.until(lambda f: f.get("type") in ("agents", "conversation", "queue"))
    assert_log_clean(server)


SOAK_SOCKETS = 200
SOAK_SECONDS = 120
QUESTION_EVERY = 30


async def _soak_customer(url: str, index: int, started: float) -> dict[str, int]:
    """One customer: hello, then a question every 30 s for two minutes. Counts what it saw."""
    seen = {"asked": 0, "acks": 0, "answers": 0}
    async with connect(url, additional_headers={"Origin": SHOP_ORIGIN}, open_timeout=60) as ws:

        async def read_until(moment: float) -> None:
            while (wait := moment - time.monotonic()) > 0:
                try:
                    frame = json.loads(await asyncio.wait_for(ws.recv(), wait))
                except TimeoutError:
                    return
                if frame.get("type") == "ack":
                    seen["acks"] += 1
                elif frame.get("type") == "message" and frame.get("sender") == "bot":
                    seen["answers"] += 1

        await ws.send(json.dumps({"type": "hello"}))
        # Spread the questions over the interval, as real customers would be.
        moment = started + index * QUESTION_EVERY / SOAK_SOCKETS
        while moment < started + SOAK_SECONDS:
            await read_until(moment)
            seen["asked"] += 1
            frame = {"type": "message", "client_id": f"q{seen['asked']}", "text": "运费多少钱"}
            await ws.send(json.dumps(frame))
            moment += QUESTION_EVERY
        # The last answer may still be on its way.
        deadline = time.monotonic() + 30
        while seen["answers"] < seen["asked"] and time.monotonic() < deadline:
            await read_until(min(deadline, time.monotonic() + 0.5))
    return seen


def test_soak_200_idle_customers_asking_every_30_seconds(shop, trained, start_daphne):
    server = start_daphne("soak")
    url = f"{server.ws_url}/ws/chat/{shop.site_key}/"

    async def soak() -> list[dict[str, int]]:
        started = time.monotonic()
        return await asyncio.gather(
            *(_soak_customer(url, i, started) for i in range(SOAK_SOCKETS))
        )

    results = asyncio.run(soak())
    # Every socket stayed open for the whole two minutes (a close raises inside its task) and
    # got an ack and an answer for each of its four questions.
    questions = SOAK_SECONDS // QUESTION_EVERY
    expected = {"asked": questions, "acks": questions, "answers": questions}
    short = [(i, seen) for i, seen in enumerate(results) if seen != expected]
    assert not short, f"{len(short)} sockets fell short: {short[:10]}"
    assert_log_clean(server)
