"""SMS through Twilio: inbound webhook (form-encoded, signed), outbound through the REST API."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from requests.exceptions import RequestException
from twilio.base.exceptions import TwilioException
from twilio.twiml.messaging_response import MessagingResponse

from gateway import files, formatting
from gateway.channels import twilio_common
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import DeliveryFailed, Inbound, receive


def handle(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    params = twilio_common.verify(request, account)
    pictures = twilio_common.media(params, account)
    names = ("MessageSid", "From") if pictures else ("MessageSid", "From", "Body")
    sid, sender = twilio_common.required(params, *names)[:2]
    receive(
        account,
        Inbound(provider_id=sid, sender=sender, text=params.get("Body", ""), media=pictures),
    )
    # Replies go out through the REST API (with retries), not in this response.
    return HttpResponse(str(MessagingResponse()), content_type="application/xml")


def send(delivery: OutboundDelivery) -> str:
    """The text as an SMS; images go with it as MMS media (Twilio fetches them from a signed
    URL), other files as signed links in the text."""
    account = delivery.account
    attached = files.of(delivery.message)
    purpose = f"sms-{delivery.pk}"
    images = [files.absolute_url(a, purpose) for a in attached if a["kind"] == "image"]
    links = files.links_text(
        [a for a in attached if a["kind"] != "image"],
        purpose,
        delivery.message.conversation.language,
    )
    body = "\n".join(p for p in (delivery.message.text, links) if p)
    extra = {"media_url": images[: twilio_common.MAX_MEDIA]} if images else {}
    try:
        message = twilio_common.client(account).messages.create(
            to=delivery.recipient,
            from_=account.setting("from_number"),
            body=formatting.for_sms(body),
            **extra,
        )
    except (TwilioException, RequestException) as exc:
        raise DeliveryFailed(str(exc)) from exc
    return message.sid or ""
