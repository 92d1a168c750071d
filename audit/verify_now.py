"""An auditor's "verify now": the hash-chain check on demand, run by a Celery worker, with its
progress readable by the page that started it.

The progress lives in the cache (Redis in production, shared by every daphne and worker) under
a random run id: it is only needed while someone watches, and the result itself is stored as a
``ChainCheck`` like any other run. Asking for a run and its outcome are both audit events.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction

from audit.models import AuditEvent
from audit.services import record
from audit.verification import run_chain_check

# Long enough for the slowest walk of a big trail, short enough to clean up after itself.
PROGRESS_SECONDS = 6 * 3600
# How many events the walk reports progress after: small enough to move the bar on a demo
# trail of a few hundred events, large enough to cost nothing on a million.
PROGRESS_EVERY = 200


def _key(run_id: str) -> str:
    return f"audit:chain-run:{run_id}"


def _store(run_id: str, **state: Any) -> None:
    cache.set(_key(run_id), state, PROGRESS_SECONDS)


def start_verification(user: Any) -> str:
    """Audit the request, queue the check after this transaction commits, return the run id."""
    from audit.tasks import verify_chain_now  # the task module imports this one

    run_id = uuid.uuid4().hex
    record("audit.chain_verification_requested", actor=user, changes={"run": run_id})
    _store(run_id, state="queued", checked=0, total=AuditEvent.objects.count())
    transaction.on_commit(lambda: verify_chain_now.delay(run_id, user.pk))
    return run_id


def progress_of(run_id: str) -> dict[str, Any] | None:
    """``{"state": queued|running|done|failed, "checked", "total", ...}``; None if unknown."""
    return cache.get(_key(run_id))


def run_verification(run_id: str, user_id: int | None) -> dict[str, Any]:
    """The worker's side: walk the chain reporting progress, store and audit the outcome."""
    total = AuditEvent.objects.count()
    _store(run_id, state="running", checked=0, total=total)

    def progress(checked: int) -> None:
        _store(run_id, state="running", checked=checked, total=max(total, checked))

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        check, report = run_chain_check(progress, batch_size=PROGRESS_EVERY)
    except Exception:
        _store(run_id, state="failed", checked=0, total=total)
        raise
    outcome = {
        "run": run_id,
        "check": check.pk,
        "ok": report.ok,
        "events_checked": report.checked,
        "first_broken_id": report.broken_event_id,
    }
    record(
        "audit.chain_verified",
        actor=user,
        object_type="audit.chaincheck",
        object_id=check.pk,
        changes=outcome,
    )
    _store(
        run_id,
        state="done",
        checked=report.checked,
        total=max(total, report.checked),
        ok=report.ok,
        check=check.pk,
    )
    return outcome
