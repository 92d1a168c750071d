"""E-mail (inbound-parse hook, SMTP replies threaded) and the generic signed webhook channel."""

import hashlib
import hmac
import json

import pytest
from django.core import mail

from audit.models import AuditEvent
from conversations.models import Conversation, Message
from gateway.channels import signing
from gateway.models import DeliveryStatus, OutboundDelivery
from profiles.models import Customer
from tests.gateway.conftest import account

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "shared-signing-secret"


def post_signed(client, url: str, payload: dict, secret: str = SECRET):
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = {
        f"HTTP_{k.upper().replace('-', '_')}": v for k, v in signing.headers(secret, body).items()
    }
    return client.post(url, body, content_type="application/json", **headers)


@pytest.fixture
def mailbox(shop, kb):
    return account(
        shop, "email", settings={"address": "help@shop.test"}, secrets={"signing_secret": SECRET}
    )


@pytest.fixture
def platform(shop, kb, provider):
    return account(
        shop,
        "webhook",
        settings={"outbound_url": f"{provider.url}/hooks/replies"},
        secrets={"signing_secret": SECRET},
    )


def test_an_email_is_answered_in_the_same_thread(client, mailbox):
    Customer.objects.create(shop=mailbox.shop, external_id="c-5", email="mei@example.com")
    response = post_signed(
        client,
        f"/gateway/email/{mailbox.webhook_key}/",
        {
            "message_id": "<abc@example.com>",
            "sender": "Mei@Example.com",
            "subject": "运费",
            "text": "运费多少钱\n\nOn Mon, Mei wrote:\n> old quoted text",
            "spf": "pass",  # the provider vouches for the sender
        },
    )
    assert response.status_code == 200
    (reply,) = mail.outbox
    assert reply.to == ["Mei@Example.com"] and reply.subject == "Re: 运费"
    assert reply.extra_headers["In-Reply-To"] == "<abc@example.com>"
    assert reply.body == "满 99 元包邮" and reply.from_email == "help@shop.test"
    conversation = Conversation.objects.get()
    assert conversation.customer.external_id == "c-5"  # found by the e-mail on file
    assert conversation.messages.first().text == "运费多少钱"  # the quote is dropped
    delivery = OutboundDelivery.objects.get()
    assert (
        delivery.status == DeliveryStatus.SENT
        and delivery.provider_id == reply.extra_headers["Message-ID"]
    )


def test_email_signature_and_body_are_checked(client, mailbox):
    url = f"/gateway/email/{mailbox.webhook_key}/"
    good = {"message_id": "<1@x>", "sender": "a@b.cn", "text": "hi"}
    assert post_signed(client, url, good, secret="wrong").status_code == 403
    bad = post_signed(
        client, url, {"message_id": "<2@x>", "sender": "not-an-address", "text": "hi"}
    )
    assert bad.status_code == 400 and "sender" in bad.json()["detail"]
    assert not Message.objects.exists()


def test_a_platform_message_is_answered_with_a_signed_callback(client, platform, provider):
    url = f"/gateway/webhook/{platform.webhook_key}/"
    payload = {"id": "m-1", "user_id": "u-77", "text": "How do I return an item?", "name": "Sam"}
    first = post_signed(client, url, payload)
    assert first.status_code == 200 and first.json()["duplicate"] is False
    assert post_signed(client, url, payload).json()["duplicate"] is True

    (callback,) = provider.sent("/hooks/replies")
    assert callback.json["user_id"] == "u-77" and callback.json["text"] == "Returns within 7 days."
    headers = {k.lower(): v for k, v in callback.headers.items()}
    expected = hmac.new(
        SECRET.encode(), headers["x-timestamp"].encode() + b"." + callback.body, hashlib.sha256
    ).hexdigest()
    assert headers["x-signature"] == f"sha256={expected}"
    assert Customer.objects.get().display_name == "Sam"


def test_the_platforms_failures_are_retried(client, platform, provider):
    provider.failures, provider.fail_on = 2, "/hooks/replies"
    post_signed(
        client,
        f"/gateway/webhook/{platform.webhook_key}/",
        {"id": "m-2", "user_id": "u", "text": "运费多少钱"},
    )
    assert len(provider.sent("/hooks/replies")) == 3
    assert OutboundDelivery.objects.get().status == DeliveryStatus.SENT


@pytest.mark.parametrize(
    ("mutate", "status"),
    [
        (lambda h: {**h, "HTTP_X_SIGNATURE": "sha256=" + "0" * 64}, 403),
        (lambda h: {k: v for k, v in h.items() if k != "HTTP_X_SIGNATURE"}, 403),
        (lambda h: {**h, "HTTP_X_TIMESTAMP": "1"}, 403),  # a replay from long ago
    ],
)
def test_forged_platform_requests_are_refused_and_audited(client, platform, mutate, status):
    body = json.dumps({"id": "m-3", "user_id": "u", "text": "hi"}).encode()
    headers = {
        f"HTTP_{k.upper().replace('-', '_')}": v for k, v in signing.headers(SECRET, body).items()
    }
    response = client.post(
        f"/gateway/webhook/{platform.webhook_key}/",
        body,
        content_type="application/json",
        **mutate(headers),
    )
    assert response.status_code == status
    assert AuditEvent.objects.filter(action="gateway.forged_request").count() == 1


