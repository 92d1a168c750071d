"""Faults in a scaled-out deployment: a daphne restarting, Redis going away, a Celery worker
killed mid-retrain, PostgreSQL dropping connections. Nothing a customer sent may be lost or
stored twice."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from websockets.exceptions import ConnectionClosed

from conversations.models import Message
from tests.processes import Daphne, RedisServer, start_celery_worker
from tests.scale.conftest import (
    ARTIFACTS,
    Socket,
    assert_exactly_once,
    customer_socket,
    hello,
    is_type,
    message_from,
    wait_for,
)

T = TypeVar("T")

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]


def public_seqs(conversation_id: int) -> list[int]:
    return list(
        Message.objects.filter(conversation_id=conversation_id, is_private=False)
        .order_by("seq")
        .values_list("seq", flat=True)
    )


def customer_client_ids(conversation_id: int) -> list[str]:
    return sorted(
        Message.objects.filter(conversation_id=conversation_id, sender="customer").values_list(
            "client_id", flat=True
        )
    )


def last_seq(sock: Socket) -> int:
    return max((m["seq"] for m in sock.messages()), default=0)


def assigned_conversation(customer: Socket, console: Socket) -> int:
    """The customer asks for a person, the agent goes online and opens the conversation."""
    customer.send({"type": "message", "client_id": "c-1", "text": "我要找人工客服"})
    customer.until(is_type("ack", client_id="c-1"))
    customer.send({"type": "handoff"})
    customer.until(is_type("status", status="waiting"))
    console.until(is_type("snapshot"))
    console.send({"type": "presence", "status": "online"})
    assigned = console.until(
        lambda f: f.get("type") == "conversation" and f["status"] == "assigned"
    )
    customer.until(is_type("status", status="assigned"))
    console.send({"type": "open", "conversation_id": assigned["id"]})
    console.until(is_type("transcript"))
    return assigned["id"]


def healthz(server: Daphne) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def retrying(attempt: Callable[[], T], timeout: float = 30) -> T:
    """What the widget and the console do: reconnect with back-off until it works."""
    deadline = time.monotonic() + timeout
    delay = 0.25
    while True:
        try:
            return attempt()
        except (ConnectionClosed, OSError, AssertionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(delay)  # back-off between attempts, as the protocol asks
            delay = min(delay * 2, 2)


def reconnect_customer(server: Daphne, shop, token: str, history: Socket) -> tuple[Socket, dict]:
    """Reconnect until a ``welcome`` arrives, sending ``hello`` with the visitor token and the
    last seq seen. Frames carry on in ``history``'s list."""

    def attempt() -> tuple[Socket, dict]:
        sock = customer_socket(server, shop)
        sock.frames = history.frames
        try:
            return sock, hello(sock, visitor_token=token, after_seq=last_seq(history), timeout=5)
        except AssertionError:
            sock.close()
            raise

    return retrying(attempt)


def reply(console: Socket, conversation_id: int, client_id: str, text: str) -> int:
    console.send(
        {"type": "reply", "conversation_id": conversation_id, "client_id": client_id, "text": text}
    )
    return console.until(is_type("ack", client_id=client_id))["seq"]


