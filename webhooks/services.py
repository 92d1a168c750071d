"""Outgoing event webhooks: who is subscribed (a cached, cheap check), building the signed
envelope, and delivering it with the gateway's retry machinery.

Envelope (version 1)::

    {"version": 1, "id": "evt_…", "type": "message.created", "created_at": "…",
     "shop": {"id": 1, "site_key": "…"}, "data": {…}}

POSTed with ``Content-Type: application/json``, ``X-Timestamp`` and ``X-Signature:
sha256=<hex HMAC-SHA256(secret, "<timestamp>." + body)>`` exactly like the inbound generic
webhook (``gateway.channels.signing``), plus ``X-Webhook-Id``, ``X-Webhook-Event`` and
``X-Webhook-Subscription``. A delivery is retried with the gateway's exponential back-off and
ends as a dead letter (admin retry); an endpoint that keeps failing is disabled and the shop's
administrators get an e-mail.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import timedelta
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from audit.services import record
from gateway.channels import signing
from gateway.models import DeliveryStatus
from gateway.services import MAX_ATTEMPTS, DeliveryFailed, backoff
from webhooks.memo import MISSING, LocalMemo
from webhooks.models import EventType, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

PAYLOAD_VERSION = 1
_CACHE_SECONDS = 300


def disable_after() -> int:
    """Failed attempts in a row (over all of an endpoint's deliveries) that disable it."""
    return int(getattr(settings, "WEBHOOK_DISABLE_AFTER_FAILURES", 15))


# --- who is subscribed (on the message hot path: one cache read) --------------------------------


def _cache_key(shop_id: int) -> str:
    return f"webhooks:subscribed:{shop_id}"


_local = LocalMemo(seconds=2)


def subscribed_types(shop_id: int) -> frozenset[str]:
    """The event types some active subscription of the shop wants; cached per shop (in this
    process for 2 s, in Redis for 5 min) and dropped whenever a subscription of the shop is
    saved or deleted."""
    known = _local.get(shop_id)
    if known is not MISSING:
        return known
    key = _cache_key(shop_id)
    cached = cache.get(key)
    if cached is None:
        cached = sorted(
            {
                event_type
                for types in WebhookSubscription.objects.filter(
                    shop_id=shop_id, is_active=True
                ).values_list("event_types", flat=True)
                for event_type in (types or [])
            }
        )
        cache.set(key, cached, _CACHE_SECONDS)
    types = frozenset(cached)
    _local.set(shop_id, types)
    return types


def is_subscribed(shop_id: int, event_type: str) -> bool:
    return event_type in subscribed_types(shop_id)


def forget_subscriptions(shop_id: int) -> None:
    _local.forget(shop_id)
    cache.delete(_cache_key(shop_id))


# --- events ---------------------------------------------------------------------------------------


def envelope(shop: Any, event_type: str, data: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "version": PAYLOAD_VERSION,
        "id": event_id,
        "type": event_type,
        "created_at": timezone.now().isoformat(),
        "shop": {"id": shop.pk, "site_key": shop.site_key},
        "data": data,
    }


def contact_of(customer: Any) -> dict[str, Any] | None:
    """The contact details a subscription with the contacts scope gets (``data.contact``)."""
    if customer is None:
        return None
    return {
        "customer_id": customer.pk,
        "display_name": customer.display_name or "",
        "phone": customer.phone or "",
        "email": customer.email or "",
    }


def deliver_event(
    shop: Any,
    event_type: str,
    data: dict[str, Any],
    subscription: WebhookSubscription | None = None,
    *,
    customer: Any = None,
) -> list[WebhookDelivery]:
    """Queue ``event_type`` with ``data`` for every active subscription of ``shop`` that wants
    it (or only for ``subscription``, which then gets it whatever its event types: an
    automation rule's "send an event webhook" action). ``data`` must carry no contact details:
    subscriptions granted the contacts scope get ``customer``'s under ``data.contact``.
    Deliveries are sent by Celery once the caller's transaction commits."""
    if event_type not in EventType.values:
        raise ValueError(f"unknown event type {event_type!r}")
    if subscription is not None:
        targets = (
            [subscription] if subscription.is_active and subscription.shop_id == shop.pk else []
        )
    else:
        if not is_subscribed(shop.pk, event_type):
            return []
        targets = [
            s
            for s in WebhookSubscription.objects.filter(shop=shop, is_active=True)
            if s.wants(event_type)
        ]
    if not targets:
        return []
    event_id = f"evt_{uuid.uuid4().hex}"
    deliveries = []
    for target in targets:
        payload = envelope(shop, event_type, data, event_id)
        if target.include_contacts and customer is not None:
            payload["data"] = {**data, "contact": contact_of(customer)}
        deliveries.append(
            WebhookDelivery.objects.create(
                subscription=target,
                event_id=event_id,
                event_type=event_type,
                body=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
            )
        )
    from webhooks.tasks import deliver_webhook

    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.delay(pk))
    return deliveries


# --- delivery -------------------------------------------------------------------------------------


def request_headers(delivery: WebhookDelivery, body: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": "cs-platform-webhooks/1",
        "X-Webhook-Id": delivery.event_id,
        "X-Webhook-Event": delivery.event_type,
        "X-Webhook-Subscription": str(delivery.subscription_id),
        **signing.headers(delivery.subscription.secret, body),
    }


