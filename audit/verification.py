"""Walk the hash chain and report the first event that does not fit.

``verify_chain()`` only reads; ``run_chain_check()`` is what ``verify_audit_log`` and the
nightly task ``audit.tasks.verify_chain`` call: it verifies, stores the result as a
``ChainCheck`` (shown at the top of the audit log page) and alerts the administrators when the
chain is broken.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.mail import mail_admins
from django.utils import timezone

from audit import anchoring
from audit.models import AuditEvent, ChainCheck
from audit.services import GENESIS_HASH, compute_hash, hashed_fields

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_event_id: int | None = None
    reason: str = ""


def verify_chain(
    batch_size: int = 2000, progress: Callable[[int], None] | None = None
) -> ChainReport:
    """``progress(checked)`` is called after every ``batch_size`` events (a long walk shows
    how far it got)."""
    expected_prev = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size):
        if progress is not None and checked and checked % batch_size == 0:
            progress(checked)
        if event.prev_hash != expected_prev:
            return ChainReport(
                False,
                checked,
                event.pk,
                f"event #{event.pk} does not link to the event before it "
                "(an event was removed or inserted)",
            )
        if compute_hash(hashed_fields(event)) != event.hash:
            return ChainReport(
                False,
                checked,
                event.pk,
                f"event #{event.pk} ({event.action}) was modified after it was written",
            )
        expected_prev = event.hash
        checked += 1
    return ChainReport(True, checked)


def run_chain_check(
    progress: Callable[[int], None] | None = None, batch_size: int = 2000
) -> tuple[ChainCheck, ChainReport]:
    """Verify the chain, store the run, and on a broken chain log an ERROR and mail ADMINS."""
    started_at = timezone.now()
    try:
        report = verify_chain(batch_size, progress)
        # An intact chain may still be shorter than it was: compare with the last anchor kept
        # outside the database (audit.anchoring).
        if report.ok and (truncated := anchoring.check_anchor()):
            report = ChainReport(False, report.checked, None, truncated)
    except Exception as exc:
        # The check itself could not finish (database gone, ...): that is a failed check too.
        report = ChainReport(False, 0, None, f"the check could not finish: {exc!r}")
        _store_and_alert(started_at, report)
        raise
    return _store_and_alert(started_at, report), report


def _store_and_alert(started_at: datetime, report: ChainReport) -> ChainCheck:
    check = ChainCheck.objects.create(
        started_at=started_at,
        finished_at=timezone.now(),
        ok=report.ok,
        events_checked=report.checked,
        first_broken_id=report.broken_event_id,
        detail=report.reason,
    )
    if not report.ok:
        logger.error(
            "Audit log hash chain is BROKEN (check #%s, first broken event #%s): %s",
            check.pk,
            report.broken_event_id,
            report.reason,
        )
        try:
            mail_admins(
                "Audit log hash chain is broken",
                f"The audit log verification at {check.finished_at.isoformat()} failed after "
                f"{report.checked} valid events.\n\n"
                f"First broken event: #{report.broken_event_id}\n"
                f"Reason: {report.reason}\n\n"
                "Do not write to or restore the audit table before it has been investigated.",
            )
        except Exception:
            # The ERROR above still reaches the logs; a mail outage must not hide the result.
            logger.exception("Could not e-mail the administrators about the broken audit log")
    return check
