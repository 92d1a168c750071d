"""What SMS and voice share: Twilio's request signature and REST client."""

from __future__ import annotations

from django.http import HttpRequest
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from gateway import files
from gateway.media import Media
from gateway.models import ChannelAccount
from gateway.services import BadRequest, Forged

MAX_MEDIA = 10  # Twilio's limit per MMS, both ways


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


def media(params: dict[str, str], account: ChannelAccount) -> tuple[Media, ...]:
    """An MMS's pictures: ``NumMedia`` and ``MediaUrl0``…, fetched (with the account's
    credentials, for accounts that protect their media) when the message is stored."""
    try:
        count = min(int(params.get("NumMedia") or 0), MAX_MEDIA)
    except ValueError as exc:
        raise BadRequest("NumMedia is not a number.") from exc
    auth = (account.setting("account_sid"), account.secret("auth_token"))
    found = []
    for n in range(count):
        url = params.get(f"MediaUrl{n}", "")
        if not url:
            raise BadRequest(f"Missing MediaUrl{n}.")
        content_type = params.get(f"MediaContentType{n}", "")

        def fetch(url: str = url) -> tuple[bytes, str]:
            return files.fetch(url, limit=files.limit_for(account), auth=auth)

        found.append(Media(files.kind_of(content_type), fetch=fetch, content_type=content_type))
    return tuple(found)
