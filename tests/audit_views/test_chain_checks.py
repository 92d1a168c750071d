import io
import logging

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from audit.models import AuditEvent, ChainCheck
from audit.services import record
from audit.tasks import verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Ops", "ops@example.com")]
    return settings.ADMINS


def test_without_any_check_the_page_says_so(auditor_client):
    response = auditor_client.get("/audit/")
    assert b"The hash chain has not been verified yet." in response.content


def test_the_nightly_task_records_an_intact_chain_and_the_page_shows_it(auditor_client, admins):
    record("test.a")
    record("test.b")
    result = verify_chain.delay().get()
    check = ChainCheck.objects.get()
    assert result["ok"] is True and check.ok is True
    assert check.events_checked == AuditEvent.objects.count()
    assert check.first_broken_id is None
    assert check.started_at <= check.finished_at
    assert mail.outbox == []

    html = auditor_client.get("/audit/").content.decode()
    assert f"Hash chain intact: {check.events_checked} events verified at" in html
    assert "BROKEN" not in html


def test_a_broken_chain_alerts_the_admins_and_shows_a_red_banner(
    auditor_client, admins, monkeypatch, caplog
):
    first = AuditEvent.objects.order_by("id").first() or record("test.first")
    record("test.later")
    # As if the first row had been rewritten behind the trigger's back: its hash no longer fits.
    monkeypatch.setattr("audit.verification.compute_hash", lambda fields: "0" * 64)
    with caplog.at_level(logging.ERROR, logger="audit.verification"):
        result = verify_chain.delay().get()

    check = ChainCheck.objects.get()
    assert result["ok"] is False and check.ok is False
    assert check.first_broken_id == first.pk
    assert check.events_checked == 0
    assert "modified after it was written" in check.detail
    assert any(r.levelno == logging.ERROR and "BROKEN" in r.getMessage() for r in caplog.records)
    (alert,) = mail.outbox
    assert alert.to == ["ops@example.com"]
    assert "broken" in alert.subject
    assert f"First broken event: #{first.pk}" in alert.body

    monkeypatch.undo()
    html = auditor_client.get("/audit/").content.decode()
    assert 'class="chain-status chain-broken" role="alert"' in html
    assert "The audit log hash chain is BROKEN." in html
    assert f'<a href="/audit/{first.pk}/">#{first.pk}</a>' in html


def test_the_latest_check_is_the_one_shown(auditor_client, admins, monkeypatch):
    record("test.a")
    with monkeypatch.context() as m:
        m.setattr("audit.verification.compute_hash", lambda fields: "0" * 64)
        verify_chain.delay().get()
    verify_chain.delay().get()  # repaired (here: the real hash function is back)
    html = auditor_client.get("/audit/").content.decode()
    assert "Hash chain intact" in html and "BROKEN" not in html


def test_the_management_command_records_its_runs_too(admins, monkeypatch):
    record("test.a")
    call_command("verify_audit_log", stdout=io.StringIO())
    assert ChainCheck.objects.get().ok is True

    monkeypatch.setattr("audit.verification.compute_hash", lambda fields: "0" * 64)
    with pytest.raises(CommandError, match="BROKEN"):
        call_command("verify_audit_log")
    assert list(ChainCheck.objects.values_list("ok", flat=True)) == [False, True]
    assert len(mail.outbox) == 1


def test_the_check_is_scheduled_nightly_at_0215_local_time(settings):
    task = PeriodicTask.objects.get(task="audit.tasks.verify_chain")
    assert task.enabled
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week) == ("15", "2", "*")
    assert str(crontab.timezone) == settings.TIME_ZONE
