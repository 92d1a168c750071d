"""What every chat request is checked against, and the error its client is told about."""

from __future__ import annotations

import re
from typing import Any

MAX_TEXT_CHARS = 2000
MAX_COMMENT_CHARS = 1000
CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class ChatError(Exception):
    """A request the client must be told about with an error frame."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def validate_text(text: Any, limit: int = MAX_TEXT_CHARS) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ChatError("invalid_field", "text must be a non-empty string.")
    if len(text) > limit:
        raise ChatError("invalid_field", f"text is longer than {limit} characters.")
    return text.strip()


def validate_client_id(client_id: Any) -> str:
    if not isinstance(client_id, str) or not CLIENT_ID_RE.match(client_id):
        raise ChatError(
            "invalid_field", "client_id must be 1-64 letters, digits or the characters _.:-"
        )
    return client_id
