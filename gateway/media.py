"""Pictures, documents and voice notes customers send on the chat apps (WhatsApp, Telegram,
Messenger, Instagram). Each arrives as a reference the provider resolves (``fetch``): it is
downloaded into an attachment of the message (``store``); what cannot be kept (a format the
attachments refuse, such as a voice note, or a download that failed) is named in words in the
message's text instead, so the agent always sees that something came."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

PLACEHOLDER = {
    "image": "[image]",
    "document": "[document]",
    "audio": "[voice message]",
    "video": "[video]",
    "sticker": "[sticker]",
    "file": "[file]",
}


@dataclass(frozen=True)
class Media:
    kind: str  # image, document, audio, video, sticker, file
    fetch: Callable[[], tuple[bytes, str]]  # (bytes, content type), downloaded on demand
    name: str = ""
    content_type: str = ""
    caption: str = ""


def describe(media: Media, *, caption: bool = True) -> str:
    """Words for a piece of media: its kind (and file name), then its caption."""
    head = PLACEHOLDER.get(media.kind, "[file]")
    if media.name:
        head = f"{head[:-1]}: {media.name[:200]}]"
    return f"{head} {media.caption if caption else ''}".strip()


def store(account: Any, conversation: Any, media: Sequence[Media]) -> tuple[list[Any], list[str]]:
    """Fetch each piece and keep it as an attachment of the conversation (checked by content,
    re-encoded, encrypted: ``attachments.services.create``). Returns (the attachments, the
    words for what could not be kept: a voice note's format, a file too large, the provider
    unreachable), so the message always says that something came."""
    from attachments import services as files
    from attachments.models import UploaderKind

    uploads: list[Any] = []
    unstored: list[str] = []
    for piece in media[: files.MAX_PER_MESSAGE]:
        try:
            data, _content_type = piece.fetch()
            uploads.append(
                files.create(
                    account.shop,
                    data,
                    piece.name or piece.kind,
                    files.Uploader(kind=UploaderKind.CHANNEL),
                    conversation=conversation,
                )
            )
        except files.AttachmentError as exc:
            logger.info("%s %s not kept: %s", account.kind, piece.kind, exc.code)
            unstored.append(describe(piece, caption=False))
        except Exception:  # the provider's API, the network: the words stand in for it
            logger.warning("%s %s could not be fetched", account.kind, piece.kind, exc_info=True)
            unstored.append(describe(piece, caption=False))
    return uploads, unstored


@dataclass(frozen=True)
class Outgoing:
    """A file an agent sent with a message, read for a provider's upload API."""

    kind: str  # image, video, file (attachments' kinds)
    name: str
    content_type: str
    data: bytes


def outgoing(message: Any) -> list[Outgoing]:
    """The message's attachments with their bytes (decrypted from the storage), in order."""
    from attachments.models import Attachment

    return [
        Outgoing(a.kind, a.name, a.content_type, a.read_bytes())
        for a in Attachment.objects.filter(message=message).order_by("created_at", "pk")
    ]
