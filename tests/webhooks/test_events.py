"""Each event type reaches a subscribed endpoint from the real action that causes it, in the
documented shape, without contact details unless the subscription was granted them."""

import json

import pytest
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEvent
from chatbot import services as chat
from conversations.models import Conversation, ConversationStatus
from desk.models import Label
from desk.services import labels
from profiles.identity import merge_customers
from profiles.models import Customer
from profiles.privacy import erase_customer
from routing.models import AgentProfile, Presence
from routing.services import assign_to
from webhooks.models import EventType
from webhooks.schema import ENVELOPES

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+86 139-0000-1234"
EMAIL = "li.na@example.com"
NAME = "李娜"


@pytest.fixture(autouse=True)
def no_backoff(settings):
    settings.GATEWAY_RETRY_BASE_SECONDS = 0


@pytest.fixture
def customer(shop):
    return Customer.objects.create(
        shop=shop, external_id="crm-77", display_name=NAME, phone=PHONE, email=EMAIL
    )


def customer_says(shop, customer, text="我要退款", client_id="m-1"):
    session = chat.CustomerSession(
        shop, visitor_token="v" * 32, customer=customer, conversation=None, language="zh-hans"
    )
    conversation, message, _ = chat.receive_customer_message(session, client_id, text)
    return conversation, message


def conforms(request) -> dict:
    """The body matches its documented component (webhooks.schema) and carries no contact
    detail outside data.contact."""
    body = request.json
    parsed = ENVELOPES[body["type"]](data=body)
    assert parsed.is_valid(), parsed.errors
    outside = json.dumps(
        {**body, "data": {k: v for k, v in body["data"].items() if k != "contact"}},
        ensure_ascii=False,
    )
    # The phone in any spelling (E.164 "+8613900001234", digits only), but not bare "139":
    # a random event id in hex holds it now and then.
    for detail in (PHONE, "13900001234", "139-0000", EMAIL, NAME, "li.na"):
        assert detail not in outside, f"{detail} leaked into {body['type']}"
    return body


def test_conversation_and_message_events(shop, customer, endpoint, subscribe):
    subscribe(shop, EventType.CONVERSATION_CREATED, EventType.MESSAGE_CREATED)
    conversation, message = customer_says(shop, customer)

    [created] = endpoint.of_type("conversation.created")
    assert conforms(created)["data"]["conversation"]["id"] == conversation.pk
    assert created.json["data"]["conversation"]["customer"] == {
        "id": customer.pk,
        "external_id": "crm-77",
    }
    [said] = endpoint.of_type("message.created")
    data = conforms(said)["data"]
    assert data["message"] == {
        "id": message.pk,
        "seq": 1,
        "sender": "customer",
        "text": "我要退款",  # customer content is sent; how to reach them is not
        "created_at": message.created_at.isoformat(),
        "agent": None,
    }


def test_private_notes_are_not_sent(shop, customer, endpoint, subscribe):
    conversation, _ = customer_says(shop, customer)
    subscribe(shop, EventType.MESSAGE_CREATED)
    chat.append_message(conversation, "agent", "internal: refund fraud?", private=True)
    chat.append_message(conversation, "bot", "<p>退款 <b>7 天</b>内到账</p>")
    [said] = endpoint.of_type("message.created")
    message = conforms(said)["data"]["message"]
    assert message["sender"] == "bot"
    assert message["text"] == "退款 7 天内到账"
    assert message["html"] == "<p>退款 <b>7 天</b>内到账</p>"


def test_status_changed_assigned_and_csat(shop, customer, endpoint, subscribe, make_user):
    conversation, _ = customer_says(shop, customer)
    subscribe(
        shop,
        EventType.CONVERSATION_STATUS_CHANGED,
        EventType.CONVERSATION_ASSIGNED,
        EventType.CSAT_SUBMITTED,
    )
    agent = make_user("mei", Role.AGENT)
    AgentProfile.objects.create(user=agent, presence=Presence.OFFLINE, capacity=3)

    chat.request_handoff(conversation, "customer_asked")
    assert assign_to(conversation, agent, {"summary": "test"}, from_status={"waiting"})
    chat.close_conversation(Conversation.objects.get(pk=conversation.pk))
    session = chat.CustomerSession(
        shop,
        visitor_token="v" * 32,
        customer=customer,
        conversation=Conversation.objects.get(pk=conversation.pk),
    )
    chat.submit_csat(session, 4, "很好")

    changes = [
        (r.json["data"]["old_status"], r.json["data"]["new_status"])
        for r in endpoint.of_type("conversation.status_changed")
        if conforms(r)
    ]
    assert changes == [("bot", "waiting"), ("waiting", "assigned"), ("assigned", "closed")]
    [assigned] = endpoint.of_type("conversation.assigned")
    assert conforms(assigned)["data"]["agent"] == {"id": agent.pk, "username": "mei"}
    assert assigned.json["data"]["conversation"]["status"] == ConversationStatus.ASSIGNED
    [rated] = endpoint.of_type("csat.submitted")
    assert conforms(rated)["data"]["score"] == 4


