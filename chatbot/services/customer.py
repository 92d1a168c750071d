"""The customer's side: who they are, their messages, settings, feedback and rating."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import record
from chatbot import mood
from chatbot.services import attachments as rich
from chatbot.services import transcript
from chatbot.services.handoff import request_handoff
from chatbot.services.transcript import append_message
from chatbot.services.validation import (
    MAX_COMMENT_CHARS,
    TOKEN_RE,
    ChatError,
    validate_client_id,
)
from conversations import signals as events
from conversations.models import Conversation, ConversationStatus, Message, Sender
from knowledge import texts
from knowledge.languages import normalize_code
from knowledge.models import AnswerLog
from profiles import identity, recommendations
from profiles.models import Customer, IdentityKind
from shops.models import Shop


@dataclass
class CustomerSession:
    shop: Shop
    visitor_token: str
    customer: Customer | None
    conversation: Conversation | None
    language: str = "zh"
    channel: str = "web"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lang(language: str, shop: Shop | None = None) -> str:
    """zh-Hans, zh-Hant or en from what the widget or channel says, else the shop's default."""
    return normalize_code(language) or (shop.default_language if shop else "")


def open_session(
    shop: Shop,
    *,
    visitor_token: str | None = None,
    customer_id: str | None = None,
    signature: str | None = None,
    language: str = "",
) -> CustomerSession:
    """Identify the visitor (signed shop customer, or anonymous token holder) and find their
    current conversation, if any. A conversation is only created by the first message."""
    customer = None
    if customer_id or signature:
        customer_id = str(customer_id or "")[:100]
        if not shop.verify_identity(customer_id, str(signature or "")):
            record(
                "chat.identity_rejected",
                object_type="shops.shop",
                object_id=shop.pk,
                changes={"customer_id": customer_id},
            )
            raise ChatError("invalid_identity", "The customer identity signature is not valid.")
        customer, created = Customer.objects.get_or_create(shop=shop, external_id=customer_id)
        if created:
            identity.link_identity(
                customer, IdentityKind.SHOP_CUSTOMER, customer_id, verified=True, reason="signed"
            )
    if not visitor_token or not TOKEN_RE.match(str(visitor_token)):
        visitor_token = secrets.token_urlsafe(24)
    if customer is None:
        # A browser that answered a one-time code recently is still that customer.
        customer = identity.customer_for(
            shop,
            IdentityKind.WEB_VISITOR,
            token_hash(visitor_token),
            verified_since=timezone.now() - identity.VISITOR_TRUST,
        )
    conversations = Conversation.objects.filter(shop=shop)
    if customer is not None:
        conversations = conversations.filter(customer=customer)
    else:
        conversations = conversations.filter(
            visitor_token_hash=token_hash(visitor_token), customer__isnull=True
        )
    conversation = conversations.order_by("-id").first()
    if conversation is not None:
        conversation.shop = shop  # the bot reads the shop's language: spare the query
    return CustomerSession(shop, visitor_token, customer, conversation, _lang(language, shop))


def request_code(session: CustomerSession, address: Any) -> identity.PendingVerification:
    if not isinstance(address, str) or len(address) > 254:
        raise ChatError("invalid_address", "Enter a mobile number or an e-mail address.")
    try:
        return identity.start_verification(
            session.shop,
            address,
            requester=token_hash(session.visitor_token),
            language=session.language,
        )
    except identity.IdentityError as exc:
        raise ChatError(exc.code, exc.detail) from exc


