"""The conversation: customer and agent messages, the bot's turn, handoff, closing, CSAT.

Plain synchronous functions (the websocket consumers call them through
``database_sync_to_async``; other channels will call them directly). Every message is stored in
PostgreSQL, with its per-conversation sequence number, before anyone is told about it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from audit.services import record
from chatbot import events, mood, texts, transcript
from chatbot.actions import try_answer
from chatbot.models import Conversation, ConversationStatus, Message, Sender
from core.fields import EncryptedTextField
from knowledge.answering import answer_question
from knowledge.languages import normalize_code
from knowledge.models import AnswerLog, Intent
from profiles import identity, recommendations
from profiles.models import Customer, IdentityKind
from routing.services import assign_to, assign_waiting, back_at, enqueue, queue_position
from shops.models import Shop

MAX_TEXT_CHARS = 2000
MAX_COMMENT_CHARS = 1000
CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# After this many unanswered questions in a row the bot stops guessing and hands off.
UNANSWERED_BEFORE_HANDOFF = 2


class ChatError(Exception):
    """A request the client must be told about with an error frame."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


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


def bot_text(key: str, language: str, **values: str) -> str:
    """The bot's own words (``chatbot.texts``) in ``language``."""
    return texts.text(key, language, **values)


def message_dict(message: Message) -> dict[str, Any]:
    data: dict[str, Any] = {
        "seq": message.seq,
        "client_id": message.client_id,
        "sender": message.sender,
        "text": message.text,
        "created_at": message.created_at.isoformat(),
        "payload": message.payload,
    }
    if message.agent_id:
        data["agent_name"] = message.agent.get_short_name() or message.agent.get_username()
    if message.is_private:
        data["private"] = True
    return data


# --- customer side ------------------------------------------------------------------------------


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
            bot_text("verified", session.language),
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


def history(
    conversation: Conversation | None, after_seq: int = 0, *, private: bool = False
) -> list[dict[str, Any]]:
    if conversation is None:
        return []
    messages = conversation.messages.filter(seq__gt=after_seq).select_related("agent")
    if not private:
        messages = messages.filter(is_private=False)
    return [message_dict(m) for m in messages.order_by("seq")]


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


def _validate_text(text: Any, limit: int = MAX_TEXT_CHARS) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ChatError("invalid_field", "text must be a non-empty string.")
    if len(text) > limit:
        raise ChatError("invalid_field", f"text is longer than {limit} characters.")
    return text.strip()


