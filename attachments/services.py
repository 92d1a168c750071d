"""Uploading, attaching and describing attachments: the plain functions the views, the chat
services, the channel gateway and the privacy code call.

An upload is checked by content (``sniffing``), images are re-encoded (``images``), the bytes
are encrypted into the storage (``storage``) and a row records who uploaded what. The message
that carries it claims it (``claim``) in the same transaction as the message is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from attachments import images, signing, storage
from attachments.models import Attachment, AttachmentKind, ShopAttachmentPolicy, UploaderKind
from attachments.sniffing import HEIC, sniff
from core import crypto

logger = logging.getLogger(__name__)

MAX_PER_MESSAGE = 5
MAX_NAME_CHARS = 120
UNATTACHED_FOR = dt.timedelta(days=1)


class AttachmentError(Exception):
    """An upload or reference the client must be told about: ``code`` is the contract's error
    code, ``status`` the HTTP status, ``values`` fill the human message."""

    def __init__(self, code: str, status: int, detail: str, **values: Any) -> None:
        super().__init__(detail)
        self.code, self.status, self.detail, self.values = code, status, detail, values


def max_bytes(shop: Any) -> int:
    policy = ShopAttachmentPolicy.objects.filter(shop=shop).values_list("max_file_mb", flat=True)
    limit = policy.first()
    return limit * 1024 * 1024 if limit else settings.ATTACHMENT_MAX_BYTES


def check_rate(who: str, factor: int = 1) -> None:
    """At most ``ATTACHMENT_UPLOADS_PER_HOUR`` (× ``factor``) uploads per visitor, member of
    staff or address (a fixed hourly window in the shared cache, so it holds across daphnes)."""
    window = timezone.now().strftime("%Y%m%d%H")
    namespace = getattr(settings, "ATTACHMENT_RATE_NAMESPACE", "")
    key = f"attach-rate:{namespace}:{hashlib.sha256(who.encode()).hexdigest()[:32]}:{window}"
    cache.add(key, 0, timeout=3700)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3700)
        count = 1
    if count > settings.ATTACHMENT_UPLOADS_PER_HOUR * factor:
        raise AttachmentError("rate_limited", 429, "Too many uploads; try again later.")


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def clean_name(name: str, extension: str) -> str:
    """The file's base name, printable, at most 120 characters, with the extension of what it
    really is (a HEIC photo becomes .jpg; ``invoice.png`` that is a PDF becomes .pdf)."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    base = _UNSAFE_NAME.sub("_", base).strip(" .") or "file"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem[: MAX_NAME_CHARS - len(extension) - 1] or "file"
    return f"{stem}.{extension}"


@dataclass(frozen=True)
class Uploader:
    """Who uploads: a visitor (their token's hash), a member of staff, or a channel."""

    kind: str
    visitor_token_hash: str = ""
    user: Any = None


def create(
    shop: Any,
    data: bytes,
    name: str,
    uploader: Uploader,
    *,
    conversation: Any = None,
    limit: int | None = None,
) -> Attachment:
    """Check, re-encode, encrypt and store ``data``; returns the new, unattached row."""
    limit = max_bytes(shop) if limit is None else limit
    if len(data) > limit:
        raise AttachmentError(
            "too_large",
            413,
            f"The file is larger than {limit // (1024 * 1024)} MB.",
            limit=limit // (1024 * 1024),
        )
    if not data:
        raise AttachmentError("bad_request", 400, "The file is empty.")
    kind = sniff(data)
    if kind is None:
        raise AttachmentError(
            "unsupported_type", 415, "Only JPEG, PNG, WebP, GIF, HEIC, PDF and MP4 are accepted."
        )
    width = height = None
    thumbnail = b""
    content_type, extension = kind.content_type, kind.extension
    if kind.kind == AttachmentKind.IMAGE:
        try:
            processed = images.reencode(data, kind)
        except images.ImageRejected as exc:
            status = 413 if exc.code == "too_large" else 415
            raise AttachmentError(
                exc.code, status, exc.detail, limit=limit // (1024 * 1024)
            ) from exc
        data, width, height, thumbnail = (
            processed.data,
            processed.width,
            processed.height,
            processed.thumbnail,
        )
        if kind is HEIC:
            content_type, extension = "image/jpeg", "jpg"
    attachment_id = uuid.uuid4()
    # Keys say nothing about the file: no name, no type.
    prefix = f"{shop.pk}/{attachment_id.hex[:2]}/{attachment_id.hex}"
    file_key = storage.save(f"{prefix}/file", data)
    thumbnail_key = storage.save(f"{prefix}/thumb", thumbnail) if thumbnail else ""
    try:
        return Attachment.objects.create(
            id=attachment_id,
            shop=shop,
            conversation=conversation,
            uploader_kind=uploader.kind,
            visitor_token_hash=uploader.visitor_token_hash,
            uploaded_by=uploader.user,
            name=clean_name(name, extension),
            size=len(data),
            content_type=content_type,
            kind=kind.kind,
            width=width,
            height=height,
            file_key=file_key,
            thumbnail_key=thumbnail_key,
        )
    except Exception:
        storage.delete(file_key, thumbnail_key)  # no row, no file
        raise