def test_malformed_platform_messages_get_a_reason(client, platform):
    url = f"/gateway/webhook/{platform.webhook_key}/"
    missing = post_signed(client, url, {"id": "m-4", "text": "hi"})
    assert missing.status_code == 400 and "user_id" in missing.json()["detail"]
    body = b"not json"
    headers = {
        f"HTTP_{k.upper().replace('-', '_')}": v for k, v in signing.headers(SECRET, body).items()
    }
    assert client.post(url, body, content_type="application/json", **headers).status_code == 400


def test_the_webhook_channels_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "/gateway/webhook/{key}/" in schema["paths"]
    assert "/gateway/email/{key}/" in schema["paths"]
    assert "InboundMessage" in json.dumps(schema)


def test_a_flood_from_one_address_is_slowed_down(client, platform, settings, monkeypatch):
    from gateway import views

    settings.GATEWAY_RATE_LIMIT_PER_MINUTE = 3
    # All five fall in one minute's window even when the machine is slow and a minute
    # boundary passes mid-test (which once let the 4th and 5th through as a fresh window).
    monkeypatch.setattr(views, "_rate_window", lambda: 29_000_000)
    url = f"/gateway/webhook/{platform.webhook_key}/"
    statuses = [
        post_signed(client, url, {"id": f"f-{i}", "user_id": "u", "text": "hi"}).status_code
        for i in range(5)
    ]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]


# --- issue 17 L1: header injection; L2: the provider's SPF/DKIM verdict --------------------


def test_line_breaks_in_the_subject_and_message_id_never_reach_the_reply_headers(client, mailbox):
    response = post_signed(
        client,
        f"/gateway/email/{mailbox.webhook_key}/",
        {
            "message_id": "<inj@example.com>\r\nBcc: victim@example.com",
            "sender": "mei@example.com",
            "subject": "运费\r\nBcc: victim@example.com",
            "text": "运费多少钱",
        },
    )
    assert response.status_code == 200
    (reply,) = mail.outbox
    message = reply.message()
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
    assert message["Bcc"] is None and reply.bcc == []
    assert "\n" not in reply.extra_headers["In-Reply-To"]
    assert OutboundDelivery.objects.get().status == DeliveryStatus.SENT


def test_an_unexpected_failure_ends_as_a_dead_letter_not_pending(client, mailbox, monkeypatch):
    from gateway.channels import email

    def broken(delivery):
        raise ValueError("Header values can't contain newlines")

    monkeypatch.setattr(email, "send", broken)
    post_signed(
        client,
        f"/gateway/email/{mailbox.webhook_key}/",
        {"message_id": "<b@x>", "sender": "mei@example.com", "text": "运费多少钱"},
    )
    delivery = OutboundDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DEAD  # retried, then a dead letter
    assert "ValueError" in delivery.last_error
    assert AuditEvent.objects.filter(action="gateway.delivery_dead").exists()


@pytest.mark.parametrize(
    ("verdict", "linked"),
    [
        ({}, False),  # no verdict: the From header alone proves nothing
        ({"spf": "fail", "dkim": "{@example.com : fail}"}, False),
        ({"dkim": "{@evil.example : pass}"}, False),  # signed, but by another domain
        ({"spf": "pass"}, True),  # SendGrid
        ({"dkim": "{@example.com : pass}"}, True),
        ({"spf": "Pass"}, True),  # Mailgun's X-Mailgun-Spf
        ({"dkim": "Pass"}, True),  # Mailgun's X-Mailgun-Dkim-Check-Result
    ],
)
def test_a_sender_is_linked_to_the_customer_only_with_a_passing_verdict(
    client, mailbox, verdict, linked
):
    real = Customer.objects.create(shop=mailbox.shop, external_id="c-5", email="mei@example.com")
    payload = {"message_id": "<v@x>", "sender": "mei@example.com", "text": "运费多少钱"}
    response = post_signed(client, f"/gateway/email/{mailbox.webhook_key}/", payload | verdict)
    assert response.status_code == 200
    conversation = Conversation.objects.get()
    assert (conversation.customer == real) is linked
    assert real.identities.exists() is linked
    if not linked:
        assert conversation.customer is None  # an anonymous visitor: no orders, no profile
        # The answer still goes back to the address the mail came from.
        assert mail.outbox[-1].to == ["mei@example.com"]


def test_an_unverified_senders_later_mails_continue_the_same_anonymous_thread(client, mailbox):
    url = f"/gateway/email/{mailbox.webhook_key}/"
    post_signed(
        client, url, {"message_id": "<1@x>", "sender": "x@example.com", "text": "运费多少钱"}
    )
    post_signed(client, url, {"message_id": "<2@x>", "sender": "X@example.com", "text": "多久发货"})
    conversation = Conversation.objects.get()
    assert conversation.customer is None
    assert conversation.messages.filter(sender="customer").count() == 2
