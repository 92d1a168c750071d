"""E-mail: an inbound-parse webhook (the mail provider POSTs each received mail as signed JSON)
and replies through Django's mail backend (SMTP in production), threaded with In-Reply-To."""

from __future__ import annotations

import smtplib
from email.utils import make_msgid

from django.core.mail import EmailMessage
from django.http import HttpRequest, JsonResponse
from rest_framework import serializers

from gateway import formatting
from gateway.channels import signing
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import DeliveryFailed, Inbound, receive


class InboundMail(serializers.Serializer):
    message_id = serializers.CharField(max_length=255)
    sender = serializers.EmailField()
    sender_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    subject = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    text = serializers.CharField(max_length=20000)


def handle(request: HttpRequest, account: ChannelAccount) -> JsonResponse:
    values = signing.signed_json(request, account.secret("signing_secret"), InboundMail)
    received = receive(
        account,
        Inbound(
            provider_id=values["message_id"],
            sender=values["sender"],
            text=_without_quote(values["text"]),
            display_name=values["sender_name"],
            subject=values["subject"],
            reference=values["message_id"],
        ),
    )
    return JsonResponse(
        {"conversation_id": received.conversation.pk, "duplicate": not received.created}
    )


def _without_quote(text: str) -> str:
    """The new part of a reply: mail clients quote the whole thread below it."""
    kept = []
    for line in text.splitlines():
        if line.startswith(">") or (line.startswith("On ") and line.rstrip().endswith("wrote:")):
            break
        kept.append(line)
    return "\n".join(kept).strip() or text.strip()


def send(delivery: OutboundDelivery) -> str:
    account = delivery.account
    thread = delivery.message.conversation.channel_thread
    message_id = make_msgid(domain=account.setting("address").partition("@")[2] or None)
    subject = thread.subject or account.shop.name
    headers = {"Message-ID": message_id}
    if thread.reference:
        headers |= {"In-Reply-To": thread.reference, "References": thread.reference}
    mail = EmailMessage(
        subject=subject if subject.lower().startswith("re:") else f"Re: {subject}",
        body=formatting.plain_text(delivery.message.text),
        from_email=account.setting("address") or None,
        to=[delivery.recipient],
        headers=headers,
    )
    try:
        mail.send()
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryFailed(str(exc)) from exc
    return message_id
