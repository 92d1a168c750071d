"""One conversation model for every channel.

Inbound: an adapter (in ``gateway.channels``) checks the provider's signature and parses the
request into an ``Inbound``; ``receive`` finds or creates the customer behind the sender,
stores the message on their open conversation on that channel and lets the bot answer, exactly
as for the web widget. Outbound: every bot, agent or system message on such a conversation
becomes an ``OutboundDelivery``, sent by a Celery task with retries (``attempt_delivery``),
unless the channel answers in the webhook's own response (voice, WeChat passive replies).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import record
from chatbot import services as chat
from conversations.models import Conversation, ConversationStatus, Message, Sender
from core.text import storable
from gateway import media
from gateway.media import Media
from gateway.models import (
    ChannelAccount,
    ChannelKind,
    ChannelThread,
    DeliveryStatus,
    OutboundDelivery,
    Receipt,
)
from profiles import identity
from profiles.models import Customer, IdentityKind

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
IDENTITY_KIND = {
    ChannelKind.SMS: IdentityKind.PHONE,
    ChannelKind.VOICE: IdentityKind.PHONE,
    ChannelKind.WECHAT: IdentityKind.WECHAT,
    ChannelKind.EMAIL: IdentityKind.EMAIL,
    ChannelKind.WEBHOOK: IdentityKind.SOCIAL,
    # The wa_id is the customer's phone number: it finds them exactly as an SMS does.
    ChannelKind.WHATSAPP: IdentityKind.PHONE,
    ChannelKind.MESSENGER: IdentityKind.SOCIAL,
    ChannelKind.INSTAGRAM: IdentityKind.SOCIAL,
    ChannelKind.TELEGRAM: IdentityKind.SOCIAL,
}


class BadRequest(Exception):
    """A malformed provider request (HTTP 400 with this reason)."""


class Forged(Exception):
    """A request whose signature does not check out (HTTP 403, audited)."""


class DeliveryFailed(Exception):
    """The provider did not take the message; the delivery is retried."""


class Undeliverable(DeliveryFailed):
    """The message may not be sent at all (the channel's rules: WhatsApp's 24-hour window with
    no template, Messenger's HUMAN_AGENT limit) or the provider refused it for good (a 4xx):
    the delivery is a dead letter at once instead of being retried five more times."""


@dataclass(frozen=True)
class Inbound:
    provider_id: str  # the provider's message id: a retried webhook is stored once
    sender: str  # phone number, openid, e-mail address, platform user id
    text: str
    display_name: str = ""
    subject: str = ""
    reference: str = ""  # e-mail: this message's own Message-ID
    language: str = ""
    # When the customer wrote, by the provider's clock (WhatsApp, Messenger and Instagram
    # reply windows count from it); now when the provider does not say.
    sent_at: datetime | None = None
    # "handoff": the customer tapped "talk to a person" (a button, list row or keyboard).
    action: str = ""
    # Pictures, documents, voice notes: fetched into attachments of the message (``text`` is
    # then their caption, and may be empty).
    media: tuple[Media, ...] = ()
    # Whether the provider vouches for ``sender`` (a phone network, WeChat, a signed platform
    # do; an e-mail's From only with a passing SPF/DKIM verdict). An unverified sender is never
    # linked to a customer: the bot treats them as an anonymous visitor (issue 17 L2).
    sender_verified: bool = True


def refuse_forged(account: ChannelAccount | None, kind: str, reason: str, remote: str) -> None:
    record(
        "gateway.forged_request",
        object_type="gateway.channelaccount",
        object_id=account.pk if account else "",
        changes={"kind": kind, "reason": reason, "remote_addr": remote},
    )


# --- inbound ------------------------------------------------------------------------------------


def _identity_value(account: ChannelAccount, sender: str) -> str:
    # A platform user id means something only on that platform (that account): a PSID is
    # per page, an IGSID per Instagram account, a Telegram chat id per bot.
    scoped = IDENTITY_KIND[account.kind] == IdentityKind.SOCIAL
    return f"{account.pk}:{sender}" if scoped else sender


def customer_for_sender(account: ChannelAccount, inbound: Inbound) -> Customer:
    """The customer behind a phone number, openid, address or platform id: a known identity,
    else a customer whose contact details match (the provider vouches for the sender), else a
    new customer."""
    kind = IDENTITY_KIND[account.kind]
    value = _identity_value(account, inbound.sender)
    customer = identity.customer_for(account.shop, kind, value)
    if customer is not None:
        return customer
    if kind in (IdentityKind.PHONE, IdentityKind.EMAIL):
        customer = identity.customer_with_contact(account.shop, kind, inbound.sender)
    if customer is None:
        customer = Customer(shop=account.shop, display_name=inbound.display_name[:200])
        if kind == IdentityKind.PHONE:
            customer.phone = inbound.sender
        elif kind == IdentityKind.EMAIL:
            customer.email = inbound.sender
        customer.save()
    return identity.link_identity(
        customer, kind, value, verified=True, reason=f"{account.kind} message"
    )


SAFE_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,40}$")


def _client_id(account: ChannelAccount, provider_id: str) -> str:
    """The chat's idempotency key: the provider's id as is when it fits, else its hash."""
    if SAFE_ID.match(provider_id):
        return f"{account.kind}:{provider_id}"
    return f"{account.kind}:{hashlib.sha256(provider_id.encode()).hexdigest()[:40]}"


_passive: ContextVar[dict[int, list[Message]] | None] = ContextVar("passive_replies", default=None)


@contextlib.contextmanager
def passive_replies(conversation_id: int) -> Iterator[list[Message]]:
    """Collect the replies made while inside, instead of sending them: the webhook's own
    response carries them (TwiML <Say>, WeChat's passive XML)."""
    captured: list[Message] = []
    token = _passive.set({**(_passive.get() or {}), conversation_id: captured})
    try:
        yield captured
    finally:
        _passive.reset(token)


def captured(message: Message) -> bool:
    collecting = (_passive.get() or {}).get(message.conversation_id)
    if collecting is None:
        return False
    collecting.append(message)
    return True


@dataclass
class Received:
    conversation: Conversation
    message: Message
    created: bool
    replies: list[Message]


def receive(account: ChannelAccount, inbound: Inbound, *, passive: bool = False) -> Received:
    """Store an inbound message and let the bot answer. With ``passive`` the bot's replies are
    returned for the webhook response instead of being sent."""
    if not inbound.text.strip() and not inbound.media:
        raise BadRequest("The message has no text.")
    fields = ("provider_id", "sender", "text", "display_name", "subject", "reference")
    if not storable([getattr(inbound, name) for name in fields]):
        raise BadRequest("Text may not contain NUL characters or unpaired surrogates.")
    if inbound.sender_verified:
        customer: Customer | None = customer_for_sender(account, inbound)
        visitor_token = f"{account.kind}-{customer.pk}"
        conversations = Conversation.objects.filter(customer=customer)
    else:
        # One anonymous thread per unverified address; its replies still go to that address,
        # but nothing of any customer's (orders, profile) is ever answered in it.
        customer = None
        digest = hashlib.sha256(_identity_value(account, inbound.sender).lower().encode())
        visitor_token = f"{account.kind}-unverified-{digest.hexdigest()}"
        conversations = Conversation.objects.filter(
            customer=None, visitor_token_hash=chat.token_hash(visitor_token)
        )
    conversation = (
        conversations.filter(shop=account.shop, channel=account.kind).order_by("-id").first()
    )
    session = chat.CustomerSession(
        account.shop,
        visitor_token=visitor_token,
        customer=customer,
        conversation=conversation,
        language=inbound.language,
        channel=account.kind,
    )
    conversation, _ = chat.ensure_conversation(session)
    sent_at = min(inbound.sent_at or timezone.now(), timezone.now())
    thread, created_thread = ChannelThread.objects.get_or_create(
        conversation=conversation,
        defaults={
            "account": account,
            "recipient": inbound.sender,
            "reference": inbound.reference[:255],
            "subject": inbound.subject[:255],
            "last_inbound_at": sent_at,
        },
    )
    if not created_thread:
        thread.account, thread.recipient = account, inbound.sender
        thread.reference, thread.subject = inbound.reference[:255], inbound.subject[:255]
        # A late retry of an old message must not reopen a reply window that has closed.
        if thread.last_inbound_at is None or sent_at > thread.last_inbound_at:
            thread.last_inbound_at = sent_at
        thread.save()
    client_id = _client_id(account, inbound.provider_id)
    text = inbound.text.strip()
    uploads: list = []
    if inbound.media and not conversation.messages.filter(client_id=client_id).exists():
        uploads, unstored = media.store(account, conversation, inbound.media)
        text = "\n".join([*unstored, text]).strip()
    elif inbound.media:  # a resend: the stored message has its attachments already
        text = text or " ".join(media.describe(m) for m in inbound.media)
    text = text[: chat.MAX_TEXT_CHARS]
    with passive_replies(conversation.pk) if passive else contextlib.nullcontext([]) as replies:
        conversation, message, created = chat.receive_customer_message(
            session, client_id, text, uploads=uploads
        )
        if created and inbound.action == "handoff":
            if conversation.status == ConversationStatus.BOT:
                chat.request_handoff(conversation, "customer_asked")
        elif created:
            chat.bot_turn(conversation, message)
    return Received(conversation, message, created, list(replies))


# --- outbound -----------------------------------------------------------------------------------


def wants_delivery(message: Message) -> bool:
    if message.sender == Sender.CUSTOMER or message.is_private or captured(message):
        return False
    # The web widget has its own socket; a voice call hears its replies while it lasts.
    return message.conversation.channel not in ("web", ChannelKind.VOICE)


def enqueue(message: Message) -> OutboundDelivery | None:
    thread = (
        ChannelThread.objects.select_related("account")
        .filter(conversation_id=message.conversation_id)
        .first()
    )
    if thread is None:
        return None
    delivery, created = OutboundDelivery.objects.get_or_create(
        message=message, defaults={"account": thread.account, "recipient": thread.recipient}
    )
    if created:
        from gateway.tasks import deliver_message

        transaction.on_commit(lambda: deliver_message.delay(delivery.pk))
    return delivery


def backoff(attempts: int) -> int:
    """Seconds before the next attempt: base, 2×, 4× … capped (GATEWAY_RETRY_* settings)."""
    base = settings.GATEWAY_RETRY_BASE_SECONDS
    return int(min(base * 2 ** (attempts - 1), settings.GATEWAY_RETRY_MAX_SECONDS))


def attempt_delivery(delivery_id: int) -> int | None:
    """One attempt. Returns seconds until the next one, or None when there is none to make."""
    from gateway.channels import adapter_for

    with transaction.atomic():
        delivery = (
            OutboundDelivery.objects.select_for_update(of=("self",))
            .select_related("account", "message__conversation__channel_thread")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status in (DeliveryStatus.SENT, DeliveryStatus.DEAD):
            return None
        delivery.attempts += 1
        try:
            delivery.provider_id = adapter_for(delivery.account.kind).send(delivery)[:100]
        except Exception as exc:
            # Any failure, not only the provider's (a header Django refuses, a bug): the
            # delivery is retried or ends as a dead letter, never left pending (issue 17 L1).
            if not isinstance(exc, DeliveryFailed):
                logger.exception("delivery %s: unexpected error", delivery.pk)
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if delivery.attempts >= MAX_ATTEMPTS or isinstance(exc, Undeliverable):
                delivery.status = DeliveryStatus.DEAD
                delivery.next_attempt_at = None
                record(
                    "gateway.delivery_dead",
                    object_type="gateway.outbounddelivery",
                    object_id=delivery.pk,
                    changes={"attempts": delivery.attempts, "error": delivery.last_error[:200]},
                )
            else:
                delivery.status = DeliveryStatus.RETRYING
                delivery.next_attempt_at = timezone.now() + timedelta(
                    seconds=backoff(delivery.attempts)
                )
            delivery.save()
            logger.warning("delivery %s attempt %s failed: %s", delivery.pk, delivery.attempts, exc)
            return (
                backoff(delivery.attempts) if delivery.status == DeliveryStatus.RETRYING else None
            )
        delivery.status = DeliveryStatus.SENT
        delivery.last_error = ""
        delivery.next_attempt_at = None
        delivery.save()
    return None


def record_receipt(
    account: ChannelAccount, provider_id: str, receipt: str, *, at: datetime, error: str = ""
) -> bool:
    """The provider's later word on a message it took: sent, delivered, read (only ever
    forward: webhooks arrive out of order) or failed, which makes the delivery a dead letter
    with the provider's reason. False when no delivery of this account has that id."""
    with transaction.atomic():
        delivery = (
            OutboundDelivery.objects.select_for_update()
            .filter(account=account, provider_id=provider_id[:100])
            .first()
        )
        if delivery is None:
            return False
        if receipt == Receipt.FAILED:
            delivery.receipt, delivery.receipt_at = receipt, at
            delivery.status = DeliveryStatus.DEAD
            delivery.last_error = f"provider: {error}"[:2000]
            delivery.save()
            record(
                "gateway.delivery_dead",
                object_type="gateway.outbounddelivery",
                object_id=delivery.pk,
                changes={"attempts": delivery.attempts, "error": delivery.last_error[:200]},
            )
            return True
        known = [Receipt.SENT, Receipt.DELIVERED, Receipt.READ]
        if receipt in known and (
            delivery.receipt not in known or known.index(receipt) > known.index(delivery.receipt)
        ):
            delivery.receipt, delivery.receipt_at = receipt, at
            delivery.save(update_fields=["receipt", "receipt_at", "updated_at"])
    return True


def retry_dead(delivery: OutboundDelivery, *, by: object) -> None:
    """An operator sends a dead letter again (admin action), with a fresh set of attempts."""
    from gateway.tasks import deliver_message

    OutboundDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=None
    )
    record(
        "gateway.delivery_retried",
        object_type="gateway.outbounddelivery",
        object_id=delivery.pk,
        changes={"previous_error": delivery.last_error[:200]},
    )
    transaction.on_commit(lambda: deliver_message.delay(delivery.pk))
