"""What the agent console shows: the snapshot on connect, transcripts, the agents panel."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models import Max, OuterRef, Prefetch, Subquery
from django.dispatch import Signal
from django.utils import timezone

from accounts.roles import Role, has_role, role_of
from audit.services import record
from chatbot import frames, live
from chatbot.models import CannedReply
from chatbot.services import (
    QUEUE_BROADCAST_LIMIT,
    ChatError,
    history,
    require_assigned,
    require_view,
    with_last_text,
)
from conversations.models import Conversation, ConversationStatus, Message, Sender
from core.fields import EncryptedTextField
from profiles.masking import mask_email, mask_phone
from profiles.models import ChannelIdentity, Order, OrderItem, Product, ProductView
from routing import services as routing
from routing.models import AgentProfile
from routing.scope import StaffScope, scope_of, visible_conversations

DEFAULT_CAPACITY = AgentProfile._meta.get_field("capacity").default
PROFILE_ORDERS = 5
PROFILE_PAST_CONVERSATIONS = 5
PROFILE_MOOD_HISTORY = 10
PROFILE_RECENTLY_VIEWED = 5
FIRST_MESSAGE_CHARS = 80

# Asks the layers above (the channel gateway) what an agent must know before replying on a
# conversation, such as a WhatsApp or Messenger reply window: a receiver returns a dict that
# joins the transcript's "conversation", or None.
transcript_facts = Signal()


# More distinct transcripts than this opened by one console within the window is reported to
# supervisors (and audited): legitimate for a team lead catching up, but also what scraping
# looks like. The frame rate limit keeps the pace human either way.
BULK_OPEN_THRESHOLD = 30
BULK_OPEN_WINDOW_SECONDS = 60.0


class OpenWatch:
    """The transcripts one console opened in the last minute."""

    def __init__(self) -> None:
        self.recent: dict[Any, float] = {}
        self.reported_at = float("-inf")

    def opened(self, conversation_id: Any, now: float | None = None) -> bool:
        """Note an open; True when the console just crossed the threshold (once per window)."""
        now = time.monotonic() if now is None else now
        self.recent = {c: t for c, t in self.recent.items() if now - t < BULK_OPEN_WINDOW_SECONDS}
        if isinstance(conversation_id, int):
            self.recent[conversation_id] = now
        if len(self.recent) > BULK_OPEN_THRESHOLD and (
            now - self.reported_at >= BULK_OPEN_WINDOW_SECONDS
        ):
            self.reported_at = now
            return True
        return False


def report_bulk_opens(user: Any, watch: OpenWatch) -> None:
    """Audit the burst and show it on supervisors' consoles."""
    opened = sorted(watch.recent)
    record(
        "chat.bulk_open",
        actor=user,
        changes={"conversations": len(opened), "ids": opened[:100], "seconds": 60},
    )
    live.publish(
        live.SUPERVISORS_GROUP,
        {
            "type": "alert",
            "kind": "bulk_open",
            "agent_id": user.pk,
            "agent_name": user.get_short_name() or user.get_username(),
            "conversations": len(opened),
        },
    )


