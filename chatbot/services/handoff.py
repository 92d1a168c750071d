"""The conversation changes hands: from the bot to the queue, and from anyone to closed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import record
from chatbot import frames, live
from chatbot.services.transcript import append_message
from conversations import signals as events
from conversations.models import Conversation, ConversationStatus, Message, Sender
from knowledge import texts
from routing.services import assign_waiting, enqueue


def request_handoff(conversation: Conversation, reason: str) -> list[Message]:
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status != ConversationStatus.BOT:
            return []
        locked.status = ConversationStatus.WAITING
        locked.queued_at = timezone.now()
        locked.handoff_reason = reason
        locked.save(update_fields=["status", "queued_at", "handoff_reason", "updated_at"])
        conversation.status = locked.status
        events.status_changed(locked, ConversationStatus.BOT, locked.status)
        message, _ = append_message(
            locked,
            Sender.SYSTEM,
            texts.text("handoff", locked.language),
            payload={"handoff_reason": reason},
        )
        # Built once this commits, and registered before enqueue's commit hook: that hook may
        # assign the conversation at once, and a "waiting" frame built here would reach the
        # customer after the assignment's frames and leave the queue on their screen.
        transaction.on_commit(
            lambda pk=locked.pk: live.publish(
                live.customer_group(pk), frames.status_frame(Conversation.objects.get(pk=pk))
            )
        )
        enqueue(locked)
        live.publish_conversation(locked)
        live.publish_console_state()
    return [message]


def close_conversation(conversation: Conversation, *, by: Any = None) -> bool:
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status == ConversationStatus.CLOSED:
            return False
        freed_agent = locked.status == ConversationStatus.ASSIGNED
        events.status_changed(locked, locked.status, ConversationStatus.CLOSED)
        locked.status = ConversationStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        conversation.status = locked.status
        closing = texts.text("closed", locked.language)
        # Anyone watching the transcript hears of the new status before the closing message,
        # like the consoles in append_message (its agent and the supervisors hear it there).
        live.publish(
            live.staff_group(locked.pk),
            {"type": "conversation", **frames.conversation_summary(locked, closing, Sender.SYSTEM)},
        )
        append_message(locked, Sender.SYSTEM, closing, payload={"csat_requested": True})
        live.publish(live.customer_group(locked.pk), frames.status_frame(locked))
        if freed_agent:
            live.publish_console_state()
        if by is not None and getattr(by, "is_authenticated", False):
            record("chat.conversation_closed", obj=locked, actor=by)
        if freed_agent:
            transaction.on_commit(assign_waiting)
        live.publish_console_state()
    return True