def _validate_client_id(client_id: Any) -> str:
    if not isinstance(client_id, str) or not CLIENT_ID_RE.match(client_id):
        raise ChatError(
            "invalid_field", "client_id must be 1-64 letters, digits or the characters _.:-"
        )
    return client_id


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
) -> tuple[Message | None, bool]:
    """Store a message under the next sequence number (``chatbot.transcript``: one statement)
    and tell the listeners once it is committed. With a ``client_id`` already stored in this
    conversation, returns that message instead (idempotent resend). With ``statuses``, stores
    only while the conversation has one of them, else returns (None, False). ``updates`` are
    conversation columns written in the same statement. Returns (message, created)."""
    stored = transcript.insert_message(
        conversation,
        sender=sender,
        text=text,
        client_id=client_id,
        agent_id=agent.pk if agent is not None else None,
        payload=payload,
        private=private,
        statuses=statuses,
        updates=updates,
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
    frame = {"type": "message", "conversation_id": conversation.pk, **message_dict(message)}
    if private:
        events.publish(events.staff_group(conversation.pk), frame)
    else:
        events.publish(
            [events.staff_group(conversation.pk), events.customer_group(conversation.pk)], frame
        )
        if stored.status != ConversationStatus.BOT:
            # Keeps every console list current without a transcript open. Pure bot chats
            # are left out: they would flood supervisors with traffic nobody acts on.
            publish_conversation(conversation, last_text=text)
    return message, True


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
    session.conversation = conversation
    return conversation, True


def receive_customer_message(
    session: CustomerSession, client_id: Any, text: Any
) -> tuple[Conversation, Message, bool]:
    """A customer's message, stored in their open conversation (a new one when it closed
    meanwhile). Returns (conversation, message, created): created is False for a resend."""
    client_id = _validate_client_id(client_id)
    text = _validate_text(text)
    for _attempt in range(2):
        conversation, _ = ensure_conversation(session)
        message, created = post_customer_message(session, client_id, text)
        if message is not None:
            return conversation, message, created
        # Closed by an agent since this socket last heard: the next message starts anew.
        conversation.status = ConversationStatus.CLOSED
    raise ChatError("conversation_closed", "This conversation is closed.")


def post_customer_message(
    session: CustomerSession, client_id: Any, text: Any
) -> tuple[Message | None, bool]:
    """Store a customer message in the session's conversation, with its sentiment and the
    conversation's new mood in the same statement. (None, False) when the conversation turned
    out to be closed (call ``ensure_conversation`` first, or use ``receive_customer_message``)."""
    client_id = _validate_client_id(client_id)
    text = _validate_text(text)
    conversation = session.conversation
    if conversation is None or not conversation.is_open:
        raise ChatError("conversation_closed", "This conversation is closed.")
    sentiment = mood.analyze(text)
    fold = mood.fold(conversation, sentiment)
    try:
        message, created = append_message(
            conversation,
            Sender.CUSTOMER,
            text,
            client_id=client_id,
            payload={"sentiment": mood.sentiment_payload(sentiment)},
            statuses=transcript.OPEN_STATUSES,
            updates=fold.updates,
        )
    except IntegrityError:
        # A resend racing with the original on another socket: the original won.
        message, created = conversation.messages.get(client_id=client_id), False
    if created and message is not None:
        mood.announce(conversation, sentiment, fold)
        if fold.update.escalate:
            message.payload["escalated"] = fold.update.reason
    return message, created


def awaits_bot(customer_message: Message) -> bool:
    """True when nothing followed this customer message in a conversation still with the bot."""
    conversation = customer_message.conversation
    return (
        conversation.status == ConversationStatus.BOT
        and not conversation.messages.filter(seq__gt=customer_message.seq).exists()
    )


def bot_turn(conversation: Conversation, customer_message: Message) -> list[Message]:
    """The bot answers while the conversation is with the bot; once a person is involved it
    stays quiet. ``conversation`` is the socket's copy, as the customer's message just left it
    (``append_message`` keeps its status): the bot's message is stored only if the status is
    still "bot" at that instant, so an agent who took over meanwhile is never talked over."""
    if conversation.status != ConversationStatus.BOT:
        return []
    # An upset customer still gets the answer; the apology and the offer of a person come with
    # it, never instead of it (escalation used to swallow plain questions' answers).
    upset = bool(customer_message.payload.get("escalated"))
    outcome = answer_question(
        customer_message.text,
        channel=conversation.channel,
        languages=(conversation.language, conversation.shop.default_language),
    )
    # The question's language (else the conversation's, else the shop's): every text of this
    # turn is in it, and so are later notices (handoff, agent assigned, closed).
    language = outcome.language

    def say(text: str, payload: dict[str, Any], *, streak: int) -> list[Message]:
        updates: dict[str, Any] = {}
        if streak != conversation.unanswered_streak:
            updates["unanswered_streak"] = streak
        if language != conversation.language:
            updates["language"] = language
        message, _ = append_message(
            conversation,
            Sender.BOT,
            text,
            payload=payload,
            statuses=(ConversationStatus.BOT,),
            updates=updates,
        )
        return [message] if message is not None else []

    computed = try_answer(conversation, customer_message.text, outcome, language)
    if computed is not None:
        text, payload = computed
        payload = {"answer_log_id": outcome.log_id, **payload}
        if upset:
            text, payload = _with_apology(text, payload, language, html=False)
        return say(text, payload, streak=0)
    if outcome.answered and outcome.intent == Intent.HUMAN_HANDOFF:
        if language != conversation.language:  # the handoff notice is read back from the row
            Conversation.objects.filter(pk=conversation.pk).update(language=language)
            conversation.language = language
        return request_handoff(conversation, "customer_asked")
    if outcome.answered:
        payload = {
            "answer_log_id": outcome.log_id,
            "entry_id": outcome.entry.pk if outcome.entry else None,
            "confidence": outcome.confidence,
            "feedback_allowed": True,
            "quick_replies": [s.question for s in outcome.related],
            "intent": outcome.intent,
        }
        text = outcome.answer
        if upset:
            text, payload = _with_apology(text, payload, language, html=True)
        return say(text, payload, streak=0)
    streak = conversation.unanswered_streak + 1
    if upset:
        # Nothing to answer and the customer is upset: offer a person at once, in words.
        payload = {
            "answer_log_id": outcome.log_id,
            "handoff_offered": True,
            "feedback_allowed": False,
            "mood_escalation": True,
        }
        return say(bot_text("sorry", language), payload, streak=streak)
    if outcome.suggestions and streak < UNANSWERED_BEFORE_HANDOFF:
        payload = {
            "answer_log_id": outcome.log_id,
            "suggestions": [
                {"entry_id": s.entry_id, "question": s.question} for s in outcome.suggestions
            ],
            "handoff_offered": True,
            "feedback_allowed": False,
        }
        return say(bot_text("unsure", language), payload, streak=streak)
    # Say why a person takes over before the handoff notice.
    said = say(
        bot_text("cannot_answer", language),
        {"answer_log_id": outcome.log_id, "feedback_allowed": False},
        streak=streak,
    )
    if not said:
        return []
    return [*said, *request_handoff(conversation, "low_confidence")]


def _with_apology(
    text: str, payload: dict[str, Any], language: str, *, html: bool
) -> tuple[str, dict[str, Any]]:
    """The answer with an apology before it and the "talk to a person" button under it."""
    apology = bot_text("apology", language)
    text = f"<p>{apology}</p>{text}" if html else f"{apology}\n{text}"
    return text, {**payload, "handoff_offered": True, "mood_escalation": True}


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
        message, _ = append_message(
            locked,
            Sender.SYSTEM,
            bot_text("handoff", locked.language),
            payload={"handoff_reason": reason},
        )
        # Built once this commits, and registered before enqueue's commit hook: that hook may
        # assign the conversation at once, and a "waiting" frame built here would reach the
        # customer after the assignment's frames and leave the queue on their screen.
        transaction.on_commit(
            lambda pk=locked.pk: events.publish(
                events.customer_group(pk), status_frame(Conversation.objects.get(pk=pk))
            )
        )
        enqueue(locked)
        publish_conversation(locked)
        publish_console_state()
    return [message]


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


def close_conversation(conversation: Conversation, *, by: Any = None) -> bool:
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status == ConversationStatus.CLOSED:
            return False
        freed_agent = locked.status == ConversationStatus.ASSIGNED
        locked.status = ConversationStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        conversation.status = locked.status
        append_message(
            locked,
            Sender.SYSTEM,
            bot_text("closed", locked.language),
            payload={"csat_requested": True},
        )
        events.publish(events.customer_group(locked.pk), status_frame(locked))
        events.publish(
            events.staff_group(locked.pk), {"type": "conversation", **conversation_summary(locked)}
        )
        publish_conversation(locked)
        if freed_agent:
            publish_console_state()
        if by is not None and getattr(by, "is_authenticated", False):
            record("chat.conversation_closed", obj=locked, actor=by)
        if freed_agent:
            transaction.on_commit(assign_waiting)
        publish_console_state()
    return True


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


# --- agent side ---------------------------------------------------------------------------------


QUEUE_BROADCAST_LIMIT = 100


def with_last_text(conversations: QuerySet[Conversation]) -> QuerySet[Conversation]:
    """Annotate each conversation with its last public message, in the same query."""
    last = Message.objects.filter(conversation=OuterRef("pk"), is_private=False).order_by("-seq")
    return conversations.select_related("shop", "customer", "assigned_agent").annotate(
        last_text=Subquery(last.values("text")[:1], output_field=EncryptedTextField())
    )


def conversation_summary(
    conversation: Conversation, last_text: str | None = None
) -> dict[str, Any]:
    if last_text is None and hasattr(conversation, "last_text"):  # annotated by with_last_text
        last_text = conversation.last_text or ""
    if last_text is None:
        last = conversation.messages.filter(is_private=False).order_by("-seq").first()
        last_text = last.text if last else ""
    agent = conversation.assigned_agent
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
        "agent_id": conversation.assigned_agent_id,
        "agent_name": (agent.get_short_name() or agent.get_username()) if agent else None,
        "last_message": last_text[:140],
        "updated_at": conversation.updated_at.isoformat(),
        "queued_at": conversation.queued_at.isoformat() if conversation.queued_at else None,
        "priority": conversation.priority,
        "handoff_reason": conversation.handoff_reason,
        "assignment_reason": conversation.assignment_reason,
        "mood": getattr(conversation, "mood", None),
    }


