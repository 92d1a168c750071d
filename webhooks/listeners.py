"""Events → webhook deliveries. These receivers run on the chat's hot path (every message):
each is one cached check of the shop's subscriptions, then a Celery task builds and sends."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from conversations import signals as conversation_signals
from desk.signals import label_added
from profiles import signals as customer_signals
from webhooks.models import EventType
from webhooks.services import is_subscribed


def _queue(shop_id: int, event_type: str, refs: dict[str, Any]) -> None:
    if not is_subscribed(shop_id, event_type):
        return
    from webhooks.tasks import publish_event

    # Conversation events arrive after commit already; label_added inside the transaction.
    transaction.on_commit(lambda: publish_event.delay(event_type, refs))


@receiver(conversation_signals.message_created, dispatch_uid="webhooks.message_created")
def on_message(sender: Any, message: Any, **_: Any) -> None:
    if message.is_private:
        return  # private notes stay inside the team
    _queue(message.conversation.shop_id, EventType.MESSAGE_CREATED, {"message_id": message.pk})


@receiver(conversation_signals.conversation_created, dispatch_uid="webhooks.conversation_created")
def on_conversation(sender: Any, conversation: Any, **_: Any) -> None:
    _queue(
        conversation.shop_id,
        EventType.CONVERSATION_CREATED,
        {"conversation_id": conversation.pk},
    )


@receiver(
    conversation_signals.conversation_status_changed,
    dispatch_uid="webhooks.conversation_status_changed",
)
def on_status(sender: Any, conversation: Any, old: str, new: str, **_: Any) -> None:
    _queue(
        conversation.shop_id,
        EventType.CONVERSATION_STATUS_CHANGED,
        {"conversation_id": conversation.pk, "old_status": str(old), "new_status": str(new)},
    )


@receiver(conversation_signals.conversation_assigned, dispatch_uid="webhooks.conversation_assigned")
def on_assigned(sender: Any, conversation: Any, agent: Any = None, **kwargs: Any) -> None:
    previous = kwargs.get("previous_agent")
    _queue(
        conversation.shop_id,
        EventType.CONVERSATION_ASSIGNED,
        {
            "conversation_id": conversation.pk,
            "agent_id": agent.pk if agent is not None else None,
            "previous_agent_id": previous.pk if previous is not None else None,
            "kind": str(kwargs.get("kind") or ""),
        },
    )


@receiver(conversation_signals.csat_submitted, dispatch_uid="webhooks.csat_submitted")
def on_csat(sender: Any, conversation: Any, score: int, **_: Any) -> None:
    _queue(
        conversation.shop_id,
        EventType.CSAT_SUBMITTED,
        {"conversation_id": conversation.pk, "score": score},
    )


@receiver(label_added, dispatch_uid="webhooks.label_added")
def on_label(sender: Any, target: Any, label: Any, by: Any = None, **_: Any) -> None:
    kind = "customer" if sender._meta.model_name == "customer" else "conversation"
    _queue(
        label.shop_id,
        EventType.LABEL_ADDED,
        {
            "label_id": label.pk,
            "target": kind,
            "target_id": target.pk,
            "by_id": by.pk if by is not None else None,
        },
    )


@receiver(customer_signals.customer_merged, dispatch_uid="webhooks.customer_merged")
def on_merged(sender: Any, customer: Any, merged_id: int, reason: str = "", **_: Any) -> None:
    _queue(
        customer.shop_id,
        EventType.CUSTOMER_MERGED,
        {"customer_id": customer.pk, "merged_id": merged_id, "reason": str(reason)},
    )


@receiver(customer_signals.customer_erased, dispatch_uid="webhooks.customer_erased")
def on_erased(sender: Any, customer_id: int, shop_id: int, **_: Any) -> None:
    _queue(shop_id, EventType.CUSTOMER_ERASED, {"customer_id": customer_id, "shop_id": shop_id})
