"""The label filter, over app ``desk``'s labels: a conversation carries a label when it has it
itself or when its customer has it."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from conversations.models import Conversation
from desk.models import ConversationLabel, CustomerLabel, Label


def choices() -> list[tuple[int, str]]:
    return [
        (label.pk, label.name)
        for label in Label.objects.select_related("shop").order_by("name")[:500]
    ]


def filter_by_label(conversations: QuerySet[Conversation], label_id: int) -> QuerySet[Conversation]:
    on_conversation = ConversationLabel.objects.filter(label_id=label_id).values("conversation_id")
    on_customer = CustomerLabel.objects.filter(label_id=label_id).values("customer_id")
    return conversations.filter(Q(pk__in=on_conversation) | Q(customer_id__in=on_customer))
