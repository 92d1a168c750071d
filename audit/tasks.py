from celery import shared_task

from audit.verification import run_chain_check


@shared_task(acks_late=True)
def verify_chain() -> dict[str, object]:
    """Nightly (migration 0004): verify the audit trail's hash chain and record the result;
    a broken chain is logged as an ERROR and mailed to ADMINS."""
    check, _report = run_chain_check()
    return {
        "check": check.pk,
        "ok": check.ok,
        "events_checked": check.events_checked,
        "first_broken_id": check.first_broken_id,
    }
