"""Who answers a waiting conversation, and when.

Score of an online agent for a conversation = skill match × (1 − load / capacity); ties go to
the agent assigned least recently. Skill match is the mean, over the skills the routing rules
require, of min(agent level / required level, 1). Agents who lack every required skill are only
considered when no skilled agent is online at all (the decision record says so).

Concurrency: the conversation row is locked first, then the chosen agent's row with
``FOR UPDATE SKIP LOCKED``; the agent's load is recounted under that lock before the assignment
is written, so concurrent assignments can never push an agent over capacity.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from accounts.roles import Role
from audit.services import record
from chatbot.models import Conversation, ConversationStatus, Message, Sender
from routing.models import (
    AgentProfile,
    AgentSkill,
    AssignmentDecision,
    DecisionKind,
    Presence,
    RoutingPolicy,
    RoutingRule,
    SlaBreach,
    Team,
    next_opening,
)
from routing.scope import team_for_assignment

DEFAULT_HANDLE_SECONDS = 180
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class Requirements:
    skills: dict[str, int] = field(default_factory=dict)
    team_id: int | None = None
    boost: int = 0
    rules: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "skills": self.skills,
            "team_id": self.team_id,
            "boost": self.boost,
            "rules": self.rules,
        }


# --- what a conversation needs ------------------------------------------------------------


def _context(conversation: Conversation) -> tuple[str, list[int]]:
    """(intent, category ids incl. ancestors) of what the customer last asked the bot about."""
    from knowledge.models import Category, Entry

    last_bot = (
        Message.objects.filter(conversation=conversation, sender=Sender.BOT)
        .order_by("-seq")
        .values_list("payload", flat=True)
        .first()
    ) or {}
    entry_id = last_bot.get("entry_id") or next(
        (s.get("entry_id") for s in last_bot.get("suggestions", [])), None
    )
    intent = last_bot.get("intent") or ""
    category_ids: list[int] = []
    if entry_id:
        category_id = (
            Entry.objects.filter(pk=entry_id).values_list("category_id", flat=True).first()
        )
        parents = dict(Category.objects.values_list("pk", "parent_id"))
        while category_id is not None and category_id not in category_ids:
            category_ids.append(category_id)
            category_id = parents.get(category_id)
    return intent, category_ids


def requirements_for(conversation: Conversation) -> Requirements:
    intent, category_ids = _context(conversation)
    language = "en" if conversation.language.startswith("en") else "zh"
    req = Requirements()
    for rule in RoutingRule.objects.filter(is_active=True).select_related("skill"):
        if rule.intent and rule.intent != intent:
            continue
        if rule.category_id and rule.category_id not in category_ids:
            continue
        if rule.channel and rule.channel != conversation.channel:
            continue
        if rule.language and rule.language != language:
            continue
        req.rules.append(rule.name)
        req.boost += rule.priority_boost
        if rule.skill:
            req.skills[rule.skill.name] = max(req.skills.get(rule.skill.name, 0), rule.min_level)
        if rule.team_id and req.team_id is None:
            req.team_id = rule.team_id
    return req


def priority_for(conversation: Conversation, req: Requirements, policy: RoutingPolicy) -> int:
    priority = req.boost
    customer = conversation.customer
    if customer is not None and getattr(customer, "is_vip", False):
        priority += policy.vip_boost
    if getattr(conversation, "mood_alert", False):
        priority += policy.negative_mood_boost
    since = timezone.now() - dt.timedelta(days=policy.repeat_contact_days)
    earlier = Conversation.objects.filter(shop=conversation.shop, created_at__gte=since).exclude(
        pk=conversation.pk
    )
    earlier = (
        earlier.filter(customer=customer)
        if customer is not None
        else earlier.filter(visitor_token_hash=conversation.visitor_token_hash)
    )
    if earlier.exists():
        priority += policy.repeat_contact_boost
    if conversation.queued_at:
        waited = (timezone.now() - conversation.queued_at).total_seconds() / 60
        priority += int(waited * policy.wait_boost_per_minute)
    priority += policy.sla_breach_boost * conversation.sla_breaches.count()
    return priority


# --- scoring --------------------------------------------------------------------------------


def loads(user_ids: list[int] | None = None) -> dict[int, int]:
    open_assigned = Conversation.objects.filter(status=ConversationStatus.ASSIGNED)
    if user_ids is not None:
        open_assigned = open_assigned.filter(assigned_agent_id__in=user_ids)
    return dict(
        open_assigned.values("assigned_agent_id")
        .annotate(n=Count("id"))
        .values_list("assigned_agent_id", "n")
    )


def skill_match(required: dict[str, int], levels: dict[str, int]) -> float:
    if not required:
        return 1.0
    return sum(min(levels.get(s, 0) / need, 1.0) for s, need in required.items()) / len(required)


@dataclass(frozen=True)
class OnlineAgent:
    """What scoring needs to know about an online agent (read without row locks)."""

    profile_id: int
    user_id: int
    username: str
    capacity: int
    last_assigned_at: dt.datetime | None
    team_ids: frozenset[int]
    skills: dict[str, int]


def rank_candidates(
    req: Requirements, profiles: list[OnlineAgent], current: dict[int, int], excluded: set[int]
) -> tuple[list[dict[str, Any]], bool]:
    """Score every online agent; returns (candidates best first, fell_back_to_unskilled)."""
    rows = []
    for profile in profiles:
        if profile.user_id in excluded:
            continue
        if req.team_id and req.team_id not in profile.team_ids:
            continue
        load = current.get(profile.user_id, 0)
        match = skill_match(req.skills, profile.skills)
        rows.append(
            {
                "agent_id": profile.user_id,
                "agent": profile.username,
                "profile_id": profile.profile_id,
                "skill_match": round(match, 3),
                "load": load,
                "capacity": profile.capacity,
                "score": round(match * (1 - load / profile.capacity), 4),
                "last_assigned_at": profile.last_assigned_at.isoformat()
                if profile.last_assigned_at
                else None,
                "_last": profile.last_assigned_at or _EPOCH,
            }
        )
    skilled = [r for r in rows if r["skill_match"] > 0]
    fallback = bool(req.skills) and not skilled
    pool = rows if fallback else skilled
    pool.sort(key=lambda r: (-r["score"], r["_last"], r["agent_id"]))
    for r in rows:
        r.pop("_last", None)
    return pool, fallback


def _online_profiles() -> list[OnlineAgent]:
    # Three flat queries instead of model instances: this runs for every assignment.
    rows = list(
        AgentProfile.objects.filter(presence=Presence.ONLINE, user__is_active=True).values_list(
            "id", "user_id", "user__username", "capacity", "last_assigned_at"
        )
    )
    ids = [r[0] for r in rows]
    teams: dict[int, set[int]] = {}
    for profile_id, team_id in AgentProfile.teams.through.objects.filter(
        agentprofile_id__in=ids
    ).values_list("agentprofile_id", "team_id"):
        teams.setdefault(profile_id, set()).add(team_id)
    skills: dict[int, dict[str, int]] = {}
    for profile_id, name, level in AgentSkill.objects.filter(agent_id__in=ids).values_list(
        "agent_id", "skill__name", "level"
    ):
        skills.setdefault(profile_id, {})[name] = level
    return [
        OnlineAgent(pid, uid, name, cap, last, frozenset(teams.get(pid, ())), skills.get(pid, {}))
        for pid, uid, name, cap, last in rows
    ]


# --- assignment -----------------------------------------------------------------------------


def _write_assignment(
    conversation: Conversation,
    user: Any,
    kind: str,
    req: Requirements,
    candidates: list[dict[str, Any]],
    summary: str,
) -> None:
    from chatbot.services import on_assigned

    now = timezone.now()
    conversation.status = ConversationStatus.ASSIGNED
    conversation.team_id = team_for_assignment(conversation, user)
    conversation.assigned_agent = user
    conversation.assigned_at = now
    conversation.first_agent_reply_at = None
    conversation.assignment_reason = {"summary": summary, "kind": kind}
    conversation.save(
        update_fields=[
            "status",
            "team",
            "assigned_agent",
            "assigned_at",
            "first_agent_reply_at",
            "assignment_reason",
            "updated_at",
        ]
    )
    AgentProfile.objects.filter(user=user).update(last_assigned_at=now)
    AssignmentDecision.objects.create(
        conversation=conversation,
        kind=kind,
        winner=user,
        requirements=req.as_dict(),
        candidates=candidates[:50],
        summary=summary[:300],
    )
    on_assigned(conversation, user)


def assign_one(
    conversation_id: int, *, profiles: list[OnlineAgent] | None = None
) -> AssignmentDecision | None:
    """Try to assign one waiting conversation. Returns the decision, or None when it is no
    longer waiting or nobody can take it now."""
    with transaction.atomic():
        conversation = (
            Conversation.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=conversation_id, status=ConversationStatus.WAITING)
            .select_related("customer", "shop")
            .first()
        )
        if conversation is None:
            return None
        req = requirements_for(conversation)
        online = profiles if profiles is not None else _online_profiles()
        excluded = set(conversation.sla_breaches.values_list("agent_id", flat=True))
        current = loads([p.user_id for p in online])
        ranked, fallback = rank_candidates(req, online, current, excluded)
        for candidate in ranked:
            if candidate["load"] >= candidate["capacity"]:
                continue
            locked = (
                AgentProfile.objects.select_for_update(skip_locked=True)
                .filter(pk=candidate["profile_id"], presence=Presence.ONLINE)
                .select_related("user")
                .first()
            )
            if locked is None:
                continue  # another assignment holds this agent right now; try the next one
            if loads([locked.user_id]).get(locked.user_id, 0) >= locked.capacity:
                continue
            summary = (
                f"{candidate['agent']} scored {candidate['score']:.2f} (skill match "
                f"{candidate['skill_match']:.2f}, load {candidate['load']}/{candidate['capacity']})"
                f", best of {len(ranked)} candidate(s)"
                + ("; no agent with the required skills was online" if fallback else "")
                + (f"; rules: {', '.join(req.rules)}" if req.rules else "")
            )
            _write_assignment(conversation, locked.user, DecisionKind.AUTO, req, ranked, summary)
            return conversation.decisions.order_by("-id").first()
        return None


def assign_waiting(limit: int = 200) -> int:
    """Assign waiting conversations in priority order while agents have room. Event-driven
    (handoff, close, agent online) and swept by Celery beat. Returns how many were assigned."""
    assigned = 0
    waiting = list(
        Conversation.objects.filter(status=ConversationStatus.WAITING)
        .order_by("-priority", "queued_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    for conversation_id in waiting:
        profiles = _online_profiles()
        current = loads([p.user_id for p in profiles])
        if not any(current.get(p.user_id, 0) < p.capacity for p in profiles):
            break
        if assign_one(conversation_id, profiles=profiles):
            assigned += 1
    return assigned


def enqueue(conversation: Conversation) -> None:
    """Give a conversation that just started waiting its priority (called in its transaction)."""
    policy = RoutingPolicy.current()
    req = requirements_for(conversation)
    conversation.priority = priority_for(conversation, req, policy)
    # A rule that names a team gives it the conversation now, so that team's people see it
    # waiting; otherwise it keeps the team it had (a re-queue) or waits in the general queue.
    conversation.team_id = req.team_id or conversation.team_id
    Conversation.objects.filter(pk=conversation.pk).update(
        priority=conversation.priority, team=conversation.team_id
    )
    transaction.on_commit(assign_waiting)


def assign_to(
    conversation: Conversation, user: Any, reason: dict[str, Any], *, from_status: set[str]
) -> bool:
    """Give ``conversation`` to ``user`` (accept or transfer) if it is still in one of
    ``from_status`` and they have capacity. Locks the conversation before the agent, in the
    same order as ``assign_one``, so the two never deadlock."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status not in from_status:
            return False
        profile = AgentProfile.objects.select_for_update().get(pk=profile_for(user).pk)
        if loads([user.pk]).get(user.pk, 0) >= profile.capacity:
            return False
        kind = (
            DecisionKind.TRANSFER
            if locked.status == ConversationStatus.ASSIGNED
            else DecisionKind.ACCEPT
        )
        _write_assignment(locked, user, kind, Requirements(), [], reason["summary"])
    conversation.refresh_from_db()
    return True


