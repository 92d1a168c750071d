from celery import shared_task

from analytics.rollups import recent_days, rollup_days


@shared_task(acks_late=True)
def rollup_recent() -> int:
    """Hourly (migration 0002): today so far and yesterday (late CSATs, late closes)."""
    return rollup_days(recent_days(2))