def staff_access(user_id: int) -> tuple[Any, str, StaffScope] | None:
    """The user as they are now (role and teams may have just changed); None when the
    account is gone or inactive."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    return user, role_of(user), scope_of(user)


def visible_ids(user: Any, conversation_ids: list[int]) -> set[int]:
    found = visible_conversations(user).filter(pk__in=conversation_ids)
    return set(found.values_list("pk", flat=True))


def session_seconds_left(session_key: str) -> float:
    """Seconds until the session expires (0 when it is gone: logged out, flushed, expired)."""
    expiry = (
        Session.objects.filter(session_key=session_key)
        .values_list("expire_date", flat=True)
        .first()
    )
    if expiry is None:
        return 0.0
    return max(0.0, (expiry - timezone.now()).total_seconds())


def agents_panel() -> list[dict[str, Any]]:
    users = list(routing.agents_queryset().order_by("username"))
    profiles = {p.user_id: p for p in AgentProfile.objects.filter(user__in=users)}
    load = routing.loads([u.pk for u in users])
    return [
        {
            "id": u.pk,
            "name": u.get_short_name() or u.get_username(),
            "status": profiles[u.pk].presence if u.pk in profiles else "offline",
            "capacity": profiles[u.pk].capacity if u.pk in profiles else DEFAULT_CAPACITY,
            "load": load.get(u.pk, 0),
        }
        for u in users
    ]


def queue_frame(scope: StaffScope) -> dict[str, Any]:
    """The head of the waiting queue as this person may see it."""
    waiting = visible_conversations(scope, with_last_text(routing.queue()))
    head = list(waiting[:QUEUE_BROADCAST_LIMIT])
    total = len(head) if len(head) < QUEUE_BROADCAST_LIMIT else waiting.count()
    queue = [frames.conversation_summary(c) for c in head]
    return {"type": "queue", "queue": queue, "total": total}


def snapshot(user: Any) -> dict[str, Any]:
    profile = routing.profile_for(user)
    scope = scope_of(user)
    open_conversations = visible_conversations(
        scope, with_last_text(Conversation.objects.exclude(status=ConversationStatus.CLOSED))
    )
    if not scope.supervises:
        # An agent's list is their own work; teammates' chats open on demand.
        open_conversations = open_conversations.filter(assigned_agent=user)
    queue = queue_frame(scope)
    return {
        "type": "snapshot",
        "me": {
            "id": user.pk,
            "name": user.get_short_name() or user.get_username(),
            "role": role_of(user),
            "status": profile.presence,
            "capacity": profile.capacity,
        },
        "conversations": [
            frames.conversation_summary(c)
            for c in open_conversations.exclude(status=ConversationStatus.WAITING).order_by(
                "-updated_at"
            )[:200]
        ],
        "queue": queue["queue"],
        "queue_total": queue["total"],
        "agents": agents_panel(),
        "canned_replies": [
            {"id": r.pk, "title": r.title, "text": r.text} for r in CannedReply.objects.all()[:200]
        ],
    }


def transcript(user: Any, conversation_id: Any) -> dict[str, Any]:
    conversation = require_view(user, conversation_id)
    if conversation.customer_id is not None:
        # Who looked at which customer's profile is part of the trail, like a file room log.
        record(
            "profiles.customer_viewed",
            object_type="profiles.customer",
            object_id=conversation.customer_id,
            changes={"conversation": conversation.pk, "via": "console"},
        )
    summary = frames.conversation_summary(conversation)
    for _receiver, facts in transcript_facts.send(sender=Conversation, conversation=conversation):
        summary.update(facts or {})
    return {
        "type": "transcript",
        "conversation_id": conversation.pk,
        "conversation": summary,
        "messages": history(conversation, private=True),
        "profile": customer_profile(conversation),
    }


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def customer_profile(conversation: Conversation) -> dict[str, Any] | None:
    """What the agent may know about the customer behind ``conversation``, for the console's
    side panel; ``None`` for an anonymous visitor.

    Contact details are masked here, on the server: the full phone number and e-mail address
    never reach an agent's browser. Everything is scoped to the conversation's shop, and the
    number of queries does not grow with the customer's history."""
    customer = conversation.customer
    if customer is None:
        return None
    shop_id = conversation.shop_id

    # Only kind and verification are shown: the identity's value (a phone number, an openid…)
    # is left encrypted in the database, not even loaded.
    identities = [
        {
            "kind": identity.kind,
            "label": str(identity.get_kind_display()),
            "verified": identity.verified_at is not None,
        }
        for identity in ChannelIdentity.objects.filter(customer=customer, shop_id=shop_id).only(
            "kind", "verified_at"
        )
    ]

    orders = Order.objects.filter(customer=customer, shop_id=shop_id)
    latest_orders = orders.order_by("-placed_at", "-id").prefetch_related(
        Prefetch("items", queryset=OrderItem.objects.order_by("id"))
    )[:PROFILE_ORDERS]

    first_customer_text = Message.objects.filter(
        conversation=OuterRef("pk"), sender=Sender.CUSTOMER, is_private=False
    ).order_by("seq")
    conversations = Conversation.objects.filter(customer=customer, shop_id=shop_id)
    past = (
        conversations.exclude(pk=conversation.pk)
        .only("pk", "created_at", "status", "mood", "csat_score")
        .annotate(
            first_text=Subquery(
                first_customer_text.values("text")[:1], output_field=EncryptedTextField()
            )
        )
        .order_by("-created_at", "-id")[:PROFILE_PAST_CONVERSATIONS]
    )
    # The mood trail ends at the conversation being looked at, even when it is an old one.
    moods = (
        conversations.filter(created_at__lte=conversation.created_at)
        .order_by("-created_at", "-id")
        .values_list("pk", "created_at", "mood")[:PROFILE_MOOD_HISTORY]
    )

    product_name = (
        Product.objects.filter(shop_id=shop_id, sku=OuterRef("sku")).order_by().values("name")[:1]
    )
    viewed = (
        ProductView.objects.filter(customer=customer, shop_id=shop_id)
        .values("sku")
        .annotate(last_at=Max("at"), name=Subquery(product_name))
        .order_by("-last_at", "sku")[:PROFILE_RECENTLY_VIEWED]
    )

    return {
        "customer_id": customer.pk,
        "display_name": customer.display_name or "",
        "external_id": customer.external_id,
        "segments": list(customer.segments or []),
        "is_vip": customer.is_vip,
        "contact": {"phone": mask_phone(customer.phone), "email": mask_email(customer.email)},
        "identities": identities,
        "preferences": dict(customer.preferences or {}),
        "orders": [
            {
                "number": order.number,
                "status": order.status,
                "status_label": str(order.get_status_display()),
                "total": str(order.total),
                "currency": order.currency,
                "placed_at": order.placed_at.isoformat(),
                "carrier": order.carrier,
                "tracking_number": order.tracking_number,
                "items": [
                    {"sku": item.sku, "name": item.name, "quantity": item.quantity}
                    for item in order.items.all()
                ],
            }
            for order in latest_orders
        ],
        "orders_total": orders.count(),
        "past_conversations": [
            {
                "id": other.pk,
                "started_at": other.created_at.isoformat(),
                "status": other.status,
                "mood": float(other.mood),
                "csat_score": other.csat_score,
                "first_message": _truncate(other.first_text or "", FIRST_MESSAGE_CHARS),
            }
            for other in past
        ],
        "mood_history": [
            {"conversation_id": pk, "at": at.isoformat(), "mood": float(mood)}
            for pk, at, mood in reversed(list(moods))
        ],
        "recently_viewed": [{"sku": v["sku"], "name": v["name"] or ""} for v in viewed],
    }