# --- SLA and sweep --------------------------------------------------------------------------


def reroute_sla_breaches() -> int:
    """Conversations whose agent has not answered within the SLA go back to the queue (that
    agent excluded), with the breach recorded and audited."""
    policy = RoutingPolicy.current()
    deadline = timezone.now() - dt.timedelta(seconds=policy.sla_first_reply_seconds)
    rerouted = 0
    overdue = Conversation.objects.filter(
        status=ConversationStatus.ASSIGNED,
        first_agent_reply_at__isnull=True,
        assigned_at__lt=deadline,
    ).values_list("id", flat=True)
    for conversation_id in list(overdue):
        with transaction.atomic():
            conversation = (
                Conversation.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    pk=conversation_id,
                    status=ConversationStatus.ASSIGNED,
                    first_agent_reply_at__isnull=True,
                    assigned_at__lt=deadline,
                )
                .select_related("assigned_agent")
                .first()
            )
            if conversation is None:
                continue
            agent = conversation.assigned_agent
            SlaBreach.objects.create(
                conversation=conversation,
                agent=agent,
                assigned_at=conversation.assigned_at,
                limit_seconds=policy.sla_first_reply_seconds,
            )
            requeue(
                conversation,
                f"SLA: {agent} did not reply within {policy.sla_first_reply_seconds}s",
                kind=DecisionKind.SLA_REROUTE,
            )
            rerouted += 1
    return rerouted


