"""Anchors of the audit chain kept outside the database (issue 17 M3).

The hash chain proves that no event in the middle was changed or removed, but deleting the
*newest* events leaves a shorter chain that is still intact. An anchor (the id and hash of the
newest event at some moment) written somewhere the database cannot rewrite closes that gap:
verification then also checks that the anchored event is still there, with the same hash.

Anchors are appended, one JSON line each, to ``AUDIT_ANCHOR_FILE`` (opened in append mode
only; make it append-only on the host, e.g. ``chattr +a``, or point it at a mounted log
volume), and also logged to the ``audit.anchor`` logger (route it to syslog or a log
service) and, when ``AUDIT_ANCHOR_EMAIL`` is on, mailed to ``ADMIN_EMAILS``. The nightly chain
check writes one after a successful verification; ``manage.py audit_anchor`` writes one now.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.mail import mail_admins
from django.db import connection
from django.utils import timezone

from audit.models import AuditEvent

logger = logging.getLogger("audit.anchor")


@dataclass(frozen=True)
class Anchor:
    event_id: int
    hash: str
    at: str
    database: str


def _database() -> str:
    # Anchors of different databases (a staging copy, the test database) may share a file:
    # each only vouches for its own.
    return str(connection.settings_dict.get("NAME", ""))


def _path() -> Path:
    return Path(settings.AUDIT_ANCHOR_FILE)


def write_anchor() -> Anchor | None:
    """Append the newest event's id and hash; None when the trail is empty."""
    newest = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    if newest is None:
        return None
    anchor = Anchor(newest[0], newest[1], timezone.now().isoformat(), _database())
    line = json.dumps(asdict(anchor), sort_keys=True)
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:  # append only: never rewrite older anchors
        fh.write(line + "\n")
    logger.info("audit anchor %s", line)
    if getattr(settings, "AUDIT_ANCHOR_EMAIL", False):
        try:
            mail_admins("Audit log anchor", line)
        except Exception:
            # The file and the log line already hold the anchor; a mail outage must not fail it.
            logger.exception("Could not mail the audit anchor")
    return anchor


def last_anchor() -> Anchor | None:
    """The newest anchor of this database in the file; None when there is none."""
    path = _path()
    if not path.exists():
        return None
    database = _database()
    found = None
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                data = json.loads(line)
                anchor = Anchor(
                    int(data["event_id"]), str(data["hash"]), str(data["at"]), data["database"]
                )
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line (crash while writing) is not an anchor
            if anchor.database == database:
                found = anchor
    return found


def check_anchor() -> str:
    """``""`` when the trail still holds the last anchored event unchanged, else why not."""
    anchor = last_anchor()
    if anchor is None:
        return ""
    stored = AuditEvent.objects.filter(pk=anchor.event_id).values_list("hash", flat=True).first()
    if stored is None:
        newest = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        return (
            f"the trail was truncated: event #{anchor.event_id}, anchored at {anchor.at}, is "
            f"gone (the newest event now is #{newest or 0})"
        )
    if stored != anchor.hash:
        return (
            f"event #{anchor.event_id} no longer has the hash anchored at {anchor.at} "
            "(the trail was rewritten from there)"
        )
    return ""
