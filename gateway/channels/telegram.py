"""Telegram bot (Bot API).

Inbound: the webhook Telegram calls with each update; ``X-Telegram-Bot-Api-Secret-Token``
must be the secret we gave ``setWebhook`` (the admin action on the channel account sets both).
Private chats' text, photos and documents are messages; a tap on an inline-keyboard button
(``callback_query``) is the customer's reply, answered in the webhook's own response so the
button stops spinning. Outbound: ``sendMessage`` (HTML parse mode) with the bot's choices as
an inline keyboard, ``sendPhoto`` for card images, ``sendDocument`` for files."""

from __future__ import annotations

import hmac
import json
import time
from datetime import UTC, datetime
from functools import partial
from typing import Any

import requests
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from gateway import formatting
from gateway.channels import meta
from gateway.media import Media, outgoing
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import (
    BadRequest,
    DeliveryFailed,
    Forged,
    Inbound,
    Undeliverable,
    receive,
)
from knowledge.languages import normalize_code

DEFAULT_API_URL = "https://api.telegram.org"
# Telegram keeps an update it could not deliver for 24 hours; anything older is a replay.
DEFAULT_MAX_AGE_SECONDS = 25 * 3600
FUTURE_SKEW_SECONDS = 300
CHOICE = "c:"  # callback data of the n-th choice: "c:<n>" (callback data holds 64 bytes)


def api_base(account: ChannelAccount) -> str:
    base = account.setting("api_base_url") or getattr(
        settings, "GATEWAY_TELEGRAM_API_URL", DEFAULT_API_URL
    )
    return base.rstrip("/")


