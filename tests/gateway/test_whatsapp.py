"""WhatsApp Business Platform (Cloud API): Meta's handshake and signature, messages of every
kind, statuses, the 24-hour window with its template fallback, and the whole path from a
customer's message to the bot, a person and back out through the Graph API."""

import hashlib
import hmac
import io
import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from accounts.roles import Role
from attachments import services as files
from attachments.models import Attachment, UploaderKind
from audit.models import AuditEvent
from chatbot import console
from chatbot import services as chat
from conversations.models import Conversation, ConversationStatus, Message, Sender
from gateway import window
from gateway.models import (
    ChannelThread,
    DeliveryStatus,
    OutboundDelivery,
    Receipt,
    WhatsAppTemplate,
)
from profiles.models import Customer
from tests.gateway.conftest import account

pytestmark = pytest.mark.django_db(transaction=True)

APP_SECRET = "meta-app-secret"
ACCESS_TOKEN = "EAAG-whatsapp-token"
VERIFY_TOKEN = "verify-me-please"
PHONE_NUMBER_ID = "106540352242922"
WA_ID = "8613912345678"
SENT = f"/v21.0/{PHONE_NUMBER_ID}/messages"


@pytest.fixture
def wa_account(shop, provider, settings):
    settings.GATEWAY_META_GRAPH_URL = provider.url  # every Graph API call goes to the fake
    return account(
        shop,
        "whatsapp",
        settings={"phone_number_id": PHONE_NUMBER_ID},
        secrets={
            "app_secret": APP_SECRET,
            "access_token": ACCESS_TOKEN,
            "verify_token": VERIFY_TOKEN,
        },
    )


@pytest.fixture
def wa(wa_account, kb):
    return wa_account


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    return out.getvalue()


def envelope(*, messages=(), statuses=(), wa_id=WA_ID) -> dict:
    """A webhook body as the Cloud API sends it."""
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_NUMBER_ID},
    }
    if messages:
        value["contacts"] = [{"profile": {"name": "Mei"}, "wa_id": wa_id}]
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA-1", "changes": [{"field": "messages", "value": value}]}],
    }


def message(kind="text", content=None, *, wamid="wamid.in-1", at=None, wa_id=WA_ID) -> dict:
    return {
        "from": wa_id,
        "id": wamid,
        "timestamp": str(int(at if at is not None else time.time())),
        "type": kind,
        kind: content,
    }


def text(body: str, wamid: str = "wamid.in-1", **kwargs) -> dict:
    return envelope(messages=[message("text", {"body": body}, wamid=wamid, **kwargs)])


def status(wamid: str, state: str, **extra) -> dict:
    return {
        "id": wamid,
        "status": state,
        "timestamp": str(int(time.time())),
        "recipient_id": WA_ID,
        **extra,
    }


def post(client, wa, payload: dict, *, secret: str = APP_SECRET, signed: bool = True):
    """Signed as Meta documents: X-Hub-Signature-256 = sha256=HMAC-SHA256(app secret, body)."""
    body = json.dumps(payload).encode()
    headers = {}
    if signed:
        digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        headers["HTTP_X_HUB_SIGNATURE_256"] = f"sha256={digest}"
    return client.post(
        f"/gateway/whatsapp/{wa.webhook_key}/", body, content_type="application/json", **headers
    )


def bodies(provider) -> list[dict]:
    return [c.json for c in provider.sent(SENT)]


def test_the_verification_handshake_answers_only_the_right_token(client, wa_account):
    url = f"/gateway/whatsapp/{wa_account.webhook_key}/"
    query = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158"}
    good = client.get(url, query)
    assert good.status_code == 200 and good.content == b"1158"
    wrong = client.get(url, {**query, "hub.verify_token": "guess"})
    assert wrong.status_code == 403 and b"1158" not in wrong.content
    event = AuditEvent.objects.get(action="gateway.forged_request")
    assert event.changes["reason"] == "bad hub.verify_token"


