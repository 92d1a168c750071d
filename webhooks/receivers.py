"""Caches kept current: a shop's subscribed event types and its bot setting."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from webhooks.models import ShopBot, WebhookSubscription
from webhooks.services import forget_subscriptions


@receiver([post_save, post_delete], sender=WebhookSubscription, dispatch_uid="webhooks.cache")
def subscriptions_changed(sender: Any, instance: WebhookSubscription, **_: Any) -> None:
    forget_subscriptions(instance.shop_id)
    # Again after commit: a reader between now and then may have cached the old list.
    transaction.on_commit(lambda: forget_subscriptions(instance.shop_id))


@receiver([post_save, post_delete], sender=ShopBot, dispatch_uid="webhooks.bot_cache")
def bot_setting_changed(sender: Any, instance: ShopBot, **_: Any) -> None:
    from webhooks.bots import forget

    forget(instance.shop_id)
    transaction.on_commit(lambda: forget(instance.shop_id))
