"""Aggregate raw conversations and messages into ``DailyStats`` and ``HourlyVolume``.

A day is recomputed whole (delete and insert in one transaction), so running a rollup twice,
or after late changes (a CSAT given the next morning), gives the same rows. Beat runs it every
hour for today and yesterday; ``manage.py rollup_analytics --days N`` backfills.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncHour
from django.utils import timezone

from analytics.models import DailyStats, HourlyVolume
from conversations.models import Conversation, Message, Sender
from routing.models import SlaBreach

NEGATIVE_MOOD = -0.3
POSITIVE_MOOD = 0.3


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time.min, tzinfo=local_zone())
    return start, start + dt.timedelta(days=1)


def mood_bucket(mood: float) -> str:
    if mood <= NEGATIVE_MOOD:
        return "negative"
    return "positive" if mood >= POSITIVE_MOOD else "neutral"


def rollup_day(day: dt.date) -> int:
    """Recompute one local day; returns the number of (shop, channel) rows written."""
    start, end = day_bounds(day)
    rows, hourly = compute_day(day)
    with transaction.atomic():
        DailyStats.objects.filter(day=day).delete()
        DailyStats.objects.bulk_create(rows)
        HourlyVolume.objects.filter(hour__gte=start, hour__lt=end).delete()
        HourlyVolume.objects.bulk_create(hourly)
    return len(rows)


def compute_day(day: dt.date) -> tuple[list[DailyStats], list[HourlyVolume]]:
    """One local day's rollup rows from the raw tables, unsaved: what ``rollup_day`` stores,
    and what the reports read live for the days the hourly job has not finished with."""
    start, end = day_bounds(day)
    rows: dict[tuple[int, str], DailyStats] = {}

    def row(shop_id: int, channel: str) -> DailyStats:
        key = (shop_id, channel)
        if key not in rows:
            rows[key] = DailyStats(
                day=day, shop_id=shop_id, channel=channel, csat_histogram={}, mood_histogram={}
            )
        return rows[key]

    started = Conversation.objects.filter(created_at__gte=start, created_at__lt=end)
    for shop_id, channel, queued_at, csat, mood in started.values_list(
        "shop_id", "channel", "queued_at", "csat_score", "mood"
    ).iterator(chunk_size=5000):
        stats = row(shop_id, channel)
        stats.conversations += 1
        if queued_at is None:
            stats.bot_resolved += 1
        else:
            stats.handoffs += 1
        if csat is not None:
            stats.csat_count += 1
            stats.csat_sum += csat
            stats.csat_histogram[str(csat)] = stats.csat_histogram.get(str(csat), 0) + 1
        bucket = mood_bucket(mood)
        stats.mood_histogram[bucket] = stats.mood_histogram.get(bucket, 0) + 1

    messages = (
        Message.objects.filter(created_at__gte=start, created_at__lt=end, is_private=False)
        .values("conversation__shop_id", "conversation__channel")
        .annotate(
            customer=Count("id", filter=Q(sender=Sender.CUSTOMER)),
            bot=Count("id", filter=Q(sender=Sender.BOT)),
            agent=Count("id", filter=Q(sender=Sender.AGENT)),
        )
    )
    for m in messages:
        stats = row(m["conversation__shop_id"], m["conversation__channel"])
        stats.customer_messages, stats.bot_messages = m["customer"], m["bot"]
        stats.agent_messages = m["agent"]

    breaches = (
        SlaBreach.objects.filter(breached_at__gte=start, breached_at__lt=end)
        .values("conversation__shop_id", "conversation__channel")
        .annotate(n=Count("id"))
    )
    for b in breaches:
        row(b["conversation__shop_id"], b["conversation__channel"]).sla_breaches = b["n"]

    hourly: dict[tuple[dt.datetime, int, str], int] = defaultdict(int)
    per_hour = (
        started.annotate(hour=TruncHour("created_at", tzinfo=dt.UTC))
        .values("hour", "shop_id", "channel")
        .annotate(n=Count("id"))
    )
    for h in per_hour:
        hourly[(h["hour"], h["shop_id"], h["channel"])] += h["n"]
    return list(rows.values()), [
        HourlyVolume(hour=hour, shop_id=shop_id, channel=channel, conversations=n)
        for (hour, shop_id, channel), n in hourly.items()
    ]


def rollup_days(days: Iterable[dt.date]) -> int:
    return sum(rollup_day(day) for day in days)


# The hourly job rewrites today and yesterday (``analytics.tasks``): until it is done with a
# day, that day's stored rollup is behind, so the reports compute these days live.
LIVE_DAYS = 2


def live_from() -> dt.date:
    """The first day the reports read from the raw tables instead of the rollups."""
    return timezone.localdate() - dt.timedelta(days=LIVE_DAYS - 1)


def recent_days(n: int) -> list[dt.date]:
    today = timezone.localdate()
    return [today - dt.timedelta(days=i) for i in range(n)]
