"""What WhatsApp, Messenger and Instagram share (Meta's platform): the webhook verification
handshake, the ``X-Hub-Signature-256`` check, freshness, and calls to the Graph API.

Meta signs every webhook POST with ``sha256=<hex HMAC-SHA256(app secret, raw body)>``. The body
carries each message's own timestamp; Meta retries an unanswered webhook for up to 7 days, so
a signed message older than that is a replay, refused like a forgery."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import requests
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from gateway.models import ChannelAccount
from gateway.services import BadRequest, DeliveryFailed, Forged, Undeliverable

DEFAULT_GRAPH_URL = "https://graph.facebook.com"
DEFAULT_GRAPH_VERSION = "v21.0"
DEFAULT_MAX_AGE_SECONDS = 7 * 24 * 3600
FUTURE_SKEW_SECONDS = 300
# Graph API error codes that mean "later" (throttling, temporary trouble), not "never".
RETRYABLE_CODES = {1, 2, 4, 17, 32, 341, 613, 80007, 130429, 131000, 131016, 131056}
MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024  # WhatsApp's largest document


def graph_base(account: ChannelAccount) -> str:
    base = account.setting("api_base_url") or getattr(
        settings, "GATEWAY_META_GRAPH_URL", DEFAULT_GRAPH_URL
    )
    version = getattr(settings, "GATEWAY_META_GRAPH_VERSION", DEFAULT_GRAPH_VERSION)
    return f"{base.rstrip('/')}/{version}"


def handshake(request: HttpRequest, account: ChannelAccount) -> HttpResponse:
    """Meta's subscription check: echo ``hub.challenge`` when ``hub.verify_token`` is ours."""
    expected = account.secret("verify_token")
    token = request.GET.get("hub.verify_token", "")
    if request.GET.get("hub.mode") != "subscribe" or not expected:
        raise Forged("bad hub.mode or no verify token set")
    if not hmac.compare_digest(token.encode(), expected.encode()):
        raise Forged("bad hub.verify_token")
    challenge = request.GET.get("hub.challenge", "")
    if not challenge or len(challenge) > 200 or not challenge.isprintable():
        raise BadRequest("hub.challenge is missing or malformed.")
    return HttpResponse(challenge, content_type="text/plain")


def verify(request: HttpRequest, account: ChannelAccount) -> dict[str, Any]:
    """The JSON body, once its signature proves Meta sent it with this account's app secret."""
    header = request.headers.get("X-Hub-Signature-256", "")
    secret = account.secret("app_secret")
    if not header.startswith("sha256=") or not secret:
        raise Forged("missing X-Hub-Signature-256")
    expected = "sha256=" + hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(header.lower().encode(), expected.encode()):
        raise Forged("bad X-Hub-Signature-256")
    try:
        data = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise BadRequest("The body must be JSON.") from exc
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    return data


def check_fresh(timestamp: Any, *, milliseconds: bool = False) -> float:
    """The message's time in Unix seconds; a replay older than Meta retries, or a time far in
    the future, is refused (403, audited)."""
    try:
        seconds = float(timestamp) / (1000 if milliseconds else 1)
    except (TypeError, ValueError, OverflowError) as exc:
        raise BadRequest("A message has no valid timestamp.") from exc
    if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN, infinities
        raise BadRequest("A message has no valid timestamp.")
    max_age = getattr(settings, "GATEWAY_META_MAX_AGE_SECONDS", DEFAULT_MAX_AGE_SECONDS)
    now = time.time()
    if now - seconds > max_age:
        raise Forged("stale message timestamp")
    if seconds - now > FUTURE_SKEW_SECONDS:
        raise Forged("message timestamp in the future")
    return seconds


def objects(value: Any) -> list[dict[str, Any]]:
    """The dicts of a JSON list (anything else in a webhook body is ignored)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def text_of(value: Any, limit: int = 20000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _raise_for(response: requests.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    if response.status_code < 300:
        return data
    error = data.get("error") if isinstance(data.get("error"), dict) else {}
    code = error.get("code")
    detail = f"HTTP {response.status_code}: {error.get('message') or response.text[:200]}"
    if code is not None:
        detail += f" (code {code})"
    if (
        response.status_code >= 500
        or response.status_code in (408, 429)
        or (code in RETRYABLE_CODES)
    ):
        raise DeliveryFailed(detail)
    raise Undeliverable(detail)


def call(account: ChannelAccount, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST to the Graph API with the account's access token; a refusal for good (4xx) is
    Undeliverable, anything temporary DeliveryFailed (retried)."""
    try:
        response = requests.post(
            f"{graph_base(account)}/{path}",
            json=body,
            headers={"Authorization": f"Bearer {account.secret('access_token')}"},
            timeout=10,
        )
    except requests.RequestException as exc:
        raise DeliveryFailed(str(exc)) from exc
    return _raise_for(response)


def upload(
    account: ChannelAccount, path: str, data: dict[str, str], files: dict[str, Any]
) -> dict[str, Any]:
    """A multipart POST (a file for WhatsApp's media endpoint or Messenger's Send API)."""
    try:
        response = requests.post(
            f"{graph_base(account)}/{path}",
            data=data,
            files=files,
            headers={"Authorization": f"Bearer {account.secret('access_token')}"},
            timeout=30,
        )
    except requests.RequestException as exc:
        raise DeliveryFailed(str(exc)) from exc
    return _raise_for(response)


def fetch(account: ChannelAccount, url: str, *, bearer: bool = True) -> tuple[bytes, str]:
    """Download a file Meta holds for us, up to ``MAX_DOWNLOAD_BYTES``: WhatsApp media with the
    bearer token, Messenger's attachment URLs (signed already) without. (bytes, content type)."""
    headers = {"Authorization": f"Bearer {account.secret('access_token')}"} if bearer else {}
    with requests.get(url, headers=headers, timeout=30, stream=True) as response:
        if response.status_code >= 300:
            raise DeliveryFailed(f"HTTP {response.status_code} fetching media")
        chunks, size = [], 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > MAX_DOWNLOAD_BYTES:
                raise DeliveryFailed("media larger than allowed")
            chunks.append(chunk)
        return b"".join(chunks), response.headers.get("Content-Type", "")
