"""Labels on conversations and customers: applied, removed, audited, announced
(``desk.signals``) and shown live on the consoles watching the conversation."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from audit.services import record
from chatbot import live
from chatbot.services import ChatError
from conversations.models import Conversation
from desk.models import ConversationLabel, CustomerLabel, Label
from desk.signals import label_added, label_removed
from profiles.models import Customer


def _human(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def resolve_label(shop_id: int, ref: Any) -> Label:
    """A label of this shop, by id or by name; a label of another shop is as unknown as a
    missing one."""
    labels = Label.objects.filter(shop_id=shop_id)
    if isinstance(ref, int) and not isinstance(ref, bool):
        label = labels.filter(pk=ref).first()
    elif isinstance(ref, str) and ref.strip():
        label = labels.filter(name=ref.strip()).first()
    else:
        raise ChatError("invalid_field", "label must be a label's id or name.")
    if label is None:
        raise ChatError("not_found", "No such label in this conversation's shop.")
    return label


def conversation_labels(conversation_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each conversation's labels (one query), for lists and frames."""
    found: dict[int, list[dict[str, Any]]] = {pk: [] for pk in conversation_ids}
    rows = (
        ConversationLabel.objects.filter(conversation_id__in=conversation_ids)
        .select_related("label")
        .order_by("label__name")
    )
    for row in rows:
        found[row.conversation_id].append(row.label.as_dict())
    return found


def customer_labels(customer_id: int | None) -> list[dict[str, Any]]:
    if customer_id is None:
        return []
    rows = CustomerLabel.objects.filter(customer_id=customer_id).select_related("label")
    return [row.label.as_dict() for row in rows.order_by("label__name")]


def _publish_labels(conversation: Conversation) -> None:
    frame = {
        "type": "labels",
        "conversation_id": conversation.pk,
        "labels": conversation_labels([conversation.pk])[conversation.pk],
        "customer_labels": customer_labels(conversation.customer_id),
    }
    groups = live.watcher_groups(conversation.team_id, conversation.assigned_agent_id)
    live.publish([*groups, live.staff_group(conversation.pk)], frame)


def add_to_conversation(conversation: Conversation, label: Label, by: Any = None) -> bool:
    """Put ``label`` on the conversation; False when it was there already (nothing changes,
    nothing is recorded twice)."""
    if label.shop_id != conversation.shop_id:
        raise ChatError("not_found", "No such label in this conversation's shop.")
    by = _human(by)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ConversationLabel.objects.create(
                    conversation=conversation, label=label, added_by=by
                )
        except IntegrityError:
            return False
        record(
            "desk.label_added",
            obj=conversation,
            actor=by,
            changes={"label": label.name, "label_id": label.pk},
        )
        label_added.send(
            sender=Conversation,
            target=conversation,
            conversation=conversation,
            customer=None,
            label=label,
            by=by,
        )
        _publish_labels(conversation)
    return True


def remove_from_conversation(conversation: Conversation, label: Label, by: Any = None) -> bool:
    by = _human(by)
    with transaction.atomic():
        deleted, _ = ConversationLabel.objects.filter(
            conversation=conversation, label=label
        ).delete()
        if not deleted:
            return False
        record(
            "desk.label_removed",
            obj=conversation,
            actor=by,
            changes={"label": label.name, "label_id": label.pk},
        )
        label_removed.send(
            sender=Conversation,
            target=conversation,
            conversation=conversation,
            customer=None,
            label=label,
            by=by,
        )
        _publish_labels(conversation)
    return True


def add_to_customer(
    customer: Customer, label: Label, by: Any = None, *, via: Conversation | None = None
) -> bool:
    """Label the customer; ``via`` is the conversation it was done from (its consoles are
    told)."""
    if label.shop_id != customer.shop_id:
        raise ChatError("not_found", "No such label in this customer's shop.")
    by = _human(by)
    with transaction.atomic():
        try:
            with transaction.atomic():
                CustomerLabel.objects.create(customer=customer, label=label, added_by=by)
        except IntegrityError:
            return False
        record(
            "desk.customer_label_added",
            object_type="profiles.customer",
            object_id=customer.pk,
            actor=by,
            changes={"label": label.name, "label_id": label.pk, "conversation": via and via.pk},
        )
        label_added.send(
            sender=Customer,
            target=customer,
            conversation=None,
            customer=customer,
            label=label,
            by=by,
        )
        if via is not None:
            _publish_labels(via)
    return True


def remove_from_customer(
    customer: Customer, label: Label, by: Any = None, *, via: Conversation | None = None
) -> bool:
    by = _human(by)
    with transaction.atomic():
        deleted, _ = CustomerLabel.objects.filter(customer=customer, label=label).delete()
        if not deleted:
            return False
        record(
            "desk.customer_label_removed",
            object_type="profiles.customer",
            object_id=customer.pk,
            actor=by,
            changes={"label": label.name, "label_id": label.pk, "conversation": via and via.pk},
        )
        label_removed.send(
            sender=Customer,
            target=customer,
            conversation=None,
            customer=customer,
            label=label,
            by=by,
        )
        if via is not None:
            _publish_labels(via)
    return True
