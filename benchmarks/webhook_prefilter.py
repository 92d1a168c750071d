"""What event webhooks and the external-bot switch add to the chat's hot path, as JSON.

    .venv/bin/python benchmarks/webhook_prefilter.py [--n 20000]

Every customer message runs ``webhooks.listeners.on_message`` (a cached read of the shop's
subscribed event types; a Celery task only when the shop subscribes) and ``bot_turn`` reads
the shop's bot setting (a cached read). Both are memoised in the process for 2 s in front of
Redis (``BENCH_REDIS_URL``, default database 15 on loopback), as in production.

* prefilter_us_p50/p99        — ``on_message``, shop without subscriptions, memo warm.
* bot_mode_us_p50/p99         — ``external_bot(shop_id)``, memo warm.
* redis_read_us_p50/p99       — the same read from Redis alone (every 2 s per shop and process,
                                and what each message cost before the memo).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("ENV_FILE", "")
os.environ.setdefault("DEBUG", "1")
os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache

    from webhooks import bots, listeners, services

    shop_id = 987_654_321  # no such shop: its cached entries are written here, warm
    cache.set(services._cache_key(shop_id), [], 300)
    cache.set(bots._key(shop_id), "built_in", 300)
    message = SimpleNamespace(pk=1, is_private=False, conversation=SimpleNamespace(shop_id=shop_id))

    def timed(call) -> list[float]:  # type: ignore[no-untyped-def]
        for _ in range(200):
            call()
        samples = []
        for _ in range(args.n):
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1e6)
        return samples

    prefilter = percentiles(timed(lambda: listeners.on_message(None, message)))
    mode = percentiles(timed(lambda: bots.external_bot(shop_id)))
    redis_read = percentiles(timed(lambda: cache.get(services._cache_key(shop_id))))
    cache.delete_many([services._cache_key(shop_id), bots._key(shop_id)])
    print(
        json.dumps(
            {
                "n": args.n,
                "prefilter_us_p50": round(prefilter[0], 1),
                "prefilter_us_p99": round(prefilter[1], 1),
                "bot_mode_us_p50": round(mode[0], 1),
                "bot_mode_us_p99": round(mode[1], 1),
                "redis_read_us_p50": round(redis_read[0], 1),
                "redis_read_us_p99": round(redis_read[1], 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