def verify_code(session: CustomerSession, code: Any) -> Customer:
    """Answering the code makes this visitor the customer: their earlier anonymous chats and
    any other record of them (say, from WeChat) become one customer. The code is the visitor's
    (their token), so it still works after the socket reconnected."""
    if not isinstance(code, str | int) or not str(code).strip().isdigit():
        raise ChatError("invalid_field", "The code is the six digits we sent you.")
    visitor = token_hash(session.visitor_token)
    try:
        customer = identity.confirm_verification(session.shop, visitor, str(code))
        with transaction.atomic():
            if session.customer is not None and session.customer.pk != customer.pk:
                customer = identity.merge_customers(customer, session.customer, reason="code")
            customer = identity.link_identity(
                customer, IdentityKind.WEB_VISITOR, visitor, verified=True, reason="code"
            )
            Conversation.objects.filter(
                shop=session.shop, visitor_token_hash=visitor, customer__isnull=True
            ).update(customer=customer)
    except identity.IdentityError as exc:
        raise ChatError(exc.code, exc.detail) from exc
    session.customer = customer
    if session.conversation is not None:
        session.conversation.refresh_from_db()
        append_message(
            session.conversation,
            Sender.BOT,
            texts.text("verified", session.language),
            payload={"identified": True},
        )
    return customer


def save_preferences(session: CustomerSession, frame: dict[str, Any]) -> dict[str, Any]:
    if session.customer is None:
        raise ChatError("identification_required", "Only an identified customer has settings.")
    value = frame.get("proactive_suggestions")
    if not isinstance(value, bool):
        raise ChatError("invalid_field", "proactive_suggestions must be true or false.")
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=session.customer.pk)
        before = dict(customer.preferences or {})
        customer.preferences = {**before, "proactive_suggestions": value}
        customer.save(update_fields=["preferences", "updated_at"])
        record(
            "profiles.preferences_changed",
            object_type="profiles.customer",
            object_id=customer.pk,
            changes={"proactive_suggestions": [before.get("proactive_suggestions"), value]},
        )
    session.customer = customer
    return customer.preferences


def proactive_suggestion(session: CustomerSession) -> dict[str, Any] | None:
    """What to say first to a known customer starting a new conversation."""
    if session.customer is None:
        return None
    if session.conversation is not None and session.conversation.status != (
        ConversationStatus.CLOSED
    ):
        return None
    proactive = recommendations.proactive_for(session.customer, session.language)
    if proactive is None:
        return None
    return {
        "text": proactive.text,
        "products": [recommendations.product_card(p) for p in proactive.products],
        "opt_out": True,
    }


def ensure_conversation(session: CustomerSession) -> tuple[Conversation, bool]:
    """The session's open conversation, starting a new one if there is none (or it closed).
    The socket's copy is trusted: a message stored into a conversation closed meanwhile is
    refused by the statement itself and ``receive_customer_message`` starts a new one."""
    conversation = session.conversation
    if conversation is not None and conversation.is_open:
        return conversation, False
    conversation = Conversation.objects.create(
        shop=session.shop,
        customer=session.customer,
        visitor_token_hash=token_hash(session.visitor_token),
        language=session.language,
        channel=session.channel,
    )
    events.send_on_commit(
        events.conversation_created, sender=Conversation, conversation=conversation
    )
    session.conversation = conversation
    return conversation, True


def receive_customer_message(
    session: CustomerSession,
    client_id: Any,
    text: Any,
    attachments: Any = None,
    uploads: list[Any] | None = None,
) -> tuple[Conversation, Message, bool]:
    """A customer's message, stored in their open conversation (a new one when it closed
    meanwhile). Returns (conversation, message, created): created is False for a resend.
    ``attachments`` are ids of the visitor's uploads (``uploads``: those rows, when the
    channel made them itself); the text may then be empty."""
    client_id = validate_client_id(client_id)
    if uploads is None:
        uploads = rich.check_customer_message(
            session, {"client_id": client_id, "text": text, "attachments": attachments}
        )
    # A resend has no uploads left to claim (the original has them), yet may be text-less.
    with_attachments = bool(uploads or attachments)
    text = rich.message_text(text, with_attachments)
    for _attempt in range(2):
        conversation, _ = ensure_conversation(session)
        message, created = post_customer_message(
            session, client_id, text, uploads=uploads, with_attachments=with_attachments
        )
        if message is not None:
            return conversation, message, created
        # Closed by an agent since this socket last heard: the next message starts anew.
        conversation.status = ConversationStatus.CLOSED
    raise ChatError("conversation_closed", "This conversation is closed.")