def test_daphne_restart_mid_conversation(shop, start_daphne, console_socket):
    a, b = start_daphne("a"), start_daphne("b")
    customer = customer_socket(a, shop)
    token = hello(customer)["visitor_token"]
    console = console_socket(b)
    conversation_id = assigned_conversation(customer, console)
    reply(console, conversation_id, "r-1", "hello from the agent")
    customer.until(message_from("agent", text="hello from the agent"))
    customer.send({"type": "message", "client_id": "c-2", "text": "my parcel is late"})
    c2 = customer.until(is_type("ack", client_id="c-2"))["seq"]
    console.until(message_from("customer", text="my parcel is late"))

    # A deploy restarts daphne A (SIGTERM). It closes its sockets with 1012 "service restart"
    # and the client reconnects (docs/chat-protocol.md, "Server restarts"). Events still on
    # their way to A (here, maybe the echo of c-2) are not delivered live.
    assert a.stop() == 0
    assert customer.wait_closed() == 1012
    before = customer
    seen = last_seq(before)

    # While A is down the agent answers (stored, not delivered), and the customer types a
    # message the widget keeps as unacknowledged. The ack of c-2 is treated as lost too.
    r2 = reply(console, conversation_id, "r-2", "I am checking your parcel")
    unacked = [("c-2", "my parcel is late"), ("c-3", "thanks, waiting")]

    a.start()
    customer = customer_socket(a, shop)
    customer.frames = before.frames  # one client, one history of frames
    welcome = hello(customer, visitor_token=token, after_seq=seen)
    assert welcome["conversation_id"] == conversation_id
    # Everything after what the client had seen, from PostgreSQL: at least the reply sent
    # while A was down.
    assert [m["seq"] for m in welcome["messages"]] == list(range(seen + 1, r2 + 1))
    for client_id, text in unacked:
        customer.send({"type": "message", "client_id": client_id, "text": text})
    assert customer.until(is_type("ack", client_id="c-2"))["seq"] == c2  # stored once
    c3 = customer.until(is_type("ack", client_id="c-3"))["seq"]
    assert console.until(message_from("customer", text="thanks, waiting"))["seq"] == c3
    customer.until(lambda f: f.get("type") == "message" and f.get("seq") == c3)
    r3 = reply(console, conversation_id, "r-3", "it arrives tomorrow")
    assert customer.until(message_from("agent", text="it arrives tomorrow"))["seq"] == r3

    customer.drain(0.5)
    console.drain(0.5)
    seqs = public_seqs(conversation_id)
    assert seqs == list(range(1, len(seqs) + 1))
    assert customer_client_ids(conversation_id) == ["c-1", "c-2", "c-3"]
    assert_exactly_once(customer, seqs, label="customer (reconnected to A)")
    assert_exactly_once(console, seqs, label="agent on B")
    assert b.alive and a.alive


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A private redis-server: this test kills it. The machine's shared one is never touched."""
    ARTIFACTS.mkdir(exist_ok=True)
    server = RedisServer(ARTIFACTS / "redis-faults.log")
    server.start()
    yield server
    server.kill()


