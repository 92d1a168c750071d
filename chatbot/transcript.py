"""Storing a message: its sequence number, its client_id dedupe and the conversation's new
state, in one statement on PostgreSQL.

The hot path of the chat stores two messages per customer question. Lock-then-read (SELECT …
FOR UPDATE, a client_id lookup, an INSERT, an UPDATE) cost four statements in a transaction for
each; here one ``UPDATE … RETURNING`` inside a CTE allocates the number, refuses a duplicate
client_id or a conversation in the wrong status, and feeds the INSERT. The conversation row's
lock, taken by that UPDATE, still orders concurrent messages of one conversation, so sequence
numbers stay gap-free. Other databases (the embedded SQLite default) take the ORM path.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone

from chatbot.models import Conversation, ConversationStatus, Message

# Conversation columns a caller may set in the same statement (mood, unanswered streak, language).
UPDATABLE = frozenset(("mood", "mood_state", "mood_alert", "unanswered_streak", "language"))


@dataclass
class Stored:
    """What ``insert_message`` wrote: the message, and the conversation's status at that
    moment (after any change made by the same statement)."""

    message: Message
    status: str


def insert_message(
    conversation: Conversation,
    *,
    sender: str,
    text: str,
    client_id: str | None = None,
    agent_id: int | None = None,
    payload: dict[str, Any] | None = None,
    private: bool = False,
    statuses: Iterable[str] | None = None,
    updates: dict[str, Any] | None = None,
) -> Stored | None:
    """Store a message under the conversation's next sequence number and set ``updates`` on the
    conversation, all or nothing. Returns None when nothing was stored: ``client_id`` is already
    in the conversation (a resend), or its status is not one of ``statuses``. Runs in the
    caller's transaction (or its own)."""
    updates = dict(updates or {})
    if not UPDATABLE.issuperset(updates):
        raise ValueError(f"cannot update {sorted(set(updates) - UPDATABLE)} here")
    now = timezone.now()
    message = Message(
        conversation=conversation,
        client_id=client_id,
        sender=sender,
        text=text,
        agent_id=agent_id,
        payload=payload or {},
        is_private=private,
        created_at=now,
    )
    if connection.vendor != "postgresql":
        return _insert_with_orm(message, statuses, updates)
    stored = _insert_with_sql(message, statuses, updates)
    if stored is not None:
        # What Model.save() would have announced (the gateway sends replies out on it).
        post_save.send(
            sender=Message,
            instance=stored.message,
            created=True,
            update_fields=None,
            raw=False,
            using=connection.alias,
        )
    return stored


def _insert_with_sql(
    message: Message, statuses: Iterable[str] | None, updates: dict[str, Any]
) -> Stored | None:
    conversation_id = message.conversation_id
    now = message.created_at

    def prep(model: type, field: str, value: Any) -> Any:
        return model._meta.get_field(field).get_db_prep_save(value, connection)

    sets = ["last_seq = last_seq + 1", "updated_at = %(now)s"]
    params: dict[str, Any] = {
        "conversation": conversation_id,
        "now": prep(Conversation, "updated_at", now),
        "client_id": message.client_id,
        "sender": message.sender,
        "agent": message.agent_id,
        "text": prep(Message, "text", message.text),
        "payload": prep(Message, "payload", message.payload),
        "private": message.is_private,
    }
    for name, value in updates.items():
        sets.append(f"{name} = %(set_{name})s")
        params[f"set_{name}"] = prep(Conversation, name, value)
    conditions = ["id = %(conversation)s"]
    if statuses is not None:
        conditions.append("status = ANY(%(statuses)s)")
        params["statuses"] = list(statuses)
    if message.client_id is not None:
        conditions.append(
            "NOT EXISTS (SELECT 1 FROM chatbot_message"
            " WHERE conversation_id = %(conversation)s AND client_id = %(client_id)s)"
        )
    sql = f"""
        WITH conv AS (
            UPDATE chatbot_conversation SET {", ".join(sets)}
            WHERE {" AND ".join(conditions)}
            RETURNING last_seq, status
        )
        INSERT INTO chatbot_message
            (conversation_id, seq, client_id, sender, agent_id, text, payload, is_private,
             created_at)
        SELECT %(conversation)s, conv.last_seq, %(client_id)s, %(sender)s, %(agent)s,
               %(text)s, %(payload)s, %(private)s, %(now)s
        FROM conv
        RETURNING id, seq, (SELECT status FROM conv)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    message.pk, message.seq = row[0], row[1]
    message._state.adding = False
    return Stored(message, row[2])


def _insert_with_orm(
    message: Message, statuses: Iterable[str] | None, updates: dict[str, Any]
) -> Stored | None:
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=message.conversation_id)
        if statuses is not None and locked.status not in set(statuses):
            return None
        if message.client_id and locked.messages.filter(client_id=message.client_id).exists():
            return None
        Conversation.objects.filter(pk=locked.pk).update(
            last_seq=F("last_seq") + 1, updated_at=message.created_at, **updates
        )
        message.seq = locked.last_seq + 1
        message.save(force_insert=True)
        return Stored(message, locked.status)


OPEN_STATUSES = (ConversationStatus.BOT, ConversationStatus.WAITING, ConversationStatus.ASSIGNED)
