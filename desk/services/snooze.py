"""Snooze: a conversation is put aside until a time or until the customer writes again, and
comes back into its agent's list by itself (``desk.tasks.wake_snoozed`` on Celery beat, or
at once when the customer writes). Both ends leave a private line in the transcript."""

from __future__ import annotations

import datetime as dt
import threading
import time
from functools import cached_property
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from audit.services import record
from chatbot import live
from chatbot.services import ChatError, append_message
from conversations.models import Conversation, ConversationStatus, Message, Sender
from desk.models import Snooze

MAX_SNOOZE = dt.timedelta(days=90)
MEMO_SECONDS = 2.0


class _SnoozedIds:
    """Which conversations are snoozed, as the customer's message path asks it: a set in Redis
    (every process writes to it after commit) and this process's copy of it, read again at
    most every ``MEMO_SECONDS``. A message in a conversation that is not snoozed costs a set
    lookup in memory; no query, and one Redis read per process every 2 s. The copy may be 2 s
    behind, and a lost set misses replies: ``wake_due`` catches both on the next beat."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.read_at = float("-inf")
        self.lock = threading.Lock()

    @cached_property
    def client(self) -> redis.Redis | None:
        return redis.Redis.from_url(settings.REDIS_URL) if settings.REDIS_URL else None

    @property
    def key(self) -> str:
        return cache.make_key("desk:snoozed")

    def contains(self, conversation_id: int) -> bool:
        now = time.monotonic()
        if self.client is not None and now - self.read_at > MEMO_SECONDS:
            with self.lock:
                if now - self.read_at > MEMO_SECONDS:
                    try:
                        self.ids = {int(v) for v in self.client.smembers(self.key)}
                    except redis.RedisError:
                        pass  # keep the last copy; the beat's safety net covers the gap
                    self.read_at = now
        return conversation_id in self.ids

    def mark(self, conversation_id: int, snoozed: bool) -> None:
        """After commit: add or drop the conversation, here and in Redis."""

        def write() -> None:
            if snoozed:
                self.ids.add(conversation_id)
            else:
                self.ids.discard(conversation_id)
            if self.client is None:
                return
            try:
                if snoozed:
                    self.client.sadd(self.key, conversation_id)
                else:
                    self.client.srem(self.key, conversation_id)
            except redis.RedisError:
                pass

        transaction.on_commit(write)


snoozed_ids_memo = _SnoozedIds()


class WakeReason:
    TIME = "time"
    REPLY = "reply"
    MANUAL = "manual"
    CLOSED = "closed"


def _name(user: Any) -> str:
    return user.get_short_name() or user.get_username()


def _frame(conversation: Conversation, kind: str, **extra: Any) -> None:
    groups = live.watcher_groups(conversation.team_id, conversation.assigned_agent_id)
    live.publish(
        [*groups, live.staff_group(conversation.pk)],
        {"type": kind, "conversation_id": conversation.pk, **extra},
    )


def parse_until(value: Any, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """An ISO 8601 time (with its offset) or a number of minutes from now; None for none."""
    now = now or timezone.now()
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= MAX_SNOOZE.total_seconds() // 60:
            raise ChatError("invalid_field", "minutes must be between 1 and 129600 (90 days).")
        return now + dt.timedelta(minutes=value)
    if not isinstance(value, str):
        raise ChatError("invalid_field", "until must be an ISO 8601 time or a number of minutes.")
    try:
        until = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ChatError("invalid_field", "until must be an ISO 8601 time.") from None
    if timezone.is_naive(until):
        until = timezone.make_aware(until)
    return until


def snooze(
    conversation: Conversation, by: Any, *, until: dt.datetime | None, until_reply: bool
) -> Snooze:
    """Put the conversation aside; a snooze already running is replaced."""
    now = timezone.now()
    if until is None and not until_reply:
        raise ChatError(
            "invalid_field", "Snooze until a time, until the customer replies, or both."
        )
    if until is not None and not now < until <= now + MAX_SNOOZE:
        raise ChatError("invalid_field", "The snooze must end in the future, within 90 days.")
    by = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status not in (ConversationStatus.WAITING, ConversationStatus.ASSIGNED):
            raise ChatError("forbidden", "Only a conversation with a person can be snoozed.")
        Snooze.objects.filter(conversation=locked, woken_at__isnull=True).update(
            woken_at=now, wake_reason=WakeReason.MANUAL
        )
        item = Snooze.objects.create(
            conversation=locked, until=until, until_reply=until_reply, snoozed_by=by
        )
        snoozed_ids_memo.mark(locked.pk, True)
        when = []
        if until is not None:
            when.append(f"until {until.isoformat(timespec='minutes')}")
        if until_reply:
            when.append("until the customer replies")
        append_message(
            locked,
            Sender.SYSTEM,
            f"Snoozed {' or '.join(when)}" + (f" by {_name(by)}" if by else ""),
            private=True,
            payload={
                "desk": "snoozed",
                "until": until.isoformat() if until else None,
                "until_reply": until_reply,
                "by": _name(by) if by else None,
            },
        )
        record(
            "desk.snoozed",
            obj=locked,
            actor=by,
            changes={"until": until.isoformat() if until else None, "until_reply": until_reply},
        )
        _frame(
            locked,
            "snoozed",
            until=until.isoformat() if until else None,
            until_reply=until_reply,
        )
    return item


def wake(item: Snooze, reason: str, by: Any = None) -> bool:
    """End the snooze (once: a second wake of the same one does nothing). The conversation
    comes back into its agent's list with a line in the transcript saying why."""
    by = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=item.conversation_id)
        updated = Snooze.objects.filter(pk=item.pk, woken_at__isnull=True).update(
            woken_at=timezone.now(), wake_reason=reason
        )
        if not updated:
            return False
        snoozed_ids_memo.mark(conversation.pk, False)
        if conversation.status == ConversationStatus.CLOSED:
            return True  # nothing to come back to
        texts = {
            WakeReason.TIME: "Snooze ended: the time came",
            WakeReason.REPLY: "Snooze ended: the customer replied",
            WakeReason.MANUAL: "Snooze ended" + (f" by {_name(by)}" if by else ""),
        }
        append_message(
            conversation,
            Sender.SYSTEM,
            texts.get(reason, "Snooze ended"),
            private=True,
            payload={"desk": "snooze_woken", "reason": reason},
        )
        record("desk.snooze_woken", obj=conversation, actor=by, changes={"reason": reason})
        _frame(conversation, "woken", reason=reason)
        live.publish_conversation(conversation)
    return True