def test_redis_outage_mid_conversation(shop, start_daphne, console_socket, own_redis):
    env = {"REDIS_URL": own_redis.url}
    a, b = start_daphne("a", **env), start_daphne("b", **env)
    customer = customer_socket(a, shop)
    token = hello(customer)["visitor_token"]
    console = console_socket(b)
    conversation_id = assigned_conversation(customer, console)
    reply(console, conversation_id, "r-1", "hello from the agent")
    customer.until(message_from("agent", text="hello from the agent"))

    # Redis dies: every socket's channel-layer receive fails, and daphne closes the sockets
    # with 1011 (internal error); the processes keep running and /healthz says why.
    own_redis.kill()
    assert customer.wait_closed() == 1011
    assert console.wait_closed() == 1011
    status, body = healthz(a)
    assert status == 503 and body["checks"]["redis"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True

    # The customer types while Redis is down; the client cannot get an ack (the reconnect
    # fails, or the message is stored but its socket closes before the ack), so it keeps
    # the message as unacknowledged.
    outbox = [("c-2", "sent while redis was down")]
    try:
        attempt = customer_socket(a, shop)
        attempt.send({"type": "hello", "visitor_token": token, "after_seq": last_seq(customer)})
        attempt.send({"type": "message", "client_id": "c-2", "text": outbox[0][1]})
        attempt.frames = customer.frames
        attempt.wait_closed(timeout=10)
    except (ConnectionClosed, OSError):
        pass
    acked_during_outage = [f for f in customer.frames if f.get("type") == "ack"][1:]
    assert not acked_during_outage
    assert a.alive and b.alive

    own_redis.start()  # same port, empty: no groups, no queued events survive
    history = customer
    customer, welcome = reconnect_customer(a, shop, token, history)
    assert welcome["conversation_id"] == conversation_id
    for client_id, text in outbox:
        customer.send({"type": "message", "client_id": client_id, "text": text})
    c2 = customer.until(is_type("ack", client_id="c-2"))["seq"]

    # The agent's console reconnects too and reopens the conversation.
    # (The first connection after the restart may still fail: a pooled connection to the old
    # Redis is found dead on first use. Clients retry, as they do for any 1011.)
    def open_console() -> tuple[Socket, dict]:
        sock = console_socket(b)
        try:
            sock.until(is_type("snapshot"), timeout=5)
            sock.send({"type": "presence", "status": "online"})
            sock.send({"type": "open", "conversation_id": conversation_id})
            return sock, sock.until(is_type("transcript"), timeout=5)
        except AssertionError:
            sock.close()
            raise

    console, transcript = retrying(open_console)
    if c2 not in [m["seq"] for m in transcript["messages"]]:
        console.until(message_from("customer", seq=c2))
    r2 = reply(console, conversation_id, "r-2", "sorry for the wait")
    assert customer.until(message_from("agent", text="sorry for the wait"))["seq"] == r2
    customer.send({"type": "message", "client_id": "c-3", "text": "no problem"})
    c3 = customer.until(is_type("ack", client_id="c-3"))["seq"]
    assert console.until(message_from("customer", text="no problem"))["seq"] == c3

    customer.drain(0.5)
    console.drain(0.5)
    seqs = public_seqs(conversation_id)
    assert seqs == list(range(1, len(seqs) + 1))
    assert customer_client_ids(conversation_id) == ["c-1", "c-2", "c-3"]
    agent_ids = Message.objects.filter(conversation_id=conversation_id, sender="agent")
    assert len(agent_ids) == 2
    assert_exactly_once(customer, seqs, label="customer after the outage")
    assert_exactly_once(console, seqs, label="agent's new console")
    assert a.alive and b.alive


def _grow_knowledge_base(entries: int) -> None:
    """Enough published entries that a retrain takes several seconds (time to kill it)."""
    from knowledge.models import Category, Entry, SimilarQuestion, Status

    rng = random.Random(7)
    words = "order return price ship lamp refund colour size delivery box gift card pay".split()
    category = Category.objects.create(name="Bulk")
    created = Entry.objects.bulk_create(
        Entry(
            question=" ".join(rng.choice(words) for _ in range(5)) + f" item {n}",
            answer=f"Answer {n}.",
            category=category,
            language="en",
            status=Status.PUBLISHED,
        )
        for n in range(entries)
    )
    SimilarQuestion.objects.bulk_create(
        SimilarQuestion(entry=entry, text=" ".join(rng.choice(words) for _ in range(6)))
        for entry in created
        for _ in range(3)
    )


def _active_task(app, worker: str, task_id: str) -> dict | None:
    active = app.control.inspect(destination=[worker], timeout=1).active() or {}
    return next((t for t in active.get(worker, []) if t["id"] == task_id), None)


def test_worker_killed_during_retrain(base_env, trained, request):
    """SIGKILL of the pool process that runs ``knowledge.tasks.train_answer_model``: the model
    in service keeps answering, and the task is redelivered (acks_late +
    reject_on_worker_lost) and finishes, on one of the two workers."""
    import socket

    from config.celery import app
    from knowledge.answering import answer_question, holder
    from knowledge.models import AnswerModel
    from knowledge.tasks import train_answer_model

    old = AnswerModel.objects.get()
    _grow_knowledge_base(400)
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / f"workers-{request.node.name}.log").open("wb")
    host = socket.gethostname()
    names = [f"retrain-{n}-{os.getpid()}" for n in ("a", "b")]
    first = start_celery_worker(base_env, names[0], log, pool="prefork", concurrency=1)
    second: subprocess.Popen | None = None
    try:
        wait_for(
            lambda: app.control.ping(destination=[f"{names[0]}@{host}"], timeout=0.5),
            what="the first worker",
        )
        app.conf.task_always_eager = False  # restored by the autouse fixture
        task = train_answer_model.apply_async(args=["scale test: worker killed"])
        running = wait_for(
            lambda: _active_task(app, f"{names[0]}@{host}", task.id), what="the retrain to start"
        )
        # A second worker is ready before the first one dies mid-training.
        second = start_celery_worker(base_env, names[1], log, pool="prefork", concurrency=1)
        wait_for(
            lambda: app.control.ping(destination=[f"{names[1]}@{host}"], timeout=0.5),
            what="the second worker",
        )
        assert AnswerModel.objects.count() == 1, "the retrain finished before it was killed"
        os.kill(running["worker_pid"], signal.SIGKILL)

        # Meanwhile the model in service keeps answering.
        holder.refresh_now()
        outcome = answer_question("包邮吗")
        assert outcome.answered and outcome.model_version == old.pk
        assert outcome.answer == "满 99 元包邮"

        new = wait_for(
            lambda: AnswerModel.objects.exclude(pk=old.pk).first(),
            timeout=120,
            what="the redelivered retrain to store a new model",
        )
        assert new.n_entries == 403 and new.trigger == "scale test: worker killed"
        assert AnswerModel.objects.count() == 2  # retried once, stored once
        holder.refresh_now()
        outcome = answer_question("包邮吗")
        assert outcome.answered and outcome.model_version == new.pk
    finally:
        for worker in (first, second):
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
        log.close()


