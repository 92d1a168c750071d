"""The first-reply SLA and the sweep Celery beat runs: conversations whose agent missed the SLA
go back to the queue, waiting conversations get their wait-time boosts, and anything the
event-driven path missed is assigned."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import record
from chatbot.models import Conversation, ConversationStatus
from routing.models import AssignmentDecision, DecisionKind, RoutingPolicy, SlaBreach
from routing.services.assignment import assign_waiting, enqueue
from routing.services.scoring import priority_for, requirements_for
from routing.signals import conversation_requeued


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
    """Put an assigned conversation back in the queue (call inside a transaction holding its
    row). Chat tells the previous agent and the customer (``conversation_requeued``)."""
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
    """The safety net run by Celery beat: SLA re-routes, wait-time boosts, assignment."""
    rerouted = reroute_sla_breaches()
    refresh_priorities()
    return {"rerouted": rerouted, "assigned": assign_waiting()}