def publish_conversation(conversation: Conversation, last_text: str | None = None) -> None:
    """Tell the consoles that care (its agent, supervisors, anyone watching) what changed."""
    frame = {"type": "conversation", **conversation_summary(conversation, last_text)}
    events.publish(
        events.watcher_groups(conversation.team_id, conversation.assigned_agent_id), frame
    )


def publish_console_state() -> None:
    """Refresh every console's queue and agents panel, soon (see ``events.coalesced``)."""
    from chatbot.tasks import broadcast_console_state

    events.coalesced("console-state", broadcast_console_state)


def require_view(user: Any, conversation_id: Any) -> Conversation:
    """The conversation, if ``user`` may see it (``routing.scope`` has the rule)."""
    from routing.scope import visible_conversations

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
    if not Conversation.objects.filter(pk=pk).exists():
        raise ChatError("not_found", "No such conversation.")
    record(
        "chat.access_refused",
        object_type="chatbot.conversation",
        object_id=pk,
        actor=user,
    )
    raise ChatError("forbidden", "This conversation is not yours.")


def require_assigned(user: Any, conversation_id: Any) -> Conversation:
    conversation = require_view(user, conversation_id)
    if (
        conversation.assigned_agent_id != user.pk
        or conversation.status != ConversationStatus.ASSIGNED
    ):
        raise ChatError("forbidden", "Only the assigned agent can do that.")
    return conversation


