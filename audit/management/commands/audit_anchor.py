from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.anchoring import write_anchor
from audit.verification import run_chain_check


class Command(BaseCommand):
    help = (
        "Verify the audit chain, then anchor its newest event (id and hash) outside the "
        "database: appended to AUDIT_ANCHOR_FILE, logged to 'audit.anchor' and, with "
        "AUDIT_ANCHOR_EMAIL=1, mailed to ADMIN_EMAILS. A broken chain is never anchored."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        _check, report = run_chain_check()
        if not report.ok:
            raise CommandError(f"Not anchored: the audit log is BROKEN: {report.reason}.")
        anchor = write_anchor()
        if anchor is None:
            self.stdout.write("The audit log is empty: nothing to anchor.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"Anchored event #{anchor.event_id} ({anchor.hash[:16]}…).")
        )
