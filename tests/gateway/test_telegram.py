"""Telegram bot: the webhook's secret token, private chats' text, photos and documents, the
bot's choices as an inline keyboard whose taps are replies, setWebhook from the admin, and the
whole path from a customer's message to the bot, a person and back through the Bot API."""

import json
import time

import pytest

from accounts.roles import Role
from attachments.models import Attachment
from audit.models import AuditEvent
from chatbot import services as chat
from conversations.models import Conversation, ConversationStatus, Message, Sender
from gateway.admin import ChannelAccountAdmin
from gateway.models import ChannelAccount, DeliveryStatus, OutboundDelivery
from tests.gateway.conftest import account
from tests.gateway.test_whatsapp import PDF, agent_upload, jpeg

pytestmark = pytest.mark.django_db(transaction=True)

BOT_TOKEN = "123456:ABC-telegram-token"
SECRET = "telegram-webhook-secret"
CHAT_ID = 777000111
SEND = f"/bot{BOT_TOKEN}/sendMessage"


@pytest.fixture
def bot(shop, provider, settings):
    settings.GATEWAY_TELEGRAM_API_URL = provider.url
    return account(
        shop,
        "telegram",
        settings={"bot_username": "shop_bot"},
        secrets={"bot_token": BOT_TOKEN, "webhook_secret": SECRET},
    )


@pytest.fixture
def tg(bot, kb):
    return bot


_updates = iter(range(1, 10_000))


def update(text=None, *, message_id=1, date=None, chat_type="private", **extra) -> dict:
    sender = {"id": CHAT_ID, "is_bot": False, "first_name": "Mei", "language_code": "zh-hans"}
    message = {
        "message_id": message_id,
        "from": sender,
        "chat": {"id": CHAT_ID, "type": chat_type, "first_name": "Mei"},
        "date": int(date if date is not None else time.time()),
        **({"text": text} if text is not None else {}),
        **extra,
    }
    return {"update_id": next(_updates), "message": message}


