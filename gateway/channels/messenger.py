"""Facebook Messenger and Instagram Direct (Meta's Messenger Platform; one adapter, the
account's kind says which).

Inbound: the same webhook handshake and ``X-Hub-Signature-256`` as WhatsApp; ``messaging``
events bring messages (text, attachments, quick-reply taps) and postbacks; the sender's
PSID (Messenger) or IGSID (Instagram) is their identity, scoped to the account. Echoes of our
own messages are skipped. Outbound: the Send API, ``POST /<page-or-ig-id>/messages``, plain
text with quick replies, cards as text plus an image. The platform's window: any message for
24 hours after the customer's last one (``RESPONSE``); then until 7 days only a person's
reply, tagged ``HUMAN_AGENT``; automated messages outside 24 hours are refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from gateway import formatting, window
from gateway.channels import meta
from gateway.media import Media, describe, outgoing
from gateway.models import ChannelAccount, ChannelKind, OutboundDelivery, Receipt
from gateway.services import BadRequest, Inbound, Undeliverable, receive, record_receipt

QUICK_REPLIES = 13
MEDIA_KINDS = {"image": "image", "video": "video", "audio": "audio", "file": "document"}


def _limit(account: ChannelAccount) -> int:
    if account.kind == ChannelKind.INSTAGRAM:
        return formatting.INSTAGRAM_LIMIT
    return formatting.MESSENGER_LIMIT


def _nothing() -> tuple[bytes, str]:
    return b"", ""


def _event(account: ChannelAccount, event: dict[str, Any]) -> Inbound | None:
    sender = event.get("sender") if isinstance(event.get("sender"), dict) else {}
    sender_id = sender.get("id")
    message = event.get("message") if isinstance(event.get("message"), dict) else None
    postback = event.get("postback") if isinstance(event.get("postback"), dict) else None
    if message is None and postback is None:
        return None  # deliveries, reads, reactions: nothing to answer
    if message is not None and (message.get("is_echo") or message.get("is_deleted")):
        return None
    sent = meta.check_fresh(event.get("timestamp"), milliseconds=True)
    if not isinstance(sender_id, str | int) or not str(sender_id).isdigit():
        raise BadRequest("An event has no valid sender id.")
    sender_id = str(sender_id)[:40]
    action = ""
    media: list[Media] = []
    if postback is not None:
        text, action = formatting.chosen(
            meta.text_of(postback.get("payload"), 1000), meta.text_of(postback.get("title"))
        )
        mid = meta.text_of(postback.get("mid"), 200) or f"postback-{sender_id}-{int(sent * 1000)}"
    else:
        mid = meta.text_of(message.get("mid"), 200)
        text = meta.text_of(message.get("text"))
        quick = message.get("quick_reply")
        if isinstance(quick, dict):
            text, action = formatting.chosen(meta.text_of(quick.get("payload"), 1000), text)
        for attachment in meta.objects(message.get("attachments")):
            payload = (
                attachment.get("payload") if isinstance(attachment.get("payload"), dict) else {}
            )
            url = meta.text_of(payload.get("url"), 2000)
            kind = MEDIA_KINDS.get(str(attachment.get("type")), "file")
            if url.startswith(("https://", "http://")):
                fetch = partial(meta.fetch, account, url, bearer=False)
                media.append(Media(kind=kind, fetch=fetch))
            else:  # a shared location or a story mention: no file to fetch
                text = f"{describe(Media(kind=kind, fetch=_nothing))} {text}".strip()
    if not mid:
        raise BadRequest("A message has no mid.")
    if not text.strip() and not media:
        return None
    return Inbound(
        provider_id=mid,
        sender=sender_id,
        text=text,
        sent_at=datetime.fromtimestamp(sent, tz=UTC),
        action=action,
        media=tuple(media),
    )


def handle(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    if request.method == "GET":
        return meta.handshake(request, account)
    data = meta.verify(request, account)
    inbound: list[Inbound] = []
    delivered: list[tuple[str, datetime]] = []
    for entry in meta.objects(data.get("entry")):
        for event in meta.objects(entry.get("messaging")):
            item = _event(account, event)
            if item is not None:
                inbound.append(item)
            delivery = event.get("delivery")
            if isinstance(delivery, dict):
                at = datetime.fromtimestamp(
                    meta.check_fresh(event.get("timestamp"), milliseconds=True), tz=UTC
                )
                delivered += [(m, at) for m in delivery.get("mids") or [] if isinstance(m, str)]
    stored = duplicates = 0
    for item in inbound:
        received = receive(account, item)
        stored, duplicates = stored + received.created, duplicates + (not received.created)
    updated = sum(record_receipt(account, mid, Receipt.DELIVERED, at=at) for mid, at in delivered)
    return JsonResponse({"stored": stored, "duplicates": duplicates, "statuses": updated})


# --- outbound -----------------------------------------------------------------------------------


def _path(account: ChannelAccount) -> str:
    if account.kind == ChannelKind.INSTAGRAM:
        return f"{account.setting('instagram_id') or 'me'}/messages"
    return f"{account.setting('page_id') or 'me'}/messages"


def send(delivery: OutboundDelivery) -> str:
    account, message = delivery.account, delivery.message
    conversation = message.conversation
    permit = window.permission(conversation.channel_thread, message.sender)
    if not permit.allowed:
        raise Undeliverable(permit.reason)
    how: dict[str, Any] = (
        {"messaging_type": "MESSAGE_TAG", "tag": permit.tag}
        if permit.tag
        else {"messaging_type": "RESPONSE"}
    )
    recipient = {"recipient": {"id": delivery.recipient}}
    contents: list[dict[str, Any]] = []
    text = formatting.for_messenger(message.text, _limit(account))
    if text:
        content: dict[str, Any] = {"text": text}
        choices = formatting.options(message.payload or {}, conversation.language)
        if choices:
            content["quick_replies"] = [
                {
                    "content_type": "text",
                    "title": formatting.shorten(title, 20),
                    "payload": option_id[:1000],
                }
                for option_id, title in choices[:QUICK_REPLIES]
            ]
        contents.append(content)
    for card, image in formatting.cards(message.payload or {}, conversation.language):
        contents.append({"text": formatting.shorten(card, _limit(account))})
        if image:
            contents.append(
                {"attachment": {"type": "image", "payload": {"url": image, "is_reusable": True}}}
            )
    files = outgoing(message)
    if not contents and not files:
        raise Undeliverable("nothing to send: the message has no text, files or cards")
    ids = [
        meta.text_of(
            meta.call(account, _path(account), {**recipient, **how, "message": content}).get(
                "message_id"
            ),
            100,
        )
        for content in contents
    ]
    for item in files:  # the Send API's attachment upload (multipart "filedata")
        kind = {"image": "image", "video": "video"}.get(item.kind, "file")
        attachment = {"attachment": {"type": kind, "payload": {"is_reusable": False}}}
        form = {
            "recipient": json.dumps(recipient["recipient"]),
            "message": json.dumps(attachment),
            **how,
        }
        sent = meta.upload(
            account, _path(account), form, {"filedata": (item.name, item.data, item.content_type)}
        )
        ids.append(meta.text_of(sent.get("message_id"), 100))
    return ids[0]
