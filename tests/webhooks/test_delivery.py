"""Delivering events: the signature a receiver can check with the documented algorithm, the
envelope, retries with dead letters, and endpoints that keep failing being disabled."""

import hashlib
import hmac
import json
import time

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from accounts.roles import Role
from audit.models import AuditEvent
from gateway.models import DeliveryStatus
from gateway.services import MAX_ATTEMPTS
from webhooks import services
from webhooks.models import WebhookDelivery
from webhooks.services import deliver_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_backoff(settings):
    settings.GATEWAY_RETRY_BASE_SECONDS = 0


@pytest.fixture
def shop():
    from tests.factories import make_shop

    return make_shop("Webhook shop")


def send(shop, django_capture_on_commit_callbacks, *args, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return deliver_event(shop, *args, **kwargs)


def test_signature_checks_out_with_the_documented_algorithm(
    shop, endpoint, subscribe, django_capture_on_commit_callbacks
):
    subscription = subscribe(shop, "csat.submitted")
    send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"score": 5})

    [request] = endpoint.requests
    timestamp = request.headers["X-Timestamp"]
    # As documented: "sha256=" + hex(HMAC-SHA256(secret, "<timestamp>." + raw body)).
    expected = hmac.new(
        subscription.secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256
    ).hexdigest()
    assert request.headers["X-Signature"] == f"sha256={expected}"
    assert abs(int(timestamp) - time.time()) < 60
    body = request.json
    assert body["version"] == 1
    assert body["type"] == "csat.submitted"
    assert body["id"].startswith("evt_") and request.headers["X-Webhook-Id"] == body["id"]
    assert body["shop"] == {"id": shop.pk, "site_key": shop.site_key}
    assert body["data"] == {"score": 5}
    assert request.headers["X-Webhook-Event"] == "csat.submitted"
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SENT


def test_a_tampered_body_does_not_verify(
    shop, endpoint, subscribe, django_capture_on_commit_callbacks
):
    subscription = subscribe(shop)
    send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"score": 5})
    [request] = endpoint.requests
    forged = request.body.replace(b'"score":5', b'"score":1')
    mac = hmac.new(
        subscription.secret.encode(),
        request.headers["X-Timestamp"].encode() + b"." + forged,
        hashlib.sha256,
    ).hexdigest()
    assert request.headers["X-Signature"] != f"sha256={mac}"


def test_only_subscribed_types_and_active_subscriptions_get_events(
    shop, endpoint, subscribe, django_capture_on_commit_callbacks
):
    subscribe(shop, "label.added")
    quiet = subscribe(shop, "csat.submitted")
    quiet.is_active = False
    quiet.save()
    assert send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"score": 1}) == []
    assert endpoint.requests == []
    assert not services.is_subscribed(shop.pk, "csat.submitted")
    assert services.is_subscribed(shop.pk, "label.added")


def test_a_failing_endpoint_is_retried_then_succeeds(
    shop, endpoint, subscribe, django_capture_on_commit_callbacks
):
    subscribe(shop)
    endpoint.statuses = [500, 503]
    send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"score": 4})

    assert len(endpoint.requests) == 3
    # The same event each time (a receiver deduplicates by its id).
    assert len({r.json["id"] for r in endpoint.requests}) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 3)
    assert delivery.subscription.consecutive_failures == 0


def test_out_of_attempts_is_a_dead_letter_that_an_operator_can_retry(
    shop, endpoint, subscribe, django_capture_on_commit_callbacks, make_user
):
    subscribe(shop)
    endpoint.statuses = [500] * MAX_ATTEMPTS
    send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"score": 2})

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DEAD
    assert delivery.attempts == MAX_ATTEMPTS
    assert "HTTP 500" in delivery.last_error
    assert AuditEvent.objects.filter(action="webhooks.delivery_dead").exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.retry_dead(delivery, by=make_user("ops", Role.ADMINISTRATOR))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(endpoint.requests) == MAX_ATTEMPTS + 1
    assert AuditEvent.objects.filter(action="webhooks.delivery_retried").exists()


def test_an_unreachable_endpoint_is_retried_like_an_error(
    shop, subscribe, django_capture_on_commit_callbacks
):
    subscription = subscribe(shop)
    subscription.url = "http://127.0.0.1:9/nothing-listens"
    subscription.save()
    send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"score": 2})
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DEAD
    assert "DeliveryFailed" in delivery.last_error


def test_an_endpoint_failing_again_and_again_is_disabled_and_admins_are_told(
    shop, endpoint, subscribe, django_capture_on_commit_callbacks, make_user, settings
):
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 3
    admin = make_user("shopadmin", Role.ADMINISTRATOR)
    admin.email = "admin@shop.test"
    admin.save()
    make_user("agent9", Role.AGENT).groups.add(Group.objects.get(name=Role.AGENT.value))
    subscription = subscribe(shop)
    endpoint.statuses = [500] * 50
    send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"score": 2})

    subscription.refresh_from_db()
    assert not subscription.is_active
    assert "3 failed attempts" in subscription.disabled_reason
    assert len(endpoint.requests) == 3  # no attempt after the endpoint was disabled
    [message] = mail.outbox
    assert message.to == ["admin@shop.test"]
    assert "CRM" in message.subject and endpoint.url in message.body
    assert AuditEvent.objects.filter(action="webhooks.subscription_disabled").exists()
    # Nothing more is queued for it; a delivery already queued waits as a dead letter.
    assert not services.is_subscribed(shop.pk, "csat.submitted")
    assert send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"score": 3}) == []

    with django_capture_on_commit_callbacks(execute=True):
        services.enable(subscription, by=admin)
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.consecutive_failures == 0
    endpoint.statuses = []
    send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"score": 3})
    assert endpoint.requests[-1].json["data"] == {"score": 3}


def test_a_queued_delivery_of_a_disabled_subscription_waits_as_a_dead_letter(
    shop, endpoint, subscribe, django_capture_on_commit_callbacks
):
    subscription = subscribe(shop)
    with django_capture_on_commit_callbacks(execute=False):
        [delivery] = deliver_event(shop, "csat.submitted", {"score": 1})
    subscription.is_active = False
    subscription.save()
    assert services.attempt_delivery(delivery.pk) is None
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DEAD
    assert endpoint.requests == []


def test_an_unknown_event_type_is_a_programming_error(shop):
    with pytest.raises(ValueError):
        deliver_event(shop, "order.created", {})


def test_the_stored_body_is_encrypted_at_rest(
    shop, endpoint, subscribe, django_capture_on_commit_callbacks
):
    from django.db import connection

    subscribe(shop)
    send(shop, django_capture_on_commit_callbacks, "csat.submitted", {"comment": "退款太慢"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM webhooks_webhookdelivery")
        [(raw,)] = cursor.fetchall()
        cursor.execute("SELECT secret FROM webhooks_webhooksubscription")
        [(secret,)] = cursor.fetchall()
    assert "退款" not in raw and "csat" not in raw
    assert json.loads(WebhookDelivery.objects.get().body)["data"]["comment"] == "退款太慢"
    assert WebhookDelivery.objects.get().subscription.secret not in secret
