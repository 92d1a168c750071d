"""WeChat Official Account: URL check, signatures, plaintext and AES safe mode, the passive
reply, and later (agent) replies through the customer-service API."""

import hashlib
import time

import pytest
import xmltodict
from wechatpy.crypto import WeChatCrypto

from accounts.roles import Role
from audit.models import AuditEvent
from chatbot import services as chat
from chatbot.models import Conversation, Message
from tests.gateway.conftest import account

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "wechat-token"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters, as WeChat issues
APP_ID = "wx0123456789abcdef"
OPENID = "o-user-openid-1"


@pytest.fixture
def wechat(shop, kb, provider):
    return account(
        shop,
        "wechat",
        settings={"app_id": APP_ID, "api_base_url": f"{provider.url}/cgi-bin/"},
        secrets={"token": TOKEN, "app_secret": "s3cret", "encoding_aes_key": AES_KEY},
    )


def signed_query(token: str = TOKEN) -> dict:
    """WeChat's documented signature: sha1 of the sorted token, timestamp and nonce."""
    timestamp, nonce = str(int(time.time())), "nonce42"
    signature = hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()
    return {"signature": signature, "timestamp": timestamp, "nonce": nonce}


def text_message(content: str, msg_id: int = 1001) -> str:
    return (
        f"<xml><ToUserName><![CDATA[gh_shop]]></ToUserName>"
        f"<FromUserName><![CDATA[{OPENID}]]></FromUserName><CreateTime>1700000000</CreateTime>"
        f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
        f"<MsgId>{msg_id}</MsgId></xml>"
    )


def post(client, wechat, body: str, query: dict):
    url = f"/gateway/wechat/{wechat.webhook_key}/?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, body, content_type="text/xml")


def test_the_url_check_echoes_only_with_a_good_signature(client, wechat):
    url = f"/gateway/wechat/{wechat.webhook_key}/"
    good = client.get(url, {**signed_query(), "echostr": "hello-wechat"})
    assert good.status_code == 200 and good.content == b"hello-wechat"
    assert client.get(url, {**signed_query("wrong"), "echostr": "x"}).status_code == 403


def test_a_text_message_gets_the_answer_as_the_passive_reply(client, wechat, provider):
    response = post(client, wechat, text_message("运费多少钱"), signed_query())
    reply = xmltodict.parse(response.content)["xml"]
    assert reply["ToUserName"] == OPENID and reply["Content"] == "满 99 元包邮"
    assert not provider.calls  # answered in the response: no API call needed
    # WeChat retries when it gets no answer within 5 s: the same MsgId is stored once.
    post(client, wechat, text_message("运费多少钱"), signed_query())
    assert Message.objects.filter(sender="customer").count() == 1


def test_safe_mode_messages_are_decrypted_and_answered_encrypted(client, wechat):
    crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
    query = signed_query()
    envelope = crypto.encrypt_message(
        text_message("多久发货", 2002), query["nonce"], query["timestamp"]
    )
    signature = xmltodict.parse(envelope)["xml"]["MsgSignature"]
    response = post(
        client, wechat, envelope, {**query, "encrypt_type": "aes", "msg_signature": signature}
    )
    encrypted = xmltodict.parse(response.content)["xml"]
    plain = crypto.decrypt_message(
        response.content, encrypted["MsgSignature"], encrypted["TimeStamp"], encrypted["Nonce"]
    )
    assert xmltodict.parse(plain)["xml"]["Content"] == "24 小时内发货"

    tampered = post(
        client, wechat, envelope, {**query, "encrypt_type": "aes", "msg_signature": "0" * 40}
    )
    assert tampered.status_code == 403
    assert AuditEvent.objects.filter(action="gateway.forged_request").exists()


def test_an_agents_later_reply_goes_through_the_customer_service_api(
    client, wechat, provider, make_user
):
    post(client, wechat, text_message("转人工", 3003), signed_query())
    conversation = Conversation.objects.get()
    agent = make_user("wang", Role.AGENT)
    chat.accept(agent, conversation.pk)
    provider.calls.clear()
    chat.post_agent_message(agent, conversation.pk, "r-1", "您好，我是小王。", private=False)
    (send,) = provider.sent("/message/custom/send")
    assert send.query["access_token"] == ["fake-token"]
    assert send.json == {
        "touser": OPENID,
        "msgtype": "text",
        "text": {"content": "您好，我是小王。"},
    }


def test_unsigned_and_malformed_messages_are_refused(client, wechat):
    assert post(client, wechat, text_message("hi"), {}).status_code == 403
    broken = post(client, wechat, "<xml><unclosed>", signed_query())
    assert broken.status_code == 400
    image = text_message("x").replace("<![CDATA[text]]>", "<![CDATA[image]]>")
    assert "文字" in post(client, wechat, image, signed_query()).content.decode()
