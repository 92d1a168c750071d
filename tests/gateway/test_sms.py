"""SMS through Twilio: signed inbound, bot answers sent through the REST API with retries,
the whole path to an agent and back, and forged or malformed requests refused."""

import pytest
from twilio.request_validator import RequestValidator

from audit.models import AuditEvent
from chatbot import services as chat
from conversations.models import Conversation, ConversationStatus, Message
from gateway import services
from gateway.admin import OutboundDeliveryAdmin
from gateway.models import DeliveryStatus, OutboundDelivery
from tests.gateway.conftest import account

pytestmark = pytest.mark.django_db(transaction=True)

AUTH_TOKEN = "twilio-auth-token"
CUSTOMER = "+8613912345678"


@pytest.fixture
def sms(shop, kb, provider):
    return account(
        shop,
        "sms",
        settings={
            "account_sid": "AC00000000000000000000000000000001",
            "from_number": "+8610000000",
            "api_base_url": provider.url,
        },
        secrets={"auth_token": AUTH_TOKEN},
    )


def post_sms(client, sms, body: str, sid: str = "SM1", *, token: str = AUTH_TOKEN, **extra):
    url = f"http://testserver/gateway/sms/{sms.webhook_key}/"
    params = {"MessageSid": sid, "From": CUSTOMER, "To": "+8610000000", "Body": body, **extra}
    signature = RequestValidator(token).compute_signature(url, params)
    return client.post(url, params, HTTP_X_TWILIO_SIGNATURE=signature)


def test_an_sms_question_gets_the_bots_answer_by_sms(client, sms, provider):
    response = post_sms(client, sms, "运费多少钱")
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    (call,) = provider.sent("/Messages.json")
    assert call.form == {"To": CUSTOMER, "From": "+8610000000", "Body": "满 99 元包邮"}
    conversation = Conversation.objects.get()
    assert conversation.channel == "sms" and conversation.customer.phone == CUSTOMER
    delivery = OutboundDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)
    assert delivery.provider_id.startswith("SM")


def test_a_provider_retry_is_stored_once_and_answered_once(client, sms, provider):
    for _ in range(3):
        assert post_sms(client, sms, "运费多少钱", sid="SM-same").status_code == 200
    assert Message.objects.filter(sender="customer").count() == 1
    assert len(provider.sent("/Messages.json")) == 1


def test_failed_sends_are_retried_with_backoff_until_they_go_through(client, sms, provider):
    provider.failures, provider.fail_on = 2, "/Messages.json"
    post_sms(client, sms, "运费多少钱")
    assert len(provider.sent("/Messages.json")) == 3
    delivery = OutboundDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 3, "")
    assert [services.backoff(n) for n in (1, 2, 3)] == [5, 10, 20]


def test_a_delivery_out_of_retries_is_a_dead_letter_that_can_be_sent_again(
    client, sms, provider, rf, make_user
):
    provider.failures, provider.fail_on = 100, "/Messages.json"
    post_sms(client, sms, "运费多少钱")
    delivery = OutboundDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DEAD, services.MAX_ATTEMPTS)
    assert "500" in delivery.last_error or "hiccup" in delivery.last_error
    assert AuditEvent.objects.filter(action="gateway.delivery_dead").count() == 1

    provider.failures = 0
    request = rf.post("/admin/gateway/outbounddelivery/")
    request.user = make_user("sup")
    admin = OutboundDeliveryAdmin(OutboundDelivery, None)
    admin.message_user = lambda *args, **kwargs: None
    admin.retry(request, OutboundDelivery.objects.all())
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert AuditEvent.objects.filter(action="gateway.delivery_retried").count() == 1


def test_sms_to_bot_to_person_and_the_agents_reply_goes_out_by_sms(
    client, sms, provider, make_user
):
    from accounts.roles import Role

    post_sms(client, sms, "转人工", sid="SM-a")
    conversation = Conversation.objects.get()
    assert conversation.status == ConversationStatus.WAITING
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    chat.post_agent_message(
        agent, conversation.pk, "r-1", "您好，我是小李，马上为您处理。", private=False
    )
    bodies = [c.form["Body"] for c in provider.sent("/Messages.json")]
    assert bodies[-1] == "您好，我是小李，马上为您处理。"
    assert any("转接" in b for b in bodies)  # the handoff notice reached the phone too
    # Private notes never leave the platform.
    chat.post_agent_message(agent, conversation.pk, "n-1", "VIP", private=True)
    assert "VIP" not in [c.form["Body"] for c in provider.sent("/Messages.json")]


def test_forged_and_unsigned_requests_are_refused_and_audited(client, sms, provider):
    assert post_sms(client, sms, "hi", token="not-the-token").status_code == 403
    unsigned = client.post(f"/gateway/sms/{sms.webhook_key}/", {"Body": "hi", "From": CUSTOMER})
    assert unsigned.status_code == 403
    assert AuditEvent.objects.filter(action="gateway.forged_request").count() == 2
    assert not Message.objects.exists() and not provider.calls


def test_malformed_and_unknown_requests_get_a_reason(client, sms):
    missing = post_sms(client, sms, "")
    assert missing.status_code == 400 and "Body" in missing.json()["detail"]
    assert client.post("/gateway/sms/nope/", {}).status_code == 404
    assert client.get(f"/gateway/sms/{sms.webhook_key}/").status_code == 405
