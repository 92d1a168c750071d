"""E-mail: an inbound-parse webhook (the mail provider POSTs each received mail as signed JSON)
and replies through Django's mail backend (SMTP in production), threaded with In-Reply-To."""

from __future__ import annotations

import base64
import binascii
import re
import smtplib
from email.utils import make_msgid

from django.core.mail import EmailMessage
from django.http import HttpRequest, JsonResponse
from rest_framework import serializers

from gateway import files, formatting
from gateway.channels import signing
from gateway.media import Media
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import DeliveryFailed, Inbound, receive


class MailFile(serializers.Serializer):
    name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    content_type = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    content_base64 = serializers.CharField()

    def validate_content_base64(self, value: str) -> bytes:
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError("Not base64.") from exc


def _pieces(values: list[dict]) -> tuple[Media, ...]:
    return tuple(
        Media(
            files.kind_of(item["content_type"]),
            fetch=lambda item=item: (item["content_base64"], item["content_type"]),
            name=item["name"],
            content_type=item["content_type"],
        )
        for item in values
    )


class InboundMail(serializers.Serializer):
    message_id = serializers.CharField(max_length=255)
    sender = serializers.EmailField()
    sender_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    subject = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    text = serializers.CharField(max_length=20000)
    # The provider's sender checks, as its inbound parse reports them: SendGrid's "SPF"
    # ("pass") and "dkim" ("{@example.com : pass}"), Mailgun's X-Mailgun-Spf ("Pass") and
    # X-Mailgun-Dkim-Check-Result ("Pass").
    spf = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    dkim = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    # The mail's files, as the inbound-parse provider hands them over (at most 5 are kept).
    attachments = serializers.ListField(
        child=MailFile(), required=False, default=list, max_length=10
    )


_DKIM_RESULT = re.compile(r"@?([A-Za-z0-9.-]+)\s*:\s*([A-Za-z]+)")


def sender_verified(sender: str, spf: str, dkim: str) -> bool:
    """True when the provider says the From address is genuine: SPF passed, or DKIM passed
    (for the sender's domain or a parent of it, when the verdict names domains). Anything
    else, a missing verdict included, leaves the sender unverified (issue 17 L2)."""
    if spf.strip().lower().startswith("pass"):
        return True
    verdict = dkim.strip().lower()
    if verdict == "pass":
        return True
    domain = sender.rpartition("@")[2].lower()
    return any(
        result == "pass" and (domain == signer or domain.endswith("." + signer))
        for signer, result in ((d.lower(), r.lower()) for d, r in _DKIM_RESULT.findall(verdict))
    )


def header_safe(value: str) -> str:
    """A header value without line breaks or other control characters: an inbound subject
    or Message-ID with CR/LF would make the reply raise BadHeaderError (issue 17 L1)."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())


def handle(request: HttpRequest, account: ChannelAccount) -> JsonResponse:
    values = signing.signed_json(request, account.secret("signing_secret"), InboundMail)
    received = receive(
        account,
        Inbound(
            provider_id=values["message_id"],
            sender=values["sender"],
            text=_without_quote(values["text"]),
            display_name=values["sender_name"],
            subject=header_safe(values["subject"]),
            reference=header_safe(values["message_id"]),
            sender_verified=sender_verified(values["sender"], values["spf"], values["dkim"]),
            media=_pieces(values["attachments"]),
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
    # Threads stored before inbound headers were cleaned may still hold line breaks.
    subject = header_safe(thread.subject) or account.shop.name
    headers = {"Message-ID": message_id}
    if reference := header_safe(thread.reference):
        headers |= {"In-Reply-To": reference, "References": reference}
    mail = EmailMessage(
        subject=subject if subject.lower().startswith("re:") else f"Re: {subject}",
        body=formatting.plain_text(delivery.message.text),
        from_email=account.setting("address") or None,
        to=[delivery.recipient],
        headers=headers,
    )
    for item in files.of(delivery.message):  # the agent's files travel with the mail
        mail.attach(item["name"], files.content(item), item["content_type"])
    try:
        mail.send()
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryFailed(str(exc)) from exc
    return message_id
