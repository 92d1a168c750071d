"""The demo's webhook: seeded to the server's own echo receiver, which checks signatures the way
a shop's endpoint should."""

import json

import pytest

from gateway.channels import signing
from gateway.models import DeliveryStatus
from tests.factories import make_shop
from webhooks.models import EventType, WebhookDelivery, WebhookSubscription
from webhooks.services import deliver_event

pytestmark = pytest.mark.django_db(transaction=True)


def test_seeded_subscription_points_at_the_echo_receiver(monkeypatch):
    from demo.seed import seed_webhooks

    monkeypatch.setenv("WEB_PORT", "8123")
    shop = make_shop()
    seed_webhooks(shop)
    seed_webhooks(shop)  # idempotent
    [subscription] = WebhookSubscription.objects.filter(shop=shop)
    assert subscription.url == "http://127.0.0.1:8123/webhooks/echo/"
    assert set(subscription.event_types) == set(EventType.values)
    assert subscription.is_active and not subscription.include_contacts


def test_echo_accepts_signed_deliveries_and_refuses_forged_ones(live_server, settings, caplog):
    settings.WEBHOOK_ECHO = True
    shop = make_shop()
    subscription = WebhookSubscription.objects.create(
        shop=shop,
        name="echo",
        url=f"{live_server.url}/webhooks/echo/",
        event_types=[EventType.CSAT_SUBMITTED],
    )
    caplog.set_level("INFO", logger="webhooks.views")
    deliver_event(shop, EventType.CSAT_SUBMITTED, {"score": 5})
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT, delivery.last_error
    assert f"csat.submitted {delivery.event_id} verified" in caplog.text

    import requests

    body = json.dumps({"type": "csat.submitted"}).encode()
    headers = {"X-Webhook-Subscription": str(subscription.pk)}
    forged = {**headers, **signing.headers("not-the-secret", body)}
    response = requests.post(f"{live_server.url}/webhooks/echo/", data=body, headers=forged)
    assert response.status_code == 403
    assert requests.post(f"{live_server.url}/webhooks/echo/", data=body).status_code == 403
    good = {**headers, **signing.headers(subscription.secret, body)}
    response = requests.post(f"{live_server.url}/webhooks/echo/", data=body, headers=good)
    assert response.status_code == 200


def test_echo_is_off_without_debug(client, settings):
    settings.DEBUG = False
    assert client.post("/webhooks/echo/", "{}", content_type="application/json").status_code == 404
