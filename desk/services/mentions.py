"""``@username`` in a private note: the colleague named is told live (their console's
per-user group) and sees an unread badge; they may then read that conversation, read-only,
even when it belongs to another team. Each such read is audited."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.roles import Role, has_role
from audit.services import record
from chatbot import frames, live
from chatbot.services import ChatError, history
from chatbot.services.agent import NOT_FOUND
from conversations.models import Conversation, Message, Sender
from desk.models import Mention
from routing.scope import visible_conversations

# An @ that starts a word (not the middle of an e-mail address), then a Django username.
MENTION = re.compile(r"(?<![\w@.+-])@([\w.@+-]{1,150})")
MAX_MENTIONS = 10
EXCERPT_CHARS = 140


def names_in(text: str) -> list[str]:
    """The usernames mentioned, in order, each once (a trailing full stop is punctuation)."""
    seen: list[str] = []
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".")
        if name and name not in seen:
            seen.append(name)
    return seen[:MAX_MENTIONS]


def unread_count(user: Any) -> int:
    return Mention.objects.filter(mentioned=user, read_at__isnull=True).count()


def note_written(message: Message) -> list[Mention]:
    """Record and announce the mentions in a private note just stored (called in its
    transaction; the frames go out on commit)."""
    if not message.is_private or message.sender != Sender.AGENT or "@" not in message.text:
        return []
    names = names_in(message.text)
    if not names:
        return []
    users = get_user_model().objects.filter(username__in=names, is_active=True)
    author = message.agent
    created = []
    for user in users:
        if author is not None and user.pk == author.pk:
            continue
        if not (user.is_superuser or has_role(user, Role.AGENT, Role.SUPERVISOR)):
            continue  # only people with a console can be called in
        try:
            with transaction.atomic():
                mention = Mention.objects.create(
                    conversation_id=message.conversation_id,
                    message=message,
                    mentioned=user,
                    by=author,
                )
        except IntegrityError:
            continue  # the same note stored twice (a resend)
        created.append(mention)
        by_name = (author.get_short_name() or author.get_username()) if author else ""
        live.publish(
            live.user_group(user.pk),
            {
                "type": "mention",
                "id": mention.pk,
                "conversation_id": message.conversation_id,
                "seq": message.seq,
                "by": by_name,
                "excerpt": message.text[:EXCERPT_CHARS],
                "unread": unread_count(user),
            },
        )
    return created


def inbox(user: Any, limit: int = 50) -> dict[str, Any]:
    rows = Mention.objects.filter(mentioned=user).select_related("by", "message")[:limit]
    return {
        "unread": unread_count(user),
        "mentions": [
            {
                "id": m.pk,
                "conversation_id": m.conversation_id,
                "seq": m.message.seq,
                "by": (m.by.get_short_name() or m.by.get_username()) if m.by else "",
                "excerpt": m.message.text[:EXCERPT_CHARS],
                "created_at": m.created_at.isoformat(),
                "read": m.read_at is not None,
            }
            for m in rows
        ],
    }


def mentioned_view(user: Any, conversation_id: Any) -> dict[str, Any]:
    """The conversation as someone mentioned in it may see it: the transcript (notes
    included), read-only, with no customer profile. Audited, and the mentions are now read.
    Someone who may see it anyway reads it the usual way (no extra record)."""
    pk = conversation_id if isinstance(conversation_id, int) else -1
    conversation = (
        Conversation.objects.select_related("shop", "customer", "assigned_agent")
        .filter(pk=pk)
        .first()
    )
    mentions = Mention.objects.filter(conversation_id=pk, mentioned=user)
    if conversation is None or not mentions.exists():
        raise ChatError("not_found", NOT_FOUND)
    in_scope = visible_conversations(user).filter(pk=pk).exists()
    with transaction.atomic():
        if not in_scope:
            record(
                "desk.mention_access",
                obj=conversation,
                actor=user,
                changes={"read_only": True, "team": conversation.team_id},
            )
        mentions.filter(read_at__isnull=True).update(read_at=timezone.now())
    live.publish(live.user_group(user.pk), {"type": "mentions_read", "unread": unread_count(user)})
    return {
        "type": "transcript",
        "read_only": True,
        "conversation_id": conversation.pk,
        "conversation": frames.conversation_summary(conversation),
        "messages": history(conversation, private=True),
        "profile": None,
    }
