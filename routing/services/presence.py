"""Who is there to answer, and what a waiting customer is told about the queue."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.roles import Role
from conversations.models import Conversation, ConversationStatus
from routing.models import AgentProfile, Presence, Team, next_opening
from routing.services.assignment import assign_waiting
from routing.services.scoring import profile_for, requirements_for

DEFAULT_HANDLE_SECONDS = 180


def agents_queryset():  # type: ignore[no-untyped-def]
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name=Role.AGENT.value) | Q(groups__name=Role.SUPERVISOR.value), is_active=True
        )
        .distinct()
    )


def set_presence(user: Any, presence: str) -> AgentProfile:
    profile = profile_for(user)
    AgentProfile.objects.filter(pk=profile.pk).update(presence=presence)
    profile.presence = presence
    if presence == Presence.ONLINE:
        transaction.on_commit(assign_waiting)
    return profile


def socket_opened(user: Any) -> AgentProfile:
    profile = profile_for(user)
    AgentProfile.objects.filter(pk=profile.pk).update(open_sockets=F("open_sockets") + 1)
    return profile


def socket_closed(user: Any) -> bool:
    """Returns True when that was the agent's last console and they went offline."""
    with transaction.atomic():
        profile = AgentProfile.objects.select_for_update().get(pk=profile_for(user).pk)
        profile.open_sockets = max(0, profile.open_sockets - 1)
        went_offline = profile.open_sockets == 0 and profile.presence != Presence.OFFLINE
        if profile.open_sockets == 0:
            profile.presence = Presence.OFFLINE
        profile.save(update_fields=["open_sockets", "presence", "updated_at"])
    return went_offline


def queue() -> QuerySet[Conversation]:
    """Waiting conversations in the order they will be served (lazy: slice what you need).
    The console adds what it shows (``chatbot.services.with_last_text``)."""
    return Conversation.objects.filter(status=ConversationStatus.WAITING).order_by(
        "-priority", "queued_at", "id"
    )


def queue_position(conversation: Conversation) -> tuple[int, int]:
    """(1-based position, expected wait in seconds) of a waiting conversation."""
    ahead = (
        Conversation.objects.filter(status=ConversationStatus.WAITING)
        .filter(
            Q(priority__gt=conversation.priority)
            | Q(priority=conversation.priority, queued_at__lt=conversation.queued_at)
            | Q(
                priority=conversation.priority,
                queued_at=conversation.queued_at,
                id__lt=conversation.pk,
            )
        )
        .count()
    )
    online = AgentProfile.objects.filter(presence=Presence.ONLINE).count()
    rounds = math.ceil((ahead + 1) / max(1, online))
    return ahead + 1, rounds * DEFAULT_HANDLE_SECONDS


def back_at(conversation: Conversation) -> dt.datetime | None:
    """When a person will be back for this conversation, if nobody is online now: the next
    opening of its team (or of any team when no rule names one)."""
    if AgentProfile.objects.filter(presence=Presence.ONLINE).exists():
        return None
    req = requirements_for(conversation)
    teams = Team.objects.filter(pk=req.team_id) if req.team_id else Team.objects.all()
    openings = [
        o for t in teams.prefetch_related("hours") if (o := next_opening(t, timezone.now()))
    ]
    return min(openings) if openings else None
