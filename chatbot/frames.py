"""Every frame the server sends about a conversation, built in one place
(``docs/chat-protocol.md`` describes them)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from attachments.services import public_dicts
from conversations.models import Conversation, ConversationStatus, Message, Sender
from core.masking import mask_personal_data
from routing.services import back_at, queue_position


def message_dict(message: Message) -> dict[str, Any]:
    """A message object (docs/chat-protocol.md). Its attachments come without URLs: each
    socket signs them for its own reader (``chatbot.services.attachments.sign_frame``)."""
    payload = message.payload
    data: dict[str, Any] = {
        "seq": message.seq,
        "client_id": message.client_id,
        "sender": message.sender,
        "text": message.text,
        "created_at": message.created_at.isoformat(),
        "payload": payload,
    }
    if "attachments" in payload or "cards" in payload:
        data["payload"] = {k: v for k, v in payload.items() if k not in ("attachments", "cards")}
        if payload.get("attachments"):
            data["attachments"] = public_dicts(payload["attachments"])
        if payload.get("cards"):
            data["cards"] = payload["cards"]
    if message.agent_id:
        data["agent_name"] = message.agent.get_short_name() or message.agent.get_username()
    if message.is_private:
        data["private"] = True
    return data


def status_frame(conversation: Conversation) -> dict[str, Any]:
    frame: dict[str, Any] = {"type": "status", "status": conversation.status}
    if conversation.status == ConversationStatus.WAITING and conversation.queued_at:
        position, wait = queue_position(conversation)
        frame.update(queue_position=position, expected_wait_seconds=wait)
        returning = back_at(conversation)
        if returning is not None:
            # Nobody is online: say when a person is back; messages left meanwhile wait in
            # the queue like a ticket.
            frame["back_at"] = returning.isoformat()
    if conversation.status == ConversationStatus.ASSIGNED and conversation.assigned_agent:
        agent = conversation.assigned_agent
        frame["agent_name"] = agent.get_short_name() or agent.get_username()
    return frame


PREVIEW_CHARS = 140
# Elements that end a line when the answer is displayed: their text must not run together.
_BLOCKS = frozenset("p br div li ul ol h1 h2 h3 h4 h5 h6 tr td th blockquote pre table".split())


class _TextOnly(HTMLParser):
    """The text of a fragment of (sanitised) HTML, as a reader sees it: entities decoded,
    blocks separated by a space, nothing of the markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def preview_text(text: str, sender: str | None) -> str:
    """One line of plain text for the console's lists: bot answers are stored as sanitised
    HTML (``knowledge.services.sanitize_answer``) and shown as what they say, never as markup;
    everyone else's text is plain already (a customer may well type "<p>")."""
    if sender == Sender.BOT:
        parser = _TextOnly()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    return re.sub(r"\s+", " ", text).strip()[:PREVIEW_CHARS]


def conversation_summary(
    conversation: Conversation, last_text: str | None = None, last_sender: str | None = None
) -> dict[str, Any]:
    """``last_text`` (by ``last_sender``) is the last public message, when the caller has it."""
    if last_text is None and hasattr(conversation, "last_text"):  # annotated by with_last_text
        last_text = conversation.last_text or ""
        last_sender = getattr(conversation, "last_sender", None)
    if last_text is None:
        last = conversation.messages.filter(is_private=False).order_by("-seq").first()
        last_text, last_sender = (last.text, last.sender) if last else ("", None)
    agent = conversation.assigned_agent
    preview = preview_text(last_text, last_sender)
    if conversation.status != ConversationStatus.ASSIGNED:
        # Nobody holds it (the queue, a closed one): whoever reads the list sees contact
        # details masked, as everywhere outside a conversation an agent holds.
        preview = mask_personal_data(preview)
    return {
        "id": conversation.pk,
        "status": conversation.status,
        "shop": conversation.shop.name,
        "channel": conversation.channel,
        "customer_label": (
            f"{conversation.shop.name} · {conversation.customer.external_id}"
            if conversation.customer_id
            else f"{conversation.shop.name} · visitor {conversation.visitor_token_hash[:6]}"
        ),
        # The console words an anonymous visitor's label in its own language.
        "visitor_ref": None if conversation.customer_id else conversation.visitor_token_hash[:6],
        "agent_id": conversation.assigned_agent_id,
        "agent_name": (agent.get_short_name() or agent.get_username()) if agent else None,
        "last_message": preview,
        "updated_at": conversation.updated_at.isoformat(),
        "queued_at": conversation.queued_at.isoformat() if conversation.queued_at else None,
        "priority": conversation.priority,
        "handoff_reason": conversation.handoff_reason,
        "assignment_reason": conversation.assignment_reason,
        "mood": getattr(conversation, "mood", None),
    }
