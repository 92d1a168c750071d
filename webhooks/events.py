"""Each event type's ``data``, built from the rows it is about (in a Celery task, off the hot
path). Nothing here names, phones or mails anyone: contact details are added by
``services.deliver_event`` only for subscriptions granted that scope.

The shapes are documented as serializers in ``webhooks.schema`` (the OpenAPI components)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from conversations.models import Conversation, Message, Sender
from gateway.formatting import plain_text
from shops.models import Shop
from webhooks.models import EventType
from webhooks.services import deliver_event


def person(user: Any) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "username": user.get_username()}


def customer_ref(customer: Any) -> dict[str, Any] | None:
    """Who the customer is in the shop's own terms (its external id), never how to reach them."""
    if customer is None:
        return None
    return {"id": customer.pk, "external_id": customer.external_id or ""}


def conversation_data(conversation: Conversation) -> dict[str, Any]:
    team = conversation.team
    return {
        "id": conversation.pk,
        "channel": conversation.channel,
        "status": conversation.status,
        "language": conversation.language,
        "priority": conversation.priority,
        "assigned_agent": person(conversation.assigned_agent),
        "team": {"id": team.pk, "name": team.name} if team is not None else None,
        "customer": customer_ref(conversation.customer),
        "created_at": conversation.created_at.isoformat(),
        "updated_at": conversation.updated_at.isoformat(),
    }


def message_data(message: Message) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": message.pk,
        "seq": message.seq,
        "sender": message.sender,
        # Bot answers are stored as safe HTML: the plain text for bots and CRMs, the HTML too.
        "text": plain_text(message.text) if message.sender == Sender.BOT else message.text,
        "created_at": message.created_at.isoformat(),
        "agent": person(message.agent) if message.agent_id else None,
    }
    if message.sender == Sender.BOT:
        data["html"] = message.text
    return data


def _conversation(pk: Any) -> Conversation | None:
    return (
        Conversation.objects.select_related("shop", "customer", "assigned_agent", "team")
        .filter(pk=pk)
        .first()
    )


def publish(event_type: str, refs: dict[str, Any]) -> None:
    """Build ``event_type``'s data from ``refs`` (ids, as queued by the receivers) and hand
    it to ``deliver_event``. Rows deleted meanwhile produce no event."""
    builder = BUILDERS[event_type]
    built = builder(refs)
    if built is None:
        return
    shop, data, customer = built
    deliver_event(shop, event_type, data, customer=customer)


Built = tuple[Shop, dict[str, Any], Any] | None


def _message_created(refs: dict[str, Any]) -> Built:
    message = (
        Message.objects.select_related(
            "agent",
            "conversation__shop",
            "conversation__customer",
            "conversation__assigned_agent",
            "conversation__team",
        )
        .filter(pk=refs["message_id"])
        .first()
    )
    if message is None or message.is_private:
        return None
    conversation = message.conversation
    data = {"conversation": conversation_data(conversation), "message": message_data(message)}
    return conversation.shop, data, conversation.customer


def _conversation_event(extra: dict[str, Any]) -> Any:
    def build(refs: dict[str, Any]) -> Built:
        conversation = _conversation(refs["conversation_id"])
        if conversation is None:
            return None
        data = {"conversation": conversation_data(conversation)}
        data.update({key: refs.get(key) for key in extra})
        return conversation.shop, data, conversation.customer

    return build


def _assigned(refs: dict[str, Any]) -> Built:
    conversation = _conversation(refs["conversation_id"])
    if conversation is None:
        return None
    users = get_user_model().objects.in_bulk(
        [pk for pk in (refs.get("agent_id"), refs.get("previous_agent_id")) if pk]
    )
    data = {
        "conversation": conversation_data(conversation),
        "agent": person(users.get(refs.get("agent_id"))),
        "previous_agent": person(users.get(refs.get("previous_agent_id"))),
        "kind": refs.get("kind") or "",
    }
    return conversation.shop, data, conversation.customer


def _label_added(refs: dict[str, Any]) -> Built:
    from desk.models import Label
    from profiles.models import Customer

    label = Label.objects.select_related("shop").filter(pk=refs["label_id"]).first()
    if label is None:
        return None
    by = get_user_model().objects.filter(pk=refs.get("by_id") or 0).first()
    data: dict[str, Any] = {
        "label": {"id": label.pk, "name": label.name},
        "by": person(by),
        "conversation": None,
        "customer": None,
    }
    customer = None
    if refs["target"] == "conversation":
        conversation = _conversation(refs["target_id"])
        if conversation is None:
            return None
        data["conversation"] = conversation_data(conversation)
        data["customer"] = customer_ref(conversation.customer)
        customer = conversation.customer
    else:
        customer = Customer.objects.filter(pk=refs["target_id"]).first()
        if customer is None:
            return None
        data["customer"] = customer_ref(customer)
    return label.shop, data, customer


def _customer_merged(refs: dict[str, Any]) -> Built:
    from profiles.models import Customer

    customer = Customer.objects.select_related("shop").filter(pk=refs["customer_id"]).first()
    if customer is None:
        return None
    data = {
        "customer": customer_ref(customer),
        "merged_customer_id": refs.get("merged_id"),
        "reason": refs.get("reason") or "",
    }
    return customer.shop, data, customer


def _customer_erased(refs: dict[str, Any]) -> Built:
    shop = Shop.objects.filter(pk=refs["shop_id"]).first()
    if shop is None:
        return None
    # The record is gone: its id is all there is (and all a CRM needs to erase its copy).
    # No reason either: an operator's free text may well name the person.
    data = {"customer": {"id": refs["customer_id"]}}
    return shop, data, None


BUILDERS = {
    EventType.MESSAGE_CREATED: _message_created,
    EventType.CONVERSATION_CREATED: _conversation_event({}),
    EventType.CONVERSATION_STATUS_CHANGED: _conversation_event({"old_status", "new_status"}),
    EventType.CONVERSATION_ASSIGNED: _assigned,
    EventType.CSAT_SUBMITTED: _conversation_event({"score"}),
    EventType.LABEL_ADDED: _label_added,
    EventType.CUSTOMER_MERGED: _customer_merged,
    EventType.CUSTOMER_ERASED: _customer_erased,
}
