"""What SMS and voice share: Twilio's request signature and REST client."""

from __future__ import annotations

from django.http import HttpRequest
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from gateway.models import ChannelAccount
from gateway.services import BadRequest, Forged


def verify(request: HttpRequest, account: ChannelAccount) -> dict[str, str]:
    """The form parameters, once ``X-Twilio-Signature`` proves Twilio sent them to this URL."""
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature:
        raise Forged("missing X-Twilio-Signature")
    params = request.POST.dict()
    validator = RequestValidator(account.secret("auth_token"))
    if not validator.validate(request.build_absolute_uri(), params, signature):
        raise Forged("bad X-Twilio-Signature")
    return params


def required(params: dict[str, str], *names: str) -> list[str]:
    missing = [n for n in names if not params.get(n)]
    if missing:
        raise BadRequest(f"Missing {', '.join(missing)}.")
    return [params[n] for n in names]


def client(account: ChannelAccount) -> Client:
    rest = Client(account.setting("account_sid"), account.secret("auth_token"))
    if base := account.setting("api_base_url"):
        rest.api.base_url = base
    return rest
