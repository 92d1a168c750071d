from celery import shared_task

from profiles.recommendations import train_all


@shared_task(acks_late=True)
def train_recommenders() -> dict[str, int]:
    """Nightly (migration 0004): retrain every active shop's recommender from the day's
    orders and product views."""
    return {str(m.shop_id): m.n_interactions for m in train_all()}


@shared_task(acks_late=True)
def purge_expired_messages() -> dict[str, int]:
    """Nightly (migration 0007): each shop's message retention policy."""
    from profiles.privacy import purge_expired_messages as purge

    return {str(shop): n for shop, n in purge().items()}