def call(
    account: ChannelAccount,
    method: str,
    body: dict[str, Any],
    files: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One Bot API call (JSON, or multipart with ``files``); ``result`` of an ok answer. 429
    and 5xx are retried, other refusals (a chat that blocked the bot, a bad request) are
    final."""
    url = f"{api_base(account)}/bot{account.secret('bot_token')}/{method}"
    try:
        if files:
            response = requests.post(url, data=body, files=files, timeout=30)
        else:
            response = requests.post(url, json=body, timeout=10)
        data = response.json()
    except requests.RequestException as exc:
        raise DeliveryFailed(str(exc).replace(account.secret("bot_token") or "\0", "…")) from exc
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    if response.status_code < 300 and data.get("ok"):
        result = data.get("result")
        return result if isinstance(result, dict) else {"value": result}
    detail = f"HTTP {response.status_code}: {meta.text_of(data.get('description'), 300)}"
    if response.status_code >= 500 or response.status_code == 429:
        raise DeliveryFailed(detail)
    raise Undeliverable(detail)


def fetch_file(account: ChannelAccount, file_id: str) -> tuple[bytes, str]:
    """getFile names the file's path; it is downloaded from ``/file/bot<token>/<path>``."""
    path = call(account, "getFile", {"file_id": file_id}).get("file_path")
    if not isinstance(path, str) or not path:
        raise DeliveryFailed(f"file {file_id}: no file_path")
    url = f"{api_base(account)}/file/bot{account.secret('bot_token')}/{path}"
    try:
        return meta.fetch(account, url, bearer=False)
    except requests.RequestException as exc:
        raise DeliveryFailed(f"file {file_id}: download failed") from exc


def _verify(request: HttpRequest, account: ChannelAccount) -> dict[str, Any]:
    expected = account.secret("webhook_secret")
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not expected or not given:
        raise Forged("missing X-Telegram-Bot-Api-Secret-Token")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Forged("bad X-Telegram-Bot-Api-Secret-Token")
    try:
        data = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise BadRequest("The body must be JSON.") from exc
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    return data


def _fresh(date: Any) -> datetime:
    if not isinstance(date, int) or isinstance(date, bool):
        raise BadRequest("The message has no valid date.")
    max_age = getattr(settings, "GATEWAY_TELEGRAM_MAX_AGE_SECONDS", DEFAULT_MAX_AGE_SECONDS)
    if time.time() - date > max_age:
        raise Forged("stale Telegram update")
    if date - time.time() > FUTURE_SKEW_SECONDS:
        raise Forged("Telegram update dated in the future")
    return datetime.fromtimestamp(date, tz=UTC)


def _who(value: Any) -> tuple[str, str, str]:
    """(chat id, display name, language) of a private chat's sender; chat id "" otherwise."""
    sender = value if isinstance(value, dict) else {}
    user_id = sender.get("id")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or sender.get("is_bot"):
        return "", "", ""
    name = " ".join(
        part
        for part in (meta.text_of(sender.get(k), 100) for k in ("first_name", "last_name"))
        if part
    )
    return str(user_id), name, normalize_code(meta.text_of(sender.get("language_code"), 20))


def _message(account: ChannelAccount, message: dict[str, Any]) -> Inbound | None:
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    if chat.get("type") != "private":
        return None  # groups and channels are not customer conversations
    sent_at = _fresh(message.get("date"))
    chat_id, name, language = _who(message.get("from"))
    message_id = message.get("message_id")
    if not chat_id or str(chat.get("id")) != chat_id:
        return None
    if not isinstance(message_id, int) or isinstance(message_id, bool):
        raise BadRequest("The message has no valid message_id.")
    text = meta.text_of(message.get("text")) or meta.text_of(message.get("caption"))
    media = None
    photos = meta.objects(message.get("photo"))
    document = message.get("document") if isinstance(message.get("document"), dict) else None
    if photos:
        largest = max(photos, key=lambda p: p.get("file_size") or p.get("width") or 0)
        media = Media(
            "image",
            partial(fetch_file, account, meta.text_of(largest.get("file_id"), 200)),
            caption=text,
        )
    elif document is not None:
        media = Media(
            "document",
            partial(fetch_file, account, meta.text_of(document.get("file_id"), 200)),
            name=meta.text_of(document.get("file_name"), 200),
            content_type=meta.text_of(document.get("mime_type"), 100),
            caption=text,
        )
    if not text.strip() and media is None:
        return None
    return Inbound(
        provider_id=f"{chat_id}-{message_id}",
        sender=chat_id,
        text=text,
        display_name=name,
        language=language,
        sent_at=sent_at,
        media=(media,) if media is not None else (),
    )


def _callback(query: dict[str, Any]) -> Inbound | None:
    """A tapped inline-keyboard button: the customer's reply is the button's own text (the
    keyboard comes back with the message it hung under)."""
    chat_id, name, language = _who(query.get("from"))
    query_id = meta.text_of(query.get("id"), 100)
    data = meta.text_of(query.get("data"), 64)
    if not chat_id or not query_id or not data:
        return None
    message = query.get("message") if isinstance(query.get("message"), dict) else {}
    markup = message.get("reply_markup") if isinstance(message.get("reply_markup"), dict) else {}
    rows = markup.get("inline_keyboard") if isinstance(markup.get("inline_keyboard"), list) else []
    title = next(
        (
            meta.text_of(button.get("text"), 2000)
            for row in rows
            for button in meta.objects(row)
            if button.get("callback_data") == data
        ),
        "",
    )
    text, action = formatting.chosen(
        formatting.HANDOFF if data == formatting.HANDOFF else "", title
    )
    if not text.strip():
        return None
    return Inbound(
        provider_id=f"cb-{query_id}",
        sender=chat_id,
        text=text,
        display_name=name,
        language=language,
        action=action,
    )


def handle(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    update = _verify(request, account)
    if "update_id" not in update:
        raise BadRequest("The body is not a Telegram update.")
    query = update.get("callback_query")
    message = update.get("message")
    if isinstance(query, dict):
        item = _callback(query)
        if item is not None:
            receive(account, item)
        query_id = meta.text_of(query.get("id"), 100)
        # The webhook's answer is itself a Bot API call: the button stops spinning.
        if query_id:
            return JsonResponse({"method": "answerCallbackQuery", "callback_query_id": query_id})
        return JsonResponse({})
    if isinstance(message, dict):
        item = _message(account, message)
        if item is not None:
            received = receive(account, item)
            return JsonResponse({"duplicate": not received.created})
    return JsonResponse({})  # edits, members, polls…: nothing to answer


# --- outbound -----------------------------------------------------------------------------------


def keyboard(choices: list[tuple[str, str]]) -> dict[str, Any]:
    """One button per row (questions are long); callback data "c:<n>" or "handoff"."""
    return {
        "inline_keyboard": [
            [
                {
                    "text": title,
                    "callback_data": formatting.HANDOFF
                    if option_id == formatting.HANDOFF
                    else f"{CHOICE}{n}",
                }
            ]
            for n, (option_id, title) in enumerate(choices)
        ]
    }


def _message_id(result: dict[str, Any]) -> str:
    return str(result.get("message_id", ""))


def send(delivery: OutboundDelivery) -> str:
    account, message = delivery.account, delivery.message
    chat_id = delivery.recipient
    ids: list[str] = []
    text = formatting.for_telegram(message.text)
    if text:
        body: dict[str, Any] = {"chat_id": chat_id, "text": text, "parse_mode": "HTML"}
        choices = formatting.options(message.payload or {}, message.conversation.language)
        if choices:
            body["reply_markup"] = keyboard(choices)
        ids.append(_message_id(call(account, "sendMessage", body)))
    for item in outgoing(message):
        # Uploaded as multipart: no public URL of ours needs to reach Telegram.
        method, field = {"image": ("sendPhoto", "photo"), "video": ("sendVideo", "video")}.get(
            item.kind, ("sendDocument", "document")
        )
        upload = {field: (item.name, item.data, item.content_type)}
        ids.append(_message_id(call(account, method, {"chat_id": chat_id}, upload)))
    for card, image in formatting.cards(message.payload or {}, message.conversation.language):
        caption = formatting.for_telegram(
            formatting.html.escape(card), formatting.TELEGRAM_CAPTION_LIMIT
        )
        if image:
            body = {"chat_id": chat_id, "photo": image, "caption": caption, "parse_mode": "HTML"}
            ids.append(_message_id(call(account, "sendPhoto", body)))
        else:
            body = {"chat_id": chat_id, "text": caption, "parse_mode": "HTML"}
            ids.append(_message_id(call(account, "sendMessage", body)))
    if not ids:
        raise Undeliverable("nothing to send: the message has no text or cards")
    return ids[0]


def send_document(account: ChannelAccount, chat_id: str, url: str, caption: str = "") -> str:
    """A file by URL (Telegram fetches it); the caption in HTML parse mode."""
    body = {"chat_id": chat_id, "document": url, "caption": caption[:1024], "parse_mode": "HTML"}
    return _message_id(call(account, "sendDocument", body))


def set_webhook(account: ChannelAccount, url: str) -> dict[str, Any]:
    """Point the bot's updates at ``url`` with the account's secret token."""
    return call(
        account,
        "setWebhook",
        {
            "url": url,
            "secret_token": account.secret("webhook_secret"),
            "allowed_updates": ["message", "callback_query"],
        },
    )
