"""Live events: published to Channels groups only after the database transaction commits, so
a client never hears of a message that could still be rolled back."""

from __future__ import annotations

import asyncio
import os
import threading
from functools import cache
from typing import TYPE_CHECKING, Any

import redis
from asgiref.sync import SyncToAsync, async_to_sync
from celery import Task
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer
from django.conf import settings
from django.db import transaction

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
    if getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) == os.getpid():
        return None  # inside sync_to_async: asgiref uses the caller's loop
    with _publisher_lock:
        # A forked child (a Celery pool process) has no copy of the parent's thread.
        if _publisher is None or _publisher[0] != os.getpid():
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="event-publisher", daemon=True).start()
            _publisher = (os.getpid(), loop)
        return _publisher[1]


class _Sends:
    """An on-commit hook that sends several events in one trip to the event loop: an
    assignment, for one, publishes three events in a row."""

    def __init__(self) -> None:
        self.sends: list[tuple[list[str], dict[str, Any]]] = []

    def __call__(self) -> None:
        async def send_all() -> None:
            layer = get_channel_layer()
            for targets, message in self.sends:
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


def supervisor_groups(scope: StaffScope) -> list[str]:
    """The groups a supervisor's console joins to hear about the conversations in its scope
    (the receiving side of ``watcher_groups``; ``routing.scope`` holds the rule)."""
    if not scope.supervises:
        return []
    if scope.team_ids is None:
        return [SUPERVISORS_GROUP]
    return [team_group(None)] + [team_group(t) for t in sorted(scope.team_ids)]
