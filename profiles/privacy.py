"""Data-subject rights (PIPL / GDPR style): export everything held about a customer, erase a
customer, and purge old messages under a shop's retention policy. Each is audited; the audit
records say what happened and how much, never the personal data itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import record
from chatbot.models import Conversation, ConversationStatus, Message
from profiles.models import ChannelIdentity, Customer, Order, ProductView, VerificationCode
from shops.models import Shop

ERASED = "[erased]"
EXPIRED = "[expired]"


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_customer(customer: Customer, *, by: Any) -> dict[str, Any]:
    """Everything about one customer, as JSON-ready data. Private agent notes are staff
    working notes and stay out; everything the customer saw or said is in."""
    orders = Order.objects.filter(customer=customer).prefetch_related("items", "events")
    conversations = Conversation.objects.filter(customer=customer).prefetch_related("messages")
    data = {
        "exported_at": timezone.now().isoformat(),
        "shop": customer.shop.name,
        "customer": {
            "id": customer.pk,
            "external_id": customer.external_id,
            "display_name": customer.display_name,
            "phone": customer.phone,
            "email": customer.email,
            "address": customer.address,
            "segments": customer.segments,
            "preferences": customer.preferences,
            "created_at": _iso(customer.created_at),
        },
        "identities": [
            {
                "kind": i.kind,
                "value": i.value.partition(":")[2] or i.value,
                "verified_at": _iso(i.verified_at),
            }
            for i in customer.identities.all()
        ],
        "orders": [
            {
                "number": o.number,
                "status": o.status,
                "total": str(o.total),
                "currency": o.currency,
                "placed_at": _iso(o.placed_at),
                "carrier": o.carrier,
                "tracking_number": o.tracking_number,
                "items": [
                    {
                        "sku": i.sku,
                        "name": i.name,
                        "quantity": i.quantity,
                        "unit_price": str(i.unit_price),
                    }
                    for i in o.items.all()
                ],
                "timeline": [{"status": e.status, "at": _iso(e.at)} for e in o.events.all()],
            }
            for o in orders
        ],
        "product_views": [{"sku": v.sku, "at": _iso(v.at)} for v in customer.views.order_by("at")],
        "conversations": [
            {
                "id": c.pk,
                "channel": c.channel,
                "started_at": _iso(c.created_at),
                "closed_at": _iso(c.closed_at),
                "csat_score": c.csat_score,
                "csat_comment": c.csat_comment,
                "messages": [
                    {"sender": m.sender, "text": m.text, "at": _iso(m.created_at)}
                    for m in c.messages.all()
                    if not m.is_private
                ],
            }
            for c in conversations
        ],
    }
    record(
        "profiles.customer_exported",
        object_type="profiles.customer",
        object_id=customer.pk,
        changes={
            "by": getattr(by, "username", str(by)),
            "conversations": len(data["conversations"]),
            "orders": len(data["orders"]),
        },
    )
    return data


@transaction.atomic
def erase_customer(customer: Customer, *, by: Any, reason: str) -> dict[str, int]:
    """Replace everything personal: contact fields, identities, browsing, message texts and
    comments. Conversations, orders and their amounts stay (anonymous) so that reports and
    the shop's books still add up; the audit trail keeps that an erasure happened."""
    conversations = Conversation.objects.filter(customer=customer)
    messages = Message.objects.filter(conversation__in=conversations)
    counts = {
        "conversations": conversations.count(),
        "messages": messages.count(),
        "orders": Order.objects.filter(customer=customer).count(),
        "identities": customer.identities.count(),
        "views": customer.views.count(),
    }
    # Encrypted fields are written through the model, one row at a time, so the stored
    # ciphertext really is of the replacement text.
    for message in messages.only("id", "text"):
        message.text = ERASED
        message.save(update_fields=["text"])
    for conversation in conversations:
        if conversation.csat_comment:
            conversation.csat_comment = ""
            conversation.save(update_fields=["csat_comment"])
    # Payloads can hold what the customer typed (order numbers, verification); keep the marker.
    Message.objects.filter(pk__in=messages.values("pk")).update(payload={"erased": True})
    conversations.update(customer=None)
    Order.objects.filter(customer=customer).update(customer=None)
    ChannelIdentity.objects.filter(customer=customer).delete()
    ProductView.objects.filter(customer=customer).delete()
    VerificationCode.objects.filter(customer=customer).delete()
    record(
        "profiles.customer_erased",
        object_type="profiles.customer",
        object_id=customer.pk,
        changes={"by": getattr(by, "username", str(by)), "reason": reason[:200], **counts},
    )
    customer.delete()
    return counts


def purge_expired_messages(now: dt.datetime | None = None) -> dict[int, int]:
    """Apply each shop's retention policy to closed conversations; returns {shop id: purged}."""
    now = now or timezone.now()
    purged: dict[int, int] = {}
    for shop in Shop.objects.filter(message_retention_days__isnull=False):
        cutoff = now - dt.timedelta(days=shop.message_retention_days)
        expired = Message.objects.filter(
            conversation__shop=shop,
            conversation__status=ConversationStatus.CLOSED,
            created_at__lt=cutoff,
        ).exclude(Q(payload__has_key="expired") | Q(payload__has_key="erased"))
        n = 0
        with transaction.atomic():
            for message in expired.only("id", "text", "payload").iterator(chunk_size=2000):
                message.text = EXPIRED
                message.payload = {"expired": True}
                message.save(update_fields=["text", "payload"])
                n += 1
            if n:
                record(
                    "chatbot.messages_purged",
                    object_type="shops.shop",
                    object_id=shop.pk,
                    changes={"retention_days": shop.message_retention_days, "messages": n},
                )
        purged[shop.pk] = n
    return purged
