"""WeChat Official Account: URL verification, signatures, plaintext and AES "safe mode"
messages (wechatpy implements the protocol), the bot's answer as the passive XML reply within
WeChat's 5-second limit, and later replies (agents) through the customer-service message API."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from requests.exceptions import RequestException
from wechatpy import create_reply, parse_message
from wechatpy.client import WeChatClient
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import (
    InvalidAppIdException,
    InvalidSignatureException,
    WeChatClientException,
)
from wechatpy.utils import check_signature

from gateway import formatting
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import BadRequest, DeliveryFailed, Forged, Inbound, receive

ONLY_TEXT = "目前只能处理文字消息，请用文字描述您的问题。"


def _check(request: HttpRequest, account: ChannelAccount) -> None:
    try:
        check_signature(
            account.secret("token"),
            request.GET.get("signature", ""),
            request.GET.get("timestamp", ""),
            request.GET.get("nonce", ""),
        )
    except InvalidSignatureException as exc:
        raise Forged("bad WeChat signature") from exc


def handle(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    if request.method == "GET":  # WeChat checks the URL when it is configured
        _check(request, account)
        return HttpResponse(request.GET.get("echostr", ""), content_type="text/plain")
    timestamp, nonce = request.GET.get("timestamp", ""), request.GET.get("nonce", "")
    crypto = None
    if request.GET.get("encrypt_type") == "aes":
        crypto = WeChatCrypto(
            account.secret("token"), account.secret("encoding_aes_key"), account.setting("app_id")
        )
        try:
            xml = crypto.decrypt_message(
                request.body, request.GET.get("msg_signature", ""), timestamp, nonce
            )
        except (InvalidSignatureException, InvalidAppIdException) as exc:
            raise Forged("bad WeChat message signature") from exc
        except Exception as exc:  # wechatpy raises assorted errors on a broken envelope
            raise BadRequest("The encrypted message could not be read.") from exc
    else:
        _check(request, account)
        xml = request.body
    try:
        message = parse_message(xml)
    except Exception as exc:
        raise BadRequest("The body is not a WeChat XML message.") from exc
    if message is None:  # parse_message's answer to an empty body
        raise BadRequest("The body is not a WeChat XML message.")
    if message.type == "event":
        reply_text = account.shop.welcome_message if message.event == "subscribe" else ""
    elif message.type != "text":
        reply_text = ONLY_TEXT
    else:
        try:  # wechatpy converts fields when they are read: a bad MsgId fails here
            provider_id = str(message.id)
        except (TypeError, ValueError) as exc:
            raise BadRequest("The message has no valid MsgId.") from exc
        if not message.source:
            raise BadRequest("The message has no FromUserName.")
        received = receive(
            account,
            Inbound(provider_id=provider_id, sender=message.source, text=message.content or ""),
            passive=True,
        )
        reply_text = "\n\n".join(formatting.for_wechat(r.text) for r in received.replies)
    if not reply_text:
        return HttpResponse("success", content_type="text/plain")  # WeChat's "nothing to say"
    xml_reply = create_reply(reply_text, message, render=True)
    if crypto is not None:
        xml_reply = crypto.encrypt_message(xml_reply, nonce, timestamp)
    return HttpResponse(xml_reply, content_type="application/xml")


class _Client(WeChatClient):
    """wechatpy's client with its token URL under ``API_BASE_URL`` too, so one setting moves
    every call (a proxy, a test double)."""

    def fetch_access_token(self):  # type: ignore[no-untyped-def]
        return self._fetch_access_token(
            url=f"{self.API_BASE_URL}token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )


def send(delivery: OutboundDelivery) -> str:
    account = delivery.account
    client = _Client(account.setting("app_id"), account.secret("app_secret"))
    if base := account.setting("api_base_url"):
        client.API_BASE_URL = base.rstrip("/") + "/"
    try:
        result = client.message.send_text(
            delivery.recipient, formatting.for_wechat(delivery.message.text)
        )
    except (WeChatClientException, RequestException) as exc:
        raise DeliveryFailed(str(exc)) from exc
    return str((result or {}).get("msgid", ""))
