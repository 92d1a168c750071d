"""A generic channel for any other platform: HMAC-signed JSON in (``InboundMessage``) and out
(POSTed to the account's ``outbound_url``, signed the same way)."""

from __future__ import annotations

import json

import requests
from django.http import HttpRequest, JsonResponse
from rest_framework import serializers

from gateway import formatting
from gateway.channels import signing
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import DeliveryFailed, Inbound, receive


class InboundMessage(serializers.Serializer):
    id = serializers.CharField(max_length=200, help_text="The platform's message id (dedup key).")
    user_id = serializers.CharField(max_length=200, help_text="The sender on that platform.")
    text = serializers.CharField(max_length=2000)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(
        choices=["zh-hans", "zh-hant", "en", ""], required=False, default=""
    )


class OutboundMessage(serializers.Serializer):
    id = serializers.CharField(help_text="Our message id; the same id may arrive twice on retry.")
    conversation_id = serializers.IntegerField()
    user_id = serializers.CharField()
    sender = serializers.ChoiceField(choices=["bot", "agent", "system"])
    text = serializers.CharField(help_text="Plain text.")
    html = serializers.CharField(help_text="The same as safe HTML.")


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
        ),
    )
    return JsonResponse(
        {
            "conversation_id": received.conversation.pk,
            "seq": received.message.seq,
            "duplicate": not received.created,
        }
    )


def send(delivery: OutboundDelivery) -> str:
    account = delivery.account
    message = delivery.message
    body = json.dumps(
        {
            "id": f"msg-{message.pk}",
            "conversation_id": message.conversation_id,
            "user_id": delivery.recipient,
            "sender": message.sender,
            "text": formatting.plain_text(message.text),
            "html": message.text,
        },
        ensure_ascii=False,
    ).encode()
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