def post(delivery: WebhookDelivery) -> int:
    """One HTTP POST; the status code, or DeliveryFailed. Redirects are not followed: a
    subscription names its final URL."""
    body = delivery.body.encode()
    try:
        response = requests.post(
            delivery.subscription.url,
            data=body,
            headers=request_headers(delivery, body),
            timeout=getattr(settings, "WEBHOOK_TIMEOUT_SECONDS", 10),
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        raise DeliveryFailed(str(exc)) from exc
    delivery.response_status = response.status_code
    if response.status_code >= 300:
        raise DeliveryFailed(f"HTTP {response.status_code}: {response.text[:200]}")
    return response.status_code


def attempt_delivery(delivery_id: int) -> int | None:
    """One attempt. Returns seconds until the next one, or None when there is none to make."""
    disable: WebhookSubscription | None = None
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("subscription__shop")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status in (DeliveryStatus.SENT, DeliveryStatus.DEAD):
            return None
        subscription = delivery.subscription
        if not subscription.is_active:
            # Kept, not dropped: once the endpoint is fixed and enabled, an operator retries it.
            delivery.status = DeliveryStatus.DEAD
            delivery.last_error = "The subscription is disabled."
            delivery.next_attempt_at = None
            delivery.save()
            return None
        delivery.attempts += 1
        try:
            post(delivery)
        except Exception as exc:
            # Any failure (a bug included) ends in a retry or a dead letter, never "pending".
            if not isinstance(exc, DeliveryFailed):
                logger.exception("webhook delivery %s: unexpected error", delivery.pk)
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            retry_in: int | None = None
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.DEAD
                delivery.next_attempt_at = None
                record(
                    "webhooks.delivery_dead",
                    object_type="webhooks.webhookdelivery",
                    object_id=delivery.pk,
                    changes={"attempts": delivery.attempts, "error": delivery.last_error[:200]},
                )
            else:
                retry_in = backoff(delivery.attempts)
                delivery.status = DeliveryStatus.RETRYING
                delivery.next_attempt_at = timezone.now() + timedelta(seconds=retry_in)
            delivery.save()
            WebhookSubscription.objects.filter(pk=subscription.pk).update(
                consecutive_failures=F("consecutive_failures") + 1
            )
            subscription.refresh_from_db(fields=["consecutive_failures", "is_active"])
            if subscription.is_active and subscription.consecutive_failures >= disable_after():
                disable = subscription
                retry_in = None  # the next attempt would only find it disabled
                _disable(subscription, delivery.last_error)
            logger.warning(
                "webhook delivery %s attempt %s failed: %s", delivery.pk, delivery.attempts, exc
            )
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.last_error = ""
            delivery.next_attempt_at = None
            delivery.delivered_at = timezone.now()
            delivery.save()
            if subscription.consecutive_failures:
                WebhookSubscription.objects.filter(pk=subscription.pk).update(
                    consecutive_failures=0
                )
            return None
    if disable is not None:
        _tell_admins(disable)
    return retry_in


def _disable(subscription: WebhookSubscription, error: str) -> None:
    reason = (
        f"Disabled after {subscription.consecutive_failures} failed attempts in a row; "
        f"last error: {error}"
    )[:300]
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=False, disabled_reason=reason, updated_at=timezone.now()
    )
    subscription.is_active = False
    subscription.disabled_reason = reason
    transaction.on_commit(lambda: forget_subscriptions(subscription.shop_id))
    record(
        "webhooks.subscription_disabled",
        obj=subscription,
        actor_repr="system",
        changes={"failures": subscription.consecutive_failures, "error": error[:200]},
    )


def admin_addresses() -> list[str]:
    """Who hears that an endpoint was disabled: the administrators (role or superuser) with an
    e-mail address, and the operators in ``ADMIN_EMAILS``."""
    users = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__name="administrator"), is_active=True
    )
    addresses = {email for email in users.values_list("email", flat=True) if email}
    addresses.update(address for _name, address in settings.ADMINS)
    return sorted(addresses)


def _tell_admins(subscription: WebhookSubscription) -> None:
    recipients = admin_addresses()
    if not recipients:
        logger.warning("webhook subscription %s disabled; nobody to e-mail", subscription.pk)
        return
    send_mail(
        f"Webhook disabled: {subscription.name} ({subscription.shop})",
        (
            f"The webhook subscription {subscription.name!r} of {subscription.shop} "
            f"({subscription.url}) was disabled.\n\n{subscription.disabled_reason}\n\n"
            "Fix the endpoint, enable the subscription again in the admin (Event webhooks → "
            "Webhook subscriptions) and retry its dead letters (Webhook deliveries)."
        ),
        settings.DEFAULT_FROM_EMAIL,
        recipients,
        fail_silently=True,
    )


def retry_dead(delivery: WebhookDelivery, *, by: Any) -> None:
    """An operator sends a dead letter again (admin action), with a fresh set of attempts."""
    from webhooks.tasks import deliver_webhook

    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=None
    )
    record(
        "webhooks.delivery_retried",
        object_type="webhooks.webhookdelivery",
        object_id=delivery.pk,
        actor=by,
        changes={"previous_error": delivery.last_error[:200]},
    )
    transaction.on_commit(lambda: deliver_webhook.delay(delivery.pk))


def enable(subscription: WebhookSubscription, *, by: Any) -> None:
    """Back in service after a fix: the failure count starts again from zero."""
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=True, consecutive_failures=0, disabled_reason="", updated_at=timezone.now()
    )
    record("webhooks.subscription_enabled", obj=subscription, actor=by)
    transaction.on_commit(lambda: forget_subscriptions(subscription.shop_id))
