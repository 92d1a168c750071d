"""Issue 17 M3, anchoring: deleting the newest audit events is detected against the last
anchor kept outside the database."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import AuditEvent, ChainCheck
from audit.services import record
from audit.tasks import verify_chain

pytestmark = pytest.mark.django_db


def _delete_newest(n: int) -> None:
    """What a database superuser could do: the chain left behind is intact, just shorter."""
    newest = list(AuditEvent.objects.order_by("-id").values_list("id", flat=True)[:n])
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = ANY(%s)", [newest])
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


def _anchors() -> list[dict]:
    path = Path(settings.AUDIT_ANCHOR_FILE)
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_deleting_the_newest_events_after_an_anchor_is_reported_as_truncation():
    for i in range(30):
        record("test.event", changes={"i": i})
    call_command("audit_anchor")
    (anchor,) = _anchors()
    assert anchor["event_id"] == AuditEvent.objects.order_by("-id").first().pk
    _delete_newest(20)
    with pytest.raises(CommandError, match="truncated"):
        call_command("verify_audit_log")
    check = ChainCheck.objects.latest()
    assert not check.ok and f"#{anchor['event_id']}" in check.detail


def test_the_nightly_check_anchors_an_intact_chain_and_later_events_keep_it_valid():
    record("test.before")
    result = verify_chain.delay().get()
    assert result["ok"]
    assert _anchors()[-1]["event_id"] == AuditEvent.objects.order_by("-id").first().pk
    record("test.after")  # newer than the anchor: fine
    call_command("verify_audit_log")


def test_a_rewritten_anchored_event_is_reported():
    record("test.a")
    call_command("audit_anchor")
    anchored = AuditEvent.objects.order_by("-id").first()
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        # Rewrite the hash too, as someone recomputing the chain would.
        cursor.execute(
            "UPDATE audit_auditevent SET hash = %s WHERE id = %s", ["e" * 64, anchored.pk]
        )
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
    with pytest.raises(CommandError, match=f"#{anchored.pk}"):
        call_command("verify_audit_log")


def test_a_torn_last_line_and_other_databases_anchors_are_ignored():
    record("test.a")
    call_command("audit_anchor")
    with Path(settings.AUDIT_ANCHOR_FILE).open("a") as fh:
        fh.write(json.dumps({"event_id": 10**9, "hash": "x", "at": "", "database": "other"}))
        fh.write('\n{"event_id": 99')  # a crash mid-write
    call_command("verify_audit_log")


def test_a_broken_chain_is_not_anchored():
    record("test.a")
    edited = record("test.b")
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [edited.pk])
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
    with pytest.raises(CommandError, match="Not anchored"):
        call_command("audit_anchor")
    assert _anchors() == []
