"""Provider webhooks. Thin: find the channel account by the key in the URL, let its adapter
check the signature and handle the request; forged → 403 (audited), malformed → 400."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.views import APIView

from chatbot.services import ChatError
from gateway.channels import (
    email,
    instagram,
    messenger,
    sms,
    telegram,
    voice,
    webhook,
    wechat,
    whatsapp,
)
from gateway.models import ChannelAccount, ChannelKind
from gateway.services import BadRequest, Forged, refuse_forged

Handler = Callable[[HttpRequest, ChannelAccount], HttpResponse]


def _rate_window() -> int:
    return int(time.time() // 60)


def _over_limit(kind: str, key: str, remote: str) -> bool:
    """A fixed one-minute window per channel account and caller address, in the shared
    cache, so a flood from one address cannot starve the bot for everyone else."""
    name = f"gateway-rate:{kind}:{key}:{remote}:{_rate_window()}"
    cache.add(name, 0, timeout=120)
    try:
        return cache.incr(name) > settings.GATEWAY_RATE_LIMIT_PER_MINUTE
    except ValueError:  # evicted between add and incr: count this one as the first
        return False


def _serve(request: HttpRequest, kind: str, key: str, handler: Handler) -> HttpResponse:
    if "\x00" in key:  # PostgreSQL text cannot hold NUL, so no account has such a key
        return JsonResponse({"detail": "Unknown channel."}, status=404)
    if _over_limit(kind, key, request.META.get("REMOTE_ADDR", "")):
        return JsonResponse({"detail": "Too many requests; slow down."}, status=429)
    account = (
        ChannelAccount.objects.select_related("shop")
        .filter(webhook_key=key, kind=kind, is_active=True, shop__is_active=True)
        .first()
    )
    if account is None:
        return JsonResponse({"detail": "Unknown channel."}, status=404)
    try:
        return handler(request, account)
    except Forged as exc:
        refuse_forged(account, kind, str(exc), request.META.get("REMOTE_ADDR", ""))
        return JsonResponse({"detail": "Signature check failed."}, status=403)
    except BadRequest as exc:
        return JsonResponse({"detail": str(exc)}, status=400)
    except ChatError as exc:  # e.g. a message the chat itself refuses (too long)
        return JsonResponse({"detail": exc.detail, "code": exc.code}, status=400)


@csrf_exempt
@require_http_methods(["POST"])
def sms_webhook(request: HttpRequest, key: str) -> HttpResponse:
    return _serve(request, ChannelKind.SMS, key, sms.handle)


@csrf_exempt
@require_http_methods(["POST"])
def voice_webhook(request: HttpRequest, key: str) -> HttpResponse:
    return _serve(request, ChannelKind.VOICE, key, voice.handle)


@csrf_exempt
@require_http_methods(["POST"])
def voice_speech_webhook(request: HttpRequest, key: str) -> HttpResponse:
    return _serve(request, ChannelKind.VOICE, key, voice.handle_speech)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def wechat_webhook(request: HttpRequest, key: str) -> HttpResponse:
    return _serve(request, ChannelKind.WECHAT, key, wechat.handle)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request: HttpRequest, key: str) -> HttpResponse:
    """GET: Meta's verification handshake; POST: messages and statuses, X-Hub-Signature-256."""
    return _serve(request, ChannelKind.WHATSAPP, key, whatsapp.handle)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def messenger_webhook(request: HttpRequest, key: str) -> HttpResponse:
    return _serve(request, ChannelKind.MESSENGER, key, messenger.handle)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def instagram_webhook(request: HttpRequest, key: str) -> HttpResponse:
    return _serve(request, ChannelKind.INSTAGRAM, key, instagram.handle)


@csrf_exempt
@require_http_methods(["POST"])
def telegram_webhook(request: HttpRequest, key: str) -> HttpResponse:
    return _serve(request, ChannelKind.TELEGRAM, key, telegram.handle)


SIGNATURE_HEADERS = [
    OpenApiParameter(
        "X-Signature",
        location=OpenApiParameter.HEADER,
        required=True,
        description='"sha256=" + hex HMAC-SHA256(signing secret, X-Timestamp + "." + body)',
    ),
    OpenApiParameter(
        "X-Timestamp",
        location=OpenApiParameter.HEADER,
        required=True,
        description="Unix seconds; requests older than 5 minutes are refused.",
    ),
]
REFUSALS = {
    400: OpenApiResponse(description="Malformed body; the reason is in detail."),
    403: OpenApiResponse(description="Missing, stale or wrong signature (audited)."),
    404: OpenApiResponse(description="No active channel with this key."),
}


class SignedChannelView(APIView):
    """Signed JSON in; the signature, not a session or token, says who is calling."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    kind = ""
    handler: Handler

    def post(self, request: Request, key: str) -> HttpResponse:
        return _serve(request._request, self.kind, key, type(self).handler)


@extend_schema(
    request=webhook.InboundMessage,
    parameters=SIGNATURE_HEADERS,
    responses={200: OpenApiResponse(description="Stored (or a duplicate)."), **REFUSALS},
    summary="A message from another platform (generic webhook channel)",
    description=(
        "Replies are POSTed to the channel's outbound_url as OutboundMessage JSON, signed "
        "the same way; a non-2xx answer is retried with exponential back-off."
    ),
    tags=["channels"],
)
class GenericWebhook(SignedChannelView):
    kind = ChannelKind.WEBHOOK
    handler = staticmethod(webhook.handle)


@extend_schema(
    request=email.InboundMail,
    parameters=SIGNATURE_HEADERS,
    responses={200: OpenApiResponse(description="Stored (or a duplicate)."), **REFUSALS},
    summary="A received e-mail, forwarded by the mail provider's inbound-parse hook",
    tags=["channels"],
)
class InboundEmail(SignedChannelView):
    kind = ChannelKind.EMAIL
    handler = staticmethod(email.handle)
