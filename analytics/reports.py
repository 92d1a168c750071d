"""The numbers supervisors read. Plain functions over the rollups (counts) and the
conversation table (exact medians and p90s), filtered by date range, shop and channel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import (
    Avg,
    BigIntegerField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from analytics.models import DailyStats
from analytics.rollups import compute_day, day_bounds, live_from, mood_bucket
from conversations.models import Conversation, Message, Sender
from knowledge.models import AnswerLog, Intent
from routing.models import SlaBreach
from routing.scope import StaffScope, visible_conversations


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date  # inclusive
    shop_id: int | None = None
    channel: str = ""
    team_id: int | None = None  # conversations that belong to this team
    label_id: int | None = None  # conversations carrying this label (desk.Label)
    # Whose reports these are: their scope limits the conversations counted (None: all).
    scope: StaffScope | None = None

    @property
    def narrowed(self) -> bool:
        """True when only part of the conversations count, so the rollups cannot be used."""
        return (
            bool(self.team_id)
            or bool(self.label_id)
            or (self.scope is not None and not self.scope.sees_everything)
        )

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        return day_bounds(self.start)[0], day_bounds(self.end)[1]

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def _scope(queryset: QuerySet, filters: Filters, prefix: str = "") -> QuerySet:
    if filters.shop_id:
        queryset = queryset.filter(**{f"{prefix}shop_id": filters.shop_id})
    if filters.channel:
        queryset = queryset.filter(**{f"{prefix}channel": filters.channel})
    return queryset


def _conversations(queryset: QuerySet[Conversation], filters: Filters) -> QuerySet[Conversation]:
    """Conversations after the site and channel filters, the chosen team, and the reader's
    scope (the same rule as the console's: ``routing.scope``)."""
    queryset = _scope(queryset, filters)
    if filters.team_id:
        queryset = queryset.filter(team_id=filters.team_id)
    if filters.label_id:
        queryset = queryset.filter(desk_labels__label_id=filters.label_id)
    if filters.scope is not None:
        queryset = visible_conversations(filters.scope, queryset)
    return queryset


def _percentiles(seconds: list[float]) -> dict[str, float | None]:
    if not seconds:
        return {"median": None, "p90": None, "n": 0}
    values = np.asarray(seconds, dtype=float)
    return {
        "median": round(float(np.percentile(values, 50)), 1),
        "p90": round(float(np.percentile(values, 90)), 1),
        "n": len(seconds),
    }


def _durations(queryset: QuerySet, end_field: str, start_field: str) -> list[float]:
    span = ExpressionWrapper(F(end_field) - F(start_field), output_field=DurationField())
    rows = queryset.filter(
        **{f"{end_field}__isnull": False, f"{start_field}__isnull": False}
    ).order_by()
    return [d.total_seconds() for d in rows.annotate(span=span).values_list("span", flat=True)]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class Overview:
    conversations: int
    customer_messages: int
    messages: int
    deflection: float | None  # share the bot handled without a person
    handoff_rate: float | None
    first_response: dict[str, Any]  # seconds from handoff to the first agent reply
    resolution: dict[str, Any]  # seconds from start to close
    csat_average: float | None
    csat_distribution: dict[str, int]
    mood_distribution: dict[str, int]
    sla_breaches: int
    daily: list[dict[str, Any]] = field(default_factory=list)


ROLLUP_FIELDS = (
    "day",
    "conversations",
    "customer_messages",
    "bot_messages",
    "agent_messages",
    "handoffs",
    "bot_resolved",
    "csat_count",
    "csat_sum",
    "csat_histogram",
    "mood_histogram",
    "sla_breaches",
)


def _team_rows(filters: Filters, started: QuerySet) -> list[dict[str, Any]]:
    """Rollup-shaped rows for part of the conversations (one team's, or those in the reader's
    scope), from the raw tables: the rollups have no team dimension."""
    zone = timezone.get_current_timezone()
    rows: dict[dt.date, dict[str, Any]] = {}

    def row(day: dt.date) -> dict[str, Any]:
        if day not in rows:
            rows[day] = {f: 0 for f in ROLLUP_FIELDS} | {
                "day": day,
                "csat_histogram": {},
                "mood_histogram": {},
            }
        return rows[day]

    for created, queued, csat, mood in started.values_list(
        "created_at", "queued_at", "csat_score", "mood"
    ):
        r = row(timezone.localtime(created, zone).date())
        r["conversations"] += 1
        r["handoffs" if queued else "bot_resolved"] += 1
        if csat is not None:
            r["csat_count"] += 1
            r["csat_sum"] += csat
            r["csat_histogram"][str(csat)] = r["csat_histogram"].get(str(csat), 0) + 1
        bucket = mood_bucket(mood)
        r["mood_histogram"][bucket] = r["mood_histogram"].get(bucket, 0) + 1
    messages = (
        Message.objects.filter(conversation__in=started, is_private=False)
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .values("day")
        .annotate(
            customer=Count("id", filter=Q(sender=Sender.CUSTOMER)),
            bot=Count("id", filter=Q(sender=Sender.BOT)),
            agent=Count("id", filter=Q(sender=Sender.AGENT)),
        )
    )
    for m in messages:
        r = row(m["day"])
        r["customer_messages"], r["bot_messages"], r["agent_messages"] = (
            m["customer"],
            m["bot"],
            m["agent"],
        )
    breaches = (
        SlaBreach.objects.filter(conversation__in=started)
        .annotate(day=TruncDate("breached_at", tzinfo=zone))
        .values("day")
        .annotate(n=Count("id"))
    )
    for b in breaches:
        row(b["day"])["sla_breaches"] = b["n"]
    return [r for day, r in rows.items() if filters.start <= day <= filters.end]


def daily_rows(filters: Filters) -> list[dict[str, Any]]:
    """Rollup rows (``ROLLUP_FIELDS`` and ``channel``) for the filters' days, site and channel:
    the stored rollups for settled days, and for the days the hourly job is still rewriting
    (today, yesterday) the same numbers computed live, so today is never missing or an hour
    behind."""
    live = live_from()
    settled = DailyStats.objects.filter(
        day__gte=filters.start, day__lte=min(filters.end, live - dt.timedelta(days=1))
    )
    rows = list(_scope(settled, filters).values(*ROLLUP_FIELDS, "channel"))
    today = timezone.localdate()
    for day in filters.days():
        if not live <= day <= today:
            continue
        for stats in compute_day(day)[0]:
            if filters.shop_id and stats.shop_id != filters.shop_id:
                continue
            if filters.channel and stats.channel != filters.channel:
                continue
            rows.append({f: getattr(stats, f) for f in (*ROLLUP_FIELDS, "channel")})
    return rows


def overview(filters: Filters) -> Overview:
    start, end = filters.bounds
    started = _conversations(
        Conversation.objects.filter(created_at__gte=start, created_at__lt=end), filters
    )
    rows = _team_rows(filters, started) if filters.narrowed else daily_rows(filters)
    totals = {f: sum(r[f] for r in rows) for f in ROLLUP_FIELDS if f not in _NOT_SUMMED}
    csat = {str(s): 0 for s in range(1, 6)}
    mood = {"negative": 0, "neutral": 0, "positive": 0}
    per_day: dict[dt.date, dict[str, Any]] = {
        d: {"day": d, "conversations": 0, "handoffs": 0, "customer_messages": 0}
        for d in filters.days()
    }
    for r in rows:
        for score, n in r["csat_histogram"].items():
            csat[score] = csat.get(score, 0) + n
        for bucket, n in r["mood_histogram"].items():
            mood[bucket] = mood.get(bucket, 0) + n
        day = per_day[r["day"]]
        for key in ("conversations", "handoffs", "customer_messages"):
            day[key] += r[key]
    return Overview(
        conversations=totals["conversations"],
        customer_messages=totals["customer_messages"],
        messages=totals["customer_messages"] + totals["bot_messages"] + totals["agent_messages"],
        deflection=_ratio(totals["bot_resolved"], totals["conversations"]),
        handoff_rate=_ratio(totals["handoffs"], totals["conversations"]),
        first_response=_percentiles(_durations(started, "first_agent_reply_at", "queued_at")),
        resolution=_percentiles(_durations(started, "closed_at", "created_at")),
        csat_average=round(totals["csat_sum"] / totals["csat_count"], 2)
        if totals["csat_count"]
        else None,
        csat_distribution=csat,
        mood_distribution=mood,
        sla_breaches=totals["sla_breaches"],
        daily=list(per_day.values()),
    )


_NOT_SUMMED = {"day", "csat_histogram", "mood_histogram"}


def agents(filters: Filters) -> list[dict[str, Any]]:
    """Per agent: conversations handled, first response median/p90, CSAT, replies sent."""
    start, end = filters.bounds
    handled = _conversations(
        Conversation.objects.filter(
            assigned_agent__isnull=False, assigned_at__gte=start, assigned_at__lt=end
        ),
        filters,
    )
    sent = _scope(
        Message.objects.filter(
            sender=Sender.AGENT, is_private=False, created_at__gte=start, created_at__lt=end
        ),
        filters,
        "conversation__",
    )
    if filters.narrowed:  # only then is a subquery over conversations worth its cost
        sent = sent.filter(conversation__in=_conversations(Conversation.objects.all(), filters))
    replies = dict(sent.values_list("agent_id").annotate(n=Count("id")))
    out = []
    by_agent = handled.values("assigned_agent_id", "assigned_agent__username").annotate(
        n=Count("id"), csat=Avg("csat_score"), rated=Count("csat_score")
    )
    for row in by_agent.order_by("assigned_agent__username"):
        mine = handled.filter(assigned_agent_id=row["assigned_agent_id"])
        out.append(
            {
                "agent": row["assigned_agent__username"],
                "agent_id": row["assigned_agent_id"],
                "conversations": row["n"],
                "replies": replies.get(row["assigned_agent_id"], 0),
                "first_response": _percentiles(
                    _durations(mine, "first_agent_reply_at", "assigned_at")
                ),
                "csat_average": round(row["csat"], 2) if row["csat"] is not None else None,
                "rated": row["rated"],
            }
        )
    return out


# Answers the bot computes from the shop's data (catalogue, orders, recommendations) rather
# than from a knowledge entry: the engine logs such a question as not answered, and the bot's
# reply, which carries the log's id, says what it actually did.
COMPUTED_INTENTS = (Intent.ORDER_STATUS, Intent.PRICE_QUERY, Intent.PRODUCT_RECOMMENDATION)
# The reply is stored a moment after the question's log; a question asked just before the end
# of the range is still matched with its reply.
_REPLY_SLACK = dt.timedelta(minutes=10)


def computed_answers(start: dt.datetime, end: dt.datetime) -> QuerySet:
    """Bot replies in [start, end) computed from shop data: rows of ``log_id`` and ``intent``."""
    return (
        Message.objects.filter(
            sender=Sender.BOT,
            created_at__gte=start,
            created_at__lt=end + _REPLY_SLACK,
            payload__has_key="answer_log_id",
            payload__intent__in=[str(i) for i in COMPUTED_INTENTS],
        )
        .annotate(
            log_id=Cast(KT("payload__answer_log_id"), BigIntegerField()),
            intent=KT("payload__intent"),
        )
        .values("log_id", "intent")
    )


def _answer_logs(filters: Filters) -> tuple[QuerySet, Q]:
    """The questions asked in the range, and the condition for "the bot answered it": from
    the knowledge base (the engine's log says so) or from the shop's data (its reply says so)."""
    start, end = filters.bounds
    logs = AnswerLog.objects.filter(created_at__gte=start, created_at__lt=end)
    if filters.channel:
        logs = logs.filter(channel=filters.channel)
    computed = computed_answers(start, end).values("log_id")
    return logs, Q(answered=True) | Q(pk__in=computed)


def knowledge(filters: Filters, limit: int = 20) -> dict[str, Any]:
    logs, answered = _answer_logs(filters)
    top_entries = list(
        logs.filter(answered=True, entry__isnull=False)
        .values("entry_id", "entry__question", "entry__intent")
        .annotate(n=Count("id"), down=Count("id", filter=Q(feedback=-1)))
        .order_by("-n", "entry_id")[:limit]
    )
    poor = list(
        logs.filter(feedback=-1, entry__isnull=False)
        .values("entry_id", "entry__question")
        .annotate(down=Count("id"), up=Count("id", filter=Q(feedback=1)))
        .order_by("-down", "entry_id")[:limit]
    )
    intents = list(
        logs.filter(answered=True)
        .exclude(entry__intent="")
        .values("entry__intent")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    unanswered = list(logs.exclude(answered).values_list("question", flat=True)[:20000])
    return {
        "questions": logs.count(),
        "answered_share": _ratio(logs.filter(answered).count(), logs.count()),
        "top_entries": top_entries,
        "poor_feedback": poor,
        "intents": intents,
        "unanswered": unanswered,
    }


def concurrency(filters: Filters) -> dict[str, Any]:
    """How many conversations agents held at once: each agent's peak, and per day the peak
    summed over agents (the load the team carried at its busiest moment)."""
    start, end = filters.bounds
    held = _conversations(
        Conversation.objects.filter(assigned_agent__isnull=False, assigned_at__lt=end).filter(
            Q(closed_at__isnull=True) | Q(closed_at__gte=start)
        ),
        filters,
    )
    events: list[tuple[dt.datetime, int, int]] = []
    rows = held.order_by().values_list("assigned_agent_id", "assigned_at", "closed_at")
    for agent_id, opened, closed in rows:
        events.append((max(opened, start), 1, agent_id))
        events.append((min(closed or end, end), -1, agent_id))
    events.sort(key=lambda e: (e[0], e[1]))  # a close before an open at the same instant
    current: dict[int, int] = {}
    peak: dict[int, int] = {}
    total, daily_peak = 0, {d: 0 for d in filters.days()}
    # Events come sorted, so walking local midnights alongside them finds each event's day
    # without converting 100,000 timestamps to local time.
    days = filters.days()
    midnights = [day_bounds(d)[0] for d in days] + [end]
    index = 0
    for when, step, agent_id in events:
        while index < len(days) - 1 and when >= midnights[index + 1]:
            index += 1
            # Conversations still open at midnight count on the new day too.
            daily_peak[days[index]] = max(daily_peak[days[index]], total)
        current[agent_id] = current.get(agent_id, 0) + step
        total += step
        peak[agent_id] = max(peak.get(agent_id, 0), current[agent_id])
        daily_peak[days[index]] = max(daily_peak[days[index]], total)
    return {
        "peak_by_agent": peak,
        "daily": [{"day": d, "peak": n} for d, n in daily_peak.items()],
    }


def volume_by_intent(filters: Filters) -> dict[str, Any]:
    """Questions per local day and intent (plain answers count as "answer", misses as
    "unanswered"; answers computed from shop data under their intent)."""
    logs, _answered = _answer_logs(filters)
    start, end = filters.bounds
    by_day = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
    computed = dict(computed_answers(start, end).values_list("log_id", "intent"))
    rows = list(
        logs.exclude(pk__in=list(computed))
        .annotate(day=by_day)
        .values("day", "answered", "entry__intent")
        .annotate(n=Count("id"))
    )
    answered_from_data = logs.filter(pk__in=list(computed)).annotate(day=by_day)
    for day, log_id in answered_from_data.values_list("day", "pk"):
        rows.append({"day": day, "answered": True, "entry__intent": computed[log_id], "n": 1})
    table: dict[dt.date, dict[str, int]] = {d: {} for d in filters.days()}
    intents: set[str] = set()
    for r in rows:
        intent = (r["entry__intent"] or "answer") if r["answered"] else "unanswered"
        intents.add(intent)
        bucket = table.setdefault(r["day"], {})
        bucket[intent] = bucket.get(intent, 0) + r["n"]
    ordered = sorted(intents)
    return {
        "intents": ordered,
        "daily": [
            {"day": d, **{i: v.get(i, 0) for i in ordered}} for d, v in sorted(table.items())
        ],
    }
