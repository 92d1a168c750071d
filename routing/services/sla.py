"""The first-reply SLA and the sweep Celery beat runs: conversations whose agent missed the SLA
go straight to the next best agent (or stay, flagged, with the only one who can answer),
waiting conversations get their wait-time boosts, and anything the event-driven path missed is
assigned."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import record
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
from routing.services.assignment import (
    _write_assignment,
    assign_waiting,
    enqueue,
    score_facts,
    score_summary,
    take_first_free,
)
from routing.services.scoring import (
    online_profiles,
    priority_for,
    rank_candidates,
    requirements_for,
)
from routing.signals import conversation_requeued, conversation_sla_kept


@dataclass
class Reroutes:
    """What the SLA pass did: moved to another agent, kept with the agent who breached (no one
    else free), or put back in the queue (that agent is gone too)."""

    moved: int = 0
    kept: int = 0
    requeued: int = 0


def reroute_sla_breaches() -> Reroutes:
    """Conversations whose agent has not answered within the SLA: the breach is recorded and
    audited once, and the conversation goes at once, in the same transaction, to the best
    other agent with room. Nobody else free: it stays with that agent, flagged, and the
    supervisors are alerted (never back to a queue nobody can serve); it is offered again on
    every sweep until someone is free or the agent replies. Only when that agent is no longer
    online does it wait in the queue."""
    policy = RoutingPolicy.current()
    limit = policy.sla_first_reply_seconds
    deadline = timezone.now() - dt.timedelta(seconds=limit)
    done = Reroutes()
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
                .select_related("assigned_agent", "customer", "shop")
                .first()
            )
            if conversation is None:
                continue
            agent = conversation.assigned_agent
            # A conversation kept with its agent is overdue again at the next sweep: the
            # breach of this assignment is counted (and alerted) once.
            new_breach = not conversation.sla_breaches.filter(
                agent=agent, assigned_at=conversation.assigned_at
            ).exists()
            if new_breach:
                SlaBreach.objects.create(
                    conversation=conversation,
                    agent=agent,
                    assigned_at=conversation.assigned_at,
                    limit_seconds=limit,
                )
                events.send_on_commit(
                    events.sla_breached,
                    sender=Conversation,
                    conversation=conversation,
                    agent=agent,
                    limit_seconds=limit,
                )
            why = f"SLA: {agent} did not reply within {limit}s"
            if _move_to_next_best(conversation, agent, why):
                done.moved += 1
            elif AgentProfile.objects.filter(user=agent, presence=Presence.ONLINE).exists():
                if new_breach:  # kept before: already flagged and alerted
                    _keep_flagged(conversation, agent, why, limit)
                    done.kept += 1
            else:
                requeue(conversation, why, kind=DecisionKind.SLA_REROUTE)
                done.requeued += 1
    return done


def _move_to_next_best(conversation: Conversation, agent: Any, why: str) -> bool:
    """Give the conversation to the best agent with room who has not missed its SLA yet
    (call inside the transaction holding its row)."""
    req = requirements_for(conversation)
    excluded = set(conversation.sla_breaches.values_list("agent_id", flat=True))
    ranked, fallback = rank_candidates(req, online_profiles(), excluded)
    picked = take_first_free(ranked)
    if picked is None:
        return False
    candidate, locked = picked
    summary = f"{why}; {score_summary(candidate, ranked, fallback, req)}"
    _write_assignment(
        conversation,
        locked.user,
        DecisionKind.SLA_REROUTE,
        req,
        ranked,
        summary,
        facts={**score_facts(candidate, ranked, fallback, req), "why": why},
        previous_agent=agent,
    )
    record(
        "routing.sla_rerouted",
        obj=conversation,
        changes={
            "from": agent.get_username() if agent else None,
            "to": locked.user.get_username(),
            "why": why,
        },
    )
    return True


def _keep_flagged(conversation: Conversation, agent: Any, why: str, limit: int) -> None:
    """Nobody else can take it: it stays with ``agent``, flagged for the consoles, and the
    supervisors are alerted (``conversation_sla_kept``)."""
    summary = f"{why}; no other agent is free, so it stays with {agent}"
    conversation.assignment_reason = {
        **(conversation.assignment_reason or {}),
        "summary": summary,
        "sla_breached": True,
    }
    conversation.save(update_fields=["assignment_reason", "updated_at"])
    AssignmentDecision.objects.create(
        conversation=conversation,
        kind=DecisionKind.SLA_REROUTE,
        winner=agent,
        summary=summary[:300],
    )
    record(
        "routing.sla_kept",
        obj=conversation,
        changes={"agent": agent.get_username() if agent else None, "why": why},
    )
    conversation_sla_kept.send(
        sender=Conversation, conversation=conversation, agent=agent, limit_seconds=limit
    )


def requeue(conversation: Conversation, why: str, *, kind: str, actor: Any = None) -> None:
    """Put an assigned conversation back in the queue (call inside a transaction holding its
    row). Chat tells the previous agent and the customer (``conversation_requeued``)."""
    previous = conversation.assigned_agent
    events.status_changed(conversation, conversation.status, ConversationStatus.WAITING)
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
    # Announced before enqueue: the customer's "waiting" frame must be published (on commit)
    # before enqueue's commit hook may assign the conversation again.
    conversation_requeued.send(
        sender=Conversation, conversation=conversation, previous_agent=previous
    )
    enqueue(conversation)


def refresh_priorities() -> None:
    policy = RoutingPolicy.current()
    for conversation in Conversation.objects.filter(
        status=ConversationStatus.WAITING
    ).select_related("customer", "shop"):
        priority = priority_for(conversation, requirements_for(conversation), policy)
        if priority != conversation.priority:
            Conversation.objects.filter(pk=conversation.pk).update(priority=priority)


def sweep() -> dict[str, int]:
    """The safety net run by Celery beat: SLA re-routes, wait-time boosts, assignment.
    ``rerouted`` counts conversations moved to another agent, ``kept`` those left (flagged)
    with the agent who missed the SLA, ``requeued`` those put back in the queue."""
    reroutes = reroute_sla_breaches()
    refresh_priorities()
    return {
        "rerouted": reroutes.moved,
        "kept": reroutes.kept,
        "requeued": reroutes.requeued,
        "assigned": assign_waiting(),
    }
