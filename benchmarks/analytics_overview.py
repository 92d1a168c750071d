"""Supervisor reports over a year: 100,000 conversations and 1,000,000 messages (PostgreSQL).

    .venv/bin/python benchmarks/analytics_overview.py [--conversations 100000] \\
        [--messages 1000000] [--days 365] [--seed 0] [--repeat 5]

Uses its own database (``BENCH_DATABASE_URL``, default ``cs_platform_bench`` on loopback),
recreated on every run. Steps, each timed:

1. Generation (fixed seed): three shops, 40 agents, ``--conversations`` conversations spread
   over the last ``--days`` local days (weekly pattern, daytime peaks, a slow upward trend and
   two sales days), 2-18 messages each adding up to exactly ``--messages``. About 30 % are handed
   to an agent (queued/assigned/first reply/closed times, assigned agent, SLA breaches when the
   first reply took more than 120 s); some carry a CSAT score. Rows go in with COPY; the
   encrypted columns hold a handful of Fernet tokens made once with the field's own
   ``get_prep_value``, so every row decrypts. ``VACUUM ANALYZE`` follows, as autovacuum would
   have done on a live table, and a sample is read back through the ORM and ``full_clean``-ed.
2. ``analytics.rollups.rollup_days`` over every day of the range (total and per day).
3. ``analytics.reports.overview`` for the whole range, the last 30 days, and the whole range for
   one channel: ``--repeat`` calls each, median and max in ms.
4. GET ``/analytics/`` (the overview page, the issue's target: <= 1 s for a year once rolled
   up), ``/analytics/forecast/`` and ``/analytics/agents/`` for the whole range, through the test
   ``Client`` logged in as a supervisor: the first (cold) request and the median/max of
   ``--repeat`` more.

Everything is printed as one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import io
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench_db import recreate_database  # beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cs_platform_bench"

CHANNELS = ["web", "wechat", "sms", "email", "webhook"]
CHANNEL_WEIGHTS = [0.48, 0.27, 0.08, 0.10, 0.07]
SHOP_WEIGHTS = [0.6, 0.3, 0.1]
AGENTS = 40
# Relative volume per local hour (0-23): quiet nights, a morning and an afternoon peak, and a
# smaller evening one (people shop after work).
HOUR_WEIGHTS = [
    0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 2.0, 3.5, 4.5, 4.5,
    3.5, 3.0, 4.0, 4.5, 4.2, 3.5, 3.0, 3.5, 4.0, 3.8, 2.5, 1.0,
]  # fmt: skip
WEEKDAY_WEIGHTS = [1.0, 1.0, 1.0, 1.0, 1.05, 0.75, 0.65]  # Monday first
SALE_DAYS = {(6, 18): 2.0, (11, 11): 3.0}
SLA_SECONDS = 120
COPY_CHUNK = 1 << 22
NULL = r"\N"
CUSTOMER_TEXTS = [
    "我的快递到哪里了？订单号 20240611-8812",
    "How do I return an item I bought last week?",
    "可以开发票吗",
    "The size is wrong, can I exchange it?",
    "运费多少钱",
    "My phone number is 138 0013 8000, please call me back.",
]
BOT_TEXTS = [
    "您好！请提供订单号，我帮您查询物流。",
    "Returns are free within 7 days: open your order and choose 'Return'.",
    "可以的，在订单详情页申请电子发票即可。",
    "满 99 元包邮，未满收取 8 元运费。",
    "I'm passing you to a colleague, one moment please.",
]
AGENT_TEXTS = [
    "您好，我是客服小王，这边帮您处理。",
    "I've checked your order: it left the warehouse this morning.",
    "已为您登记换货，快递员明天上门取件。",
    "Is there anything else I can help you with?",
]
CSAT_COMMENTS = ["很满意，谢谢！", "Quick and helpful.", "等了太久", "Problem not solved."]
HANDOFF_REASONS = ["customer_asked", "low_confidence", "customer_asked", "mood"]


def prepare_environment(database_url: str) -> None:
    # Reports need neither a broker nor a channel layer: the in-process stand-ins.
    recreate_database(database_url, REDIS_URL="")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ms_stats(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 1), "max": round(max(values), 1)}


def message_counts(rng: random.Random, conversations: int, messages: int) -> list[int]:
    """2-18 messages per conversation, adding up to exactly ``messages``."""
    low, high = 2, 18
    if not low * conversations <= messages <= high * conversations:
        raise SystemExit(f"--messages must be between {low}x and {high}x --conversations")
    counts = [rng.randint(low, high) for _ in range(conversations)]
    diff = messages - sum(counts)
    while diff:
        i = rng.randrange(conversations)
        if diff > 0 and counts[i] < high:
            counts[i] += 1
            diff -= 1
        elif diff < 0 and counts[i] > low:
            counts[i] -= 1
            diff += 1
    return counts


def start_times(
    rng: random.Random, n: int, days: list[dt.date], zone: Any, latest: dt.datetime
) -> list[float]:
    """UTC epoch seconds of ``n`` conversation starts, sorted, none after ``latest``."""
    weights = []
    for i, day in enumerate(days):
        trend = 0.8 + 0.4 * i / max(1, len(days) - 1)
        sale = SALE_DAYS.get((day.month, day.day), 1.0)
        weights.append(WEEKDAY_WEIGHTS[day.weekday()] * trend * sale * rng.uniform(0.9, 1.1))
    day_cum = list(_cumulative(weights))
    hour_cum = list(_cumulative(HOUR_WEIGHTS))
    midnights = [dt.datetime.combine(d, dt.time.min, tzinfo=zone).timestamp() for d in days]
    limit = latest.timestamp()
    out: list[float] = []
    while len(out) < n:
        d = bisect.bisect_right(day_cum, rng.random() * day_cum[-1])
        h = bisect.bisect_right(hour_cum, rng.random() * hour_cum[-1])
        t = midnights[d] + h * 3600 + rng.random() * 3600
        if t <= limit:
            out.append(t)
    out.sort()
    return out


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def generate(args: argparse.Namespace, database_url: str) -> dict[str, Any]:
    import psycopg
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.roles import Role
    from analytics.rollups import local_zone
    from conversations.models import Conversation, Message
    from shops.models import Shop

    began = time.perf_counter()
    rng = random.Random(args.seed)
    zone = local_zone()
    now = timezone.now()
    today = timezone.localdate()
    days = [today - dt.timedelta(days=args.days - 1 - i) for i in range(args.days)]
    # Late enough that the longest conversation (< 2 h) has ended before the run.
    latest = now - dt.timedelta(hours=3)

    shops = [Shop.objects.create(name=f"bench shop {i}") for i in range(len(SHOP_WEIGHTS))]
    agent_group = Group.objects.get(name=Role.AGENT.value)
    User = get_user_model()
    agents = [User.objects.create(username=f"agent{i:02d}", is_staff=True) for i in range(AGENTS)]
    agent_group.user_set.add(*agents)
    agent_ids = [a.pk for a in agents]
    agent_weights = [1.0 + (i % 7) / 3 for i in range(AGENTS)]  # some agents handle more

    # Encrypted once, through the field itself: what Django would have written.
    text_field = Message._meta.get_field("text")
    comment_field = Conversation._meta.get_field("csat_comment")
    cipher = {
        "customer": [text_field.get_prep_value(t) for t in CUSTOMER_TEXTS],
        "bot": [text_field.get_prep_value(t) for t in BOT_TEXTS],
        "agent": [text_field.get_prep_value(t) for t in AGENT_TEXTS],
    }
    comments = [comment_field.get_prep_value(t) for t in CSAT_COMMENTS]
    no_comment = comment_field.get_prep_value("")

    counts = message_counts(rng, args.conversations, args.messages)
    starts = start_times(rng, args.conversations, days, zone, latest)
    eligible = sum(1 for c in counts if c >= 4)
    handoff_p = min(1.0, 0.30 * args.conversations / max(1, eligible))

    def ts(t: float) -> str:
        return dt.datetime.fromtimestamp(t, dt.UTC).isoformat()

    conv_buf, msg_buf, breach_buf = io.StringIO(), io.StringIO(), io.StringIO()
    conv_id = 0
    msg_id = 0
    handed = breaches = rated = 0
    shop_cum = list(_cumulative(SHOP_WEIGHTS))
    channel_cum = list(_cumulative(CHANNEL_WEIGHTS))
    agent_cum = list(_cumulative(agent_weights))
    for m, start in zip(counts, starts, strict=True):
        conv_id += 1
        shop_id = shops[bisect.bisect_right(shop_cum, rng.random() * shop_cum[-1])].pk
        channel = CHANNELS[bisect.bisect_right(channel_cum, rng.random() * channel_cum[-1])]
        handoff = m >= 4 and rng.random() < handoff_p
        t = start + rng.uniform(0.05, 0.5)
        rows: list[tuple[str, int | None, float]] = []
        queued = assigned = first_reply = closed = None
        agent_id = None
        if handoff:
            handed += 1
            agent_id = agent_ids[bisect.bisect_right(agent_cum, rng.random() * agent_cum[-1])]
            before = 2 * rng.randint(1, (m - 2) // 2)  # customer/bot turns before the handoff
        else:
            before = m
        for i in range(before):
            if i % 2 == 0:
                t += 0 if i == 0 else rng.uniform(5, 120)
                rows.append(("customer", None, t))
            else:
                t += rng.uniform(0.3, 3)
                rows.append(("bot", None, t))
        if handoff:
            queued = t + rng.uniform(0.1, 1)
            assigned = queued + min(1800.0, rng.lognormvariate(3.8, 1.0))  # median ~45 s
            first_reply = assigned + min(1800.0, rng.lognormvariate(3.4, 0.8))  # ~30 s
            t = first_reply
            for i in range(m - before):
                if i:
                    t += rng.uniform(10, 180)
                rows.append(("agent" if i % 2 == 0 else "customer", agent_id, t))
            closed = t + rng.uniform(30, 300)
            if first_reply - assigned > SLA_SECONDS:
                breaches += 1
                breach_buf.write(
                    f"{conv_id}\t{agent_id}\t{ts(assigned)}\t{ts(assigned + SLA_SECONDS)}\t"
                    f"{SLA_SECONDS}\n"
                )
        mood = max(-1.0, min(1.0, rng.gauss(-0.1 if handoff else 0.05, 0.35)))
        csat = comment = None
        if rng.random() < (0.35 if handoff else 0.08):
            rated += 1
            score_weights = [6, 6, 13, 30, 45] if mood > -0.3 else [25, 20, 25, 20, 10]
            csat = rng.choices(range(1, 6), weights=score_weights)[0]
            if rng.random() < 0.2:
                comment = rng.choice(comments)
        reason = ""
        if handoff:
            reason = "mood" if mood <= -0.6 else rng.choice(HANDOFF_REASONS[:3])
        updated = closed if closed is not None else t
        conv_buf.write(
            "\t".join(
                (
                    str(conv_id),
                    str(shop_id),
                    NULL,  # customer: anonymous visitors
                    hashlib.sha256(f"{args.seed}:{conv_id}".encode()).hexdigest(),
                    channel,
                    "en" if rng.random() < 0.3 else "zh",
                    "closed" if handoff else "bot",
                    str(agent_id) if agent_id else NULL,
                    "0",  # priority
                    reason,
                    json.dumps(
                        {"summary": "least loaded of the eligible agents", "kind": "auto"}
                        if handoff
                        else {}
                    ),
                    str(m),  # last_seq
                    "0",  # unanswered_streak
                    repr(round(mood, 4)),
                    "{}",  # mood_state
                    "t" if handoff and mood <= -0.6 else "f",
                    ts(start),
                    ts(updated),
                    ts(queued) if queued else NULL,
                    ts(assigned) if assigned else NULL,
                    ts(first_reply) if first_reply else NULL,
                    ts(closed) if closed else NULL,
                    str(csat) if csat else NULL,
                    comment or no_comment,
                )
            )
            + "\n"
        )
        for seq, (sender, agent, at) in enumerate(rows, start=1):
            msg_id += 1
            msg_buf.write(
                f"{msg_id}\t{conv_id}\t{seq}\t{NULL}\t{sender}\t"
                f"{agent if sender == 'agent' else NULL}\t{rng.choice(cipher[sender])}\t"
                f"{{}}\tf\t{ts(at)}\n"
            )

    built = time.perf_counter()
    conv_columns = (
        "id, shop_id, customer_id, visitor_token_hash, channel, language, status,"
        " assigned_agent_id, priority, handoff_reason, assignment_reason, last_seq,"
        " unanswered_streak, mood, mood_state, mood_alert, created_at, updated_at, queued_at,"
        " assigned_at, first_agent_reply_at, closed_at, csat_score, csat_comment"
    )
    msg_columns = "id, conversation_id, seq, client_id, sender, agent_id, text, payload,"
    msg_columns += " is_private, created_at"
    breach_columns = "conversation_id, agent_id, assigned_at, breached_at, limit_seconds"
    with psycopg.connect(database_url) as conn:
        with conn.cursor() as cur:
            for table, columns, buf in (
                ("chatbot_conversation", conv_columns, conv_buf),
                ("chatbot_message", msg_columns, msg_buf),
                ("routing_slabreach", breach_columns, breach_buf),
            ):
                with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    data = buf.getvalue()
                    for i in range(0, len(data), COPY_CHUNK):
                        copy.write(data[i : i + COPY_CHUNK])
            for table in ("chatbot_conversation", "chatbot_message"):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT max(id) FROM {table}))"
                )
    copied = time.perf_counter()
    with psycopg.connect(database_url, autocommit=True) as conn:
        for table in ("chatbot_conversation", "chatbot_message", "routing_slabreach"):
            conn.execute(f"VACUUM ANALYZE {table}")
    return {
        "days": days,
        "shops": len(shops),
        "agents": AGENTS,
        "handed_off": handed,
        "rated": rated,
        "sla_breaches": breaches,
        "generation_build_s": round(built - began, 1),
        "generation_copy_s": round(copied - built, 1),
        "generation_vacuum_analyze_s": round(time.perf_counter() - copied, 1),
    }


def check_rows(sample: int = 200) -> None:
    """Read a sample back through the ORM: decrypts, and passes model validation."""
    from conversations.models import Conversation, Message

    for conversation in Conversation.objects.order_by("?")[:sample]:
        conversation.full_clean()
        assert conversation.last_seq == conversation.messages.count()
    for message in Message.objects.order_by("?").select_related("conversation")[:sample]:
        message.full_clean()
        assert message.text and message.created_at >= message.conversation.created_at


def timed(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not 30 <= args.days <= 366:
        raise SystemExit("--days must be between 30 and 366 (the report form allows a year)")
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    prepare_environment(database_url)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

    from accounts.roles import Role
    from analytics import reports, rollups
    from analytics.models import DailyStats, HourlyVolume
    from conversations.models import Conversation, Message

    call_command("migrate", verbosity=0)

    log("generating…")
    started = time.perf_counter()
    generated = generate(args, database_url)
    generation_s = time.perf_counter() - started
    check_rows()
    days: list[dt.date] = generated["days"]
    log(f"generated in {generation_s:.1f} s; rolling up {len(days)} days…")

    started = time.perf_counter()
    rows_written = rollups.rollup_days(days)
    rollup_s = time.perf_counter() - started
    log(f"rolled up in {rollup_s:.1f} s; timing reports…")

    first, last = days[0], days[-1]
    year = reports.Filters(first, last)
    cases = {
        "whole_range": year,
        "last_30_days": reports.Filters(last - dt.timedelta(days=29), last),
        "whole_range_wechat": reports.Filters(first, last, channel="wechat"),
    }
    overview_ms = {}
    for name, filters in cases.items():
        overview_ms[name] = ms_stats(timed(lambda f=filters: reports.overview(f), args.repeat))
    check = reports.overview(year)
    assert check.conversations == args.conversations, check.conversations
    assert check.messages == args.messages, check.messages

    supervisor = get_user_model().objects.create_user("bench-supervisor", is_staff=True)
    supervisor.groups.add(Group.objects.get(name=Role.SUPERVISOR.value))
    client = Client(HTTP_HOST="localhost")  # in the default ALLOWED_HOSTS
    client.force_login(supervisor)
    query = {"start": first.isoformat(), "end": last.isoformat()}
    pages_ms = {}
    for name, url in (
        ("overview", "/analytics/"),
        ("forecast", "/analytics/forecast/"),
        ("agents", "/analytics/agents/"),
    ):

        def get(url: str = url) -> None:
            response = client.get(url, query)
            assert response.status_code == 200, (url, response.status_code)

        cold = timed(get, 1)[0]
        pages_ms[name] = {"cold": round(cold, 1), **ms_stats(timed(get, args.repeat))}
        log(f"{url}: {pages_ms[name]}")

    print(
        json.dumps(
            {
                "conversations": Conversation.objects.count(),
                "messages": Message.objects.count(),
                "days": len(days),
                "range": [first.isoformat(), last.isoformat()],
                **{k: v for k, v in generated.items() if k != "days"},
                "generation_s": round(generation_s, 1),
                "rollup_s": round(rollup_s, 1),
                "rollup_ms_per_day": round(rollup_s * 1000 / len(days), 1),
                "daily_stats_rows": rows_written,
                "hourly_volume_rows": HourlyVolume.objects.count(),
                "daily_stats_in_table": DailyStats.objects.count(),
                "repeat": args.repeat,
                "overview_ms": overview_ms,
                "page_ms": pages_ms,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