REVEALABLE = {"phone", "email"}


def reveal_contact(user: Any, conversation_id: Any, field: Any, reason: Any) -> dict[str, Any]:
    """The full phone number or e-mail behind the masked one, for an agent who needs to call
    or write back, with the reason recorded in the audit trail."""
    # Agents only for conversations they hold; seeing the queue is not a reason to call anyone.
    if has_role(user, Role.SUPERVISOR):
        conversation = require_view(user, conversation_id)
    else:
        conversation = require_assigned(user, conversation_id)
    if field not in REVEALABLE:
        raise ChatError("invalid_field", "field must be phone or email.")
    if not isinstance(reason, str) or not 3 <= len(reason.strip()) <= 200:
        raise ChatError("invalid_field", "Give a reason (3–200 characters).")
    customer = conversation.customer
    if customer is None:
        raise ChatError("not_found", "This conversation has no identified customer.")
    record(
        "profiles.contact_revealed",
        object_type="profiles.customer",
        object_id=customer.pk,
        changes={"field": field, "reason": reason.strip(), "conversation": conversation.pk},
    )
    return {
        "type": "revealed",
        "conversation_id": conversation.pk,
        "field": field,
        "value": getattr(customer, field) or "",
    }


def change_presence(user: Any, status: str) -> None:
    routing.set_presence(user, status)
    live.publish_console_state()
