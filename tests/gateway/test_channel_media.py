"""Files on the provider channels: a customer's WeChat image and MMS picture, e-mail files and
webhook URLs become attachments of the message; an agent's image goes out as a WeChat image
message, MMS media, an e-mail attachment or a signed link; cards degrade to text on SMS."""

import base64
import io
import json

import pytest
from django.core import mail
from PIL import Image
from twilio.request_validator import RequestValidator

from attachments.models import Attachment
from attachments.services import Uploader, create
from conversations.models import Conversation, ConversationStatus, Message
from gateway import files
from gateway.models import DeliveryStatus, OutboundDelivery
from tests.attachments.conftest import PDF, jpeg_with_gps
from tests.gateway.conftest import account
from tests.gateway.test_email_and_webhook import SECRET, post_signed
from tests.gateway.test_sms import AUTH_TOKEN, CUSTOMER
from tests.gateway.test_wechat import APP_ID, OPENID, TOKEN, signed_query

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def loopback_providers(settings, tmp_path):
    """The fake providers live on loopback, which real customer URLs may never point at; files
    go to the test's own directory."""
    settings.GATEWAY_MEDIA_ALLOW_PRIVATE = True
    settings.PUBLIC_BASE_URL = "https://cs.example"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "attachments")},
        },
    }


@pytest.fixture
def wechat(shop, kb, provider):
    return account(
        shop,
        "wechat",
        settings={"app_id": APP_ID, "api_base_url": f"{provider.url}/cgi-bin/"},
        secrets={"token": TOKEN, "app_secret": "s3cret"},
    )


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


def image_xml(media_id: str = "MEDIA-1", msg_id: int = 2001) -> str:
    return (
        f"<xml><ToUserName><![CDATA[gh_shop]]></ToUserName>"
        f"<FromUserName><![CDATA[{OPENID}]]></FromUserName><CreateTime>1700000000</CreateTime>"
        f"<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz/x]]></PicUrl>"
        f"<MediaId><![CDATA[{media_id}]]></MediaId><MsgId>{msg_id}</MsgId></xml>"
    )


def stored_image(attachment: Attachment) -> Image.Image:
    return Image.open(io.BytesIO(attachment.read_bytes()))


def test_an_inbound_wechat_image_becomes_an_attachment(client, wechat, provider):
    provider.files["/cgi-bin/media/get"] = jpeg_with_gps()
    query = signed_query()
    url = f"/gateway/wechat/{wechat.webhook_key}/?" + "&".join(f"{k}={v}" for k, v in query.items())
    response = client.post(url, image_xml(), content_type="text/xml")
    assert response.status_code == 200
    assert "已收到图片" in response.content.decode()  # the bot's passive reply
    (download,) = provider.sent("/media/get")
    assert download.query["media_id"] == ["MEDIA-1"]
    message = Message.objects.get(sender="customer")
    (attachment,) = Attachment.objects.filter(message=message)
    assert attachment.kind == "image" and attachment.conversation == message.conversation
    assert not stored_image(attachment).getexif()  # re-encoded: no GPS from the phone
    assert message.payload["attachments"][0]["id"] == str(attachment.pk)


def post_mms(client, sms, params: dict):
    url = f"http://testserver/gateway/sms/{sms.webhook_key}/"
    base = {"MessageSid": "MM1", "From": CUSTOMER, "To": "+8610000000", "Body": ""}
    params = {**base, **params}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(url, params)
    return client.post(url, params, HTTP_X_TWILIO_SIGNATURE=signature)


def test_an_inbound_mms_picture_becomes_an_attachment(client, sms, provider):
    provider.files["/media/ME1"] = jpeg_with_gps()
    response = post_mms(
        client,
        sms,
        {
            "NumMedia": "1",
            "MediaUrl0": f"{provider.url}/media/ME1",
            "MediaContentType0": "image/jpeg",
        },
    )
    assert response.status_code == 200
    (fetched,) = provider.sent("/media/ME1")
    assert fetched.headers["Authorization"].startswith("Basic ")  # the account's credentials
    message = Message.objects.get(sender="customer")
    (attachment,) = message.attachments.all()
    assert attachment.content_type == "image/jpeg" and message.text == ""
    assert not stored_image(attachment).getexif()
    # The bot acknowledged the picture by SMS instead of guessing at an empty question.
    (reply,) = provider.sent("/Messages.json")
    assert "received" in reply.form["Body"] or "已收到" in reply.form["Body"]


def test_an_mms_file_of_a_refused_type_is_named_in_words(client, sms, provider):
    provider.files["/media/ME2"] = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    post_mms(
        client,
        sms,
        {
            "NumMedia": "1",
            "MediaUrl0": f"{provider.url}/media/ME2",
            "MediaContentType0": "image/svg+xml",
        },
    )
    message = Message.objects.get(sender="customer")
    assert not message.attachments.exists() and message.text == "[image]"


def test_customer_urls_on_private_addresses_are_not_fetched(settings, provider):
    settings.GATEWAY_MEDIA_ALLOW_PRIVATE = False
    provider.files["/media/ME3"] = PDF
    with pytest.raises(files.FetchRefused):
        files.fetch(f"{provider.url}/media/ME3", limit=1024)
    assert not provider.sent("/media/ME3")


