"""HMAC-SHA256 request signing for the generic webhook and the e-mail inbound-parse hook.

Signature header: ``X-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>." + body)>`` with
``X-Timestamp: <unix seconds>``; requests more than five minutes old are refused (replay)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

from django.http import HttpRequest
from rest_framework.serializers import Serializer

from gateway.services import BadRequest, Forged

MAX_AGE_SECONDS = 300


def sign(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def headers(secret: str, body: bytes) -> dict[str, str]:
    timestamp = int(time.time())
    return {"X-Timestamp": str(timestamp), "X-Signature": sign(secret, body, timestamp)}


def verify(request: HttpRequest, secret: str) -> None:
    signature = request.headers.get("X-Signature", "")
    try:
        timestamp = int(request.headers.get("X-Timestamp", ""))
    except ValueError as exc:
        raise Forged("missing or bad X-Timestamp") from exc
    if not signature or not secret:
        raise Forged("missing X-Signature")
    if abs(time.time() - timestamp) > MAX_AGE_SECONDS:
        raise Forged("X-Timestamp too old")
    if not hmac.compare_digest(signature, sign(secret, request.body, timestamp)):
        raise Forged("bad X-Signature")


def signed_json(request: HttpRequest, secret: str, row: type[Serializer]) -> dict[str, Any]:
    """The validated body of a signed JSON request: 403 unless signed, 400 with the reason
    unless it is JSON of the expected shape."""
    verify(request, secret)
    try:
        data = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:  # too deep
        raise BadRequest("The body must be JSON.") from exc
    parsed = row(data=data)
    if not parsed.is_valid():
        raise BadRequest(json.dumps(parsed.errors, ensure_ascii=False))
    return dict(parsed.validated_data)
