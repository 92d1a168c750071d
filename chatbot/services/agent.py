"""The agent's side: what a member of staff may see and do with a conversation."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery

from accounts.roles import Role, has_role
from audit.services import record
from chatbot import frames, live
from chatbot.services import attachments as rich
from chatbot.services.transcript import append_message
from chatbot.services.validation import ChatError, validate_client_id
from conversations.models import Conversation, ConversationStatus, Message, Sender
from core.fields import EncryptedTextField
from routing.scope import visible_conversations
from routing.services import assign_to

QUEUE_BROADCAST_LIMIT = 100


def with_last_text(conversations: QuerySet[Conversation]) -> QuerySet[Conversation]:
    """Annotate each conversation with its last public message and who sent it (the preview
    of a bot answer is its text, not its HTML), in the same query."""
    last = Message.objects.filter(conversation=OuterRef("pk"), is_private=False).order_by("-seq")
    return conversations.select_related("shop", "customer", "assigned_agent").annotate(
        last_text=Subquery(last.values("text")[:1], output_field=EncryptedTextField()),
        last_sender=Subquery(last.values("sender")[:1]),
    )


NOT_FOUND = "No such conversation, or not one you may see."


def require_view(user: Any, conversation_id: Any) -> Conversation:
    """The conversation, if ``user`` may see it (``routing.scope`` has the rule)."""
    pk = conversation_id if isinstance(conversation_id, int) else -1
    conversation = (
        visible_conversations(
            user, Conversation.objects.select_related("shop", "customer", "assigned_agent")
        )
        .filter(pk=pk)
        .first()
    )
    if conversation is not None:
        return conversation
    # Out of scope looks exactly like missing: the answer must not tell a probing agent which
    # ids exist. Only the audit trail knows the difference.
    if Conversation.objects.filter(pk=pk).exists():
        record(
            "chat.access_refused",
            object_type="conversations.conversation",
            object_id=pk,
            actor=user,
        )
    raise ChatError("not_found", NOT_FOUND)


def require_assigned(user: Any, conversation_id: Any) -> Conversation:
    return _assigned_to(user, require_view(user, conversation_id))


def receipt_target(user: Any, conversation_id: Any) -> Conversation | None:
    """Where an agent's typing indicator or read receipt goes; None for one that raced the
    conversation's close (the console sent it before it heard of the close): nothing to
    relay and nothing to complain about. Anything else follows ``require_assigned``."""
    conversation = require_view(user, conversation_id)
    if conversation.status == ConversationStatus.CLOSED and conversation.assigned_agent_id in (
        user.pk,
        None,
    ):
        return None
    return _assigned_to(user, conversation)


def _assigned_to(user: Any, conversation: Conversation) -> Conversation:
    if (
        conversation.assigned_agent_id != user.pk
        or conversation.status != ConversationStatus.ASSIGNED
    ):
        raise ChatError("forbidden", "Only the assigned agent can do that.")
    return conversation


def post_agent_message(
    user: Any,
    conversation_id: Any,
    client_id: Any,
    text: Any,
    *,
    private: bool,
    attachments: Any = None,
    payload: dict[str, Any] | None = None,
) -> tuple[Message, bool]:
    """An agent's reply (or private note). ``attachments`` are ids of the agent's own uploads
    for this conversation; the text may then be empty. ``payload`` adds cards (send_card)."""
    client_id = validate_client_id(client_id)
    ids = rich.requested(attachments)
    text = rich.message_text(text, bool(ids) or bool(payload and payload.get("cards")))
    if private:
        conversation = require_view(user, conversation_id)
    else:
        conversation = require_assigned(user, conversation_id)
    stored_id = f"agent:{user.pk}:{client_id}"
    resend = rich.resend_of(conversation, stored_id) if ids else None
    uploads = rich.staff_uploads(user, conversation, ids) if ids and resend is None else []
    with transaction.atomic() if uploads else contextlib.nullcontext():
        message, created = append_message(
            conversation,
            Sender.AGENT,
            text,
            client_id=stored_id,
            agent=user,
            payload={**(payload or {}), **rich.payload_for(uploads)},
            private=private,
        )
        if created:
            rich.claim(uploads, message)
    if created and not private and conversation.first_agent_reply_at is None:
        Conversation.objects.filter(pk=conversation.pk, first_agent_reply_at__isnull=True).update(
            first_agent_reply_at=message.created_at
        )
    return message, created


def accept(user: Any, conversation_id: Any) -> Conversation:
    conversation = require_view(user, conversation_id)
    reason = {
        "summary": f"{user.get_username()} accepted it from the queue",
        "manual": True,
        "by": user.get_username(),
    }
    if not assign_to(conversation, user, reason, from_status={ConversationStatus.WAITING}):
        raise ChatError(
            "forbidden", "The conversation is no longer waiting, or you are at capacity."
        )
    return conversation


def transfer(user: Any, conversation_id: Any, to_agent_id: Any) -> Conversation:
    conversation = require_view(user, conversation_id)
    if conversation.assigned_agent_id != user.pk and not has_role(user, Role.SUPERVISOR):
        raise ChatError("forbidden", "Only the assigned agent or a supervisor can transfer.")
    target = (
        get_user_model()
        .objects.filter(pk=to_agent_id if isinstance(to_agent_id, int) else -1)
        .first()
    )
    if target is None or not has_role(target, Role.AGENT, Role.SUPERVISOR):
        raise ChatError("invalid_field", "agent_id is not an agent.")
    previous = conversation.assigned_agent
    reason = {
        "summary": f"transferred by {user.get_username()}",
        "from": previous and previous.pk,
        "by": user.get_username(),
    }
    if not assign_to(
        conversation,
        target,
        reason,
        from_status={ConversationStatus.ASSIGNED, ConversationStatus.WAITING},
    ):
        raise ChatError("forbidden", "That agent has no free capacity.")
    record(
        "chat.conversation_transferred",
        obj=conversation,
        actor=user,
        changes={
            "from": previous.get_username() if previous else None,
            "to": target.get_username(),
        },
    )
    if previous is not None and previous.pk != target.pk:
        live.publish(
            live.agent_group(previous.pk),
            {"type": "conversation", **frames.conversation_summary(conversation)},
        )
    return conversation
