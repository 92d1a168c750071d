"""Customer insight, unanswered topics, and the forecast turned into staffing."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

import numpy as np
from django.db.models import Count, DurationField, ExpressionWrapper, F, Min
from django.utils import timezone

from analytics.clustering import Topic, cluster_questions
from analytics.erlang import agents_needed
from analytics.forecast import forecast_daily, hourly_profile
from analytics.models import HourlyVolume
from analytics.reports import Filters, _scope, daily_rows
from analytics.rollups import local_zone
from conversations.models import Conversation, Message
from core.masking import mask_personal_data
from profiles.models import Customer, OrderItem, Product, ProductView

HISTORY_DAYS = 56  # eight weeks: enough for a weekly pattern, recent enough to matter
HORIZON_DAYS = 14
DEFAULT_HANDLE_SECONDS = 300.0
SERVICE_TARGET = (0.8, 20)  # 80 % answered within 20 s


def unanswered_topics(questions: list[str]) -> list[Topic]:
    """Topics of what the bot could not answer, with personal data masked before anything is
    grouped or shown: the page, its exports and the drafts made from a topic never carry a
    customer's phone, e-mail or card number, and "call me on [phone]" questions group."""
    masked = [mask_personal_data(q) for q in questions]
    return cluster_questions(masked, max_clusters=20, min_size=2)


def customers(filters: Filters) -> dict[str, Any]:
    start, end = filters.bounds
    in_range = _scope(
        Conversation.objects.filter(created_at__gte=start, created_at__lt=end), filters
    )
    people = set(in_range.exclude(customer=None).values_list("customer_id", flat=True))
    first_seen = dict(
        Conversation.objects.filter(customer_id__in=people)
        .values_list("customer_id")
        .annotate(first=Min("created_at"))
    )
    new = sum(1 for c in people if first_seen.get(c) and first_seen[c] >= start)
    segments: Counter[str] = Counter()
    for segs in Customer.objects.filter(pk__in=people).values_list("segments", flat=True):
        segments.update(segs or ["—"])
    views = ProductView.objects.filter(at__gte=start, at__lt=end)
    if filters.shop_id:
        views = views.filter(shop_id=filters.shop_id)
    top = list(views.values("sku", "shop_id").annotate(n=Count("id")).order_by("-n", "sku")[:20])
    names = {
        (p.shop_id, p.sku): p.name for p in Product.objects.filter(sku__in=[t["sku"] for t in top])
    }
    return {
        "recommendations": recommendation_follow_through(filters),
        "counts": [
            {"kind": "new", "n": new},
            {"kind": "returning", "n": len(people) - new},
            {"kind": "anonymous conversations", "n": in_range.filter(customer=None).count()},
        ],
        "segments": [{"segment": s, "n": n} for s, n in segments.most_common()],
        "products": [
            {"sku": t["sku"], "name": names.get((t["shop_id"], t["sku"]), ""), "n": t["n"]}
            for t in top
        ],
    }


def _handle_seconds(filters: Filters) -> float:
    """Median time an agent spends on a conversation, from assignment to close."""
    start, end = filters.bounds
    span = ExpressionWrapper(F("closed_at") - F("assigned_at"), output_field=DurationField())
    handled = _scope(
        Conversation.objects.filter(
            assigned_at__gte=start - dt.timedelta(days=HISTORY_DAYS),
            assigned_at__lt=end,
            closed_at__isnull=False,
        ),
        filters,
    ).annotate(span=span)
    values = [d.total_seconds() for d in handled.values_list("span", flat=True)[:20000]]
    return float(np.median(values)) if values else DEFAULT_HANDLE_SECONDS