def agent_message(conversation, agent, *, data: bytes, name: str) -> Message:
    from chatbot.services import agent as agent_actions

    conversation.status = ConversationStatus.ASSIGNED
    conversation.assigned_agent = agent
    conversation.save()
    upload = create(
        conversation.shop, data, name, Uploader("staff", user=agent), conversation=conversation
    )
    message, _ = agent_actions.post_agent_message(
        agent, conversation.pk, "a1", "", private=False, attachments=[str(upload.pk)]
    )
    return message


@pytest.fixture
def agent(make_user):
    from accounts.roles import Role

    return make_user("media-agent", Role.AGENT)


def test_an_agents_image_goes_out_as_mms_media_with_a_signed_url(client, sms, provider, agent):
    post_mms(client, sms, {"Body": "你好", "MessageSid": "SM9"})
    conversation = Conversation.objects.get()
    message = agent_message(conversation, agent, data=jpeg_with_gps(), name="label.jpg")
    delivery = OutboundDelivery.objects.get(message=message)
    assert delivery.status == DeliveryStatus.SENT
    sent = provider.sent("/Messages.json")[-1]
    media_url = sent.form["MediaUrl"]
    assert media_url.startswith("https://cs.example/attachments/file/")
    # Twilio fetches it without a session: the public URL works, for a while.
    path = media_url.removeprefix("https://cs.example")
    fetched = client.get(path)
    assert fetched.status_code == 200 and fetched["Content-Type"] == "image/jpeg"


def test_an_agents_image_goes_out_as_a_wechat_image_message(client, wechat, provider, agent):
    provider.files["/cgi-bin/media/get"] = jpeg_with_gps()
    provider.files["/cgi-bin/media/upload"] = json.dumps(
        {"type": "image", "media_id": "UP-1", "created_at": 1}
    ).encode()
    query = signed_query()
    url = f"/gateway/wechat/{wechat.webhook_key}/?" + "&".join(f"{k}={v}" for k, v in query.items())
    client.post(url, image_xml(), content_type="text/xml")
    conversation = Conversation.objects.get()
    message = agent_message(conversation, agent, data=jpeg_with_gps(), name="reply.jpg")
    assert OutboundDelivery.objects.get(message=message).status == DeliveryStatus.SENT
    (upload,) = provider.sent("/media/upload")
    assert b"reply.jpg" in upload.body
    (image,) = [c for c in provider.sent("/message/custom/send") if c.json["msgtype"] == "image"]
    assert image.json == {"touser": OPENID, "msgtype": "image", "image": {"media_id": "UP-1"}}


def test_email_files_come_in_and_an_agents_pdf_goes_out_attached(client, shop, kb, agent):
    mailbox = account(
        shop, "email", settings={"address": "help@shop.test"}, secrets={"signing_secret": SECRET}
    )
    response = post_signed(
        client,
        f"/gateway/email/{mailbox.webhook_key}/",
        {
            "message_id": "<m1@example.com>",
            "sender": "mei@example.com",
            "subject": "Broken lamp",
            "text": "See the photo",
            "spf": "pass",
            "attachments": [
                {
                    "name": "lamp.jpg",
                    "content_type": "image/jpeg",
                    "content_base64": base64.b64encode(jpeg_with_gps()).decode(),
                }
            ],
        },
    )
    assert response.status_code == 200, response.content
    (attachment,) = Attachment.objects.filter(message__sender="customer")
    assert attachment.name == "lamp.jpg"
    conversation = Conversation.objects.get()
    mail.outbox.clear()
    agent_message(conversation, agent, data=PDF, name="return-label.pdf")
    (sent,) = mail.outbox
    assert sent.attachments[0][0] == "return-label.pdf" and sent.attachments[0][1] == PDF


def test_webhook_urls_come_in_and_files_go_out_as_signed_links(client, shop, kb, provider, agent):
    platform = account(
        shop,
        "webhook",
        settings={"outbound_url": f"{provider.url}/hooks/replies"},
        secrets={"signing_secret": SECRET},
    )
    provider.files["/files/receipt.pdf"] = PDF
    response = post_signed(
        client,
        f"/gateway/webhook/{platform.webhook_key}/",
        {
            "id": "w1",
            "user_id": "u1",
            "text": "",
            "attachments": [f"{provider.url}/files/receipt.pdf"],
        },
    )
    assert response.status_code == 200, response.content
    (attachment,) = Attachment.objects.filter(message__sender="customer")
    assert attachment.name == "receipt.pdf" and attachment.kind == "file"
    conversation = Conversation.objects.get()
    agent_message(conversation, agent, data=PDF, name="guide.pdf")
    sent = provider.sent("/hooks/replies")[-1].json
    (item,) = sent["attachments"]
    assert item["name"] == "guide.pdf" and item["url"].startswith("https://cs.example/")


def test_a_card_reaches_sms_as_text(client, sms, provider, agent):
    from chatbot.services.cards import send_card
    from profiles.models import Product

    Product.objects.create(shop=sms.shop, sku="LAMP-1", name="北欧落地灯", price="399.00", stock=3)
    post_mms(client, sms, {"Body": "你好", "MessageSid": "SM7"})
    conversation = Conversation.objects.get()
    conversation.status, conversation.assigned_agent = ConversationStatus.ASSIGNED, agent
    conversation.save()
    send_card(agent, conversation.pk, "k1", {"type": "product", "sku": "LAMP-1"})
    body = provider.sent("/Messages.json")[-1].form["Body"]
    assert "北欧落地灯" in body and "399.00" in body
