"""Supervisor reports. Each view: check the role, validate the filters, build tables with the
functions in ``analytics.reports``/``analytics.planning``, render (or export one table)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import Role, has_role
from analytics import planning, reports
from analytics.forms import CHANNELS, ReportFilters
from analytics.tables import Table, bar_chart, export, line_chart
from knowledge.models import Category, Intent
from knowledge.services import draft_entry_from_questions, editable_categories
from routing.scope import scope_of

UNSORTED_CATEGORY = "To sort / 待整理"

PAGES = [
    ("analytics_overview", gettext_lazy("Overview")),
    ("analytics_agents", gettext_lazy("Agents")),
    ("analytics_knowledge", gettext_lazy("Knowledge")),
    ("analytics_customers", gettext_lazy("Customers")),
    ("analytics_forecast", gettext_lazy("Trends and staffing")),
]


MOODS = {
    "negative": gettext_lazy("Negative"),
    "neutral": gettext_lazy("Neutral"),
    "positive": gettext_lazy("Positive"),
}
CUSTOMER_KINDS = {
    "new": gettext_lazy("New customers"),
    "returning": gettext_lazy("Returning customers"),
    "anonymous conversations": gettext_lazy("Conversations without a known customer"),
}
# Per-intent volumes: the intents' own names, and the two that are no intent.
INTENT_LABELS = {
    **{str(value): label for value, label in Intent.choices if value},
    "answer": gettext_lazy("Plain answer"),
    "unanswered": gettext_lazy("Not answered"),
}


def _channel(code: str) -> str:
    return str(dict(CHANNELS).get(code, code))


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 120:
        return _("%(n)s s") % {"n": f"{value:.0f}"}
    return _("%(n)s min") % {"n": f"{value / 60:.1f}"}


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def report_view(
    template_title: Any,
    build: Callable[[ReportFilters], dict[str, Any]],
    roles: tuple[Role, ...] = (Role.SUPERVISOR, Role.ADMINISTRATOR),
) -> Callable[[HttpRequest], HttpResponse]:
    @require_GET
    @login_required
    def view(request: HttpRequest) -> HttpResponse:
        if not has_role(request.user, *roles):
            raise PermissionDenied("Reports are for supervisors.")
        scope = scope_of(request.user)
        form = ReportFilters(request.GET or None, scope=scope)
        if request.GET and not form.is_valid():
            context = {"form": form, "title": template_title, "pages": PAGES, "tables": []}
            return render(request, "analytics/report.html", context, status=400)
        if not request.GET:
            form = ReportFilters({}, scope=scope)
            form.is_valid()
        context = build(form)
        # Show the range actually used: the defaults fill in whatever the query left out.
        shown = ReportFilters(
            {
                **request.GET.dict(),
                "start": form.cleaned_data["start"].isoformat(),
                "end": form.cleaned_data["end"].isoformat(),
            },
            scope=scope,
        )
        tables: list[Table] = context["tables"]
        if fmt := request.GET.get("export"):
            wanted = request.GET.get("table", "")
            table = next((t for t in tables if t.name == wanted), None)
            if fmt not in ("csv", "xlsx") or table is None:
                return JsonResponse(
                    {"detail": "Use export=csv|xlsx and table=" + "|".join(t.name for t in tables)},
                    status=400,
                )
            return export(table, fmt)
        query = request.GET.copy()
        query.pop("export", None)
        query.pop("table", None)
        context |= {
            "form": shown,
            "team_pages": ("analytics_overview", "analytics_agents"),
            "title": template_title,
            "pages": PAGES,
            "query": query.urlencode(),
        }
        return render(request, "analytics/report.html", context)

    return view


def _overview(form: ReportFilters) -> dict[str, Any]:
    o = reports.overview(form.filters())
    summary = Table(
        "summary",
        _("Summary"),
        [("metric", _("Metric")), ("value", _("Value"))],
        [
            {"metric": _("Conversations"), "value": o.conversations},
            {"metric": _("Messages"), "value": o.messages},
            {"metric": _("Customer messages"), "value": o.customer_messages},
            {"metric": _("Resolved by the bot (deflection)"), "value": _percent(o.deflection)},
            {"metric": _("Handed to a person"), "value": _percent(o.handoff_rate)},
            {"metric": _("First response, median"), "value": _seconds(o.first_response["median"])},
            {"metric": _("First response, p90"), "value": _seconds(o.first_response["p90"])},
            {"metric": _("Resolution time, median"), "value": _seconds(o.resolution["median"])},
            {"metric": _("Resolution time, p90"), "value": _seconds(o.resolution["p90"])},
            {"metric": _("CSAT average (1–5)"), "value": o.csat_average or "—"},
            {"metric": _("SLA breaches"), "value": o.sla_breaches},
        ],
    )
    daily = Table(
        "daily",
        _("Per day"),
        [
            ("day", _("Day")),
            ("conversations", _("Conversations")),
            ("handoffs", _("Handoffs")),
            ("customer_messages", _("Customer messages")),
        ],
        o.daily,
    )
    csat = Table(
        "csat",
        _("CSAT distribution"),
        [("score", _("Score")), ("n", _("Ratings"))],
        [{"score": s, "n": n} for s, n in sorted(o.csat_distribution.items())],
    )
    mood = Table(
        "mood",
        _("Customer mood"),
        [("mood", _("Mood")), ("n", _("Conversations"))],
        [{"mood": MOODS.get(m, m), "n": n} for m, n in o.mood_distribution.items()],
    )
    labels = [f"{d['day']:%m-%d}" for d in o.daily]
    return {
        "tables": [summary, daily, csat, mood],
        "charts": {
            "daily": line_chart(
                _("Conversations per day"),
                labels,
                {
                    _("Conversations"): [d["conversations"] for d in o.daily],
                    _("Handoffs"): [d["handoffs"] for d in o.daily],
                },
            ),
            "csat": bar_chart(
                _("CSAT"), list(o.csat_distribution), list(o.csat_distribution.values())
            ),
            "mood": bar_chart(
                _("Mood"),
                [str(MOODS.get(m, m)) for m in o.mood_distribution],
                list(o.mood_distribution.values()),
            ),
        },
    }


def _agents(form: ReportFilters) -> dict[str, Any]:
    rows = reports.agents(form.filters())
    load = reports.concurrency(form.filters())
    table = Table(
        "agents",
        _("Agents"),
        [
            ("agent", _("Agent")),
            ("conversations", _("Conversations")),
            ("replies", _("Replies")),
            ("first_median", _("First response, median")),
            ("first_p90", _("First response, p90")),
            ("csat_average", _("CSAT")),
            ("rated", _("Ratings")),
            ("peak", _("Most at once")),
        ],
        [
            {
                **r,
                "first_median": _seconds(r["first_response"]["median"]),
                "first_p90": _seconds(r["first_response"]["p90"]),
                "peak": load["peak_by_agent"].get(r["agent_id"], 0),
            }
            for r in rows
        ],
        verbatim=frozenset({"agent"}),
    )
    daily_load = Table(
        "load",
        _("Concurrent conversations (peak per day, all agents)"),
        [("day", _("Day")), ("peak", _("Conversations at once"))],
        load["daily"],
    )
    charts = {
        "agents": bar_chart(
            _("Conversations handled"),
            [r["agent"] for r in rows],
            [r["conversations"] for r in rows],
        ),
        "load": line_chart(
            _("Concurrent load"),
            [f"{d['day']:%m-%d}" for d in load["daily"]],
            {_("Peak"): [d["peak"] for d in load["daily"]]},
        ),
    }
    return {"tables": [table, daily_load], "charts": charts}


def _knowledge(form: ReportFilters) -> dict[str, Any]:
    k = reports.knowledge(form.filters())
    topics = planning.unanswered_topics(k["unanswered"])
    tables = [
        Table(
            "top_entries",
            _("Most used answers"),
            [
                ("entry__question", _("Question")),
                ("entry__intent", _("Intent")),
                ("n", _("Answers")),
                ("down", "👎"),
            ],
            [
                {**r, "entry__intent": INTENT_LABELS.get(r["entry__intent"], "")}
                for r in k["top_entries"]
            ],
            verbatim=frozenset({"entry__question"}),
        ),
        Table(
            "poor_feedback",
            _("Answers with poor feedback"),
            [("entry__question", _("Question")), ("down", "👎"), ("up", "👍")],
            k["poor_feedback"],
            verbatim=frozenset({"entry__question"}),
        ),
        Table(
            "unanswered_topics",
            _("Questions the bot could not answer, by topic"),
            [("label", _("Topic")), ("size", _("Questions")), ("examples", _("Examples"))],
            [
                {"label": t.label, "size": t.size, "examples": " / ".join(t.examples)}
                for t in topics
            ],
            verbatim=frozenset({"label", "examples"}),
        ),
    ]
    return {"tables": tables, "topics": topics, "answered_share": _percent(k["answered_share"])}


def _customers(form: ReportFilters) -> dict[str, Any]:
    c = planning.customers(form.filters())
    rec = c["recommendations"]
    tables = [
        Table(
            "recommendations",
            _("Recommendations"),
            [
                ("shown", _("Suggestions shown")),
                ("followed", _("Followed within 7 days")),
                ("rate", _("Click-through")),
            ],
            [{**rec, "rate": _percent(rec["rate"])}],
        ),
        Table(
            "customers",
            _("Customers"),
            [("kind", _("Customers")), ("n", _("Number"))],
            [{**r, "kind": CUSTOMER_KINDS.get(r["kind"], r["kind"])} for r in c["counts"]],
        ),
        Table(
            "segments",
            _("Segments"),
            [("segment", _("Segment")), ("n", _("Customers"))],
            c["segments"],
            verbatim=frozenset({"segment"}),  # the shops' own segment names
        ),
        Table(
            "products",
            _("Products asked about"),
            [("sku", "SKU"), ("name", _("Product")), ("n", _("Times"))],
            c["products"],
            verbatim=frozenset({"sku", "name"}),
        ),
    ]
    return {"tables": tables}


def _forecast(form: ReportFilters) -> dict[str, Any]:
    plan = planning.staffing(form.filters())
    tables = [
        Table(
            "forecast",
            _("Forecast: conversations per day"),
            [
                ("day", _("Day")),
                ("forecast", _("Conversations")),
                ("peak_agents", _("Agents at the busiest hour")),
            ],
            plan["days"],
        ),
        Table(
            "staffing",
            _("Agents needed per hour"),
            [
                ("day", _("Day")),
                ("hour", _("Hour")),
                ("conversations", _("Conversations")),
                ("agents", _("Agents")),
            ],
            plan["hours"],
        ),
        Table(
            "by_channel",
            _("Daily volume per channel"),
            [("day", _("Day")), *[(ch, _channel(ch)) for ch in plan["channels"]]],
            plan["by_channel"],
        ),
    ]
    by_intent = reports.volume_by_intent(form.filters())
    tables.append(
        Table(
            "by_intent",
            _("Daily questions per intent"),
            [("day", _("Day")), *[(i, INTENT_LABELS.get(i, i)) for i in by_intent["intents"]]],
            by_intent["daily"],
        )
    )
    history = plan["history"]
    labels = [f"{d['day']:%m-%d}" for d in history] + [f"{d['day']:%m-%d}" for d in plan["days"]]
    chart = line_chart(
        _("Conversations per day and forecast"),
        labels,
        {
            _("Actual"): [d["conversations"] for d in history] + [None] * len(plan["days"]),
            _("Forecast"): [None] * len(history) + [d["forecast"] for d in plan["days"]],
        },
    )
    assumptions = {
        **plan["assumptions"],
        "service_level_percent": _percent(plan["assumptions"]["service_level"]),
    }
    return {"tables": tables, "charts": {"forecast": chart}, "assumptions": assumptions}


overview = report_view(gettext_lazy("Overview"), _overview)
agents = report_view(gettext_lazy("Agents"), _agents)
# Editors read what the bot could not answer: that is their next piece of work.
knowledge = report_view(
    gettext_lazy("Knowledge"),
    _knowledge,
    roles=(Role.SUPERVISOR, Role.ADMINISTRATOR, Role.KNOWLEDGE_EDITOR),
)
customers = report_view(gettext_lazy("Customers"), _customers)
forecast = report_view(gettext_lazy("Trends and staffing"), _forecast)


@require_POST
@login_required
def entry_from_topic(request: HttpRequest) -> HttpResponse:
    """Turn a cluster of unanswered questions into a draft entry and open it in the admin."""
    if not request.user.has_perm("knowledge.add_entry"):
        raise PermissionDenied("Only knowledge editors create entries.")
    question = request.POST.get("question", "").strip()
    if not question:
        return JsonResponse({"detail": "A question is required."}, status=400)
    # The "to sort" category for those who edit everything; else one the editor was granted.
    editable = editable_categories(request.user)
    if editable.count() == Category.objects.count():
        category = Category.objects.get_or_create(name=UNSORTED_CATEGORY, parent=None)[0]
    else:
        category = editable.order_by("name").first()
    if category is None:
        raise PermissionDenied("You may not edit any category.")
    try:
        entry = draft_entry_from_questions(
            request.user, category, question, request.POST.getlist("similar")
        )
    except PermissionError as exc:
        raise PermissionDenied(str(exc)) from exc
    return redirect("admin:knowledge_entry_change", entry.pk)
