"""Real processes for the scale-out and fault tests.

Every daphne runs on a free loopback port against pytest-django's test database; the tests
depend on ``transactional_db`` so their rows are committed (visible to daphne) and the
servers stop before the tables are flushed. Customers and agents are real websocket clients
(the ``websockets`` package, synchronous API), so the tests themselves are plain sync code.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from accounts.roles import Role
from tests.factories import SHOP_ORIGIN
from tests.processes import Daphne, test_database_url

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

Frame = dict[str, Any]


class Socket:
    """A websocket client that keeps every frame it received (for the exactly-once checks)."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        self.url = url
        self.headers = headers
        self.frames: list[Frame] = []
        self.pending: list[Frame] = []
        self.ws = connect(
            url, additional_headers=headers, open_timeout=10, close_timeout=2, legacy=True
        )

    def send(self, frame: Frame) -> None:
        self.ws.send(json.dumps(frame, ensure_ascii=False))

    def until(self, predicate: Callable[[Frame], bool], timeout: float = 15) -> Frame:
        """The first frame (already buffered or new) that matches; fails with what was seen."""
        for index, frame in enumerate(self.pending):
            if predicate(frame):
                del self.pending[: index + 1]
                return frame
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no matching frame on {self.url}; saw {self.pending}")
            try:
                raw = self.ws.recv(timeout=remaining)
            except TimeoutError:
                continue
            frame = json.loads(raw)
            self.frames.append(frame)
            if predicate(frame):
                self.pending.clear()
                return frame
            self.pending.append(frame)

    def drain(self, seconds: float = 0.5) -> None:
        """Read whatever arrives within ``seconds`` (kept in ``frames``)."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                self.frames.append(json.loads(self.ws.recv(timeout=remaining)))
            except TimeoutError:
                return

    def wait_closed(self, timeout: float = 20) -> int | None:
        """Read until the server closes the socket; returns the close code it sent."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                try:
                    self.frames.append(json.loads(self.ws.recv(timeout=0.5)))
                except TimeoutError:
                    continue
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else 1006
        raise AssertionError(f"{self.url} still open after {timeout} s")

    def close(self) -> None:
        self.ws.close()

    def messages(self) -> list[Frame]:
        """Every chat message frame received, including those in ``welcome``/``transcript``."""
        found = []
        for frame in self.frames:
            if frame.get("type") == "message":
                found.append(frame)
            elif frame.get("type") in ("welcome", "transcript"):
                found.extend(frame["messages"])
        return found


def is_type(kind: str, **fields: Any) -> Callable[[Frame], bool]:
    return lambda f: f.get("type") == kind and all(f.get(k) == v for k, v in fields.items())


def message_from(sender: str, **fields: Any) -> Callable[[Frame], bool]:
    return lambda f: (
        f.get("type") == "message"
        and f.get("sender") == sender
        and all(f.get(k) == v for k, v in fields.items())
    )


def wait_for(predicate: Callable[[], Any], timeout: float = 30, what: str = "condition") -> Any:
    """Poll until ``predicate()`` is truthy (other processes write the rows)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.2)


def customer_socket(server: Daphne, shop: Any) -> Socket:
    return Socket(f"{server.ws_url}/ws/chat/{shop.site_key}/", {"Origin": SHOP_ORIGIN})


def hello(sock: Socket, timeout: float = 15, **fields: Any) -> Frame:
    sock.send({"type": "hello", **fields})
    return sock.until(is_type("welcome"), timeout=timeout)


@pytest.fixture
def base_env(transactional_db) -> dict[str, str]:
    """The environment of every daphne/worker: this process's settings on the test database."""
    from django.db import connection

    env = os.environ.copy()
    env["DATABASE_URL"] = test_database_url(connection.settings_dict["NAME"])
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


@pytest.fixture
def start_daphne(base_env, request) -> Iterator[Callable[..., Daphne]]:
    """``start_daphne("a", REDIS_URL=...)`` → a running daphne; all are stopped at the end."""
    ARTIFACTS.mkdir(exist_ok=True)
    servers: list[Daphne] = []

    def _start(name: str, **extra_env: str) -> Daphne:
        log = ARTIFACTS / f"daphne-{request.node.name}-{name}.log"
        log.write_bytes(b"")
        server = Daphne({**base_env, **extra_env}, log)
        servers.append(server)
        server.start()
        return server

    yield _start
    for server in servers:
        server.stop()


@pytest.fixture
def agent(make_user, transactional_db):
    return make_user("agent-scale", Role.AGENT)


@pytest.fixture
def agent_cookie(agent) -> str:
    client = Client()
    client.force_login(agent)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@pytest.fixture
def console_socket(agent_cookie) -> Callable[[Daphne], Socket]:
    def _open(server: Daphne) -> Socket:
        return Socket(
            f"{server.ws_url}/ws/console/", {"Origin": server.url, "Cookie": agent_cookie}
        )

    return _open


def assert_exactly_once(sock: Socket, public_seqs: list[int], *, label: str) -> None:
    """Every public message of the conversation reached ``sock`` once (live or in history)."""
    seen = [m["seq"] for m in sock.messages()]
    duplicates = sorted({s for s in seen if seen.count(s) > 1})
    assert not duplicates, f"{label}: duplicated seqs {duplicates} in {seen}"
    assert sorted(seen) == public_seqs, f"{label}: got {sorted(seen)}, stored {public_seqs}"