def post_customer_message(
    session: CustomerSession,
    client_id: Any,
    text: Any,
    uploads: list[Any] | None = None,
    *,
    with_attachments: bool = False,
) -> tuple[Message | None, bool]:
    """Store a customer message in the session's conversation, with its sentiment and the
    conversation's new mood in the same statement. (None, False) when the conversation turned
    out to be closed (call ``ensure_conversation`` first, or use ``receive_customer_message``).
    ``uploads`` (checked by ``rich.check_customer_message``) are tied to it in its transaction."""
    client_id = validate_client_id(client_id)
    text = rich.message_text(text, bool(uploads) or with_attachments)
    conversation = session.conversation
    if conversation is None or not conversation.is_open:
        raise ChatError("conversation_closed", "This conversation is closed.")
    # Only attachments: nothing to read a mood from, and the mood stays where it was.
    sentiment = mood.analyze(text) if text else None
    fold = mood.fold(conversation, sentiment) if sentiment else None
    payload = {"sentiment": mood.sentiment_payload(sentiment)} if sentiment else {}
    try:
        with transaction.atomic() if uploads else contextlib.nullcontext():
            message, created = append_message(
                conversation,
                Sender.CUSTOMER,
                text,
                client_id=client_id,
                payload={**payload, **rich.payload_for(uploads or [])},
                statuses=transcript.OPEN_STATUSES,
                updates=fold.updates if fold else None,
            )
            if created:
                rich.claim(uploads or [], message)
    except IntegrityError:
        # A resend racing with the original on another socket: the original won.
        message, created = conversation.messages.get(client_id=client_id), False
    if created and message is not None and sentiment is not None and fold is not None:
        mood.announce(conversation, sentiment, fold)
        if fold.update.escalate:
            message.payload["escalated"] = fold.update.reason
    return message, created


def record_feedback(session: CustomerSession, seq: Any, value: Any) -> None:
    if value not in ("up", "down") or not isinstance(seq, int):
        raise ChatError("invalid_field", "feedback needs an integer seq and value 'up' or 'down'.")
    conversation = session.conversation
    message = conversation and conversation.messages.filter(seq=seq, sender=Sender.BOT).first()
    log_id = message and message.payload.get("answer_log_id")
    if not log_id:
        raise ChatError("not_found", "No bot answer with that seq in this conversation.")
    AnswerLog.objects.filter(pk=log_id).update(feedback=1 if value == "up" else -1)
    message.payload["feedback"] = value
    Message.objects.filter(pk=message.pk).update(payload=message.payload)


def customer_handoff(session: CustomerSession) -> list[Message]:
    conversation = session.conversation
    if conversation is None or not conversation.is_open:
        raise ChatError("conversation_closed", "Send a message first to start a conversation.")
    return request_handoff(conversation, "customer_asked")


def submit_csat(session: CustomerSession, score: Any, comment: Any = "") -> None:
    conversation = session.conversation
    if conversation is not None:
        conversation.refresh_from_db()
    if conversation is None or conversation.is_open:
        raise ChatError("invalid_field", "A rating can be given once the conversation is closed.")
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise ChatError("invalid_field", "score must be an integer from 1 to 5.")
    comment = comment if isinstance(comment, str) else ""
    if len(comment) > MAX_COMMENT_CHARS:
        raise ChatError("invalid_field", f"comment is longer than {MAX_COMMENT_CHARS} characters.")
    conversation.csat_score = score
    conversation.csat_comment = comment.strip()
    conversation.save(update_fields=["csat_score", "csat_comment", "updated_at"])
    events.send_on_commit(
        events.csat_submitted, sender=Conversation, conversation=conversation, score=score
    )
