"""The chain banner tells its age and what came after it, and auditors can re-verify on demand
in the background, following its progress; the run is itself audited (issue 18, item 11)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEvent, ChainCheck
from audit.services import record
from audit.verification import run_chain_check, verify_chain

pytestmark = pytest.mark.django_db


def banner(client) -> str:
    html = client.get("/audit/").content.decode()
    return re.search(r'data-testid="chain-status">(.*?)</div>', html, re.S).group(1)


def test_the_banner_tells_how_old_the_check_is_and_how_many_events_came_since(auditor_client):
    record("test.a")
    run_chain_check()
    ChainCheck.objects.update(finished_at=timezone.now() - dt.timedelta(hours=3, minutes=5))
    for n in range(3):
        record("test.after", changes={"n": n})

    text = " ".join(banner(auditor_client).split())
    assert "3 hours" in text and "ago" in text
    assert "3 events written since then are not verified yet." in text


def test_verify_now_runs_in_the_background_and_reports_progress(
    auditor_client, django_capture_on_commit_callbacks
):
    for n in range(450):
        record("test.bulk", changes={"n": n})
    before = ChainCheck.objects.count()

    total = AuditEvent.objects.count() + 1  # and the request's own event
    with django_capture_on_commit_callbacks(execute=True):
        started = auditor_client.post("/audit/verify/", HTTP_ACCEPT="application/json")
    assert started.status_code == 202
    # Celery runs eagerly in tests (conftest); the run is finished by now.
    state = auditor_client.get(started.json()["progress_url"]).json()
    assert state["state"] == "done" and state["ok"] is True
    assert state["checked"] == state["total"] == total
    assert "intact" in state["message"]
    assert ChainCheck.objects.count() == before + 1

    requested = AuditEvent.objects.get(action="audit.chain_verification_requested")
    verified = AuditEvent.objects.get(action="audit.chain_verified")
    assert requested.actor_repr == verified.actor_repr == "audrey"
    assert verified.changes["ok"] is True and verified.changes["events_checked"] == total
    # The banner reflects the new run: only the run's own record came after it.
    assert "1 event written since then is not verified yet." in " ".join(
        banner(auditor_client).split()
    )


def test_without_javascript_the_form_comes_back_to_the_log_showing_the_run(
    auditor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = auditor_client.post("/audit/verify/")
    assert response.status_code == 302 and response["Location"].startswith("/audit/?run=")
    page = auditor_client.get(response["Location"]).content.decode()
    assert "Done: the hash chain is intact" in page


def test_progress_is_reported_while_the_chain_is_walked():
    for n in range(5):
        record("test.p", changes={"n": n})
    seen: list[int] = []
    assert verify_chain(batch_size=2, progress=seen.append).ok
    total = AuditEvent.objects.count()
    assert seen == list(range(2, total, 2))


def test_only_auditors_and_administrators_may_verify(client, make_user):
    client.force_login(make_user("sue", Role.SUPERVISOR))
    assert client.post("/audit/verify/").status_code == 403
    assert client.get("/audit/verify/abc/").status_code == 403
    assert not AuditEvent.objects.filter(action="audit.chain_verification_requested").exists()
