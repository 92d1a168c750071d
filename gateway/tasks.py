from celery import shared_task

from gateway.services import attempt_delivery


@shared_task(acks_late=True)
def deliver_message(delivery_id: int) -> None:
    """Send one outbound message; on failure schedule the next attempt with exponential
    back-off (the delivery row records each attempt and ends as sent or a dead letter)."""
    retry_in = attempt_delivery(delivery_id)
    if retry_in is not None:
        deliver_message.apply_async((delivery_id,), countdown=retry_in)
