"""SMS through Twilio: inbound webhook (form-encoded, signed), outbound through the REST API."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from requests.exceptions import RequestException
from twilio.base.exceptions import TwilioException
from twilio.twiml.messaging_response import MessagingResponse

from gateway import formatting
from gateway.channels import twilio_common
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import DeliveryFailed, Inbound, receive


def handle(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    params = twilio_common.verify(request, account)
    sid, sender, body = twilio_common.required(params, "MessageSid", "From", "Body")
    receive(account, Inbound(provider_id=sid, sender=sender, text=body))
    # Replies go out through the REST API (with retries), not in this response.
    return HttpResponse(str(MessagingResponse()), content_type="application/xml")


def send(delivery: OutboundDelivery) -> str:
    account = delivery.account
    try:
        message = twilio_common.client(account).messages.create(
            to=delivery.recipient,
            from_=account.setting("from_number"),
            body=formatting.for_sms(delivery.message.text),
        )
    except (TwilioException, RequestException) as exc:
        raise DeliveryFailed(str(exc)) from exc
    return message.sid or ""
