"""Voice through Twilio: greet, listen, answer aloud, and put the caller through to a person."""

import xml.etree.ElementTree as ET

import pytest
from twilio.request_validator import RequestValidator

from conversations.models import Conversation, ConversationStatus
from gateway.models import OutboundDelivery
from tests.gateway.conftest import account

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "voice-token"
CALLER = "+8613800000099"


@pytest.fixture
def voice(shop, kb):
    return account(
        shop,
        "voice",
        settings={"account_sid": "AC1", "language": "zh-CN", "agent_number": "+8610086"},
        secrets={"auth_token": TOKEN},
    )


def post(client, path: str, params: dict):
    url = f"http://testserver{path}"
    signature = RequestValidator(TOKEN).compute_signature(url, params)
    response = client.post(url, params, HTTP_X_TWILIO_SIGNATURE=signature)
    assert response.status_code == 200, response.content
    return ET.fromstring(response.content)


def test_a_call_is_greeted_and_listened_to(client, voice):
    twiml = post(client, f"/gateway/voice/{voice.webhook_key}/", {"CallSid": "CA1", "From": CALLER})
    gather = twiml.find("Gather")
    assert gather.get("input") == "speech" and gather.get("language") == "zh-CN"
    assert gather.get("action") == f"/gateway/voice/{voice.webhook_key}/speech/"
    assert "欢迎致电Test shop" in gather.find("Say").text


def test_a_spoken_question_is_answered_aloud_and_kept_as_the_transcript(client, voice):
    speech = f"/gateway/voice/{voice.webhook_key}/speech/"
    twiml = post(client, speech, {"CallSid": "CA2", "From": CALLER, "SpeechResult": "运费多少钱"})
    said = [s.text for s in twiml.iter("Say")]
    assert said[0] == "满 99 元包邮" and twiml.find("Gather") is not None
    conversation = Conversation.objects.get()
    assert conversation.channel == "voice"
    assert [m.text for m in conversation.messages.order_by("seq")] == ["运费多少钱", "满 99 元包邮"]
    assert not OutboundDelivery.objects.exists()  # spoken, not texted


def test_asking_for_a_person_transfers_the_call(client, voice):
    speech = f"/gateway/voice/{voice.webhook_key}/speech/"
    twiml = post(client, speech, {"CallSid": "CA3", "From": CALLER, "SpeechResult": "转人工"})
    assert twiml.find("Dial").text == "+8610086"
    assert twiml.find("Gather") is None
    assert Conversation.objects.get().status == ConversationStatus.WAITING


def test_silence_is_asked_again_and_a_forged_call_refused(client, voice):
    speech = f"/gateway/voice/{voice.webhook_key}/speech/"
    twiml = post(client, speech, {"CallSid": "CA4", "From": CALLER})
    assert "没有听清" in twiml.find("Gather").find("Say").text
    forged = client.post(speech, {"CallSid": "CA4", "From": CALLER}, HTTP_X_TWILIO_SIGNATURE="x")
    assert forged.status_code == 403
