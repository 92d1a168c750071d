"""Which bot answers a shop's customers: the built-in one, or the shop's own through the API.
Read on every customer message (``chatbot.services.bot.bot_turn``): one cache read."""

from __future__ import annotations

from django.core.cache import cache

from webhooks.memo import MISSING, LocalMemo
from webhooks.models import BotMode, ShopBot

_CACHE_SECONDS = 300


def _key(shop_id: int) -> str:
    return f"webhooks:bot-mode:{shop_id}"


_local = LocalMemo(seconds=2)


def bot_mode(shop_id: int) -> str:
    """The shop's setting: in this process for 2 s, in Redis for 5 min, dropped on a change."""
    mode = _local.get(shop_id)
    if mode is not MISSING:
        return mode
    mode = cache.get(_key(shop_id))
    if mode is None:
        mode = (
            ShopBot.objects.filter(shop_id=shop_id).values_list("mode", flat=True).first()
            or BotMode.BUILT_IN
        )
        cache.set(_key(shop_id), str(mode), _CACHE_SECONDS)
    _local.set(shop_id, str(mode))
    return str(mode)


def external_bot(shop_id: int) -> bool:
    """True when the shop's own bot answers (``message.created`` webhook in, API reply out)."""
    return bot_mode(shop_id) == BotMode.WEBHOOK


def set_bot_mode(shop, mode: str) -> ShopBot:  # type: ignore[no-untyped-def]
    setting, _ = ShopBot.objects.update_or_create(shop=shop, defaults={"mode": mode})
    return setting


def forget(shop_id: int) -> None:
    _local.forget(shop_id)
    cache.delete(_key(shop_id))