def test_label_added(shop, customer, endpoint, subscribe, make_user):
    conversation, _ = customer_says(shop, customer)
    subscribe(shop, EventType.LABEL_ADDED)
    refund = Label.objects.create(shop=shop, name="refund")
    agent = make_user("mei", Role.AGENT)
    labels.add_to_conversation(conversation, refund, agent)
    labels.add_to_customer(customer, refund, None)

    on_conversation, on_customer = endpoint.of_type("label.added")
    data = conforms(on_conversation)["data"]
    assert data["label"] == {"id": refund.pk, "name": "refund"}
    assert data["by"] == {"id": agent.pk, "username": "mei"}
    assert data["conversation"]["id"] == conversation.pk
    data = conforms(on_customer)["data"]
    assert data["conversation"] is None
    assert data["customer"] == {"id": customer.pk, "external_id": "crm-77"}


def test_customer_merged_and_erased(shop, customer, endpoint, subscribe, make_user):
    subscribe(shop, EventType.CUSTOMER_MERGED, EventType.CUSTOMER_ERASED)
    wechat = Customer.objects.create(shop=shop, display_name="wx user")
    kept = merge_customers(customer, wechat, reason="code")
    [merged] = endpoint.of_type("customer.merged")
    data = conforms(merged)["data"]
    gone = wechat.pk if kept.pk == customer.pk else customer.pk
    assert data["customer"]["id"] == kept.pk
    assert data["merged_customer_id"] == gone

    kept_id = kept.pk
    erase_customer(kept, by=make_user("dpo", Role.ADMINISTRATOR), reason=f"asked by {PHONE}")
    [erased] = endpoint.of_type("customer.erased")
    # Only the id: the operator's reason may name the person.
    assert conforms(erased)["data"] == {"customer": {"id": kept_id}}


def test_contact_details_only_with_the_granted_scope(shop, customer, endpoint, subscribe):
    plain = subscribe(shop, EventType.MESSAGE_CREATED)
    granted = subscribe(shop, EventType.MESSAGE_CREATED, include_contacts=True)
    customer_says(shop, customer)

    by_subscription = {
        r.headers["X-Webhook-Subscription"]: r for r in endpoint.of_type("message.created")
    }
    assert "contact" not in conforms(by_subscription[str(plain.pk)])["data"]
    assert conforms(by_subscription[str(granted.pk)])["data"]["contact"] == {
        "customer_id": customer.pk,
        "display_name": NAME,
        "phone": PHONE,
        "email": EMAIL,
    }
    # The same event (one id) to both.
    assert len({r.json["id"] for r in by_subscription.values()}) == 1


def test_nothing_is_queued_for_a_shop_without_subscriptions(shop, customer, endpoint, subscribe):
    from webhooks.models import WebhookDelivery

    customer_says(shop, customer)
    assert WebhookDelivery.objects.count() == 0
    # Subscribing takes effect at once (the cached list is dropped).
    subscribe(shop, EventType.MESSAGE_CREATED)
    customer_says(shop, customer, "还在吗", client_id="m-2")
    assert [r.json["data"]["message"]["text"] for r in endpoint.requests] == ["还在吗"]


def test_granting_contacts_in_the_admin_is_audited(shop, client, make_user, endpoint):
    from webhooks.models import WebhookSubscription

    admin = make_user("root", Role.ADMINISTRATOR)
    client.force_login(admin)
    form = {
        "shop": shop.pk,
        "name": "CRM",
        "url": endpoint.url,
        "event_types": ["message.created"],
        "is_active": "on",
    }
    response = client.post("/admin/webhooks/webhooksubscription/add/", form, follow=True)
    assert response.status_code == 200
    subscription = WebhookSubscription.objects.get()
    # The secret is shown once, on creation.
    assert subscription.secret in response.content.decode()
    assert not AuditEvent.objects.filter(action="webhooks.contacts_granted").exists()

    change = f"/admin/webhooks/webhooksubscription/{subscription.pk}/change/"
    page = client.get(change).content.decode()
    assert subscription.secret not in page
    client.post(change, {**form, "include_contacts": "on"})
    subscription.refresh_from_db()
    assert subscription.include_contacts
    grant = AuditEvent.objects.get(action="webhooks.contacts_granted")
    assert grant.actor_id == admin.pk
    assert grant.object_id == str(subscription.pk)
    assert timezone.now() >= grant.created_at
