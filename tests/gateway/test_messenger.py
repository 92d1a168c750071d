"""Facebook Messenger and Instagram Direct: Meta's handshake and signature, PSID/IGSID
identities, quick replies, the Send API's 24-hour window and HUMAN_AGENT rules, and the whole
path from a customer's message to the bot, a person and back."""

import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from attachments.models import Attachment
from audit.models import AuditEvent
from chatbot import services as chat
from conversations.models import Conversation, ConversationStatus, Message, Sender
from gateway.models import ChannelThread, DeliveryStatus, OutboundDelivery, Receipt
from profiles.models import ChannelIdentity
from tests.gateway.conftest import account
from tests.gateway.test_whatsapp import agent_upload, jpeg

pytestmark = pytest.mark.django_db(transaction=True)

APP_SECRET = "meta-app-secret"
PAGE_TOKEN = "EAAG-page-token"
PAGE_ID = "1122334455"
IG_ID = "17841400000000000"
PSID = "6543210987654321"


@pytest.fixture
def page(shop, provider, settings):
    settings.GATEWAY_META_GRAPH_URL = provider.url
    return account(
        shop,
        "messenger",
        settings={"page_id": PAGE_ID},
        secrets={"app_secret": APP_SECRET, "access_token": PAGE_TOKEN, "verify_token": "v-tok"},
    )


@pytest.fixture
def messenger(page, kb):
    return page


@pytest.fixture
def instagram(shop, kb, provider, settings):
    settings.GATEWAY_META_GRAPH_URL = provider.url
    return account(
        shop,
        "instagram",
        settings={"instagram_id": IG_ID},
        secrets={"app_secret": APP_SECRET, "access_token": PAGE_TOKEN, "verify_token": "v-tok"},
    )


def event(mid="m_in-1", text=None, *, at=None, sender=PSID, **message) -> dict:
    body = {"mid": mid, **({"text": text} if text is not None else {}), **message}
    return {
        "sender": {"id": sender},
        "recipient": {"id": PAGE_ID},
        "timestamp": int((at if at is not None else time.time()) * 1000),
        "message": body,
    }


def envelope(*events, obj="page") -> dict:
    return {"object": obj, "entry": [{"id": PAGE_ID, "time": 1, "messaging": list(events)}]}


def post(client, channel, payload, *, secret=APP_SECRET, signed=True):
    body = json.dumps(payload).encode()
    headers = {}
    if signed:
        digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        headers["HTTP_X_HUB_SIGNATURE_256"] = f"sha256={digest}"
    return client.post(
        f"/gateway/{channel.kind}/{channel.webhook_key}/",
        body,
        content_type="application/json",
        **headers,
    )


def sent(provider, path=f"/v21.0/{PAGE_ID}/messages") -> list[dict]:
    return [c.json for c in provider.sent(path)]


def test_handshake_and_signature_are_metas(client, page, provider):
    url = f"/gateway/messenger/{page.webhook_key}/"
    query = {"hub.mode": "subscribe", "hub.verify_token": "v-tok", "hub.challenge": "987"}
    assert client.get(url, query).content == b"987"
    assert client.get(url, {**query, "hub.verify_token": "x"}).status_code == 403
    assert post(client, page, envelope(event(text="hi")), secret="wrong").status_code == 403
    stale = envelope(event(text="hi", at=time.time() - 8 * 24 * 3600))
    assert post(client, page, stale).status_code == 403
    assert AuditEvent.objects.filter(action="gateway.forged_request").count() == 3
    assert not Message.objects.exists() and not provider.calls


def test_messenger_to_bot_to_person_and_the_agents_reply_goes_out(
    client, messenger, provider, make_user
):
    response = post(client, messenger, envelope(event(text="运费多少钱")))
    assert response.status_code == 200
    answer = sent(provider)[0]
    assert answer["recipient"] == {"id": PSID} and answer["messaging_type"] == "RESPONSE"
    assert answer["message"]["text"] == "满 99 元包邮"
    # The answer's related questions are quick replies; a tap asks that question.
    quick = answer["message"]["quick_replies"]
    assert quick and all(q["content_type"] == "text" and len(q["title"]) <= 20 for q in quick)
    assert provider.sent(f"/v21.0/{PAGE_ID}/messages")[0].headers["Authorization"] == (
        f"Bearer {PAGE_TOKEN}"
    )
    identity = ChannelIdentity.objects.get()
    assert identity.kind == "social"  # the PSID, scoped to this page

    # Meta's retry and our own echo are no new messages.
    post(client, messenger, envelope(event(text="运费多少钱")))
    post(client, messenger, envelope(event("m_echo", "满 99 元包邮", is_echo=True)))
    assert Message.objects.filter(sender=Sender.CUSTOMER).count() == 1

    tap = event("m_in-2", "转人工客服", quick_reply={"payload": "handoff"})
    post(client, messenger, envelope(tap))
    conversation = Conversation.objects.get()
    assert conversation.status == ConversationStatus.WAITING
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    chat.post_agent_message(agent, conversation.pk, "r-1", "您好，我是小李。", private=False)
    assert sent(provider)[-1] == {
        "recipient": {"id": PSID},
        "messaging_type": "RESPONSE",
        "message": {"text": "您好，我是小李。"},
    }
    # Delivery reports update the receipt.
    delivery = OutboundDelivery.objects.latest("id")
    report = {
        "sender": {"id": PSID},
        "recipient": {"id": PAGE_ID},
        "timestamp": int(time.time() * 1000),
        "delivery": {"mids": [delivery.provider_id], "watermark": 1},
    }
    post(client, messenger, envelope(report))
    delivery.refresh_from_db()
    assert delivery.receipt == Receipt.DELIVERED


