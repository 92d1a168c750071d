"""Files on the provider channels (WeChat, SMS/MMS, e-mail, the generic webhook): fetching what
customers send, with limits, and what agents send, as each channel can carry it.

Inbound pieces become ``gateway.media.Media`` and then attachments of the message, exactly as a
widget upload (checked by content, re-encoded, encrypted). Outbound, an image goes as the
channel's own media where it has some (WeChat image message, MMS, an e-mail attachment), else as
a link: a signed URL that works for ``ATTACHMENT_URL_SECONDS``.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings

from attachments import signing
from attachments.models import Attachment
from attachments.services import max_bytes, public_dicts
from knowledge import texts

MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 10


class FetchRefused(Exception):
    """A URL we will not fetch (a private address, a bad scheme, too large)."""


def _public_host(host: str) -> bool:
    """Every address ``host`` resolves to is a public one: a customer-supplied URL must not
    reach the platform's own network (metadata services, Redis, the admin)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return False
    return True


def _check(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(f"not a web URL: {url[:100]}")
    if not settings.GATEWAY_MEDIA_ALLOW_PRIVATE and not _public_host(parts.hostname):
        raise FetchRefused(f"{parts.hostname} is not a public address")


def fetch(url: str, *, limit: int, auth: tuple[str, str] | None = None) -> tuple[bytes, str]:
    """(bytes, content type) of ``url``, following at most 3 redirects, each checked like the
    URL itself; refused beyond ``limit`` bytes without reading the rest."""
    for _hop in range(MAX_REDIRECTS + 1):
        _check(url)
        response = requests.get(
            url, auth=auth, stream=True, timeout=TIMEOUT_SECONDS, allow_redirects=False
        )
        if response.is_redirect and response.headers.get("Location"):
            url = urljoin(url, response.headers["Location"])
            auth = None  # credentials are for the provider's own host only
            response.close()
            continue
        response.raise_for_status()
        if int(response.headers.get("Content-Length") or 0) > limit:
            response.close()
            raise FetchRefused("larger than the shop's limit")
        data = b""
        for chunk in response.iter_content(64 * 1024):
            data += chunk
            if len(data) > limit:
                response.close()
                raise FetchRefused("larger than the shop's limit")
        return data, response.headers.get("Content-Type", "")
    raise FetchRefused("too many redirects")


def kind_of(content_type: str) -> str:
    """The ``Media.kind`` for a provider's MIME type."""
    major = content_type.split("/", 1)[0].lower()
    return {"image": "image", "video": "video", "audio": "audio"}.get(major, "file")


def limit_for(account: Any) -> int:
    return max_bytes(account.shop)


# --- outbound ------------------------------------------------------------------------------------


def of(message: Any) -> list[dict[str, Any]]:
    """The attachments a message carries, as message objects describe them."""
    stored = message.payload.get("attachments")
    return public_dicts(stored) if isinstance(stored, list) else []


def content(item: dict[str, Any]) -> bytes:
    return Attachment.objects.get(pk=item["id"]).read_bytes()


def absolute_url(item: dict[str, Any], purpose: str) -> str:
    """A URL a provider (Twilio fetching an MMS image) or the customer can open without a
    session, signed for ``purpose`` and short-lived."""
    path = signing.url(item["id"], signing.public_audience(purpose))
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def links_text(items: list[dict[str, Any]], purpose: str, language: str) -> str:
    """One line per attachment, with its signed link, for channels without media."""
    return "\n".join(
        texts.text("attachment_link", language, name=i["name"], url=absolute_url(i, purpose))
        for i in items
    )
