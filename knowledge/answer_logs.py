"""Answer logs as personal data: which logs belong to which conversations.

A log is tied to its conversation when ``answer_question`` is given one. Logs written before
that link existed (and by any caller that does not pass the conversation) are still found
through the bot's reply, whose payload carries ``answer_log_id``; :func:`link` records that
link on the log so that the export, the erasure and the retention purge reach every question
the customer typed.
"""

from __future__ import annotations

from django.db.models import BigIntegerField, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from conversations.models import Message, Sender
from knowledge.models import AnswerLog


def link(conversations: QuerySet) -> int:
    """Tie unlinked logs answered in ``conversations`` to them; returns how many were tied."""
    replies = (
        Message.objects.filter(
            conversation__in=conversations, sender=Sender.BOT, payload__has_key="answer_log_id"
        )
        .annotate(log_id=Cast(KT("payload__answer_log_id"), BigIntegerField()))
        .values_list("log_id", "conversation_id")
    )
    by_conversation: dict[int, list[int]] = {}
    for log_id, conversation_id in replies:
        if log_id is not None:
            by_conversation.setdefault(conversation_id, []).append(log_id)
    tied = 0
    for conversation_id, log_ids in by_conversation.items():
        tied += AnswerLog.objects.filter(pk__in=log_ids, conversation__isnull=True).update(
            conversation_id=conversation_id
        )
    return tied


def of(conversations: QuerySet) -> QuerySet[AnswerLog]:
    """Every log of a question asked in ``conversations`` (after :func:`link`)."""
    link(conversations)
    return AnswerLog.objects.filter(conversation__in=conversations)
