"""A generic channel for any other platform: HMAC-signed JSON in (``InboundMessage``) and out
(POSTed to the account's ``outbound_url``, signed the same way)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import requests
from django.http import HttpRequest, JsonResponse
from rest_framework import serializers

from gateway import files, formatting
from gateway.channels import signing
from gateway.media import Media
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import DeliveryFailed, Inbound, receive


class InboundMessage(serializers.Serializer):
    id = serializers.CharField(max_length=200, help_text="The platform's message id (dedup key).")
    user_id = serializers.CharField(max_length=200, help_text="The sender on that platform.")
    # Longer than a chat message may be (a pasted story): the chat keeps the first 2,000
    # characters and answers, as on every channel; only absurd bodies are refused.
    text = serializers.CharField(
        max_length=20000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Up to 20,000 characters; the first 2,000 are kept. May be empty with files.",
    )
    attachments = serializers.ListField(
        child=serializers.URLField(max_length=2000),
        required=False,
        default=list,
        max_length=5,
        help_text="URLs of files the user sent (public addresses; fetched with size limits).",
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(
        choices=["zh-hans", "zh-hant", "en", ""], required=False, default=""
    )


class OutboundFile(serializers.Serializer):
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.URLField(help_text="Signed, valid for ATTACHMENT_URL_SECONDS.")


class OutboundMessage(serializers.Serializer):
    id = serializers.CharField(help_text="Our message id; the same id may arrive twice on retry.")
    conversation_id = serializers.IntegerField()
    user_id = serializers.CharField()
    sender = serializers.ChoiceField(choices=["bot", "agent", "system"])
    text = serializers.CharField(help_text="Plain text.")
    html = serializers.CharField(help_text="The same as safe HTML.")
    attachments = OutboundFile(many=True, required=False)
    cards = serializers.ListField(child=serializers.DictField(), required=False)


def handle(request: HttpRequest, account: ChannelAccount) -> JsonResponse:
    values = signing.signed_json(request, account.secret("signing_secret"), InboundMessage)
    received = receive(
        account,
        Inbound(
            provider_id=values["id"],
            sender=values["user_id"],
            text=values["text"],
            display_name=values["name"],
            language=values["language"],
            media=tuple(_piece(account, url) for url in values["attachments"]),
        ),
    )
    return JsonResponse(
        {
            "conversation_id": received.conversation.pk,
            "seq": received.message.seq,
            "duplicate": not received.created,
        }
    )


def _piece(account: ChannelAccount, url: str) -> Media:
    name = urlsplit(url).path.rsplit("/", 1)[-1][:120]

    def fetch() -> tuple[bytes, str]:
        return files.fetch(url, limit=files.limit_for(account))

    return Media("file", fetch=fetch, name=name)


def send(delivery: OutboundDelivery) -> str:
    account = delivery.account
    message = delivery.message
    outgoing = {
        "id": f"msg-{message.pk}",
        "conversation_id": message.conversation_id,
        "user_id": delivery.recipient,
        "sender": message.sender,
        "text": formatting.plain_text(message.text),
        "html": message.text,
    }
    if attached := files.of(message):
        outgoing["attachments"] = [
            {
                "name": a["name"],
                "content_type": a["content_type"],
                "size": a["size"],
                "url": files.absolute_url(a, f"webhook-{delivery.pk}"),
            }
            for a in attached
        ]
    if message.payload.get("cards"):
        outgoing["cards"] = message.payload["cards"]
    body = json.dumps(outgoing, ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json",
        **signing.headers(account.secret("signing_secret"), body),
    }
    try:
        response = requests.post(
            account.setting("outbound_url"), data=body, headers=headers, timeout=10
        )
    except requests.RequestException as exc:
        raise DeliveryFailed(str(exc)) from exc
    if response.status_code >= 300:
        raise DeliveryFailed(f"HTTP {response.status_code}: {response.text[:200]}")
    return f"msg-{message.pk}"
