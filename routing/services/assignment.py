"""Giving a waiting conversation to an agent: automatically (``assign_one``, ``assign_waiting``)
or by hand (``assign_to`` for accept and transfer).

Concurrency: the conversation row is locked first, then the chosen agent's row with
``FOR UPDATE SKIP LOCKED``; the agent's load is recounted under that lock before the assignment
is written, so concurrent assignments can never push an agent over capacity.

Every assignment is announced with ``routing.signals.conversation_assigned`` inside its
transaction; chat tells the customer and the consoles (``chatbot/receivers.py``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Exists, JSONField, OuterRef, Subquery
from django.utils import timezone

from conversations import signals as events
from conversations.models import Conversation, ConversationStatus
from routing.models import (
    AgentProfile,
    AssignmentDecision,
    DecisionKind,
    Presence,
    RoutingPolicy,
    SlaBreach,
)
from routing.scope import team_for_assignment
from routing.services.scoring import (
    OnlineAgent,
    Requirements,
    last_bot_payload,
    loads,
    online_profiles,
    priority_for,
    profile_for,
    rank_candidates,
    requirements_for,
)
from routing.signals import conversation_assigned


def _write_assignment(
    conversation: Conversation,
    user: Any,
    kind: str,
    req: Requirements,
    candidates: list[dict[str, Any]],
    summary: str,
    *,
    facts: dict[str, Any] | None = None,
    previous_agent: Any = None,
    agent_team_ids: tuple[int, ...] | None = None,
) -> AssignmentDecision:
    """``agent_team_ids``: the agent's teams, when the caller has them already."""
    now = timezone.now()
    previous_team_id = conversation.team_id
    events.status_changed(conversation, conversation.status, ConversationStatus.ASSIGNED)
    conversation.status = ConversationStatus.ASSIGNED
    conversation.team_id = team_for_assignment(conversation, user, agent_team_ids)
    conversation.assigned_agent = user
    conversation.assigned_at = now
    conversation.first_agent_reply_at = None
    # The summary is English, for logs; consoles build the sentence from the facts, in the
    # reader's language.
    conversation.assignment_reason = {"summary": summary, "kind": kind, "facts": facts or {}}
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
    decision = AssignmentDecision.objects.create(
        conversation=conversation,
        kind=kind,
        winner=user,
        requirements=req.as_dict(),
        candidates=candidates[:50],
        summary=summary[:300],
    )
    conversation_assigned.send(
        sender=Conversation,
        conversation=conversation,
        agent=user,
        kind=kind,
        previous_agent=previous_agent,
        previous_team_id=previous_team_id,
    )
    events.send_on_commit(
        events.conversation_assigned,
        sender=Conversation,
        conversation=conversation,
        agent=user,
        team=events.Lazy(lambda: conversation.team),
        kind=kind,
        previous_agent=previous_agent,
    )
    return decision


def take_first_free(ranked: list[dict[str, Any]]) -> tuple[dict[str, Any], AgentProfile] | None:
    """The best ranked candidate who is still online and has room, with their profile row
    locked (``FOR UPDATE SKIP LOCKED``) and their load recounted under that lock; None when
    nobody can take one more conversation right now."""
    for candidate in ranked:
        if candidate["load"] >= candidate["capacity"]:
            continue
        locked = (
            AgentProfile.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=candidate["profile_id"], presence=Presence.ONLINE)
            .select_related("user")
            .first()
        )
        if locked is None:
            continue  # another assignment holds this agent right now; try the next one
        if loads([locked.user_id]).get(locked.user_id, 0) >= locked.capacity:
            continue
        return candidate, locked
    return None


def score_facts(
    candidate: dict[str, Any], ranked: list[dict[str, Any]], fallback: bool, req: Requirements
) -> dict[str, Any]:
    """What ``score_summary`` says, as data a console words in its own language."""
    return {
        "agent": candidate["agent"],
        "score": round(float(candidate["score"]), 2),
        "skill_match": round(float(candidate["skill_match"]), 2),
        "load": candidate["load"],
        "capacity": candidate["capacity"],
        "candidates": len(ranked),
        "fallback": fallback,
        "rules": list(req.rules),
    }


def score_summary(
    candidate: dict[str, Any], ranked: list[dict[str, Any]], fallback: bool, req: Requirements
) -> str:
    return (
        f"{candidate['agent']} scored {candidate['score']:.2f} (skill match "
        f"{candidate['skill_match']:.2f}, load {candidate['load']}/{candidate['capacity']})"
        f", best of {len(ranked)} candidate(s)"
        + ("; no agent with the required skills was online" if fallback else "")
        + (f"; rules: {', '.join(req.rules)}" if req.rules else "")
    )


def assign_one(
    conversation_id: int, *, profiles: list[OnlineAgent] | None = None
) -> AssignmentDecision | None:
    """Try to assign one waiting conversation. Returns the decision, or None when it is no
    longer waiting or nobody can take it now."""
    with transaction.atomic():
        # What the rules and the SLA exclusions need comes with the lock, in one statement.
        conversation = (
            Conversation.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=conversation_id, status=ConversationStatus.WAITING)
            .select_related("customer", "shop")
            .annotate(
                last_bot=Subquery(last_bot_payload(OuterRef("pk"))[:1], output_field=JSONField()),
                has_breaches=Exists(SlaBreach.objects.filter(conversation=OuterRef("pk"))),
            )
            .first()
        )
        if conversation is None:
            return None
        req = requirements_for(conversation, conversation.last_bot or {})
        online = profiles if profiles is not None else online_profiles()
        excluded = (
            set(conversation.sla_breaches.values_list("agent_id", flat=True))
            if conversation.has_breaches
            else set()
        )
        ranked, fallback = rank_candidates(req, online, excluded)
        picked = take_first_free(ranked)
        if picked is None and excluded:
            # Agents who missed this conversation's first-reply SLA come last, not never: a
            # customer must not wait in the queue while one of them has room (with a single
            # agent online, that agent is the only one who can answer).
            again = [p for p in online if p.user_id in excluded]
            ranked, fallback = rank_candidates(req, again, set())
            picked = take_first_free(ranked)
        if picked is None:
            return None
        candidate, locked = picked
        summary = score_summary(candidate, ranked, fallback, req)
        winner = next((p for p in online if p.profile_id == locked.pk), None)
        return _write_assignment(
            conversation,
            locked.user,
            DecisionKind.AUTO,
            req,
            ranked,
            summary,
            facts=score_facts(candidate, ranked, fallback, req),
            agent_team_ids=winner.team_ids if winner else None,
        )


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
        profiles = online_profiles()
        if not any(p.has_room for p in profiles):
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
        _write_assignment(
            locked,
            user,
            kind,
            Requirements(),
            [],
            reason["summary"],
            facts={"by": reason.get("by", "")},
        )
    conversation.refresh_from_db()
    return True
