"""The transcript: storing a message (its sequence number, its client_id dedupe and the
conversation's new state, in one statement on PostgreSQL), telling the listeners, reading it.

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

from chatbot import frames, live
from conversations import signals as events
from conversations.models import Conversation, ConversationStatus, Message
from knowledge.models import AnswerLog
from search.indexing import new_message_row

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
    answer_log: AnswerLog | None = None,
) -> Stored | None:
    """Store a message under the conversation's next sequence number and set ``updates`` on the
    conversation, all or nothing. Returns None when nothing was stored: ``client_id`` is already
    in the conversation (a resend), or its status is not one of ``statuses``. Runs in the
    caller's transaction (or its own).

    ``answer_log`` (unsaved: the question the message answers) is stored by the same
    statement, whether or not the message is, and its id goes into the message's payload as
    ``answer_log_id`` (the customer's feedback names it)."""
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
        return _insert_with_orm(message, statuses, updates, answer_log)
    stored = _insert_with_sql(message, conversation.shop_id, statuses, updates, answer_log)
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
    message: Message,
    shop_id: int,
    statuses: Iterable[str] | None,
    updates: dict[str, Any],
    answer_log: AnswerLog | None,
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
    # The message's search index row is written by the same statement (see search.indexing).
    index_row = new_message_row(message.text or "", shop_id)
    index = ""
    if index_row is not None:
        params.update(shop=shop_id, key=index_row.key_id, tokens=index_row.tokens)
        index = """,
        indexed AS (
            INSERT INTO search_searchentry (message_id, conversation_id, shop_id, key_id, tokens)
            SELECT id, %(conversation)s, %(shop)s, %(key)s, %(tokens)s::bigint[] FROM msg
        )"""
    log, payload, log_id = "", "%(payload)s", ""
    if answer_log is not None:
        fields = [f for f in answer_log._meta.concrete_fields if not f.primary_key]
        for f in fields:
            params[f"log_{f.column}"] = f.get_db_prep_save(f.pre_save(answer_log, True), connection)
        log = f"""
        log AS (
            INSERT INTO {answer_log._meta.db_table} ({", ".join(f.column for f in fields)})
            VALUES ({", ".join(f"%(log_{f.column})s" for f in fields)})
            RETURNING id
        ),"""
        payload = "jsonb_set(%(payload)s::jsonb, '{answer_log_id}', to_jsonb((SELECT id FROM log)))"
        log_id = ", (SELECT id FROM log)"
    sql = f"""
        WITH {log}
        conv AS (
            UPDATE chatbot_conversation SET {", ".join(sets)}
            WHERE {" AND ".join(conditions)}
            RETURNING last_seq, status
        ),
        msg AS (
            INSERT INTO chatbot_message
                (conversation_id, seq, client_id, sender, agent_id, text, payload, is_private,
                 created_at)
            SELECT %(conversation)s, conv.last_seq, %(client_id)s, %(sender)s, %(agent)s,
                   %(text)s, {payload}, %(private)s, %(now)s
            FROM conv
            RETURNING id, seq
        ){index}
        SELECT msg.id, msg.seq, conv.status{log_id} FROM msg, conv
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    if answer_log is not None:
        answer_log.pk = row[3]
        answer_log._state.adding = False
        message.payload = {**message.payload, "answer_log_id": answer_log.pk}
    message.pk, message.seq = row[0], row[1]
    message._state.adding = False
    message.indexed_with_insert = index_row is not None
    return Stored(message, row[2])


def _insert_with_orm(
    message: Message,
    statuses: Iterable[str] | None,
    updates: dict[str, Any],
    answer_log: AnswerLog | None,
) -> Stored | None:
    with transaction.atomic():
        if answer_log is not None:
            answer_log.save()
            message.payload = {**message.payload, "answer_log_id": answer_log.pk}
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


def append_message(
    conversation: Conversation,
    sender: str,
    text: str,
    *,
    client_id: str | None = None,
    agent: Any = None,
    payload: dict[str, Any] | None = None,
    private: bool = False,
    statuses: tuple[str, ...] | None = None,
    updates: dict[str, Any] | None = None,
    answer_log: AnswerLog | None = None,
) -> tuple[Message | None, bool]:
    """Store a message under the next sequence number (``insert_message``: one statement)
    and tell the listeners once it is committed. With a ``client_id`` already stored in this
    conversation, returns that message instead (idempotent resend). With ``statuses``, stores
    only while the conversation has one of them, else returns (None, False). ``updates`` are
    conversation columns written in the same statement. Returns (message, created)."""
    stored = insert_message(
        conversation,
        sender=sender,
        text=text,
        client_id=client_id,
        agent_id=agent.pk if agent is not None else None,
        payload=payload,
        private=private,
        statuses=statuses,
        updates=updates,
        answer_log=answer_log,
    )
    if stored is None:
        existing = conversation.messages.filter(client_id=client_id).first() if client_id else None
        return existing, False
    message = stored.message
    message.agent = agent
    conversation.last_seq = message.seq
    conversation.status = stored.status
    for name, value in (updates or {}).items():
        setattr(conversation, name, value)
    events.send_on_commit(events.message_created, sender=Message, message=message)
    frame = {"type": "message", "conversation_id": conversation.pk, **frames.message_dict(message)}
    if private:
        live.publish(live.staff_group(conversation.pk), frame)
        return message, True
    if stored.status != ConversationStatus.BOT:
        # Keeps every console list current without a transcript open. Pure bot chats are left
        # out: they would flood supervisors with traffic nobody acts on. Sent before the
        # message itself: a console acts on each message with what it knows of the
        # conversation (it sends a read receipt while it holds it), so it must learn the new
        # state first. A close's "rate us" message used to arrive while the console still
        # thought it was assigned, and the read it sent was refused as "only the assigned
        # agent can do that".
        live.publish_conversation(conversation, last_text=text, last_sender=sender)
    live.publish([live.staff_group(conversation.pk), live.customer_group(conversation.pk)], frame)
    return message, True


def history(
    conversation: Conversation | None, after_seq: int = 0, *, private: bool = False
) -> list[dict[str, Any]]:
    if conversation is None:
        return []
    messages = conversation.messages.filter(seq__gt=after_seq).select_related("agent")
    if not private:
        messages = messages.filter(is_private=False)
    return [frames.message_dict(m) for m in messages.order_by("seq")]
