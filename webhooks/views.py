"""A demo receiver for the shop side of event webhooks: it checks the signature exactly as a
shop's endpoint should (``gateway.channels.signing.verify``) and logs the event. On only with
``WEBHOOK_ECHO`` (default: DEBUG), so ``make run`` shows deliveries succeeding."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gateway.channels import signing
from gateway.services import Forged
from webhooks.models import WebhookSubscription

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def echo(request: HttpRequest) -> JsonResponse:
    if not getattr(settings, "WEBHOOK_ECHO", settings.DEBUG):
        raise Http404
    subscription_id = request.headers.get("X-Webhook-Subscription", "")
    subscription = (
        WebhookSubscription.objects.filter(pk=int(subscription_id)).first()
        if subscription_id.isdigit() and len(subscription_id) < 10
        else None
    )
    try:
        signing.verify(request, subscription.secret if subscription else "")
    except Forged as exc:
        logger.warning("webhook echo: refused (%s)", exc)
        return JsonResponse({"ok": False, "error": str(exc)}, status=403)
    try:
        event = json.loads(request.body)
    except (ValueError, RecursionError):
        return JsonResponse({"ok": False, "error": "not JSON"}, status=400)
    logger.info(
        "webhook echo: %s %s verified (subscription %s)",
        event.get("type") if isinstance(event, dict) else "?",
        request.headers.get("X-Webhook-Id", ""),
        subscription_id,
    )
    return JsonResponse({"ok": True})
