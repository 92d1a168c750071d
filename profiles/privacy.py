"""Data-subject rights (PIPL / GDPR style): export everything held about a customer, erase a
customer, and purge old messages under a shop's retention policy. Each is audited; the audit
records say what happened and how much, never the personal data itself."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import record
from conversations.models import Conversation, ConversationStatus, Message
from conversations.signals import send_on_commit
from knowledge import answer_logs
from profiles.models import ChannelIdentity, Customer, Order, ProductView, VerificationCode
from profiles.signals import customer_erased
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
    # What the customer typed is also in the answer logs (the bot's side of the question).
    questions: dict[int, list[dict[str, Any]]] = {}
    for log in answer_logs.of(conversations).order_by("id"):
        questions.setdefault(log.conversation_id, []).append(
            {"text": log.question, "answered": log.answered, "at": _iso(log.created_at)}
        )
    # Files customers and agents sent (the attachments app, reached by name: it sits above
    # this layer), with their content, since they are the customer's data as much as text.
    Attachment = apps.get_model("attachments", "Attachment")
    files: dict[int, list[dict[str, Any]]] = {}
    for item in Attachment.objects.filter(
        conversation__in=conversations, message__isnull=False, message__is_private=False
    ).order_by("created_at"):
        files.setdefault(item.message_id, []).append(
            {
                "name": item.name,
                "content_type": item.content_type,
                "size": item.size,
                "content_base64": base64.b64encode(item.read_bytes()).decode("ascii"),
            }
        )
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
                    {
                        "sender": m.sender,
                        "text": m.text,
                        "at": _iso(m.created_at),
                        **({"attachments": files[m.pk]} if m.pk in files else {}),
                    }
                    for m in c.messages.all()
                    if not m.is_private
                ],
                "questions_to_the_bot": questions.get(c.pk, []),
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
            "files": sum(len(f) for f in files.values()),
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
    logs = answer_logs.of(conversations)
    counts = {
        "conversations": conversations.count(),
        "messages": messages.count(),
        "questions": logs.count(),
        "orders": Order.objects.filter(customer=customer).count(),
        "identities": customer.identities.count(),
        "views": customer.views.count(),
    }
    # Their files (photos, documents) go with the rows: the stored, encrypted files are
    # deleted once the erasure commits (attachments.receivers).
    Attachment = apps.get_model("attachments", "Attachment")
    counts["files"] = Attachment.objects.filter(conversation__in=conversations).delete()[1].get(
        Attachment._meta.label, 0
    )
    # Encrypted fields are written through the model, one row at a time, so the stored
    # ciphertext really is of the replacement text.
    for message in messages.only("id", "text"):
        message.text = ERASED
        message.save(update_fields=["text"])
    for log in logs.only("id", "question"):
        log.question = ERASED
        log.redacted = True
        log.save(update_fields=["question", "redacted"])
    for conversation in conversations:
        if conversation.csat_comment:
            conversation.csat_comment = ""
            conversation.save(update_fields=["csat_comment"])
    # Payloads can hold what the customer typed (order numbers, verification); keep the marker.
    Message.objects.filter(pk__in=messages.values("pk")).update(payload={"erased": True})
    # Where replies went (address, e-mail subject): the channel threads go, and the delivery
    # records keep no recipient.
    ChannelThread = apps.get_model("gateway", "ChannelThread")
    OutboundDelivery = apps.get_model("gateway", "OutboundDelivery")
    ChannelThread.objects.filter(conversation__in=conversations).delete()
    for delivery in OutboundDelivery.objects.filter(message__in=messages).only("id", "recipient"):
        delivery.recipient = ERASED
        delivery.save(update_fields=["recipient"])
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
    send_on_commit(
        customer_erased,
        sender=Customer,
        customer_id=customer.pk,
        shop_id=customer.shop_id,
        reason=reason[:200],
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
        closed = Conversation.objects.filter(shop=shop, status=ConversationStatus.CLOSED)
        n = questions = 0
        with transaction.atomic():
            # The same questions, as the answer engine logged them: first, while the bot's
            # replies still name their logs (the purge below clears their payloads).
            old_logs = answer_logs.of(closed).filter(created_at__lt=cutoff, redacted=False)
            for log in old_logs.only("id", "question").iterator(chunk_size=2000):
                log.question = EXPIRED
                log.redacted = True
                log.save(update_fields=["question", "redacted"])
                questions += 1
            # Files of the expired messages go too (their stored files once this commits).
            Attachment = apps.get_model("attachments", "Attachment")
            files = Attachment.objects.filter(message__in=expired).delete()[1].get(
                Attachment._meta.label, 0
            )
            for message in expired.only("id", "text", "payload").iterator(chunk_size=2000):
                message.text = EXPIRED
                message.payload = {"expired": True}
                message.save(update_fields=["text", "payload"])
                n += 1
            if n or questions or files:
                record(
                    "chatbot.messages_purged",
                    object_type="shops.shop",
                    object_id=shop.pk,
                    changes={
                        "retention_days": shop.message_retention_days,
                        "messages": n,
                        "questions": questions,
                        "files": files,
                    },
                )
        purged[shop.pk] = n
    return purged
