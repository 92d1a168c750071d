"""Websocket endpoints of the live chat: the customer's widget and the agents' console.

The consumers only parse frames, check who is asking and relay events; every decision lives in
``chatbot.services`` and ``routing.services``. See docs/chat-protocol.md for the frames.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from typing import Any

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async as _database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.db import InterfaceError, OperationalError

from accounts.roles import Role, has_role, role_of
from attachments import signing
from audit import context as audit_context
from audit.context import AuditContext
from chatbot import console, frames, inbound, live, services
from chatbot.services import ChatError
from chatbot.services import attachments as rich
from chatbot.services.agent import receipt_target
from chatbot.services.cards import send_card
from chatbot.services.validation import validate_client_id
from conversations.models import Conversation, Message
from core.origins import same_origin
from core.text import storable
from routing import services as routing
from routing.scope import scope_of
from shops.models import Shop

logger = logging.getLogger(__name__)


def database_sync_to_async(func: Any) -> Any:
    """Run ORM work in the thread pool rather than Channels' single "thread-sensitive" thread:
    every conversation's database work would otherwise queue behind every other's. Django
    keeps one connection per thread, and nothing here relies on thread identity."""
    return _database_sync_to_async(func, thread_sensitive=False)


CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_RATE_LIMITED = 4429

# The database went away (restart, failover, a dropped connection): the frame is answered with
# this error so that the client retries, instead of the socket dying with 1011. Django closes the
# broken connection after the failed call, and the health check replaces it on the next one.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 3


class TokenBucket:
    """Per-socket rate limit: ``rate`` frames per second with bursts up to ``burst``."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class JsonFramesConsumer(AsyncWebsocketConsumer):
    """Shared frame handling: JSON parsing, field types (``chatbot.inbound``), dispatch by
    ``type``, error frames, rate limits, and who is asking for the audit trail."""

    handlers: dict[str, str] = {}
    schemas: inbound.Schema = {}
    limited_types: set[str] = set()
    # Typing and read receipts: frequent by nature, harmless to lose. Beyond their own limit
    # they are dropped without a word (an error frame per keystroke would be worse).
    signal_types = {"typing", "read"}
    max_violations = 20

    async def connect(self) -> None:
        self.bucket = TokenBucket(rate=5, burst=20)
        self.signals = TokenBucket(rate=4, burst=10)
        self.violations = 0
        self.groups_joined: set[str] = set()
        self.connection_id = secrets.token_hex(6)
        self.audit_context = AuditContext(
            ip_address=(self.scope.get("client") or [None])[0], connection_id=self.connection_id
        )

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        try:
            frame: Any = json.loads(text_data or "")
        except (json.JSONDecodeError, RecursionError):  # RecursionError: nested too deep
            await self.error("invalid_json", "Frames must be JSON objects.")
            return
        kind = frame.get("type") if isinstance(frame, dict) else None
        if not isinstance(kind, str) or kind not in self.handlers:  # e.g. an unhashable list
            await self.error("unknown_type", f"Known types: {', '.join(sorted(self.handlers))}.")
            return
        if not storable(frame):
            await self.error("invalid_field", "Text may not contain NUL or unpaired surrogates.")
            return
        problems = inbound.field_errors(frame, self.schemas.get(kind, {}))
        if problems:
            await self.error("invalid_field", " ".join(problems))
            return
        if kind in self.signal_types and not self.signals.take():
            return
        if frame["type"] in self.limited_types and not self.bucket.take():
            self.violations += 1
            if self.violations > self.max_violations:
                await self.close(code=CLOSE_RATE_LIMITED)
                return
            await self.error("rate_limited", "Too many messages; slow down.")
            return
        # Audit records written while handling the frame (in the database threads too: asgiref
        # copies context variables) name this socket's user, address and connection.
        token = audit_context.bind(self.audit_context)
        try:
            await getattr(self, self.handlers[frame["type"]])(frame)
        except ChatError as exc:
            await self.error(exc.code, exc.detail)
        except DATABASE_UNAVAILABLE:
            logger.warning("database unavailable while handling a %s frame", kind, exc_info=True)
            await self.send_json(
                {
                    "type": "error",
                    "code": "temporarily_unavailable",
                    "detail": "A temporary problem on our side; please try again.",
                    "retry_after": RETRY_AFTER_SECONDS,
                }
            )
        finally:
            audit_context.reset(token)

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Channels' own dispatch first closes stale database connections with a hop to its
        single thread-sensitive thread, for every frame and event: a thread no work here uses
        (``database_sync_to_async`` runs in the pool, and closes its thread's stale connection
        before and after each call), so that hop was pure cost on every message."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def send_json(self, payload: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(payload, ensure_ascii=False))

    async def error(self, code: str, detail: str) -> None:
        await self.send_json({"type": "error", "code": code, "detail": detail})

    async def join(self, group: str) -> None:
        if group not in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.add(group)

    async def leave(self, group: str) -> None:
        if group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
            self.groups_joined.discard(group)

    async def disconnect(self, code: int) -> None:
        for group in list(getattr(self, "groups_joined", ())):
            await self.leave(group)

    async def deliver(self, events: list[dict[str, Any]]) -> None:
        """Events published for this socket that it sends itself (``live.delivered_directly``),
        handled as if they had come through its groups."""
        for event in events:
            await getattr(self, get_handler_name(event))(event)

    async def relay(self, event: dict[str, Any]) -> None:
        await self.send_json(event["payload"])


