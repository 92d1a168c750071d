"""Who may see an attachment: the customer of its conversation (or, before it is sent, the
visitor who uploaded it) and staff whose scope holds the conversation (``routing.scope``)."""

from __future__ import annotations

from typing import Any

from attachments.models import Attachment
from routing.scope import visible_conversations


def staff_may_see(user: Any, attachment: Attachment) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if attachment.conversation_id is None:
        # An upload not sent yet: only the member of staff who made it.
        return attachment.uploaded_by_id == user.pk
    return visible_conversations(user).filter(pk=attachment.conversation_id).exists()


def audience_may_see(audience: str, attachment: Attachment, user: Any = None) -> bool:
    """Whether the audience a URL was signed for may (still) see ``attachment``; a staff
    audience also needs the request's own user to be that member of staff."""
    kind, _, who = audience.partition(":")
    conversation = attachment.conversation
    if kind == "v":
        if attachment.visitor_token_hash and attachment.visitor_token_hash == who:
            return True
        return conversation is not None and conversation.visitor_token_hash == who
    if kind == "c":
        return conversation is not None and str(conversation.customer_id) == who
    if kind == "s":
        if user is None or not user.is_authenticated or str(user.pk) != who:
            return False
        return staff_may_see(user, attachment)
    if kind == "p":
        # Issued by the gateway for a provider to fetch what we send out.
        return attachment.message_id is not None
    return False