def _terminate_backends() -> int:
    """Drop every other connection to the test database (daphne's), as a PostgreSQL restart
    or a failover would."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )
        return cursor.fetchone()[0]


def test_postgres_connections_dropped_mid_conversation(shop, start_daphne):
    # Persistent connections, as in production (DB_CONN_MAX_AGE defaults to 60 s): those are
    # the ones a PostgreSQL restart leaves dead in daphne's threads.
    a = start_daphne("a", DB_CONN_MAX_AGE="60")
    customer = customer_socket(a, shop)
    hello(customer)
    customer.send({"type": "message", "client_id": "c-1", "text": "hello"})
    customer.until(is_type("ack", client_id="c-1"))
    customer.drain(0.5)
    assert healthz(a)[1]["checks"]["database"]["ok"] is True

    assert _terminate_backends() >= 1

    # The next frame either works (Django's CONN_HEALTH_CHECKS replace the dead connection) or
    # gets a "temporarily_unavailable" error the client answers by resending; the socket stays
    # open and daphne keeps running.
    customer.send({"type": "message", "client_id": "c-2", "text": "still there?"})
    frame = customer.until(lambda f: f.get("type") in ("ack", "error"))
    outcome = frame["type"] if frame["type"] == "ack" else frame["code"]
    assert outcome in ("ack", "temporarily_unavailable"), frame
    assert a.alive
    if outcome != "ack":
        customer.send({"type": "message", "client_id": "c-2", "text": "still there?"})
        customer.until(is_type("ack", client_id="c-2"))
    # ... and the one after succeeds.
    customer.send({"type": "message", "client_id": "c-3", "text": "good"})
    customer.until(is_type("ack", client_id="c-3"))

    # HTTP too: /healthz answers (no 500, no dropped connection) and reports the database.
    # The drop may hit the bot's answer to c-3 mid-query: it is retried on a fresh connection.
    _terminate_backends()
    status, body = healthz(a)
    assert status in (200, 503) and "database" in body["checks"]
    status, body = healthz(a)
    assert body["checks"]["database"]["ok"] is True, body
    assert a.alive

    customer.drain(0.5)
    conversation_id = Message.objects.get(client_id="c-1").conversation_id
    assert customer_client_ids(conversation_id) == ["c-1", "c-2", "c-3"]
    seqs = public_seqs(conversation_id)
    assert seqs == list(range(1, len(seqs) + 1))
    print("next frame after the connections were dropped:", outcome)