# --- attaching to messages -----------------------------------------------------------------------


def parse_ids(value: Any) -> list[str]:
    """The ``attachments`` field of a frame: a list of at most 5 distinct ids (uuid strings)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AttachmentError("invalid_field", 400, "attachments must be a list of ids.")
    if len(value) > MAX_PER_MESSAGE:
        raise AttachmentError(
            "invalid_field", 400, f"At most {MAX_PER_MESSAGE} attachments per message."
        )
    ids: list[str] = []
    for raw in value:
        try:
            ids.append(str(uuid.UUID(raw)))
        except ValueError as exc:
            raise AttachmentError("invalid_field", 400, "attachments holds an invalid id.") from exc
    if len(set(ids)) != len(ids):
        raise AttachmentError("invalid_field", 400, "attachments lists an id twice.")
    return ids


def claimable(
    ids: list[str],
    shop: Any,
    *,
    visitor_token_hash: str = "",
    user: Any = None,
    conversation: Any = None,
) -> list[Attachment]:
    """The uploads ``ids`` name, if every one is this uploader's and not on a message yet
    (a customer's: their visitor token; staff's: theirs, for this conversation)."""
    if not ids:
        return []
    rows = Attachment.objects.filter(pk__in=ids, shop=shop, message__isnull=True)
    if user is not None:
        rows = rows.filter(uploaded_by=user, conversation=conversation)
    else:
        rows = rows.filter(
            uploader_kind=UploaderKind.CUSTOMER, visitor_token_hash=visitor_token_hash
        )
    found = {str(a.pk): a for a in rows}
    if len(found) != len(ids):
        raise AttachmentError(
            "invalid_field", 400, "An attachment is unknown, not yours, or already sent."
        )
    return [found[i] for i in ids]


def descriptor(attachment: Attachment) -> dict[str, Any]:
    """What a message's payload keeps about an attachment, to show it without a query: the
    name stays encrypted there as it is in the row."""
    data: dict[str, Any] = {
        "id": str(attachment.pk),
        "name_enc": crypto.encrypt(attachment.name),
        "size": attachment.size,
        "content_type": attachment.content_type,
        "kind": attachment.kind,
    }
    if attachment.width:
        data.update(width=attachment.width, height=attachment.height)
    if attachment.thumbnail_key:
        data["thumbnail"] = True
    return data


def claim(attachments: Iterable[Attachment], message: Any) -> int:
    """Tie uploads to the stored message (in its transaction): from now on they are the
    conversation's, visible to whoever may see it. Returns how many were still free."""
    ids = [a.pk for a in attachments]
    if not ids:
        return 0
    return Attachment.objects.filter(pk__in=ids, message__isnull=True).update(
        message=message, conversation_id=message.conversation_id
    )


def public_dicts(stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The payload's descriptors as message objects carry them, before URLs are added."""
    out = []
    for item in stored:
        data = {k: v for k, v in item.items() if k not in ("name_enc", "thumbnail")}
        try:
            data["name"] = crypto.decrypt(item.get("name_enc", ""))
        except crypto.DecryptionError:
            data["name"] = "file"
        if item.get("thumbnail"):
            data["has_thumbnail"] = True
        out.append(data)
    return out


def with_urls(items: list[dict[str, Any]], audience: str) -> list[dict[str, Any]]:
    """Message-object attachments with fresh URLs signed for ``audience``."""
    signed = []
    for item in items:
        data = {k: v for k, v in item.items() if k != "has_thumbnail"}
        data["url"] = signing.url(item["id"], audience)
        if item.get("has_thumbnail"):
            data["thumbnail_url"] = signing.url(item["id"], audience, thumbnail=True)
        signed.append(data)
    return signed


def as_json(attachment: Attachment, audience: str) -> dict[str, Any]:
    """The upload endpoint's answer (docs/chat-protocol.md)."""
    return with_urls(public_dicts([descriptor(attachment)]), audience)[0]


# --- deleting ------------------------------------------------------------------------------------


def delete_files(attachments: Iterable[Attachment]) -> int:
    """Delete the stored files of ``attachments`` (rows are the caller's business)."""
    n = 0
    for attachment in attachments:
        try:
            storage.delete(attachment.file_key, attachment.thumbnail_key)
        except OSError:
            logger.exception("could not delete the files of attachment %s", attachment.pk)
            continue
        n += 1
    return n


def delete_attachments(queryset: Any) -> int:
    """Delete the rows; their files go once that commits (``attachments.receivers``)."""
    _count, by_model = queryset.delete()
    return by_model.get(Attachment._meta.label, 0)


def forget_files_on_commit(attachment: Attachment) -> None:
    """A deleted row's files, deleted once the deletion commits (a rollback keeps both)."""
    transaction.on_commit(lambda: delete_files([attachment]))


def purge_unattached(now: dt.datetime | None = None) -> int:
    """Uploads that no message carried within a day (an abandoned composer)."""
    cutoff = (now or timezone.now()) - UNATTACHED_FOR
    return delete_attachments(
        Attachment.objects.filter(message__isnull=True, created_at__lt=cutoff)
    )
