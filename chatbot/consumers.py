"""Websocket endpoints of the live chat: the customer's widget and the agents' console.

The consumers only parse frames, check who is asking and relay events; every decision lives in
``chatbot.services`` and ``routing.services``. See docs/chat-protocol.md for the frames.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from channels.db import database_sync_to_async as _database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.db import InterfaceError, OperationalError

from accounts.roles import Role, has_role, role_of
from chatbot import console, events, services
from chatbot.models import Conversation, Message
from chatbot.services import ChatError
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
    """Shared frame handling: JSON parsing, dispatch by ``type``, error frames, rate limit."""

    handlers: dict[str, str] = {}
    limited_types: set[str] = set()
    max_violations = 20

    async def connect(self) -> None:
        self.bucket = TokenBucket(rate=5, burst=20)
        self.violations = 0
        self.groups_joined: set[str] = set()

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
        if frame["type"] in self.limited_types and not self.bucket.take():
            self.violations += 1
            if self.violations > self.max_violations:
                await self.close(code=CLOSE_RATE_LIMITED)
                return
            await self.error("rate_limited", "Too many messages; slow down.")
            return
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

    async def relay(self, event: dict[str, Any]) -> None:
        await self.send_json(event["payload"])


def _origin(scope: dict[str, Any]) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"origin":
            return value.decode("latin1")
    return None


@database_sync_to_async
def _active_shop(site_key: str) -> Shop | None:
    return Shop.objects.filter(site_key=site_key, is_active=True).first()


class CustomerChatConsumer(JsonFramesConsumer):
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
        if not self.shop.origin_allowed(_origin(self.scope), settings.ALLOWED_HOSTS):
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
        await self.send_json(payload)

    async def _require_session(self) -> services.CustomerSession:
        if self.session is None:
            raise ChatError("hello_required", "Send a hello frame first.")
        return self.session

    async def _follow(self, conversation_id: int | None) -> None:
        """Listen to exactly the current conversation's group."""
        wanted = events.customer_group(conversation_id) if conversation_id else None
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
        await self.send_json(welcome)

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
            frame["status_detail"] = services.status_frame(conversation)
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
        if session.conversation is None or not session.conversation.is_open:
            # A new conversation: listen to it before the first message is published.
            conversation, _ = await database_sync_to_async(services.ensure_conversation)(session)
            await self._follow(conversation.pk)
        # One thread hop stores the message (in a new conversation if this one closed meanwhile).
        conversation, message, created = await database_sync_to_async(
            services.receive_customer_message
        )(session, frame.get("client_id"), frame.get("text"))
        await self._follow(conversation.pk)
        await self.send_json({"type": "ack", "client_id": message.client_id, "seq": message.seq})
        # A resend of a message the bot never got to (the socket died right after storing it)
        # still gets its answer; a resend of an answered one does not get a second.
        if created or await database_sync_to_async(services.awaits_bot)(message):
            await self._bot_turn(conversation, message)

    async def _bot_turn(self, conversation: Conversation, message: Message) -> None:
        """The customer already has the ack, so a dropped database connection must not cost
        them the answer: try once more on a fresh connection unless the first try got as far
        as answering."""
        try:
            await database_sync_to_async(services.bot_turn)(conversation, message)
        except DATABASE_UNAVAILABLE:
            logger.warning("bot turn lost its database connection; retrying once", exc_info=True)
            if await database_sync_to_async(services.awaits_bot)(message):
                await database_sync_to_async(services.bot_turn)(conversation, message)

    async def on_typing(self, frame: dict[str, Any]) -> None:
        session = await self._require_session()
        if session.conversation is not None:
            await self.channel_layer.group_send(
                events.staff_group(session.conversation.pk),
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
                events.staff_group(session.conversation.pk),
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
    }
    limited_types = {"reply", "note", "accept", "transfer", "close", "reveal"}

    async def connect(self) -> None:
        await super().connect()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        allowed = await database_sync_to_async(has_role)(user, Role.AGENT, Role.SUPERVISOR)
        if not allowed:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.user = user
        self.role = await database_sync_to_async(role_of)(user)
        # Team membership is read once: a change applies when the console reconnects.
        self.staff_scope = await database_sync_to_async(scope_of)(user)
        await self.accept()
        await database_sync_to_async(routing.socket_opened)(user)
        await self.join(events.CONSOLE_GROUP)
        await self.join(events.agent_group(user.pk))
        for group in events.supervisor_groups(self.staff_scope):
            await self.join(group)
        await self.send_json(await database_sync_to_async(console.snapshot)(user))

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
        user = getattr(self, "user", None)
        if user is not None:
            went_offline = await database_sync_to_async(routing.socket_closed)(user)
            if went_offline:
                await database_sync_to_async(services.publish_console_state)()
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
        transcript = await database_sync_to_async(console.transcript)(self.user, conversation_id)
        for group in [g for g in self.groups_joined if g.startswith("conv-staff-")]:
            await self.leave(group)
        await self.join(events.staff_group(transcript["conversation_id"]))
        await self.send_json(transcript)

    async def _post(self, frame: dict[str, Any], *, private: bool) -> None:
        message, _ = await database_sync_to_async(services.post_agent_message)(
            self.user,
            frame.get("conversation_id"),
            frame.get("client_id"),
            frame.get("text"),
            private=private,
        )
        await self.send_json(
            {"type": "ack", "client_id": frame.get("client_id"), "seq": message.seq}
        )

    async def on_reply(self, frame: dict[str, Any]) -> None:
        await self._post(frame, private=False)

    async def on_note(self, frame: dict[str, Any]) -> None:
        await self._post(frame, private=True)

    async def on_typing(self, frame: dict[str, Any]) -> None:
        conversation = await database_sync_to_async(services.require_assigned)(
            self.user, frame.get("conversation_id")
        )
        await self.channel_layer.group_send(
            events.customer_group(conversation.pk),
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
        conversation = await database_sync_to_async(services.require_assigned)(
            self.user, frame.get("conversation_id")
        )
        await self.channel_layer.group_send(
            events.customer_group(conversation.pk),
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
