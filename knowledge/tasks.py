from celery import shared_task

from knowledge.training import train_and_store


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def train_answer_model(self, trigger: str) -> int | None:  # type: ignore[no-untyped-def]
    """Retrain after knowledge changes. Idempotent: an unchanged knowledge base is skipped, so
    duplicate or retried deliveries cost one fingerprint query."""
    stored = train_and_store(trigger)
    return stored.pk if stored else None
