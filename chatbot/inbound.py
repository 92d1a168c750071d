"""Every frame a client may send, with the type of each of its fields (docs/chat-protocol.md).

The consumers check a frame here once, before any handler runs: a field of the wrong type (a
list where a string belongs, say) is answered with an ``invalid_field`` error frame instead of
reaching code that would raise and close the socket with 1011. Whether a field is required, and
what values are allowed, stays with the handler, which says so in its own error.
"""

from __future__ import annotations

from typing import Any

FieldType = type | tuple[type, ...]
Schema = dict[str, dict[str, FieldType]]

CUSTOMER_FRAMES: Schema = {
    "hello": {
        "visitor_token": str,
        "customer_id": (str, int),
        "signature": str,
        "language": str,
        "after_seq": int,
    },
    "message": {"client_id": str, "text": str, "attachments": list},
    "typing": {"is_typing": bool},
    "read": {"seq": int},
    "feedback": {"seq": int, "value": str},
    "handoff": {},
    "csat": {"score": int, "comment": str},
    "close": {},
    "verify_start": {"address": str},
    "verify_code": {"code": (str, int)},
    "preferences": {"proactive_suggestions": bool},
}

_REPLY = {"conversation_id": int, "client_id": str, "text": str, "attachments": list}
CONSOLE_FRAMES: Schema = {
    "presence": {"status": str},
    "open": {"conversation_id": int},
    "reply": _REPLY,
    "note": _REPLY,
    "typing": {"conversation_id": int, "is_typing": bool},
    "read": {"conversation_id": int, "seq": int},
    "accept": {"conversation_id": int},
    "transfer": {"conversation_id": int, "agent_id": int},
    "close": {"conversation_id": int},
    "reveal": {"conversation_id": int, "field": str, "reason": str},
    "send_card": {"conversation_id": int, "card": dict, "client_id": str},
}

_NAMES = {
    str: "a string",
    int: "an integer",
    bool: "true or false",
    list: "a list",
    dict: "an object",
}


def _label(expected: FieldType) -> str:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(_NAMES[k] for k in kinds)


def _matches(value: Any, expected: FieldType) -> bool:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool):  # JSON true is not the integer 1
        return bool in kinds
    return isinstance(value, kinds)


def field_errors(frame: dict[str, Any], fields: dict[str, FieldType]) -> list[str]:
    """What is wrong with ``frame``'s known fields; null counts as absent, unknown fields are
    ignored (newer widgets may send more)."""
    return [
        f"{name} must be {_label(expected)}."
        for name, expected in fields.items()
        if frame.get(name) is not None and not _matches(frame[name], expected)
    ]
