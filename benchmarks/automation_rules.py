"""What automation rules cost: on the chat's hot path (the receiver's pre-filter for a
customer message), and in Celery (evaluating a shop's rules for one event).

    .venv/bin/python benchmarks/automation_rules.py [--samples 5000] [--rules 10]

Uses its own database (``BENCH_DATABASE_URL``, default ``cs_platform_bench_automation`` on
loopback), recreated on every run, and Redis (``BENCH_REDIS_URL``) as the cache, as in
production. Prints:

- ``prefilter_*``: ``engine.dispatch`` for an event the shop has no rule for (the common case
  on every message: the process's memo of the shop's rule events, no query, no task);
  ``prefilter_from_redis_*`` the same when the memo has expired (once per 2 s per shop and
  process): one Redis read;
- ``receivers_*``: the whole ``message_created`` send (every receiver: automation's, the
  webhooks', the desk's) for a shop with no subscription and no message rule;
- ``evaluate_*``: one Celery task's work for a shop with ``--rules`` rules on the event, none
  matching (conditions on channel, text keywords and VIP): the run log rows included.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from bench_db import recreate_database  # beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cs_platform_bench_automation"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def figures(name: str, timings: list[float]) -> dict[str, float]:
    return {
        f"{name}_ms_p50": round(statistics.median(timings), 3),
        f"{name}_ms_p99": round(percentile(timings, 0.99), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--rules", type=int, default=10)
    args = parser.parse_args()
    recreate_database(
        os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        CHANNEL_LAYER_PREFIX="bench",
    )

    import django

    django.setup()
    import redis
    from django.conf import settings
    from django.core.management import call_command

    from automation import engine
    from automation.models import Event, Rule, RuleRun
    from conversations import signals as events
    from conversations.models import Conversation, Message, Sender
    from shops.models import Shop

    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    call_command("migrate", verbosity=0)
    quiet = Shop.objects.create(name="no message rules")
    busy = Shop.objects.create(name="ten message rules")
    for i in range(args.rules):
        Rule.objects.create(
            shop=busy,
            name=f"rule {i}",
            event=Event.CUSTOMER_MESSAGE,
            conditions={
                "any": [
                    {"field": "channel", "op": "is", "value": "wechat"},
                    {"field": "text", "op": "contains", "value": ["退款", f"关键词{i}"]},
                    {"field": "vip", "op": "is", "value": True},
                ]
            },
            actions=[{"action": "set_priority", "params": {"priority": 80}}],
            order=i,
        )
    conversations = {}
    messages = {}
    for shop in (quiet, busy):
        conversations[shop.pk] = Conversation.objects.create(shop=shop, visitor_token_hash="b")
        messages[shop.pk] = Message.objects.create(
            conversation=conversations[shop.pk], seq=1, sender=Sender.CUSTOMER, text="运费多少钱"
        )

    engine.events_for(quiet.pk)  # warm: the cache entry exists, as on a running server
    prefilter = []
    for _ in range(args.samples):
        started = time.perf_counter()
        engine.dispatch(quiet.pk, Event.CUSTOMER_MESSAGE, conversations[quiet.pk].pk)
        prefilter.append((time.perf_counter() - started) * 1000)

    from_redis = []
    for _ in range(args.samples):
        engine._memo.clear()  # as once per MEMO_SECONDS per shop and process
        started = time.perf_counter()
        engine.dispatch(quiet.pk, Event.CUSTOMER_MESSAGE, conversations[quiet.pk].pk)
        from_redis.append((time.perf_counter() - started) * 1000)

    receivers = []
    message = messages[quiet.pk]
    for _ in range(args.samples):
        started = time.perf_counter()
        events._send(events.message_created, Message, {"message": message})
        receivers.append((time.perf_counter() - started) * 1000)

    evaluate = []
    for _ in range(min(args.samples, 500)):
        started = time.perf_counter()
        engine.evaluate(
            busy.pk,
            Event.CUSTOMER_MESSAGE,
            conversations[busy.pk].pk,
            {"message_id": messages[busy.pk].pk},
        )
        evaluate.append((time.perf_counter() - started) * 1000)
    assert not RuleRun.objects.filter(matched=True).exists()

    print(
        json.dumps(
            {
                "samples": args.samples,
                "rules": args.rules,
                **figures("prefilter", prefilter),
                **figures("prefilter_from_redis", from_redis),
                **figures("receivers", receivers),
                **figures("evaluate", evaluate),
            }
        )
    )


if __name__ == "__main__":
    main()
