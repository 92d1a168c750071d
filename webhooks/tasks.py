from celery import shared_task

from webhooks.services import attempt_delivery


@shared_task(acks_late=True)
def deliver_webhook(delivery_id: int) -> None:
    """Send one event to one subscription; on failure schedule the next attempt with the
    gateway's exponential back-off (the row ends as sent or a dead letter)."""
    retry_in = attempt_delivery(delivery_id)
    if retry_in is not None:
        deliver_webhook.apply_async((delivery_id,), countdown=retry_in)


@shared_task(acks_late=True)
def publish_event(event_type: str, refs: dict) -> None:
    """Build an event's payload from the rows it names and queue its deliveries: the signal
    receivers on the message hot path only check the cached subscription list and queue this."""
    from webhooks.events import publish

    publish(event_type, refs)
