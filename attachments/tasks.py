from celery import shared_task


@shared_task(acks_late=True)
def purge_unattached_uploads() -> int:
    """Hourly (migration 0002): uploads no message carried within a day, and their files."""
    from attachments.services import purge_unattached

    return purge_unattached()
