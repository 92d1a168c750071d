"""The one way to write to the audit trail: ``record()``.

Every feature that changes knowledge, routing, permissions or customer data calls it, in the
same transaction as the change, so a rolled-back change leaves no record and a committed one
always has its record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from accounts.roles import role_of
from audit.context import current
from audit.models import AuditEvent

GENESIS_HASH = "0" * 64
# Any constant would do; it only has to be the same for every writer of the trail.
_CHAIN_LOCK_KEY = 0x4155444954  # "AUDIT"
_SECRET_MARKERS = ("password", "secret", "token", "key", "otp", "signature")
_MAX_VALUE_CHARS = 500
REDACTED = "[redacted]"


def _is_secret(name: str) -> bool:
    lowered = name.lower()
    return any(marker in lowered for marker in _SECRET_MARKERS)


def sanitize(value: Any) -> Any:
    """Make ``value`` JSON-safe, drop secrets by key name and cap long strings."""
    if isinstance(value, dict):
        return {str(k): REDACTED if _is_secret(str(k)) else sanitize(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [sanitize(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return text if len(text) <= _MAX_VALUE_CHARS else text[:_MAX_VALUE_CHARS] + "…"


def compute_hash(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def hashed_fields(event: AuditEvent) -> dict[str, Any]:
    """The exact content the hash covers; ``verify_audit_log`` recomputes it from stored rows."""
    return {
        "created_at": event.created_at.isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_repr": event.actor_repr,
        "actor_role": event.actor_role,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "changes": event.changes,
        "ip_address": event.ip_address,
        "prev_hash": event.prev_hash,
    }


def _lock_chain() -> None:
    # Serialises writers so two transactions never chain onto the same predecessor. On SQLite
    # the database-wide write lock already does this.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def record(
    action: str,
    *,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    actor: Any = None,
    actor_repr: str | None = None,
    object_type: str = "",
    object_id: str | int = "",
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event. ``actor`` and ``ip_address`` default to the current request's."""
    context = current()
    if actor is None:
        actor = context.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    if actor_repr is None and actor is None and context.actor_repr:
        actor_repr = context.actor_repr
    if context.connection_id:
        changes = {**(changes or {}), "connection": context.connection_id}
    event = AuditEvent(
        created_at=timezone.now(),
        actor_id=actor.pk if actor else None,
        actor_repr=(
            actor_repr if actor_repr is not None else actor.get_username() if actor else ""
        )[:150],
        actor_role=role_of(actor) if actor else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=sanitize(changes or {}),
        # Normalised the way the column stores it, so the hash matches the stored row.
        ip_address=AuditEvent._meta.get_field("ip_address").to_python(
            ip_address or context.ip_address
        ),
    )
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event.prev_hash = last or GENESIS_HASH
        event.hash = compute_hash(hashed_fields(event))
        event.save(force_insert=True)
    return event


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Field values of ``instance`` for a before/after comparison (kept in memory only)."""
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def diff(
    before: dict[str, Any], after: dict[str, Any], *, redact: Iterable[str] = ()
) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for changed fields; redacted fields only say that they changed."""
    hidden = set(redact)
    changed: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changed[name] = [REDACTED, REDACTED] if name in hidden else [old, new]
    return changed