def test_after_24_hours_only_a_persons_reply_goes_tagged_human_agent_for_7_days(
    client, messenger, provider, make_user
):
    post(client, messenger, envelope(event(text="转人工")))
    conversation = Conversation.objects.get()
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    thread = ChannelThread.objects.get(conversation=conversation)
    thread.last_inbound_at = timezone.now() - timedelta(days=2)
    thread.save()

    chat.post_agent_message(agent, conversation.pk, "r-1", "已为您退款", private=False)
    assert sent(provider)[-1] == {
        "recipient": {"id": PSID},
        "messaging_type": "MESSAGE_TAG",
        "tag": "HUMAN_AGENT",
        "message": {"text": "已为您退款"},
    }
    calls = len(provider.calls)
    bot_message, _ = chat.append_message(conversation, Sender.BOT, "还有什么可以帮您？")
    refused = OutboundDelivery.objects.get(message=bot_message)
    assert refused.status == DeliveryStatus.DEAD
    assert "automated message outside the 24-hour window" in refused.last_error

    thread.last_inbound_at = timezone.now() - timedelta(days=8)
    thread.save()
    chat.post_agent_message(agent, conversation.pk, "r-2", "还在吗", private=False)
    late = OutboundDelivery.objects.get(message__client_id=f"agent:{agent.pk}:r-2")
    assert late.status == DeliveryStatus.DEAD and "7 days" in late.last_error
    assert len(provider.calls) == calls


def test_instagram_direct_to_bot_to_person_and_back(client, instagram, provider, make_user):
    envelope_ig = envelope(event("ig_mid-1", "转人工", sender="998877"), obj="instagram")
    assert post(client, instagram, envelope_ig).status_code == 200
    conversation = Conversation.objects.get()
    assert (conversation.channel, conversation.status) == ("instagram", ConversationStatus.WAITING)
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    long_reply = "很" * 1500
    chat.post_agent_message(agent, conversation.pk, "r-1", long_reply, private=False)
    last = sent(provider, f"/v21.0/{IG_ID}/messages")[-1]
    assert last["recipient"] == {"id": "998877"}
    assert len(last["message"]["text"]) == 1000  # Instagram's limit, cut with an ellipsis


def test_pictures_become_attachments_and_postbacks_are_messages(client, messenger, provider):
    provider.files = {"/cdn/1.jpg": jpeg()}
    picture = event(
        "m_pic", attachments=[{"type": "image", "payload": {"url": f"{provider.url}/cdn/1.jpg"}}]
    )
    postback = {
        "sender": {"id": PSID},
        "recipient": {"id": PAGE_ID},
        "timestamp": int(time.time() * 1000),
        "postback": {"mid": "m_pb", "title": "多久发货", "payload": "q:多久发货"},
    }
    post(client, messenger, envelope(picture, postback))
    stored = list(Message.objects.filter(sender=Sender.CUSTOMER).order_by("seq"))
    assert [m.text for m in stored] == ["", "多久发货"]
    assert Attachment.objects.get(message=stored[0]).kind == "image"


def test_an_agents_photo_goes_as_a_send_api_attachment_upload(
    client, messenger, provider, make_user
):
    post(client, messenger, envelope(event(text="转人工")))
    conversation = Conversation.objects.get()
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    photo = agent_upload(conversation, agent, jpeg(), "parcel.jpg")
    chat.post_agent_message(
        agent, conversation.pk, "f-1", "", private=False, attachments=[str(photo.pk)]
    )
    upload = provider.sent(f"/v21.0/{PAGE_ID}/messages")[-1]
    assert b'name="filedata"; filename="parcel.jpg"' in upload.body
    assert b'{"type": "image", "payload": {"is_reusable": false}}' in upload.body
    assert f'{{"id": "{PSID}"}}'.encode() in upload.body
    assert b"RESPONSE" in upload.body
