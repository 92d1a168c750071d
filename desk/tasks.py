from celery import shared_task

from desk.services.snooze import wake_due


@shared_task(acks_late=True)
def wake_snoozed() -> int:
    """Wake the snoozes whose time has come. Scheduled every 30 s (migration 0002)."""
    return wake_due()
