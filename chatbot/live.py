"""Live events: the only place that publishes to Channels groups. Everything is sent only after
the database transaction commits, so a client never hears of a message that could still be
rolled back."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import redis
from asgiref.sync import SyncToAsync, async_to_sync
from celery import Task
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer
from django.conf import settings
from django.db import transaction

from chatbot import frames
from conversations.models import Conversation

if TYPE_CHECKING:
    from routing.scope import StaffScope

CONSOLE_GROUP = "console"
# Consoles that see every conversation (administrators, supervisors of no particular team).
SUPERVISORS_GROUP = "supervisors"


def customer_group(conversation_id: int) -> str:
    return f"conv-{conversation_id}"


def staff_group(conversation_id: int) -> str:
    return f"conv-staff-{conversation_id}"


def agent_group(user_id: int) -> str:
    return f"agent-{user_id}"


def user_group(user_id: int) -> str:
    """Every staff socket of one user: told when the account changes (``tell_user``)."""
    return f"user-{user_id}"


def tell_user(user_id: int, change: str, session_key: str = "") -> None:
    """The user logged out (of ``session_key``), was deactivated, or their role or teams
    changed: their sockets close or re-scope (``ConsoleConsumer.account_changed``)."""
    publish_event(
        user_group(user_id),
        {"type": "account.changed", "change": change, "session_key": session_key},
    )


def team_group(team_id: int | None) -> str:
    """Supervisors of one team (``None``: conversations no team has yet)."""
    return f"team-{team_id}" if team_id else "team-none"


def watcher_groups(team_id: int | None, assigned_agent_id: int | None) -> list[str]:
    """Who hears about a conversation's changes: its agent and the supervisors whose scope
    holds it (``supervisor_groups`` below is the joining side)."""
    groups = [SUPERVISORS_GROUP, team_group(team_id)]
    if assigned_agent_id:
        groups.append(agent_group(assigned_agent_id))
    return groups


def publish(groups: str | list[str], payload: dict[str, Any]) -> None:
    """Send ``payload`` to one or more groups after commit (one round trip for all of them:
    each ``async_to_sync`` call from sync code costs a few milliseconds)."""
    publish_event(groups, {"type": "relay", "payload": payload})


_publisher: tuple[int, asyncio.AbstractEventLoop] | None = None
_publisher_lock = threading.Lock()


def _loop_runs_here() -> bool:
    """True when sync code runs on a thread whose event loop is running (Playwright's sync API
    in the browser tests), where ``async_to_sync`` refuses to work."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _publisher_loop() -> asyncio.AbstractEventLoop | None:
    """This process's own event loop for publishing from plain sync code (Celery, the routing
    sweep, management commands), or None where ``async_to_sync`` is cheap.

    ``async_to_sync`` called from code that ``sync_to_async`` runs (daphne's consumers) hands the
    send back to daphne's loop, which keeps its Redis connections. From plain sync code it
    builds a new event loop per call, and the Redis layer opens a new connection for that loop:
    5-15 ms per publish. A loop that lives as long as the process keeps one pool instead."""
    global _publisher
    if not isinstance(get_channel_layer(), RedisChannelLayer):
        return None  # the in-memory layer belongs to the loop that uses it
    if (
        getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) == os.getpid()
        and not _loop_runs_here()
    ):
        return None  # inside sync_to_async: asgiref uses the caller's loop
    with _publisher_lock:
        # A forked child (a Celery pool process) has no copy of the parent's thread.
        if _publisher is None or _publisher[0] != os.getpid():
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="event-publisher", daemon=True).start()
            _publisher = (os.getpid(), loop)
        return _publisher[1]


@dataclass
class DirectDelivery:
    """Events for the socket whose frame is being handled, which it sends itself.

    A customer's question publishes its own echo and the bot's answer to the conversation's
    group, which holds the asking socket: through Redis, each cost the socket's process four
    more round trips to read back what it had just written. Within ``delivered_directly`` the
    group sends wait in ``pending`` until the frame's database work is done (``send_pending``
    sends them all at once and leaves that socket out), and its own events land in ``events``,
    in publish order, for the socket to send when the frame is handled (the same moment it
    would have read them from its group)."""

    channel: str
    events: list[dict[str, Any]] = field(default_factory=list)
    # Group sends published on commit meanwhile, for ``send_pending`` (on the socket's loop).
    pending: list[tuple[list[str], dict[str, Any]]] = field(default_factory=list)
    # Set by ``send_pending``: a worker thread still running after its socket's handler was
    # cancelled (asgiref lets it finish) publishes the usual way from then on.
    sent: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def defer(self, sends: list[tuple[list[str], dict[str, Any]]]) -> bool:
        with self.lock:
            if self.sent:
                return False
            self.pending.extend(sends)
            return True


