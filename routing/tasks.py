from celery import shared_task

from routing.services import sweep


@shared_task(acks_late=True)
def sweep_queue() -> dict[str, int]:
    """Safety net behind the event-driven assignment: SLA re-routes, waiting-time priority
    boosts, and assignment of anything an event missed. Scheduled every 30 s (migration 0002)."""
    return sweep()