def requeue(conversation: Conversation, why: str, *, kind: str, actor: Any = None) -> None:
    from chatbot import events
    from chatbot.services import conversation_summary, publish_console_state, status_frame

    previous = conversation.assigned_agent
    conversation.status = ConversationStatus.WAITING
    conversation.assigned_agent = None
    conversation.queued_at = conversation.queued_at or timezone.now()
    conversation.save(update_fields=["status", "assigned_agent", "queued_at", "updated_at"])
    AssignmentDecision.objects.create(
        conversation=conversation,
        kind=kind,
        winner=None,
        summary=why[:300],
    )
    record(
        "routing.requeued",
        obj=conversation,
        actor=actor,
        changes={"from": previous.get_username() if previous else None, "why": why},
    )
    if previous is not None:
        events.publish(
            events.agent_group(previous.pk),
            {"type": "conversation", **conversation_summary(conversation)},
        )
    events.publish(events.customer_group(conversation.pk), status_frame(conversation))
    enqueue(conversation)
    publish_console_state()


def refresh_priorities() -> None:
    policy = RoutingPolicy.current()
    for conversation in Conversation.objects.filter(
        status=ConversationStatus.WAITING
    ).select_related("customer", "shop"):
        priority = priority_for(conversation, requirements_for(conversation), policy)
        if priority != conversation.priority:
            Conversation.objects.filter(pk=conversation.pk).update(priority=priority)


def sweep() -> dict[str, int]:
    """The safety net run by Celery beat: SLA re-routes, wait-time boosts, assignment."""
    rerouted = reroute_sla_breaches()
    refresh_priorities()
    return {"rerouted": rerouted, "assigned": assign_waiting()}


# --- presence and queue ---------------------------------------------------------------------


def profile_for(user: Any) -> AgentProfile:
    return AgentProfile.objects.get_or_create(user=user)[0]


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
    """Waiting conversations in the order they will be served (lazy: slice what you need)."""
    from chatbot.services import with_last_text

    return with_last_text(Conversation.objects.filter(status=ConversationStatus.WAITING)).order_by(
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