def post(client, bot, payload, *, secret=SECRET):
    headers = {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": secret} if secret else {}
    return client.post(
        f"/gateway/telegram/{bot.webhook_key}/",
        json.dumps(payload),
        content_type="application/json",
        **headers,
    )


def sends(provider, method="sendMessage") -> list[dict]:
    return [c.json for c in provider.sent(f"/bot{BOT_TOKEN}/{method}")]


def test_the_secret_token_is_checked_and_stale_updates_are_refused(client, bot, provider):
    assert post(client, bot, update("hi"), secret="guess").status_code == 403
    assert post(client, bot, update("hi"), secret="").status_code == 403
    two_days_ago = time.time() - 48 * 3600
    assert post(client, bot, update("hi", date=two_days_ago)).status_code == 403
    reasons = sorted(
        AuditEvent.objects.filter(action="gateway.forged_request").values_list(
            "changes__reason", flat=True
        )
    )
    assert reasons == [
        "bad X-Telegram-Bot-Api-Secret-Token",
        "missing X-Telegram-Bot-Api-Secret-Token",
        "stale Telegram update",
    ]
    assert not Message.objects.exists() and not provider.calls
    assert post(client, bot, {"no": "update"}).status_code == 400


def test_telegram_to_bot_to_person_and_the_agents_reply_goes_out(client, tg, provider, make_user):
    assert post(client, tg, update("运费多少钱")).status_code == 200
    answer = sends(provider)[0]
    assert (answer["chat_id"], answer["text"], answer["parse_mode"]) == (
        str(CHAT_ID),
        "满 99 元包邮",
        "HTML",
    )
    # The related questions hang under the answer as an inline keyboard.
    buttons = [row[0] for row in answer["reply_markup"]["inline_keyboard"]]
    assert buttons and buttons[0]["callback_data"] == "c:0"
    conversation = Conversation.objects.get()
    assert (conversation.channel, conversation.customer.display_name) == ("telegram", "Mei")

    # Telegram resends an update it got no answer to: stored once, answered once.
    post(client, tg, update("运费多少钱"))
    assert Message.objects.filter(sender=Sender.CUSTOMER).count() == 1
    assert len(sends(provider)) == 1

    # Tapping a button asks its question; the webhook's answer stops the button spinning.
    tap = {
        "update_id": next(_updates),
        "callback_query": {
            "id": "cbq-1",
            "from": {"id": CHAT_ID, "is_bot": False, "first_name": "Mei"},
            "message": {
                "message_id": 2,
                "chat": {"id": CHAT_ID, "type": "private"},
                "date": int(time.time()),
                "reply_markup": {
                    "inline_keyboard": [[{"text": "多久发货", "callback_data": "c:0"}]]
                },
            },
            "data": "c:0",
        },
    }
    response = post(client, tg, tap)
    assert response.json() == {"method": "answerCallbackQuery", "callback_query_id": "cbq-1"}
    assert sends(provider)[-1]["text"] == "24 小时内发货"
    assert post(client, tg, tap).status_code == 200  # a resent tap is no second question
    assert Message.objects.filter(sender=Sender.CUSTOMER).count() == 2

    post(client, tg, update("转人工", message_id=3))
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.WAITING
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    chat.post_agent_message(agent, conversation.pk, "r-1", "您好 <小李> & 同事", private=False)
    assert sends(provider)[-1] == {
        "chat_id": str(CHAT_ID),
        "text": "您好 &lt;小李&gt; &amp; 同事",  # HTML parse mode: the agent's text escaped
        "parse_mode": "HTML",
    }
    assert OutboundDelivery.objects.latest("id").status == DeliveryStatus.SENT


def test_photos_and_documents_become_attachments_and_groups_are_ignored(client, tg, provider):
    provider.files = {
        f"/file/bot{BOT_TOKEN}/files/big": jpeg(),
        f"/file/bot{BOT_TOKEN}/files/doc": PDF,
    }
    photo = update(
        message_id=5,
        photo=[
            {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 90},
            {"file_id": "big", "file_unique_id": "b", "width": 800, "height": 800},
        ],
        caption="这个有货吗",
    )
    document = update(
        message_id=6,
        document={"file_id": "doc", "file_name": "order.pdf", "mime_type": "application/pdf"},
    )
    group = update("hello everyone", message_id=7, chat_type="group")
    for item in (photo, document, group):
        assert post(client, tg, item).status_code == 200
    # getFile for the largest size, then the download from /file/bot<token>/<path>.
    assert [c.json["file_id"] for c in provider.sent("/getFile")] == ["big", "doc"]
    stored = list(Message.objects.filter(sender=Sender.CUSTOMER).order_by("seq"))
    assert [m.text for m in stored] == ["这个有货吗", ""]
    assert Attachment.objects.get(message=stored[0]).kind == "image"
    assert Attachment.objects.get(message=stored[1]).name == "order.pdf"
    # A file Telegram cannot hand over is named in words instead.
    provider.failures, provider.fail_on = 1, "/getFile"
    lost = update(message_id=8, document={"file_id": "gone", "file_name": "lost.pdf"})
    post(client, tg, lost)
    assert Message.objects.filter(sender=Sender.CUSTOMER).latest("seq").text == (
        "[document: lost.pdf]"
    )


def test_cards_go_as_a_photo_with_the_card_as_caption(client, tg, provider):
    post(client, tg, update("运费多少钱"))
    conversation = Conversation.objects.get()
    card = {
        "type": "product",
        "sku": "LAMP-1",
        "name": "Desk lamp <LED>",
        "price": "59.00",
        "currency": "CNY",
        "stock": 3,
        "image_url": "https://shop.test/lamp.jpg",
    }
    chat.append_message(conversation, Sender.BOT, "为您推荐：", payload={"cards": [card]})
    (photo,) = sends(provider, "sendPhoto")
    assert photo["photo"] == "https://shop.test/lamp.jpg"
    assert photo["caption"] == "Desk lamp &lt;LED&gt; · CNY 59.00\n库存: 3"


def test_set_webhook_is_an_admin_action(rf, bot, provider, make_user):
    request = rf.post("/admin/gateway/channelaccount/")
    request.user = make_user("admin")
    admin = ChannelAccountAdmin(ChannelAccount, None)
    said = []
    admin.message_user = lambda request, text, level=None: said.append(str(text))
    admin.set_telegram_webhook(request, ChannelAccount.objects.all())
    (call,) = provider.sent("/setWebhook")
    assert call.json == {
        "url": f"http://testserver/gateway/telegram/{bot.webhook_key}/",
        "secret_token": SECRET,
        "allowed_updates": ["message", "callback_query"],
    }
    assert "now sends updates" in said[0]
    assert AuditEvent.objects.filter(action="gateway.telegram_webhook_set").exists()


def test_a_blocked_bot_is_a_dead_letter_at_once_and_hiccups_are_retried(client, tg, provider):
    provider.failures, provider.fail_on = 2, "/sendMessage"
    post(client, tg, update("运费多少钱"))
    delivery = OutboundDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 3)
    provider.failures, provider.fail_status = 1, 403  # "bot was blocked by the user"
    post(client, tg, update("多久发货", message_id=2))
    blocked = OutboundDelivery.objects.latest("id")
    assert (blocked.status, blocked.attempts) == (DeliveryStatus.DEAD, 1)
    assert BOT_TOKEN not in blocked.last_error


def test_an_agents_photo_and_pdf_go_by_send_photo_and_send_document(
    client, tg, provider, make_user
):
    post(client, tg, update("转人工"))
    conversation = Conversation.objects.get()
    agent = make_user("li", Role.AGENT)
    chat.accept(agent, conversation.pk)
    photo = agent_upload(conversation, agent, jpeg(), "parcel.jpg")
    pdf = agent_upload(conversation, agent, PDF, "invoice.pdf")
    chat.post_agent_message(
        agent,
        conversation.pk,
        "f-1",
        "看这里",
        private=False,
        attachments=[str(photo.pk), str(pdf.pk)],
    )
    assert sends(provider)[-1]["text"] == "看这里"
    (sent_photo,) = provider.sent("/sendPhoto")
    (sent_document,) = provider.sent("/sendDocument")
    assert b'name="chat_id"' in sent_photo.body and str(CHAT_ID).encode() in sent_photo.body
    assert b'name="photo"; filename="parcel.jpg"' in sent_photo.body
    assert b'name="document"; filename="invoice.pdf"' in sent_document.body
    assert PDF in sent_document.body
