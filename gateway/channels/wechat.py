"""WeChat Official Account: URL verification, signatures, plaintext and AES "safe mode"
messages (wechatpy implements the protocol), the bot's answer as the passive XML reply within
WeChat's 5-second limit, and later replies (agents) through the customer-service message API."""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable

from django.core.cache import cache
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

from gateway import files, formatting
from gateway.media import Media
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import BadRequest, DeliveryFailed, Forged, Inbound, receive

ONLY_TEXT = "目前只能处理文字消息，请用文字描述您的问题。"


# WeChat's signature covers the token, timestamp and nonce but not the body (plaintext mode),
# so a captured query string could carry any message: it is only good for a few minutes, and
# its nonce only ever for the body it first came with.
MAX_AGE_SECONDS = 300
NONCE_SECONDS = 600


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


def _check_fresh(request: HttpRequest, account: ChannelAccount, *, body: bytes | None) -> None:
    """Refuse a timestamp more than five minutes off, and a nonce seen in the last ten minutes
    with another body. The same body again is WeChat's own retry (it resends a message it got
    no answer to within 5 s): the message id makes it a no-op, so it is let through."""
    raw = request.GET.get("timestamp", "")
    try:
        timestamp = int(raw)
    except ValueError as exc:
        raise Forged("missing or bad WeChat timestamp") from exc
    if abs(time.time() - timestamp) > MAX_AGE_SECONDS:
        raise Forged("stale WeChat timestamp")
    if body is None:
        return
    nonce = request.GET.get("nonce", "")
    seen = hashlib.sha256(f"{raw}:{nonce}".encode()).hexdigest()
    key = f"wechat-nonce:{account.pk}:{seen}"
    digest = hashlib.sha256(body).hexdigest()
    if not cache.add(key, digest, timeout=NONCE_SECONDS) and cache.get(key) != digest:
        raise Forged("replayed WeChat nonce")


def handle(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    if request.method == "GET":  # WeChat checks the URL when it is configured
        _check(request, account)
        _check_fresh(request, account, body=None)
        return HttpResponse(request.GET.get("echostr", ""), content_type="text/plain")
    timestamp, nonce = request.GET.get("timestamp", ""), request.GET.get("nonce", "")
    crypto = None
    safe_mode = bool(account.secret("encoding_aes_key"))
    if safe_mode and request.GET.get("encrypt_type") != "aes":
        # An account with an AES key takes only encrypted messages: a plaintext one was not
        # sent by WeChat (whose signature alone does not cover the body).
        raise Forged("plaintext WeChat message for a safe-mode account")
    if safe_mode:
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
    _check_fresh(request, account, body=request.body)
    try:
        message = parse_message(xml)
    except Exception as exc:
        raise BadRequest("The body is not a WeChat XML message.") from exc
    if message is None:  # parse_message's answer to an empty body
        raise BadRequest("The body is not a WeChat XML message.")
    if message.type == "event":
        reply_text = account.shop.welcome_message if message.event == "subscribe" else ""
    elif message.type not in ("text", "image"):
        reply_text = ONLY_TEXT
    else:
        try:  # wechatpy converts fields when they are read: a bad MsgId fails here
            provider_id = str(message.id)
        except (TypeError, ValueError) as exc:
            raise BadRequest("The message has no valid MsgId.") from exc
        if not message.source:
            raise BadRequest("The message has no FromUserName.")
        pictures: tuple[Media, ...] = ()
        if message.type == "image":
            if not message.media_id:
                raise BadRequest("The image message has no MediaId.")
            pictures = (Media("image", fetch=_downloader(account, message.media_id)),)
        received = receive(
            account,
            Inbound(
                provider_id=provider_id,
                sender=message.source,
                text=getattr(message, "content", "") or "",
                media=pictures,
            ),
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


def _client(account: ChannelAccount) -> _Client:
    client = _Client(account.setting("app_id"), account.secret("app_secret"))
    if base := account.setting("api_base_url"):
        client.API_BASE_URL = base.rstrip("/") + "/"
    return client


def _downloader(account: ChannelAccount, media_id: str) -> Callable[[], tuple[bytes, str]]:
    """A customer's picture, from WeChat's temporary media API (kept there three days)."""

    def fetch() -> tuple[bytes, str]:
        response = _client(account).media.download(media_id)
        if isinstance(response, dict):  # an error as JSON ({"errcode": 40007, ...})
            raise DeliveryFailed(f"WeChat media {media_id}: {response}")
        data = response.content
        if len(data) > files.limit_for(account):
            raise DeliveryFailed("WeChat media larger than the shop's limit")
        return data, response.headers.get("Content-Type", "")

    return fetch


def send(delivery: OutboundDelivery) -> str:
    """The text, then each image as a WeChat image message (uploaded as temporary media);
    other files as signed links in the text."""
    account = delivery.account
    message = delivery.message
    client = _client(account)
    attached = files.of(message)
    images = [a for a in attached if a["kind"] == "image"]
    others = [a for a in attached if a["kind"] != "image"]
    language = message.conversation.language
    text = "\n".join(
        part
        for part in (
            formatting.for_wechat(message.text),
            files.links_text(others, f"wechat-{delivery.pk}", language),
        )
        if part
    )
    msgid = ""
    try:
        if text:
            result = client.message.send_text(delivery.recipient, text)
            msgid = str((result or {}).get("msgid", ""))
        for image in images:
            upload = io.BytesIO(files.content(image))
            upload.name = image["name"]
            media_id = client.media.upload("image", upload)["media_id"]
            result = client.message.send_image(delivery.recipient, media_id)
            msgid = msgid or str((result or {}).get("msgid", ""))
    except (WeChatClientException, RequestException, KeyError) as exc:
        raise DeliveryFailed(str(exc)) from exc
    return msgid