def _store_and_answer(
    session: services.CustomerSession, client_id: Any, text: Any, attachments: Any = None
) -> tuple[Conversation, Message, bool]:
    """Store a customer's message and, unless it is a resend the bot already answered, run
    the bot's turn. Returns (conversation, message, retry): retry is True when the turn lost
    its database connection after the message was stored."""
    conversation, message, created = services.receive_customer_message(
        session, client_id, text, attachments
    )
    # A resend of a message the bot never got to (the socket died right after storing it)
    # still gets its answer; a resend of an answered one does not get a second.
    if created or services.awaits_bot(message):
        try:
            services.bot_turn(conversation, message)
        except DATABASE_UNAVAILABLE:
            logger.warning("bot turn lost its database connection; retrying once", exc_info=True)
            return conversation, message, True
    return conversation, message, False


def _origin(scope: dict[str, Any]) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"origin":
            return value.decode("latin1")
    return None


@database_sync_to_async
def _active_shop(site_key: str) -> Shop | None:
    return Shop.objects.filter(site_key=site_key, is_active=True).first()


class CustomerChatConsumer(JsonFramesConsumer):
    schemas = inbound.CUSTOMER_FRAMES
    handlers = {
        "hello": "on_hello",
        "message": "on_message",
        "typing": "on_typing",
        "read": "on_read",
        "feedback": "on_feedback",
        "handoff": "on_handoff",
        "csat": "on_csat",
        "close": "on_close",
        "verify_start": "on_verify_start",
        "verify_code": "on_verify_code",
        "preferences": "on_preferences",
    }
    limited_types = {
        "message",
        "feedback",
        "handoff",
        "csat",
        "close",
        "hello",
        "verify_start",
        "verify_code",
        "preferences",
    }

    async def connect(self) -> None:
        await super().connect()
        self.session: services.CustomerSession | None = None
        self.shop = await _active_shop(self.scope["url_route"]["kwargs"]["site_key"])
        # Accepted only to close at once with a code the widget can show: a browser sees a
        # refused handshake as a bare network error (1006) and would retry forever.
        if self.shop is None:
            await self.accept()
            await self.close(code=CLOSE_NOT_FOUND)
            return
        # The platform's own chat page (same scheme, host and port), or a page of the shop.
        origin = _origin(self.scope)
        if not (same_origin(self.scope, origin) or self.shop.origin_allowed(origin, [])):
            await self.accept()
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.accept()

    async def relay(self, event: dict[str, Any]) -> None:
        """Frames of this conversation; a status change also updates the socket's copy of the
        conversation, which the next message relies on instead of re-reading the row."""
        payload = event["payload"]
        conversation = self.session.conversation if self.session else None
        if payload.get("type") == "status" and conversation is not None:
            conversation.status = payload.get("status", conversation.status)
        await self.send_json(self._signed(payload))

    def _signed(self, frame: dict[str, Any]) -> dict[str, Any]:
        """The frame with its attachments' URLs signed for this visitor (or customer)."""
        session = self.session
        if session is None:
            return frame
        audience = rich.audience_for_customer(
            services.token_hash(session.visitor_token),
            session.customer.pk if session.customer else None,
        )
        return rich.sign_frame(frame, audience)

    async def _require_session(self) -> services.CustomerSession:
        if self.session is None:
            raise ChatError("hello_required", "Send a hello frame first.")
        return self.session

    async def _follow(self, conversation_id: int | None) -> None:
        """Listen to exactly the current conversation's group."""
        wanted = live.customer_group(conversation_id) if conversation_id else None
        for group in list(self.groups_joined):
            if group != wanted:
                await self.leave(group)
        if wanted:
            await self.join(wanted)

    async def on_hello(self, frame: dict[str, Any]) -> None:
        after_seq = frame.get("after_seq", 0)
        if not isinstance(after_seq, int) or after_seq < 0:
            raise ChatError("invalid_field", "after_seq must be a non-negative integer.")
        self.session = await database_sync_to_async(services.open_session)(
            self.shop,
            visitor_token=frame.get("visitor_token"),
            customer_id=frame.get("customer_id"),
            signature=frame.get("signature"),
            language=str(frame.get("language") or ""),
        )
        conversation = self.session.conversation
        await self._follow(conversation.pk if conversation else None)
        welcome = await database_sync_to_async(self._welcome)(after_seq)
        await self.send_json(self._signed(welcome))

    def _welcome(self, after_seq: int) -> dict[str, Any]:
        session = self.session
        assert session is not None
        conversation = session.conversation
        frame: dict[str, Any] = {
            "type": "welcome",
            "conversation_id": conversation.pk if conversation else None,
            "visitor_token": session.visitor_token,
            "status": conversation.status if conversation else "new",
            "messages": services.history(conversation, after_seq),
            "last_seq": conversation.last_seq if conversation else 0,
            "welcome_message": self.shop.welcome_message,
            "shop": self.shop.name,
        }
        if conversation is not None:
            frame["status_detail"] = frames.status_frame(conversation)
            frame["csat_score"] = conversation.csat_score
        frame["identified"] = session.customer is not None
        proactive = services.proactive_suggestion(session)
        if proactive is not None:
            frame["proactive"] = proactive
        return frame

    async def on_verify_start(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        pending = await database_sync_to_async(services.request_code)(session, frame.get("address"))
        await self.send_json(
            {
                "type": "verification_sent",
                "channel": pending.channel,
                "masked": pending.masked,
                "expires_in": pending.expires_in,
            }
        )

    async def on_verify_code(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        customer = await database_sync_to_async(services.verify_code)(session, frame.get("code"))
        conversation = session.conversation
        await self._follow(conversation.pk if conversation else None)
        await self.send_json({"type": "identified", "display_name": customer.display_name})

    async def on_preferences(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        preferences = await database_sync_to_async(services.save_preferences)(session, frame)
        await self.send_json({"type": "preferences_saved", "preferences": preferences})

    async def on_message(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        # Checked before a conversation is started for it: a bad frame creates nothing.
        validate_client_id(frame.get("client_id"))
        if frame.get("attachments") is None:  # plain text: no thread hop for the check
            rich.message_text(frame.get("text"), False)
        else:
            await database_sync_to_async(rich.check_customer_message)(session, frame)
        if session.conversation is None or not session.conversation.is_open:
            # A new conversation: listen to it before the first message is published.
            conversation, _ = await database_sync_to_async(services.ensure_conversation)(session)
            await self._follow(conversation.pk)
        followed = session.conversation.pk if session.conversation else None
        # One thread hop stores the message (in a new conversation if this one closed meanwhile)
        # and runs the bot's turn. What it publishes for this socket (the echo, the answer)
        # comes back in ``direct.events`` rather than through Redis, and goes out after the ack.
        with live.delivered_directly(self.channel_name) as direct:
            try:
                conversation, message, retry = await database_sync_to_async(_store_and_answer)(
                    session, frame.get("client_id"), frame.get("text"), frame.get("attachments")
                )
            except BaseException as exc:
                # What was committed before the failure (or the socket's going away) still
                # reaches everyone.
                await live.send_pending(direct)
                if isinstance(exc, Exception):
                    await self.deliver(direct.events)
                raise
            await live.send_pending(direct)
        await self._follow(conversation.pk)
        await self.send_json({"type": "ack", "client_id": message.client_id, "seq": message.seq})
        await self.deliver(direct.events)  # its echo and the bot's answer, after the ack
        if conversation.pk != followed:
            # Closed by an agent meanwhile, so the message started a new conversation whose
            # answer went out before this socket listened to it: send what it missed.
            missed = await database_sync_to_async(services.history)(conversation, message.seq)
            for item in missed:
                await self.send_json(
                    self._signed({"type": "message", "conversation_id": conversation.pk, **item})
                )
        if retry:
            await self._retry_bot_turn(conversation, message)

    async def _retry_bot_turn(self, conversation: Conversation, message: Message) -> None:
        """The customer already has the ack, so a dropped database connection must not cost
        them the answer: try once more on a fresh connection unless the first try got as far
        as answering."""
        if await database_sync_to_async(services.awaits_bot)(message):
            await database_sync_to_async(services.bot_turn)(conversation, message)

    async def on_typing(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        if session.conversation is not None:
            await self.channel_layer.group_send(
                live.staff_group(session.conversation.pk),
                {
                    "type": "relay",
                    "payload": {
                        "type": "typing",
                        "conversation_id": session.conversation.pk,
                        "sender": "customer",
                        "is_typing": bool(frame.get("is_typing")),
                    },
                },
            )

    async def on_read(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        seq = frame.get("seq")
        if not isinstance(seq, int):
            raise ChatError("invalid_field", "seq must be an integer.")
        if session.conversation is not None:
            await self.channel_layer.group_send(
                live.staff_group(session.conversation.pk),
                {
                    "type": "relay",
                    "payload": {
                        "type": "read",
                        "conversation_id": session.conversation.pk,
                        "seq": seq,
                        "reader": "customer",
                    },
                },
            )

    async def on_feedback(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        await database_sync_to_async(services.record_feedback)(
            session, frame.get("seq"), frame.get("value")
        )

    async def on_handoff(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        await database_sync_to_async(services.customer_handoff)(session)

    async def on_csat(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        await database_sync_to_async(services.submit_csat)(
            session, frame.get("score"), frame.get("comment") or ""
        )
        await self.send_json({"type": "csat_thanks"})

    async def on_close(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        if session.conversation is None:
            raise ChatError("not_found", "There is no conversation to close.")
        await database_sync_to_async(services.close_conversation)(session.conversation)


class ConsoleConsumer(JsonFramesConsumer):
    schemas = inbound.CONSOLE_FRAMES
    handlers = {
        "presence": "on_presence",
        "open": "on_open",
        "reply": "on_reply",
        "note": "on_note",
        "typing": "on_typing",
        "read": "on_read",
        "accept": "on_accept",
        "transfer": "on_transfer",
        "close": "on_close",
        "reveal": "on_reveal",
        "send_card": "on_send_card",
    }
    limited_types = {"open", "reply", "note", "accept", "transfer", "close", "reveal", "send_card"}

    async def relay(self, event: dict[str, Any]) -> None:
        """Frames for the console, with attachments' URLs signed for this member of staff."""
        await self.send_json(rich.sign_frame(event["payload"], self._audience()))

    def _audience(self) -> str:
        user = getattr(self, "user", None)
        return signing.staff_audience(user.pk) if user is not None else ""

    async def connect(self) -> None:
        await super().connect()
        user = self.scope.get("user")
        # Accepted, then closed with the documented code: a refused handshake reaches the
        # browser as a bare HTTP 403 that the console cannot tell from a network error.
        if user is None or not user.is_authenticated:
            await self.accept()
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        allowed = await database_sync_to_async(has_role)(user, Role.AGENT, Role.SUPERVISOR)
        if not allowed:
            await self.accept()
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.user = user
        self.audit_context = AuditContext(
            user=user,
            ip_address=self.audit_context.ip_address,
            connection_id=self.connection_id,
        )
        self.opens = console.OpenWatch()
        self.role = await database_sync_to_async(role_of)(user)
        # Team membership is read once: a change applies when the console reconnects.
        self.staff_scope = await database_sync_to_async(scope_of)(user)
        await self.accept()
        await database_sync_to_async(routing.socket_opened)(user)
        await self.join(live.CONSOLE_GROUP)
        await self.join(live.agent_group(user.pk))
        await self.join(live.user_group(user.pk))
        for group in live.supervisor_groups(self.staff_scope):
            await self.join(group)
        self._watch_session()
        await self.send_json(await database_sync_to_async(console.snapshot)(user))

    def _session_key(self) -> str:
        session = self.scope.get("session")
        return getattr(session, "session_key", "") or ""

    def _watch_session(self, seconds: float | None = None) -> None:
        """Close the socket when its session expires; activity elsewhere may have extended
        it, so the expiry is read again then."""
        session = self.scope.get("session")
        if session is None:
            return
        delay = session.get_expiry_age() if seconds is None else seconds
        loop = asyncio.get_running_loop()
        self._session_timer = loop.call_later(
            max(1.0, delay), lambda: loop.create_task(self._check_session())
        )

    async def _check_session(self) -> None:
        remaining = await database_sync_to_async(console.session_seconds_left)(self._session_key())
        if remaining <= 0:
            await self.close(code=CLOSE_UNAUTHENTICATED)
        else:
            self._watch_session(remaining)

    async def account_changed(self, event: dict[str, Any]) -> None:
        """Logout, deactivation, a new role or new teams (``chatbot.receivers``)."""
        change = event.get("change")
        if change == "logout" and event.get("session_key") not in ("", self._session_key()):
            return  # another browser of the same user logged out
        if change in ("logout", "deactivated"):
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        access = await database_sync_to_async(console.staff_access)(self.user.pk)
        if access is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user, self.role, self.staff_scope = access
        if self.role not in (Role.AGENT.value, Role.SUPERVISOR.value) and not (
            self.user.is_superuser
        ):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        wanted = set(live.supervisor_groups(self.staff_scope))
        for group in [g for g in self.groups_joined if live.is_supervisor_group(g)]:
            if group not in wanted:
                await self.leave(group)
        for group in wanted:
            await self.join(group)
        # A transcript no longer in scope stops streaming; the lists come as the scope has them.
        watching = {
            int(g.removeprefix("conv-staff-")): g
            for g in self.groups_joined
            if g.startswith("conv-staff-")
        }
        visible = await database_sync_to_async(console.visible_ids)(self.user, list(watching))
        for conversation_id, group in watching.items():
            if conversation_id not in visible:
                await self.leave(group)
        snapshot = await database_sync_to_async(console.snapshot)(self.user)
        await self.send_json(snapshot)

    async def console_state(self, event: dict[str, Any]) -> None:
        """The queue or the agents changed: send the agents panel and this console's queue."""
        await self.send_json(event["agents"])
        try:
            queue = await database_sync_to_async(console.queue_frame)(self.staff_scope)
        except DATABASE_UNAVAILABLE:
            logger.warning("queue refresh skipped: database unavailable", exc_info=True)
            return
        await self.send_json(queue)

    async def disconnect(self, code: int) -> None:
        timer = getattr(self, "_session_timer", None)
        if timer is not None:
            timer.cancel()
        user = getattr(self, "user", None)
        if user is not None:
            went_offline = await database_sync_to_async(routing.socket_closed)(user)
            if went_offline:
                await database_sync_to_async(live.publish_console_state)()
        await super().disconnect(code)

    async def on_reveal(self, frame: dict[str, Any]) -> None:
        revealed = await database_sync_to_async(console.reveal_contact)(
            self.user, frame.get("conversation_id"), frame.get("field"), frame.get("reason")
        )
        await self.send_json(revealed)

    async def on_presence(self, frame: dict[str, Any]) -> None:
        status = frame.get("status")
        if status not in ("online", "away", "offline"):
            raise ChatError("invalid_field", "status must be online, away or offline.")
        await database_sync_to_async(console.change_presence)(self.user, status)

    async def on_open(self, frame: dict[str, Any]) -> None:
        conversation_id = frame.get("conversation_id")
        if self.opens.opened(conversation_id):
            # Reading many transcripts in a row is allowed within the team, and worth a look.
            await database_sync_to_async(console.report_bulk_opens)(self.user, self.opens)
        transcript = await database_sync_to_async(console.transcript)(self.user, conversation_id)
        for group in [g for g in self.groups_joined if g.startswith("conv-staff-")]:
            await self.leave(group)
        await self.join(live.staff_group(transcript["conversation_id"]))
        await self.send_json(rich.sign_frame(transcript, self._audience()))

    async def _post(self, frame: dict[str, Any], *, private: bool) -> None:
        message, _ = await database_sync_to_async(services.post_agent_message)(
            self.user,
            frame.get("conversation_id"),
            frame.get("client_id"),
            frame.get("text"),
            private=private,
            attachments=frame.get("attachments"),
        )
        await self.send_json(
            {"type": "ack", "client_id": frame.get("client_id"), "seq": message.seq}
        )

    async def on_send_card(self, frame: dict[str, Any]) -> None:
        """A product (by sku) or order (by number, the customer's own) card to the customer."""
        message, _ = await database_sync_to_async(send_card)(
            self.user, frame.get("conversation_id"), frame.get("client_id"), frame.get("card")
        )
        await self.send_json(
            {"type": "ack", "client_id": frame.get("client_id"), "seq": message.seq}
        )

    async def on_reply(self, frame: dict[str, Any]) -> None:
        await self._post(frame, private=False)

    async def on_note(self, frame: dict[str, Any]) -> None:
        await self._post(frame, private=True)

    async def on_typing(self, frame: dict[str, Any]) -> None:
        conversation = await database_sync_to_async(receipt_target)(
            self.user, frame.get("conversation_id")
        )
        if conversation is None:
            return
        await self.channel_layer.group_send(
            live.customer_group(conversation.pk),
            {
                "type": "relay",
                "payload": {
                    "type": "typing",
                    "sender": "agent",
                    "is_typing": bool(frame.get("is_typing")),
                },
            },
        )

    async def on_read(self, frame: dict[str, Any]) -> None:
        seq = frame.get("seq")
        if not isinstance(seq, int):
            raise ChatError("invalid_field", "seq must be an integer.")
        conversation = await database_sync_to_async(receipt_target)(
            self.user, frame.get("conversation_id")
        )
        if conversation is None:
            return
        await self.channel_layer.group_send(
            live.customer_group(conversation.pk),
            {"type": "relay", "payload": {"type": "read", "seq": seq, "reader": "agent"}},
        )

    async def on_accept(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(services.accept)(self.user, frame.get("conversation_id"))

    async def on_transfer(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(services.transfer)(
            self.user, frame.get("conversation_id"), frame.get("agent_id")
        )

    async def on_close(self, frame: dict[str, Any]) -> None:
        conversation = await database_sync_to_async(services.require_view)(
            self.user, frame.get("conversation_id")
        )
        is_supervisor = self.role == Role.SUPERVISOR.value or self.user.is_superuser
        if conversation.assigned_agent_id != self.user.pk and not is_supervisor:
            raise ChatError("forbidden", "Only the assigned agent or a supervisor can close it.")
        await database_sync_to_async(services.close_conversation)(conversation, by=self.user)
