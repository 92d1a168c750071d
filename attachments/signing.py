"""Short-lived signed URLs for attachments, each bound to the one audience it was issued to.

An audience is who the URL was made for:

- ``v:<visitor token hash>``: an anonymous visitor (their widget);
- ``c:<customer id>``: an identified customer, whatever browser they use;
- ``s:<user id>``: a member of staff; the request must come with that user's session;
- ``p:<purpose>``: a provider fetching a file we send out (Twilio's MediaUrl), no session.

The token is ``django.core.signing`` of (attachment id, audience, variant) under its own salt,
with the time it was made: it expires after ``ATTACHMENT_URL_SECONDS``. It cannot be changed to
name another attachment or audience, and the view checks again, when it is used, that the
audience may still see the attachment's conversation (``attachments.access``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "attachments.url"


@dataclass(frozen=True)
class Grant:
    attachment_id: str
    audience: str
    thumbnail: bool


def token(attachment_id: Any, audience: str, *, thumbnail: bool = False) -> str:
    value = {"a": str(attachment_id), "u": audience}
    if thumbnail:
        value["t"] = 1
    return signing.dumps(value, salt=SALT, compress=True)


def url(attachment_id: Any, audience: str, *, thumbnail: bool = False) -> str:
    return reverse("attachments:file", args=[token(attachment_id, audience, thumbnail=thumbnail)])


class Expired(Exception):
    pass


class Invalid(Exception):
    pass


def read(value: str, max_age: int | None = None) -> Grant:
    age = settings.ATTACHMENT_URL_SECONDS if max_age is None else max_age
    try:
        data = signing.loads(value, salt=SALT, max_age=age)
    except signing.SignatureExpired as exc:
        raise Expired from exc
    except signing.BadSignature as exc:
        raise Invalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("a"), str):
        raise Invalid
    return Grant(data["a"], str(data.get("u", "")), bool(data.get("t")))


def visitor_audience(token_hash: str) -> str:
    return f"v:{token_hash}"


def customer_audience(customer_id: int) -> str:
    return f"c:{customer_id}"


def staff_audience(user_id: int) -> str:
    return f"s:{user_id}"


def public_audience(purpose: str) -> str:
    return f"p:{purpose}"