def staffing(filters: Filters) -> dict[str, Any]:
    """Daily volume for the last eight weeks up to the end of the range, its forecast for the
    next two weeks, spread over the hours by the usual shape of each weekday, and the agents
    each hour needs (Erlang C, 80 % answered within 20 s)."""
    # The history ends with the last full day: today so far is a fraction of a day, and
    # feeding it in as one would drag the forecast (and the chart's last point) down.
    last = min(filters.end, timezone.localdate() - dt.timedelta(days=1))
    first = last - dt.timedelta(days=HISTORY_DAYS - 1)
    totals: dict[dt.date, int] = defaultdict(int)
    per_day: dict[dt.date, dict[str, Any]] = defaultdict(dict)
    for r in daily_rows(replace(filters, start=first, end=last)):
        totals[r["day"]] += r["conversations"]
        per_day[r["day"]][r["channel"]] = (
            per_day[r["day"]].get(r["channel"], 0) + r["conversations"]
        )
    history = [
        {
            "day": first + dt.timedelta(days=i),
            "conversations": totals.get(first + dt.timedelta(days=i), 0),
        }
        for i in range(HISTORY_DAYS)
    ]
    channels = sorted({ch for counts in per_day.values() for ch in counts})
    by_channel = [
        {"day": d, **{ch: per_day[d].get(ch, 0) for ch in channels}} for d in sorted(per_day)
    ]

    zone = local_zone()
    hours = _scope(
        HourlyVolume.objects.filter(
            hour__gte=dt.datetime.combine(first, dt.time.min, tzinfo=zone),
            hour__lt=dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
        ),
        filters,
    )
    counts: dict[tuple[int, int], float] = defaultdict(float)
    for hour, n in hours.values_list("hour", "conversations"):
        local = timezone.localtime(hour, zone)
        counts[(local.weekday(), local.hour)] += n
    shape = hourly_profile(dict(counts))
    handle = _handle_seconds(filters)
    predicted = forecast_daily([h["conversations"] for h in history], horizon=HORIZON_DAYS)
    days, hour_rows = [], []
    for i, volume in enumerate(predicted):
        day = last + dt.timedelta(days=i + 1)
        peak = 0
        for hour in range(24):
            share = shape.get((day.weekday(), hour), 1 / 24)
            expected = volume * share
            agents = agents_needed(expected, handle, *SERVICE_TARGET)
            peak = max(peak, agents)
            if expected > 0:
                hour_rows.append(
                    {
                        "day": day,
                        "hour": f"{hour:02d}:00",
                        "conversations": round(expected, 1),
                        "agents": agents,
                    }
                )
        days.append({"day": day, "forecast": round(volume, 1), "peak_agents": peak})
    return {
        "history": history,
        "days": days,
        "hours": hour_rows,
        "channels": channels,
        "by_channel": by_channel,
        "assumptions": {
            "handle_seconds": round(handle),
            "service_level": SERVICE_TARGET[0],
            "target_seconds": SERVICE_TARGET[1],
        },
    }


FOLLOW_WINDOW = dt.timedelta(days=7)


def recommendation_follow_through(filters: Filters, limit: int = 5000) -> dict[str, Any]:
    """Suggestions the bot made, and how many the customer followed: viewed or bought one of
    the suggested products within a week. (Anonymous visitors cannot be followed.)"""
    start, end = filters.bounds
    shown = _scope(
        Message.objects.filter(
            sender="bot",
            created_at__gte=start,
            created_at__lt=end,
            payload__intent="product_recommendation",
        ),
        filters,
        "conversation__",
    ).select_related("conversation")
    total = followed = 0
    for message in shown.order_by("id")[:limit]:
        total += 1
        customer_id = message.conversation.customer_id
        skus = [p.get("sku") for p in message.payload.get("products", []) if isinstance(p, dict)]
        if not customer_id or not skus:
            continue
        window = (message.created_at, message.created_at + FOLLOW_WINDOW)
        viewed = ProductView.objects.filter(
            customer_id=customer_id, sku__in=skus, at__gt=window[0], at__lte=window[1]
        ).exists()
        bought = (
            viewed
            or OrderItem.objects.filter(
                order__customer_id=customer_id,
                sku__in=skus,
                order__placed_at__gt=window[0],
                order__placed_at__lte=window[1],
            ).exists()
        )
        followed += bool(viewed or bought)
    return {"shown": total, "followed": followed, "rate": followed / total if total else None}
