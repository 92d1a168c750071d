"""WhatsApp Business Platform (Cloud API).

Inbound: Meta's webhook (GET handshake, signed POSTs) brings messages (text, image, document,
audio, video, sticker, location, interactive button and list replies, template buttons) and
statuses of what we sent (sent, delivered, read, failed), which update the delivery's receipt.
Outbound: ``POST /<phone-number-id>/messages``. Inside the 24-hour customer-service window a
reply goes as text (WhatsApp's Markdown subset), with an interactive list when the bot offers
choices ("did you mean"), and card images; outside it only the shop's approved template
(``WhatsAppTemplate``), the agent's reply as its parameter; bot and system messages wait for
the customer to write again (refused, a dead letter with the reason)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any

import requests
from django.http import HttpRequest, HttpResponse, JsonResponse

from gateway import formatting, window
from gateway.channels import meta
from gateway.media import Media, Outgoing, outgoing
from gateway.models import ChannelAccount, OutboundDelivery, Receipt
from gateway.services import (
    BadRequest,
    DeliveryFailed,
    Inbound,
    Undeliverable,
    receive,
    record_receipt,
)

MEDIA_TYPES = ("image", "document", "audio", "video", "sticker")
LIST_BODY_LIMIT = 1024
TEMPLATE_PARAMETER_LIMIT = 1024


def fetch_media(account: ChannelAccount, media_id: str) -> tuple[bytes, str]:
    """GET /<media-id> gives a short-lived URL; the file is downloaded from it with the same
    bearer token."""
    try:
        response = requests.get(
            f"{meta.graph_base(account)}/{media_id}",
            headers={"Authorization": f"Bearer {account.secret('access_token')}"},
            timeout=10,
        )
        info = response.json() if response.status_code < 300 else {}
    except (requests.RequestException, ValueError) as exc:
        raise DeliveryFailed(f"media {media_id}: {exc}") from exc
    url = info.get("url") if isinstance(info, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise DeliveryFailed(f"media {media_id}: no download URL (HTTP {response.status_code})")
    try:
        return meta.fetch(account, url)
    except requests.RequestException as exc:
        raise DeliveryFailed(f"media {media_id}: {exc}") from exc


def _content(account: ChannelAccount, message: dict[str, Any]) -> tuple[str, str, Media | None]:
    """(text, action, media) of one inbound message; ("", "", None) for what carries nothing
    to answer (reactions, unsupported or system notices)."""
    kind = message.get("type")
    body = message.get(kind) if isinstance(kind, str) else None
    body = body if isinstance(body, dict) else {}
    if kind == "text":
        return meta.text_of(body.get("body")), "", None
    if kind in MEDIA_TYPES:
        media_id = meta.text_of(body.get("id"), 200)
        media = Media(
            kind="audio" if kind == "audio" else kind,
            fetch=partial(fetch_media, account, media_id),
            name=meta.text_of(body.get("filename"), 200),
            content_type=meta.text_of(body.get("mime_type"), 100),
            caption=meta.text_of(body.get("caption")),
        )
        return media.caption, "", media
    if kind == "location":
        place = ", ".join(
            part for part in (meta.text_of(body.get(k), 300) for k in ("name", "address")) if part
        )
        where = f"{body.get('latitude')}, {body.get('longitude')}"
        return f"[location] {place} ({where})".replace(" ()", "").strip(), "", None
    if kind == "interactive":
        reply = body.get(str(body.get("type")))  # button_reply or list_reply
        if isinstance(reply, dict):
            return (
                *formatting.chosen(
                    meta.text_of(reply.get("id"), 256), meta.text_of(reply.get("title"))
                ),
                None,
            )
    if kind == "button":  # a template's quick-reply button
        return meta.text_of(body.get("text")) or meta.text_of(body.get("payload")), "", None
    return "", "", None


def _at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def handle(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    if request.method == "GET":
        return meta.handshake(request, account)
    data = meta.verify(request, account)
    inbound: list[Inbound] = []
    receipts: list[tuple[str, str, datetime, str]] = []
    # Everything is read and checked first: one replayed (stale) item refuses the request
    # before anything of it is stored.
    for entry in meta.objects(data.get("entry")):
        for change in meta.objects(entry.get("changes")):
            value = change.get("value") if isinstance(change.get("value"), dict) else {}
            names = {
                meta.text_of(c.get("wa_id"), 40): meta.text_of(
                    (c.get("profile") or {}).get("name")
                    if isinstance(c.get("profile"), dict)
                    else "",
                    200,
                )
                for c in meta.objects(value.get("contacts"))
            }
            for message in meta.objects(value.get("messages")):
                sent = meta.check_fresh(message.get("timestamp"))
                wa_id, message_id = message.get("from"), message.get("id")
                if not isinstance(wa_id, str) or not wa_id.isdigit() or len(wa_id) > 20:
                    raise BadRequest("A message has no valid 'from' (wa_id).")
                if not isinstance(message_id, str) or not message_id.strip():
                    raise BadRequest("A message has no id.")
                text, action, media = _content(account, message)
                if not text.strip() and media is None:
                    continue
                inbound.append(
                    Inbound(
                        provider_id=message_id[:200],
                        sender=f"+{wa_id}",
                        text=text,
                        display_name=names.get(wa_id, ""),
                        sent_at=_at(sent),
                        action=action,
                        media=(media,) if media is not None else (),
                    )
                )
            for status in meta.objects(value.get("statuses")):
                sent = meta.check_fresh(status.get("timestamp"))
                errors = meta.objects(status.get("errors"))
                error = (
                    f"{errors[0].get('code', '')} {meta.text_of(errors[0].get('title'), 300)}"
                    if errors
                    else ""
                )
                receipts.append(
                    (
                        meta.text_of(status.get("id"), 200),
                        str(status.get("status")),
                        _at(sent),
                        error,
                    )
                )
    stored = duplicates = 0
    for item in inbound:
        received = receive(account, item)
        stored, duplicates = stored + received.created, duplicates + (not received.created)
    updated = sum(
        record_receipt(account, provider_id, receipt, at=at, error=error)
        for provider_id, receipt, at, error in receipts
        if provider_id and receipt in Receipt.values
    )
    return JsonResponse({"stored": stored, "duplicates": duplicates, "statuses": updated})


# --- outbound -----------------------------------------------------------------------------------


def _post(account: ChannelAccount, to: str, kind: str, content: dict[str, Any]) -> str:
    data = meta.call(
        account,
        f"{account.setting('phone_number_id')}/messages",
        {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
            "type": kind,
            kind: content,
        },
    )
    sent = meta.objects(data.get("messages"))
    return meta.text_of(sent[0].get("id"), 100) if sent else ""


def interactive_list(body: str, choices: list[tuple[str, str]], language: str) -> dict[str, Any]:
    """WhatsApp's list message: up to 10 rows, titles of 24 characters (the whole question in
    the 72-character description when it is longer), ids of 200."""
    rows = []
    for option_id, title in choices[:10]:
        row = {"id": option_id[:200], "title": formatting.shorten(title, 24)}
        if len(title) > 24:
            row["description"] = formatting.shorten(title, 72)
        rows.append(row)
    choose = formatting.label("choose", language)
    return {
        "type": "list",
        "body": {"text": body},
        "action": {"button": choose[:20], "sections": [{"title": choose[:24], "rows": rows}]},
    }


def _template(account: ChannelAccount, delivery: OutboundDelivery, to: str) -> str:
    message = delivery.message
    template = account.whatsapp_templates.filter(is_active=True).first()
    if template is None:
        raise Undeliverable(
            "window closed — send template: no approved WhatsApp template is set for this "
            "channel account (admin → Channel accounts → WhatsApp templates)"
        )
    components = []
    if template.carries_text:
        # A template parameter may hold no line breaks, tabs or runs of spaces.
        text = " · ".join(formatting.for_whatsapp(message.text).split("\n"))
        text = " ".join(text.replace("\t", " ").split())
        components = [
            {
                "type": "body",
                "parameters": [
                    {"type": "text", "text": formatting.shorten(text, TEMPLATE_PARAMETER_LIMIT)}
                ],
            }
        ]
    content = {
        "name": template.name,
        "language": {"code": template.language_for(message.conversation.language)},
        "components": components,
    }
    return _post(account, to, "template", content)


def _send_file(account: ChannelAccount, to: str, item: Outgoing) -> str:
    """Upload to the media endpoint (POST /<phone-number-id>/media), then send by its id."""
    uploaded = meta.upload(
        account,
        f"{account.setting('phone_number_id')}/media",
        {"messaging_product": "whatsapp", "type": item.content_type},
        {"file": (item.name, item.data, item.content_type)},
    )
    media_id = meta.text_of(uploaded.get("id"), 100)
    if not media_id:
        raise DeliveryFailed("WhatsApp's media endpoint returned no id")
    kind = {"image": "image", "video": "video"}.get(item.kind, "document")
    content: dict[str, Any] = {"id": media_id}
    if kind == "document":
        content["filename"] = item.name
    return _post(account, to, kind, content)


def send(delivery: OutboundDelivery) -> str:
    account, message = delivery.account, delivery.message
    conversation = message.conversation
    to = delivery.recipient.lstrip("+")
    permit = window.permission(conversation.channel_thread, message.sender)
    if not permit.allowed:
        raise Undeliverable(permit.reason)
    if permit.template:
        return _template(account, delivery, to)
    language = conversation.language
    body = formatting.for_whatsapp(message.text)
    # An answer's related questions stay out: a list under every answer is noise; "did you
    # mean" and the offer of a person are what the customer must be able to tap.
    choices = formatting.options(message.payload or {}, language, related=False)
    ids = []
    if choices and body:
        if len(body) > LIST_BODY_LIMIT:
            ids.append(_post(account, to, "text", {"preview_url": False, "body": body}))
            body = formatting.label("choose", language)
        ids.append(_post(account, to, "interactive", interactive_list(body, choices, language)))
    elif body:
        ids.append(_post(account, to, "text", {"preview_url": False, "body": body}))
    for item in outgoing(message):
        ids.append(_send_file(account, to, item))
    for text, image in formatting.cards(message.payload or {}, language):
        if image:
            caption = formatting.shorten(text, 1024)
            ids.append(_post(account, to, "image", {"link": image, "caption": caption}))
        elif text:
            ids.append(_post(account, to, "text", {"preview_url": False, "body": text}))
    if not ids:
        raise Undeliverable("nothing WhatsApp can show: the message has no text or cards")
    return ids[0]
