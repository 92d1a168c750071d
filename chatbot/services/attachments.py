"""Attachments in the chat: which uploads a message may carry, tying them to it when it is
stored, the signed URLs each reader gets, and the bot's turn for a message that is only
attachments (it is never answered from the knowledge base)."""

from __future__ import annotations

import hashlib
from typing import Any

from attachments import services as files
from attachments import signing
from attachments.models import Attachment
from chatbot.services.handoff import request_handoff
from chatbot.services.transcript import append_message
from chatbot.services.validation import ChatError, validate_text
from conversations.models import Conversation, ConversationStatus, Message, Sender
from knowledge import texts
from knowledge.models import Intent
from profiles.services import ORDER_NUMBER_RE

# Before these, customers describe a photo; with these, a person should look at it.
COMPLAINT_MOOD = -0.3


def chat_error(exc: files.AttachmentError) -> ChatError:
    return ChatError("invalid_field" if exc.code == "invalid_field" else exc.code, exc.detail)


def requested(value: Any) -> list[str]:
    """The ``attachments`` field of a frame, as ids (at most 5), or an ``invalid_field``."""
    try:
        return files.parse_ids(value)
    except files.AttachmentError as exc:
        raise chat_error(exc) from exc


def resend_of(conversation: Conversation | None, client_id: str) -> Message | None:
    """The message already stored under ``client_id``: its attachments are claimed already,
    and the resend gets the original's ack as always."""
    if conversation is None:
        return None
    return conversation.messages.filter(client_id=client_id).first()


def customer_uploads(
    shop: Any, visitor_token_hash: str, ids: list[str]
) -> list[Attachment]:
    """The visitor's own unsent uploads named by ``ids``."""
    try:
        return files.claimable(ids, shop, visitor_token_hash=visitor_token_hash)
    except files.AttachmentError as exc:
        raise chat_error(exc) from exc


def staff_uploads(user: Any, conversation: Conversation, ids: list[str]) -> list[Attachment]:
    """This member of staff's unsent uploads for this conversation named by ``ids``."""
    try:
        return files.claimable(ids, conversation.shop, user=user, conversation=conversation)
    except files.AttachmentError as exc:
        raise chat_error(exc) from exc


def payload_for(rows: list[Attachment]) -> dict[str, Any]:
    return {"attachments": [files.descriptor(a) for a in rows]} if rows else {}


def claim(rows: list[Attachment], message: Message | None) -> None:
    """Tie the uploads to the message just stored, in its transaction: one sent meanwhile by
    another message (two tabs) makes this one fail whole, so no upload is on two messages."""
    if rows and message is not None and files.claim(rows, message) != len(rows):
        raise ChatError("invalid_field", "An attachment was already sent with another message.")


def message_text(text: Any, has_attachments: bool) -> str:
    """The text of a message; it may be empty (or absent) when attachments come with it."""
    if has_attachments and (text is None or (isinstance(text, str) and not text.strip())):
        return ""
    return validate_text(text)


def check_customer_message(session: Any, frame: dict[str, Any]) -> list[Attachment]:
    """The frame's text and attachments are acceptable (before a conversation is started for
    it); returns the uploads to store with it ([] for a resend, which has them already)."""
    ids = requested(frame.get("attachments"))
    message_text(frame.get("text"), bool(ids))
    if not ids or resend_of(session.conversation, str(frame.get("client_id"))) is not None:
        return []
    return customer_uploads(session.shop, session_token_hash(session), ids)


def session_token_hash(session: Any) -> str:
    """As ``customer.token_hash`` (which imports this module) makes it."""
    return hashlib.sha256(session.visitor_token.encode()).hexdigest()


# --- what readers see -------------------------------------------------------------------------


def public(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """A message payload's attachments as message objects carry them, still without URLs."""
    stored = payload.get("attachments")
    return files.public_dicts(stored) if isinstance(stored, list) else []


def audience_for_customer(token_hash: str, customer_id: int | None) -> str:
    if customer_id:
        return signing.customer_audience(customer_id)
    return signing.visitor_audience(token_hash)


def sign_message(message: dict[str, Any], audience: str) -> dict[str, Any]:
    """A message object with fresh URLs for ``audience`` (a copy when it has attachments)."""
    items = message.get("attachments")
    if not items:
        return message
    return {**message, "attachments": files.with_urls(items, audience)}


def sign_messages(messages: list[dict[str, Any]], audience: str) -> list[dict[str, Any]]:
    return [sign_message(m, audience) for m in messages]


def sign_frame(frame: dict[str, Any], audience: str) -> dict[str, Any]:
    """Any server frame: a message frame, or one holding a list of messages (welcome,
    transcript), with its attachments' URLs signed for ``audience``."""
    if frame.get("type") == "message":
        return sign_message(frame, audience)
    if isinstance(frame.get("messages"), list):
        return {**frame, "messages": sign_messages(frame["messages"], audience)}
    return frame


def only_attachments(message: Message) -> bool:
    return not message.text.strip() and bool(message.payload.get("attachments"))


def has_image(message: Message) -> bool:
    return any(a.get("kind") == "image" for a in message.payload.get("attachments") or [])


# --- the bot's turn for a message of attachments only --------------------------------------------

RECENT_MESSAGES = 20


def order_context(conversation: Conversation, before_seq: int) -> bool:
    """The conversation is about an order: the customer named an order number, or the bot
    answered an order question, in its recent messages."""
    recent = conversation.messages.filter(seq__lt=before_seq, is_private=False).order_by("-seq")
    for message in recent.only("text", "sender", "payload")[:RECENT_MESSAGES]:
        if message.payload.get("intent") == Intent.ORDER_STATUS or message.payload.get("order"):
            return True
        if message.sender == Sender.CUSTOMER and ORDER_NUMBER_RE.search(message.text):
            return True
    return False


def complaint(conversation: Conversation) -> bool:
    return bool(conversation.mood_alert) or (conversation.mood or 0.0) <= COMPLAINT_MOOD


def attachment_turn(conversation: Conversation, customer_message: Message) -> list[Message]:
    """Acknowledge a photo or file sent without words. With an order in the conversation (a
    damaged parcel, a wrong item) or an unhappy customer, a person takes over at once;
    otherwise the bot asks what it is about and offers a person."""
    language = conversation.language or conversation.shop.default_language
    to_person = order_context(conversation, customer_message.seq) or complaint(conversation)
    if to_person:
        key = "image_to_person" if has_image(customer_message) else "file_to_person"
        payload = {"feedback_allowed": False, "attachment_ack": True}
    else:
        key = "image_received" if has_image(customer_message) else "file_received"
        payload = {"feedback_allowed": False, "attachment_ack": True, "handoff_offered": True}
    said, _ = append_message(
        conversation,
        Sender.BOT,
        texts.text(key, language),
        payload=payload,
        statuses=(ConversationStatus.BOT,),
    )
    if said is None:
        return []
    if not to_person:
        return [said]
    return [said, *request_handoff(conversation, "attachment")]