def unsnooze(conversation: Conversation, by: Any) -> bool:
    item = active(conversation.pk)
    if item is None:
        raise ChatError("not_found", "This conversation is not snoozed.")
    return wake(item, WakeReason.MANUAL, by)


def active(conversation_id: int) -> Snooze | None:
    return Snooze.objects.filter(conversation_id=conversation_id, woken_at__isnull=True).first()


def snoozed_ids(conversation_ids: list[int]) -> dict[int, Snooze]:
    rows = Snooze.objects.filter(conversation_id__in=conversation_ids, woken_at__isnull=True)
    return {row.conversation_id: row for row in rows}


def wake_due(now: dt.datetime | None = None) -> int:
    """Wake every snooze whose time has come (the Celery beat task); returns how many. Also
    the safety net behind ``customer_wrote``: a snooze whose customer wrote after it began
    (the Redis set missed it) wakes here, as a reply."""
    now = now or timezone.now()
    due = Snooze.objects.filter(woken_at__isnull=True, until__lte=now).order_by("until")
    woken = 0
    for item in list(due[:500]):
        if wake(item, WakeReason.TIME):
            woken += 1
    replied = Message.objects.filter(
        conversation=OuterRef("conversation"),
        sender=Sender.CUSTOMER,
        created_at__gt=OuterRef("created_at"),
    )
    missed = Snooze.objects.filter(woken_at__isnull=True).filter(Exists(replied))
    for item in list(missed[:500]):
        if wake(item, WakeReason.REPLY):
            woken += 1
    return woken


def customer_wrote(message: Message) -> None:
    """A customer's message ends the conversation's snooze at once (after its commit): the
    agent is needed now, whatever time the snooze was set to. The message path pays a set
    lookup in memory, and a database query only for a conversation listed as snoozed."""
    if not snoozed_ids_memo.contains(message.conversation_id):
        return
    item = active(message.conversation_id)
    if item is None:
        snoozed_ids_memo.mark(message.conversation_id, False)  # stale: woken elsewhere
    else:
        transaction.on_commit(lambda: wake(item, WakeReason.REPLY))
