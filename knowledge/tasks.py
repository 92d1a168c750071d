import threading

from celery import shared_task
from celery.signals import worker_process_init

from knowledge import model_updates, training
from knowledge.training import train_and_store


@worker_process_init.connect
def prepare_pool_process(**_kwargs) -> None:  # type: ignore[no-untyped-def]
    """Workers answer questions too (messages from SMS, WeChat, e-mail): each pool process
    hears of a new model like a daphne does. And it gets ready to retrain, in the background,
    so that the first publish after a (re)start is as quick as the next ones."""
    model_updates.start_listener()
    threading.Thread(target=training.warm_up, name="answer-engine-warm-up", daemon=True).start()


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
    started = model_updates.training_started()
    try:
        stored = train_and_store(trigger)
    except Exception as exc:
        # While a retry is to come (OSError) the admin keeps showing "training…".
        if not isinstance(exc, OSError) or self.request.retries >= self.max_retries:
            model_updates.training_finished(started, None, failed=True)
        raise
    model_updates.training_finished(started, stored.pk if stored else None)
    return stored.pk if stored else None
