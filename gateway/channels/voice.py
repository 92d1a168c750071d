"""Voice through Twilio: greet, listen (<Gather input="speech">), answer with <Say>, and put
the caller through to a person when the conversation is handed off. The call's transcript is
the conversation, so agents see it like any chat."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from twilio.twiml.voice_response import Gather, VoiceResponse

from conversations.models import ConversationStatus
from gateway import formatting
from gateway.channels import twilio_common
from gateway.models import ChannelAccount, OutboundDelivery
from gateway.services import DeliveryFailed, Inbound, receive

TEXT = {
    "zh-CN": {
        "greeting": "您好，欢迎致电{shop}。请说出您的问题。",
        "again": "还有其他问题吗？",
        "transfer": "正在为您转接人工客服，请稍候。",
        "unheard": "抱歉，我没有听清。",
    },
    "en-US": {
        "greeting": "Hello, thank you for calling {shop}. How can I help you?",
        "again": "Anything else?",
        "transfer": "Let me put you through to a person. Please hold.",
        "unheard": "Sorry, I didn't catch that.",
    },
}


def _language(account: ChannelAccount) -> str:
    language = account.setting("language", "zh-CN")
    return language if language in TEXT else "zh-CN"


def _listen(response: VoiceResponse, account: ChannelAccount, prompt: str) -> VoiceResponse:
    language = _language(account)
    gather = Gather(
        input="speech",
        language=language,
        speech_timeout="auto",
        action=reverse("gateway_voice_speech", args=[account.webhook_key]),
        method="POST",
    )
    gather.say(prompt, language=language)
    response.append(gather)
    return response


def handle(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    """A call comes in: greet and listen."""
    params = twilio_common.verify(request, account)
    twilio_common.required(params, "CallSid", "From")
    text = TEXT[_language(account)]
    response = _listen(VoiceResponse(), account, text["greeting"].format(shop=account.shop.name))
    return HttpResponse(str(response), content_type="application/xml")


def handle_speech(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    """What the caller said: the bot answers aloud, or the call goes to a person."""
    params = twilio_common.verify(request, account)
    call, caller = twilio_common.required(params, "CallSid", "From")
    text = TEXT[_language(account)]
    speech = params.get("SpeechResult", "").strip()
    response = VoiceResponse()
    if not speech:
        return _xml(_listen(response, account, text["unheard"]))
    # Twilio retries a webhook with the same parameters: the same words in the same call.
    said = hashlib.sha256(speech.encode()).hexdigest()[:16]
    received = receive(
        account,
        Inbound(provider_id=f"{call}:{said}", sender=caller, text=speech),
        passive=True,
    )
    for reply in received.replies:
        spoken = formatting.for_speech(reply.text)
        if spoken:
            response.say(spoken, language=_language(account))
    received.conversation.refresh_from_db()
    if received.conversation.status != ConversationStatus.BOT:
        if not received.replies:
            response.say(text["transfer"], language=_language(account))
        if number := account.setting("agent_number"):
            response.dial(number)
        else:
            response.enqueue(account.setting("queue", "support"))
        return _xml(response)
    return _xml(_listen(response, account, text["again"]))


def _xml(response: VoiceResponse) -> HttpResponse:
    return HttpResponse(str(response), content_type="application/xml")


def send(delivery: OutboundDelivery) -> str:
    # Never called: voice replies are spoken in the call (services.wants_delivery).
    raise DeliveryFailed("Voice replies are spoken during the call, not sent afterwards.")
