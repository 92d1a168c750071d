"""WeChat Official Account: URL check, signatures, plaintext and AES safe mode, the passive
reply, and later (agent) replies through the customer-service API."""

import hashlib
import json
import secrets
import time

import pytest
import xmltodict
from wechatpy.crypto import WeChatCrypto

from accounts.roles import Role
from audit.models import AuditEvent
from chatbot import services as chat
from conversations.models import Conversation, Message
from tests.gateway.conftest import account

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "wechat-token"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters, as WeChat issues
APP_ID = "wx0123456789abcdef"
OPENID = "o-user-openid-1"


@pytest.fixture
def wechat(shop, kb, provider):
    """An account in plaintext mode (no AES key)."""
    return account(
        shop,
        "wechat",
        settings={"app_id": APP_ID, "api_base_url": f"{provider.url}/cgi-bin/"},
        secrets={"token": TOKEN, "app_secret": "s3cret"},
    )


@pytest.fixture
def wechat_safe(wechat):
    """The same account in safe mode: with its AES key, it takes encrypted messages only."""
    wechat.secrets = json.dumps(
        {"token": TOKEN, "app_secret": "s3cret", "encoding_aes_key": AES_KEY}
    )
    wechat.save()
    return wechat


def signed_query(token: str = TOKEN, timestamp: int | None = None) -> dict:
    """WeChat's documented signature: sha1 of the sorted token, timestamp and nonce; a fresh
    nonce each time, as WeChat sends."""
    timestamp_text = str(int(time.time()) if timestamp is None else timestamp)
    nonce = secrets.token_hex(8)
    signature = hashlib.sha1("".join(sorted([token, timestamp_text, nonce])).encode()).hexdigest()
    return {"signature": signature, "timestamp": timestamp_text, "nonce": nonce}


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
    # ... also when the retry repeats the query string as well.
    query = signed_query()
    assert post(client, wechat, text_message("多久发货", 1010), query).status_code == 200
    assert post(client, wechat, text_message("多久发货", 1010), query).status_code == 200
    assert Message.objects.filter(sender="customer").count() == 2


def test_safe_mode_messages_are_decrypted_and_answered_encrypted(client, wechat_safe):
    wechat = wechat_safe
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
    # Pictures are taken (tests/gateway/test_channel_media.py); one without its MediaId is
    # malformed, and kinds the chat cannot carry (voice) get a request for text.
    image = text_message("x").replace("<![CDATA[text]]>", "<![CDATA[image]]>")
    assert post(client, wechat, image, signed_query()).status_code == 400
    voice = text_message("x").replace("<![CDATA[text]]>", "<![CDATA[voice]]>")
    assert "文字" in post(client, wechat, voice, signed_query()).content.decode()


# --- issue 17 M4: stale timestamps, replayed nonces, plaintext for a safe-mode account --------


def test_a_stale_timestamp_is_refused_and_audited(client, wechat):
    stale = signed_query(timestamp=1577836800)  # 2020-01-01, correctly signed
    response = post(client, wechat, text_message("运费多少钱"), stale)
    assert response.status_code == 403
    assert not Message.objects.exists()
    event = AuditEvent.objects.get(action="gateway.forged_request")
    assert "stale" in json.dumps(event.changes)
    url = f"/gateway/wechat/{wechat.webhook_key}/"
    assert client.get(url, {**stale, "echostr": "x"}).status_code == 403


def test_a_replayed_nonce_with_another_body_is_refused(client, wechat):
    query = signed_query()
    assert post(client, wechat, text_message("运费多少钱", 4001), query).status_code == 200
    forged = text_message("我的订单到哪了", 4002).replace(OPENID, "o-attacker")
    replay = post(client, wechat, forged, query)
    assert replay.status_code == 403
    assert Message.objects.filter(sender="customer").count() == 1
    assert "replayed" in json.dumps(AuditEvent.objects.get(action="gateway.forged_request").changes)


def test_a_safe_mode_account_refuses_plaintext_messages(client, wechat_safe):
    response = post(client, wechat_safe, text_message("运费多少钱"), signed_query())
    assert response.status_code == 403
    assert not Message.objects.exists()
