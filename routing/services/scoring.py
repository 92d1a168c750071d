"""What a waiting conversation needs, and how well each online agent fits it.

Score of an online agent for a conversation = skill match × (1 − load / capacity); ties go to
the agent assigned least recently. Skill match is the mean, over the skills the routing rules
require, of min(agent level / required level, 1). Agents who lack every required skill are only
considered when no skilled agent is online at all (the decision record says so).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from conversations.models import Conversation, ConversationStatus, Message, Sender
from routing.models import AgentProfile, Presence, RoutingPolicy, RoutingRule

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


def last_bot_payload(conversation_ref: Any) -> Any:
    """The payload of the conversation's last bot message, as a query (``OuterRef`` to annotate
    a conversation queryset with it) or read now for a conversation's pk."""
    return (
        Message.objects.filter(conversation=conversation_ref, sender=Sender.BOT)
        .order_by("-seq")
        .values_list("payload", flat=True)
    )


def _context(conversation: Conversation, last_bot: dict | None = None) -> tuple[str, list[int]]:
    """(intent, category ids incl. ancestors) of what the customer last asked the bot about;
    ``last_bot`` is its last bot message's payload when the caller read it already."""
    from knowledge.models import Category, Entry

    if last_bot is None:
        last_bot = last_bot_payload(conversation.pk).first() or {}
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


def requirements_for(conversation: Conversation, last_bot: dict | None = None) -> Requirements:
    intent, category_ids = _context(conversation, last_bot)
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
    if conversation.team_pinned and conversation.team_id:
        req.team_id = conversation.team_id  # a person moved it there: only that team takes it
    return req


def priority_for(conversation: Conversation, req: Requirements, policy: RoutingPolicy) -> int:
    if conversation.manual_priority is not None:
        return conversation.manual_priority  # set by a person: the policy does not overrule it
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
    team_ids: tuple[int, ...]  # by team name: a conversation without a team joins the first
    skills: dict[str, int]
    load: int = 0  # open conversations assigned to them when read

    @property
    def has_room(self) -> bool:
        return self.load < self.capacity


def rank_candidates(
    req: Requirements, profiles: list[OnlineAgent], excluded: set[int]
) -> tuple[list[dict[str, Any]], bool]:
    """Score every online agent; returns (candidates best first, fell_back_to_unskilled)."""
    rows = []
    for profile in profiles:
        if profile.user_id in excluded:
            continue
        if req.team_id and req.team_id not in profile.team_ids:
            continue
        load = profile.load
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


def _open_assigned_count() -> Coalesce:
    """The agent's open assigned conversations, as a subquery of an ``AgentProfile`` query."""
    counted = (
        Conversation.objects.filter(
            status=ConversationStatus.ASSIGNED, assigned_agent_id=OuterRef("user_id")
        )
        .order_by()
        .values("assigned_agent_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def online_profiles() -> list[OnlineAgent]:
    """Every online agent with their teams, skills and load, in one query (this runs for every
    assignment): the joins repeat an agent once per (team, skill) pair, a few rows each."""
    rows = (
        AgentProfile.objects.filter(presence=Presence.ONLINE, user__is_active=True)
        .annotate(load=_open_assigned_count())
        .values_list(
            "id",
            "user_id",
            "user__username",
            "capacity",
            "last_assigned_at",
            "load",
            "teams__id",
            "skills__skill__name",
            "skills__level",
        )
        .order_by("id", "teams__name", "teams__id")
    )
    agents: dict[int, tuple[int, str, int, dt.datetime | None, int]] = {}
    teams: dict[int, list[int]] = {}
    skills: dict[int, dict[str, int]] = {}
    for pid, uid, username, capacity, last, load, team_id, skill, level in rows:
        agents.setdefault(pid, (uid, username, capacity, last, load))
        agent_teams = teams.setdefault(pid, [])
        if team_id is not None and team_id not in agent_teams:
            agent_teams.append(team_id)
        agent_skills = skills.setdefault(pid, {})
        if skill is not None:
            agent_skills[skill] = level
    return [
        OnlineAgent(pid, uid, name, cap, last, tuple(teams[pid]), skills[pid], load)
        for pid, (uid, name, cap, last, load) in agents.items()
    ]


def profile_for(user: Any) -> AgentProfile:
    return AgentProfile.objects.get_or_create(user=user)[0]
