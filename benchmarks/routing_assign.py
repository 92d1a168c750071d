"""Assignment latency with 200 online agents and 5,000 waiting conversations (PostgreSQL).

    .venv/bin/python benchmarks/routing_assign.py [--agents 200] [--waiting 5000] [--samples 2000]

Uses its own database (``BENCH_DATABASE_URL``, default ``cs_platform_bench`` on loopback),
recreated on every run. Each sample times one ``assign_one`` call, the unit of work behind every
handoff, agent coming online and sweep: score all online agents for the head of the queue, lock
the winner, recount its load and write the assignment plus its decision record. When every agent
is full, a batch of conversations is closed to free capacity (not timed) and sampling goes on.
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
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cs_platform_bench"


def prepare_environment(database_url: str) -> None:
    # The production set-up: channel layer and broker on Redis (a database of its own, emptied
    # before and after), so console broadcasts are queued for a worker as they would be.
    recreate_database(
        database_url,
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        CHANNEL_LAYER_PREFIX="bench",
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--agents", type=int, default=200)
    parser.add_argument("--waiting", type=int, default=5000)
    parser.add_argument("--samples", type=int, default=2000)
    args = parser.parse_args()
    prepare_environment(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))

    import django

    django.setup()
    import redis
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.utils import timezone

    from conversations.models import Conversation, ConversationStatus
    from routing import services as routing
    from routing.models import AgentProfile, AgentSkill, Presence, RoutingRule, Skill
    from shops.models import Shop

    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    call_command("migrate", verbosity=0)
    shop = Shop.objects.create(name="bench")
    skills = [Skill.objects.create(name=n) for n in ("returns", "payments", "english", "cantonese")]
    RoutingRule.objects.create(name="english", language="en", skill=skills[2], min_level=2)
    agent_group = Group.objects.get(name="agent")
    for i in range(args.agents):
        user = User.objects.create(username=f"agent{i}")
        user.groups.add(agent_group)
        profile = AgentProfile.objects.create(user=user, presence=Presence.ONLINE, capacity=4)
        AgentSkill.objects.create(agent=profile, skill=skills[i % 4], level=1 + i % 5)
    now = timezone.now()
    Conversation.objects.bulk_create(
        Conversation(
            shop=shop,
            visitor_token_hash=f"{i:064d}",
            status=ConversationStatus.WAITING,
            language="en" if i % 3 == 0 else "zh",
            priority=i % 7,
            queued_at=now,
        )
        for i in range(args.waiting)
    )

    timings: list[float] = []
    while len(timings) < args.samples:
        head = list(
            Conversation.objects.filter(status=ConversationStatus.WAITING)
            .order_by("-priority", "queued_at", "id")
            .values_list("id", flat=True)[:1]
        )
        if not head:
            break
        started = time.perf_counter()
        decision = routing.assign_one(head[0])
        elapsed = (time.perf_counter() - started) * 1000
        if decision is None:  # everyone is full: free capacity (untimed) and go on
            batch = list(
                Conversation.objects.filter(status=ConversationStatus.ASSIGNED).values_list(
                    "id", flat=True
                )[: args.agents]
            )
            Conversation.objects.filter(id__in=batch).update(status=ConversationStatus.CLOSED)
            continue
        timings.append(elapsed)

    print(
        json.dumps(
            {
                "agents": args.agents,
                "waiting_at_start": args.waiting,
                "assignments": len(timings),
                "assign_ms_p50": round(statistics.median(timings), 2),
                "assign_ms_p99": round(percentile(timings, 0.99), 2),
                "assign_ms_max": round(max(timings), 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
