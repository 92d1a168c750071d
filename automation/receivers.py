"""Events → rules. These run on the chat's hot path (a customer message sends
``message_created``): each is one cached check (``engine.dispatch``), then a Celery task."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from automation import defaults, engine
from automation.models import Event, Rule
from conversations import signals as events
from conversations.models import Conversation, Sender
from desk.signals import label_added
from shops.models import Shop

MESSAGE_EVENTS = {
    Sender.CUSTOMER: Event.CUSTOMER_MESSAGE,
    Sender.AGENT: Event.AGENT_MESSAGE,
    Sender.BOT: Event.BOT_MESSAGE,
}


@receiver(events.message_created, dispatch_uid="automation.message_created")
def on_message(sender: Any, message: Any, **_: Any) -> None:
    event = MESSAGE_EVENTS.get(message.sender)
    if event is None or message.is_private:
        return  # system lines and private notes are no rule's trigger
    conversation = message.conversation
    engine.dispatch(conversation.shop_id, event, conversation.pk, message_id=message.pk)


@receiver(events.conversation_created, dispatch_uid="automation.conversation_created")
def on_created(sender: Any, conversation: Any, **_: Any) -> None:
    engine.dispatch(conversation.shop_id, Event.CONVERSATION_CREATED, conversation.pk)


@receiver(events.conversation_assigned, dispatch_uid="automation.conversation_assigned")
def on_assigned(sender: Any, conversation: Any, agent: Any = None, **_: Any) -> None:
    engine.dispatch(
        conversation.shop_id,
        Event.CONVERSATION_ASSIGNED,
        conversation.pk,
        agent_id=agent.pk if agent is not None else None,
    )


@receiver(events.conversation_status_changed, dispatch_uid="automation.status_changed")
def on_status(sender: Any, conversation: Any, old: str, new: str, **_: Any) -> None:
    engine.dispatch(
        conversation.shop_id, Event.STATUS_CHANGED, conversation.pk, old=str(old), new=str(new)
    )


@receiver(events.mood_alert, dispatch_uid="automation.mood_alert")
def on_mood(sender: Any, conversation: Any, **_: Any) -> None:
    engine.dispatch(conversation.shop_id, Event.MOOD_ALERT, conversation.pk)


@receiver(events.sla_breached, dispatch_uid="automation.sla_breached")
def on_sla(sender: Any, conversation: Any, agent: Any = None, **_: Any) -> None:
    engine.dispatch(
        conversation.shop_id,
        Event.SLA_BREACHED,
        conversation.pk,
        agent_id=agent.pk if agent is not None else None,
    )


@receiver(events.csat_submitted, dispatch_uid="automation.csat_submitted")
def on_csat(sender: Any, conversation: Any, score: int, **_: Any) -> None:
    engine.dispatch(conversation.shop_id, Event.CSAT_SUBMITTED, conversation.pk, score=score)


@receiver(label_added, dispatch_uid="automation.label_added")
def on_label(sender: Any, label: Any, conversation: Any = None, **_: Any) -> None:
    """Only labels on conversations (a customer's label has no conversation to act on). Sent
    inside the desk's transaction: the rules run once it commits."""
    if conversation is None or sender is not Conversation:
        return
    shop_id, pk, name, origin = conversation.shop_id, conversation.pk, label.name, engine.chain()

    def later() -> None:
        with engine.acting_as(origin):
            engine.dispatch(shop_id, Event.LABEL_ADDED, pk, label_id=label.pk, label_name=name)

    transaction.on_commit(later)


# --- the pre-filter's cache follows the rules; new shops get the shipped default -------------


@receiver(post_save, sender=Rule, dispatch_uid="automation.rule_saved")
@receiver(post_delete, sender=Rule, dispatch_uid="automation.rule_deleted")
def rule_changed(sender: Any, instance: Rule, **_: Any) -> None:
    shop_id = instance.shop_id
    engine.forget(shop_id)
    transaction.on_commit(lambda: engine.forget(shop_id))  # a reader may have refilled it meanwhile


@receiver(post_save, sender=Shop, dispatch_uid="automation.shop_created")
def shop_created(sender: Any, instance: Shop, created: bool, raw: bool = False, **_: Any) -> None:
    if created and not raw:
        defaults.seed(instance)
