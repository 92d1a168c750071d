"""Who is acting and from where, for audit records written deep inside signal handlers."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AuditContext:
    """Who is acting: the request's or the socket's user and client address, the socket's
    connection id (several consoles of one user are told apart), or a Celery task's
    ``actor_repr`` ("system", or the user whose action queued it)."""

    user: Any = None
    ip_address: str | None = None
    connection_id: str = ""
    actor_repr: str = ""


_NOBODY = AuditContext()
_current: ContextVar[AuditContext | None] = ContextVar("audit_context", default=None)


def current() -> AuditContext:
    return _current.get() or _NOBODY


def bind(context: AuditContext):  # type: ignore[no-untyped-def]
    return _current.set(context)


def reset(token) -> None:  # type: ignore[no-untyped-def]
    _current.reset(token)