def test_a_question_gets_the_answer_as_whatsapp_text_once_however_often_meta_retries(
    client, wa, provider
):
    response = post(client, wa, text("运费多少钱"))
    assert response.status_code == 200 and response.json()["stored"] == 1
    (call,) = provider.sent(SENT)
    assert call.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert call.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": WA_ID,
        "type": "text",
        "text": {"preview_url": False, "body": "满 99 元包邮"},
    }
    conversation = Conversation.objects.get()
    assert conversation.channel == "whatsapp"
    assert (conversation.customer.phone, conversation.customer.display_name) == (
        f"+{WA_ID}",
        "Mei",
    )
    # Meta resends a webhook it thinks was lost: the wamid is the message's key.
    for _ in range(2):
        assert post(client, wa, text("运费多少钱")).json()["duplicates"] == 1
    assert Message.objects.filter(sender=Sender.CUSTOMER).count() == 1
    assert len(provider.sent(SENT)) == 1

    # Statuses move the delivery's receipt forward only (they may arrive out of order).
    delivery = OutboundDelivery.objects.get()
    wamid = delivery.provider_id
    assert wamid.startswith("wamid.")
    for state in ("delivered", "read", "sent"):
        assert post(client, wa, envelope(statuses=[status(wamid, state)])).status_code == 200
    delivery.refresh_from_db()
    assert (delivery.status, delivery.receipt) == (DeliveryStatus.SENT, Receipt.READ)


def test_the_wa_id_finds_the_shops_customer_by_phone_like_an_sms(client, wa):
    known = Customer.objects.create(shop=wa.shop, external_id="shop-42", phone="+86 139 1234 5678")
    post(client, wa, text("多久发货"))
    assert Conversation.objects.get().customer == known


def test_whatsapp_to_bot_to_person_and_the_agents_reply_goes_out(client, wa, provider, make_user):
    post(client, wa, text("转人工"))
    conversation = Conversation.objects.get()
    assert conversation.status == ConversationStatus.WAITING
    assert any("转接" in b["text"]["body"] for b in bodies(provider))  # the handoff notice
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    chat.post_agent_message(agent, conversation.pk, "r-1", "您好，我是小李。", private=False)
    assert bodies(provider)[-1]["text"]["body"] == "您好，我是小李。"
    chat.post_agent_message(agent, conversation.pk, "n-1", "VIP", private=True)
    assert all(b.get("text", {}).get("body") != "VIP" for b in bodies(provider))


def test_outside_the_window_only_an_approved_template_goes(client, wa, provider, make_user):
    post(client, wa, text("转人工"))
    conversation = Conversation.objects.get()
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    thread = ChannelThread.objects.get(conversation=conversation)
    assert window.state(thread)["open"] is True
    thread.last_inbound_at = timezone.now() - timedelta(hours=25)
    thread.save()
    assert window.state(thread) == {
        "channel": "whatsapp",
        "open": False,
        "closes_at": (thread.last_inbound_at + timedelta(hours=24)).isoformat(),
        "template": None,
    }
    sent_before = len(provider.sent(SENT))

    # No template set: the reply cannot go, and says why (a dead letter, not five retries).
    chat.post_agent_message(agent, conversation.pk, "r-1", "订单已发出", private=False)
    refused = OutboundDelivery.objects.get(message__client_id=f"agent:{agent.pk}:r-1")
    assert (refused.status, refused.attempts) == (DeliveryStatus.DEAD, 1)
    assert "window closed — send template" in refused.last_error
    assert len(provider.sent(SENT)) == sent_before

    # With the shop's template, the reply goes as its parameter, in the mapped language.
    WhatsAppTemplate.objects.create(
        account=wa, name="agent_reply", languages={"zh-hans": "zh_CN", "default": "en_US"}
    )
    assert window.state(thread)["template"] == "agent_reply"
    # The console learns it with the transcript: "window closed — send template".
    facts = console.transcript(agent, conversation.pk)["conversation"]["reply_window"]
    assert (facts["open"], facts["template"]) == (False, "agent_reply")
    chat.post_agent_message(agent, conversation.pk, "r-2", "订单已发出\n请查收", private=False)
    assert bodies(provider)[-1] == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": WA_ID,
        "type": "template",
        "template": {
            "name": "agent_reply",
            "language": {"code": "zh_CN"},
            "components": [
                {"type": "body", "parameters": [{"type": "text", "text": "订单已发出 · 请查收"}]}
            ],
        },
    }
    # Automated messages never go as templates: the bot's waits, refused.
    sent_before = len(provider.sent(SENT))
    bot_message, _ = chat.append_message(conversation, Sender.BOT, "还有什么可以帮您？")
    notice = OutboundDelivery.objects.get(message=bot_message)
    assert notice.status == DeliveryStatus.DEAD and "window closed" in notice.last_error
    assert len(provider.sent(SENT)) == sent_before

    # The customer writes again: the window is open, free-form text goes.
    post(client, wa, text("谢谢", wamid="wamid.in-2"))
    assert window.is_open(ChannelThread.objects.filter(account=wa).latest("id"))


