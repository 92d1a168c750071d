"""The per-process memo in front of Redis: what another process changed is seen once an entry
expires; what this process changed, at once."""

import pytest

from webhooks import bots, services
from webhooks.memo import MISSING, LocalMemo
from webhooks.models import BotMode


def test_entries_expire(monkeypatch):
    now = [100.0]
    monkeypatch.setattr("webhooks.memo.time.monotonic", lambda: now[0])
    memo = LocalMemo(seconds=2)
    memo.set("shop", "value")
    now[0] += 1.9
    assert memo.get("shop") == "value"
    now[0] += 0.2
    assert memo.get("shop") is MISSING
    memo.set("shop", "again")
    memo.forget("shop")
    assert memo.get("shop") is MISSING


@pytest.mark.django_db
def test_another_processes_change_is_seen_when_the_memo_expires(monkeypatch):
    from django.core.cache import cache

    from tests.factories import make_shop

    now = [1000.0]
    monkeypatch.setattr("webhooks.memo.time.monotonic", lambda: now[0])
    shop = make_shop("Memo shop")
    assert not bots.external_bot(shop.pk)
    assert services.subscribed_types(shop.pk) == frozenset()
    # Another process changes both and drops the shared entries (not this process's memo).
    cache.set(bots._key(shop.pk), BotMode.WEBHOOK, 300)
    cache.set(services._cache_key(shop.pk), ["label.added"], 300)
    assert not bots.external_bot(shop.pk)
    now[0] += 2.1
    assert bots.external_bot(shop.pk)
    assert services.subscribed_types(shop.pk) == {"label.added"}
    bots.forget(shop.pk)
    services.forget_subscriptions(shop.pk)
