from typing import Any

from celery import shared_task

from automation import engine


@shared_task(acks_late=True, ignore_result=True)
def run_rules(
    shop_id: int, event: str, conversation_id: int, extra: dict[str, Any], origin: list[int]
) -> None:
    """Evaluate the shop's rules for one event (queued by ``engine.dispatch``)."""
    engine.evaluate(shop_id, event, conversation_id, extra, origin)


@shared_task(acks_late=True, ignore_result=True)
def check_inactivity() -> int:
    """The "no customer reply for N minutes" rules; scheduled every minute (migration 0002)."""
    return engine.check_inactivity()