def test_did_you_mean_goes_as_an_interactive_list_and_a_tap_asks_that_question(
    client, wa, provider
):
    post(client, wa, text("运费多少钱"))
    conversation = Conversation.objects.get()
    chat.append_message(
        conversation,
        Sender.BOT,
        "<p>您是不是想问：</p>",
        payload={
            "suggestions": [
                {"entry_id": 1, "question": "运费多少钱"},
                {"entry_id": 2, "question": "How long does delivery to Hong Kong take?"},
            ],
            "handoff_offered": True,
        },
    )
    listed = bodies(provider)[-1]
    assert listed["type"] == "interactive"
    assert listed["interactive"]["type"] == "list"
    assert listed["interactive"]["body"] == {"text": "您是不是想问："}
    rows = listed["interactive"]["action"]["sections"][0]["rows"]
    assert rows == [
        {"id": "q:运费多少钱", "title": "运费多少钱"},
        {
            "id": "q:How long does delivery to Hong Kong take?",
            "title": "How long does delivery…",
            "description": "How long does delivery to Hong Kong take?",
        },
        {"id": "handoff", "title": "转人工客服"},
    ]
    tap = {"type": "list_reply", "list_reply": {"id": "q:多久发货", "title": "多久发货"}}
    post(client, wa, envelope(messages=[message("interactive", tap, wamid="wamid.in-2")]))
    assert bodies(provider)[-1]["text"]["body"] == "24 小时内发货"
    button = {"type": "button_reply", "button_reply": {"id": "handoff", "title": "转人工客服"}}
    post(client, wa, envelope(messages=[message("interactive", button, wamid="wamid.in-3")]))
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.WAITING


def test_pictures_and_documents_become_attachments_voice_and_places_words(client, wa, provider):
    provider.files = {
        "/media-file/v21.0/MEDIA-1": jpeg(),
        "/media-file/v21.0/MEDIA-2": PDF,
        "/media-file/v21.0/MEDIA-3": b"OggS\x00voice",  # a format attachments do not keep
    }
    kinds = [
        message("image", {"id": "MEDIA-1", "mime_type": "image/jpeg", "caption": "这个有货吗"}),
        message(
            "document",
            {"id": "MEDIA-2", "filename": "invoice.pdf", "mime_type": "application/pdf"},
            wamid="wamid.in-2",
        ),
        message("audio", {"id": "MEDIA-3", "mime_type": "audio/ogg", "voice": True}, wamid="w3"),
        message(
            "location",
            {"latitude": 22.54, "longitude": 114.05, "name": "Shop", "address": "Road 1"},
            wamid="wamid.in-4",
        ),
        message("reaction", {"message_id": "wamid.x", "emoji": "👍"}, wamid="wamid.in-5"),
    ]
    assert post(client, wa, envelope(messages=kinds)).json()["stored"] == 4
    # The media endpoint was asked for each file's URL, with the bearer token.
    lookup = provider.sent("/v21.0/MEDIA-1")[0]
    assert (lookup.method, lookup.headers["Authorization"]) == ("GET", f"Bearer {ACCESS_TOKEN}")
    stored = list(Message.objects.filter(sender=Sender.CUSTOMER).order_by("seq"))
    assert [m.text for m in stored] == [
        "这个有货吗",
        "",
        "[voice message]",
        "[location] Shop, Road 1 (22.54, 114.05)",
    ]
    photo, document = (Attachment.objects.get(message=m) for m in stored[:2])
    assert (photo.kind, photo.content_type, photo.uploader_kind) == (
        "image",
        "image/jpeg",
        "channel",
    )
    assert (document.name, document.content_type) == ("invoice.pdf", "application/pdf")
    # Meta resends the batch: nothing is fetched or stored twice.
    fetched = len(provider.calls)
    assert post(client, wa, envelope(messages=kinds)).json()["duplicates"] == 4
    assert len(provider.calls) == fetched and Attachment.objects.count() == 2