def post_agent_message(
    user: Any, conversation_id: Any, client_id: Any, text: Any, *, private: bool
) -> tuple[Message, bool]:
    client_id = _validate_client_id(client_id)
    text = _validate_text(text)
    if private:
        conversation = require_view(user, conversation_id)
    else:
        conversation = require_assigned(user, conversation_id)
    message, created = append_message(
        conversation,
        Sender.AGENT,
        text,
        client_id=f"agent:{user.pk}:{client_id}",
        agent=user,
        private=private,
    )
    if created and not private and conversation.first_agent_reply_at is None:
        Conversation.objects.filter(pk=conversation.pk, first_agent_reply_at__isnull=True).update(
            first_agent_reply_at=message.created_at
        )
    return message, created


def accept(user: Any, conversation_id: Any) -> Conversation:
    conversation = require_view(user, conversation_id)
    reason = {"summary": f"{user.get_username()} accepted it from the queue", "manual": True}
    if not assign_to(conversation, user, reason, from_status={ConversationStatus.WAITING}):
        raise ChatError(
            "forbidden", "The conversation is no longer waiting, or you are at capacity."
        )
    return conversation


def transfer(user: Any, conversation_id: Any, to_agent_id: Any) -> Conversation:
    from django.contrib.auth import get_user_model

    from accounts.roles import Role, has_role

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
    reason = {"summary": f"transferred by {user.get_username()}", "from": previous and previous.pk}
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
        events.publish(
            events.agent_group(previous.pk),
            {"type": "conversation", **conversation_summary(conversation)},
        )
    return conversation
