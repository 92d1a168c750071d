"""Live events: published to Channels groups only after the database transaction commits, so
a client never hears of a message that could still be rolled back."""

from __future__ import annotations

from functools import cache
from typing import Any

import redis
from asgiref.sync import async_to_sync
from celery import Task
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction

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
    holds it (``routing.scope`` decides who joins which group)."""
    groups = [SUPERVISORS_GROUP, team_group(team_id)]
    if assigned_agent_id:
        groups.append(agent_group(assigned_agent_id))
    return groups


def publish(groups: str | list[str], payload: dict[str, Any]) -> None:
    """Send ``payload`` to one or more groups after commit (one round trip for all of them:
    each ``async_to_sync`` call from sync code costs a few milliseconds)."""
    publish_event(groups, {"type": "relay", "payload": payload})


def publish_event(groups: str | list[str], message: dict[str, Any]) -> None:
    """Send a Channels event (its ``type`` names the consumer method) after commit."""
    targets = [groups] if isinstance(groups, str) else list(groups)

    async def send_all() -> None:
        layer = get_channel_layer()
        for group in targets:
            await layer.group_send(group, message)

    transaction.on_commit(async_to_sync(send_all))


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