def test_forged_unsigned_and_stale_requests_are_refused_and_audited(client, wa_account, provider):
    assert post(client, wa_account, text("hi"), secret="not-the-secret").status_code == 403
    assert post(client, wa_account, text("hi"), signed=False).status_code == 403
    eight_days_ago = time.time() - 8 * 24 * 3600
    stale = post(client, wa_account, text("hi", at=eight_days_ago))  # correctly signed
    assert stale.status_code == 403
    reasons = sorted(
        AuditEvent.objects.filter(action="gateway.forged_request").values_list(
            "changes__reason", flat=True
        )
    )
    assert reasons == [
        "bad X-Hub-Signature-256",
        "missing X-Hub-Signature-256",
        "stale message timestamp",
    ]
    assert not Message.objects.exists() and not provider.calls


def test_malformed_bodies_get_a_reason(client, wa_account):
    bad_from = envelope(messages=[message("text", {"body": "hi"}, wa_id="not-a-number")])
    response = post(client, wa_account, bad_from)
    assert response.status_code == 400 and "wa_id" in response.json()["detail"]
    assert post(client, wa_account, ["not", "an", "object"]).status_code == 400
    assert not Message.objects.exists()


def test_failures_are_retried_refusals_and_failed_statuses_are_dead_letters(client, wa, provider):
    provider.failures, provider.fail_on = 2, SENT
    post(client, wa, text("运费多少钱"))
    delivery = OutboundDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 3)

    # WhatsApp took it, then reports it could not deliver it: a dead letter with the reason.
    failed = status(
        delivery.provider_id,
        "failed",
        errors=[{"code": 131047, "title": "Re-engagement message"}],
    )
    post(client, wa, envelope(statuses=[failed]))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.receipt) == (DeliveryStatus.DEAD, Receipt.FAILED)
    assert "131047" in delivery.last_error
    assert AuditEvent.objects.filter(action="gateway.delivery_dead").count() == 1

    # A 4xx refusal (bad token, unknown number) is final at once: no five more attempts.
    provider.failures, provider.fail_status = 1, 400
    post(client, wa, text("多久发货", wamid="wamid.in-2"))
    refused = OutboundDelivery.objects.latest("id")
    assert (refused.status, refused.attempts) == (DeliveryStatus.DEAD, 1)
    assert "provider hiccup" in refused.last_error


def agent_upload(conversation, agent, data: bytes, name: str):
    """A file the agent picked in the console for this conversation (POST /attachments/upload/)."""
    return files.create(
        conversation.shop,
        data,
        name,
        files.Uploader(kind=UploaderKind.STAFF, user=agent),
        conversation=conversation,
    )


def test_an_agents_photo_and_pdf_go_through_the_media_endpoint(client, wa, provider, make_user):
    post(client, wa, text("转人工"))
    conversation = Conversation.objects.get()
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    photo = agent_upload(conversation, agent, jpeg(), "parcel.jpg")
    pdf = agent_upload(conversation, agent, PDF, "invoice.pdf")
    chat.post_agent_message(
        agent, conversation.pk, "f-1", "", private=False, attachments=[str(photo.pk), str(pdf.pk)]
    )
    uploads = provider.sent(f"/v21.0/{PHONE_NUMBER_ID}/media")
    assert len(uploads) == 2
    assert uploads[0].headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert b'filename="parcel.jpg"' in uploads[0].body and b"image/jpeg" in uploads[0].body
    assert PDF in uploads[1].body
    image, document = bodies(provider)[-2:]
    assert image["type"] == "image" and image["image"]["id"].startswith("media-up")
    assert document["type"] == "document"
    assert document["document"]["filename"] == "invoice.pdf"
    assert OutboundDelivery.objects.latest("id").status == DeliveryStatus.SENT