_direct: ContextVar[DirectDelivery | None] = ContextVar("direct_delivery", default=None)


@contextmanager
def delivered_directly(channel_name: str) -> Iterator[DirectDelivery]:
    """Around the database work of one frame of ``channel_name``'s socket (asgiref carries
    the context into the worker thread, where the events are published on commit)."""
    delivery = DirectDelivery(channel_name)
    token = _direct.set(delivery)
    try:
        yield delivery
    finally:
        _direct.reset(token)


async def send_pending(direct: DirectDelivery) -> None:
    """Send what the frame's database work published to everyone else in one batch (one Redis
    round trip when nobody else listens, from the socket's own event loop rather than a hop
    back from the worker thread per commit); the socket's own events go to ``events``."""
    with direct.lock:
        sends, direct.pending, direct.sent = direct.pending, [], True
    if not sends:
        return
    left_out = await get_channel_layer().group_send_batch(sends, exclude=direct.channel)
    direct.events.extend(
        message for (_, message), mine in zip(sends, left_out, strict=True) if mine
    )


class _Sends:
    """An on-commit hook that sends several events in one trip to the event loop: an
    assignment, for one, publishes three events in a row."""

    def __init__(self) -> None:
        self.sends: list[tuple[list[str], dict[str, Any]]] = []

    def __call__(self) -> None:
        direct = _direct.get()
        layer = get_channel_layer()
        if (
            direct is not None
            and hasattr(layer, "group_send_batch")
            and direct.defer(self.sends)  # sent by the socket's own loop, in one batch
        ):
            return

        async def send_all() -> None:
            if hasattr(layer, "group_send_batch"):
                await layer.group_send_batch(self.sends)
                return
            for targets, message in self.sends:  # the in-memory layer (embedded mode)
                for group in targets:
                    await layer.group_send(group, message)

        loop = _publisher_loop()
        if loop is None:
            async_to_sync(send_all)()
        else:
            asyncio.run_coroutine_threadsafe(send_all(), loop).result()


def publish_event(groups: str | list[str], message: dict[str, Any]) -> None:
    """Send a Channels event (its ``type`` names the consumer method) after commit."""
    targets = [groups] if isinstance(groups, str) else list(groups)
    connection = transaction.get_connection()
    if connection.in_atomic_block and connection.run_on_commit:
        # Joins the hook registered just before when it is ours and was registered under the
        # same savepoints: a rollback then discards both or neither, as separate hooks would,
        # and the order of events and other hooks stays the same.
        savepoints, last, _ = connection.run_on_commit[-1]
        if isinstance(last, _Sends) and savepoints == set(connection.savepoint_ids):
            last.sends.append((targets, message))
            return
    hook = _Sends()
    hook.sends.append((targets, message))
    transaction.on_commit(hook)


# How long a burst of changes is gathered into one broadcast.
COALESCE_MS = 250


@cache
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL)


def coalesced(key: str, task: Task) -> None:
    """Run ``task`` once for a burst of changes: after commit, the first change of a burst
    takes a short Redis lock and schedules the task a moment later; the rest of the burst
    finds the lock and does nothing. Without Redis (embedded mode) it runs at once."""

    def schedule() -> None:
        if not settings.REDIS_URL or task.app.conf.task_always_eager:
            task.apply()
            return
        if _redis().set(f"coalesce:{key}", 1, nx=True, px=COALESCE_MS):
            task.apply_async(countdown=COALESCE_MS / 1000)

    transaction.on_commit(schedule)


def is_supervisor_group(group: str) -> bool:
    return group == SUPERVISORS_GROUP or group.startswith("team-")


def supervisor_groups(scope: StaffScope) -> list[str]:
    """The groups a supervisor's console joins to hear about the conversations in its scope
    (the receiving side of ``watcher_groups``; ``routing.scope`` holds the rule)."""
    if not scope.supervises:
        return []
    if scope.team_ids is None:
        return [SUPERVISORS_GROUP]
    return [team_group(None)] + [team_group(t) for t in sorted(scope.team_ids)]


def publish_conversation(
    conversation: Conversation, last_text: str | None = None, last_sender: str | None = None
) -> None:
    """Tell the consoles that care (its agent, supervisors, anyone watching) what changed;
    ``last_text`` and ``last_sender`` are the last public message, when the caller has it."""
    summary = frames.conversation_summary(conversation, last_text, last_sender)
    frame = {"type": "conversation", **summary}
    publish(watcher_groups(conversation.team_id, conversation.assigned_agent_id), frame)


def publish_console_state() -> None:
    """Refresh every console's queue and agents panel, soon (see ``coalesced``)."""
    from chatbot.tasks import broadcast_console_state

    coalesced("console-state", broadcast_console_state)
