"""The report pages: who may see them, filters, exports, and the entry-from-topic action."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from analytics.models import DailyStats
from analytics.planning import staffing
from analytics.reports import Filters
from audit.models import AuditEvent
from knowledge.models import AnswerLog, Entry, Status
from tests.factories import make_shop

pytestmark = pytest.mark.django_db

PAGES = [
    "/analytics/",
    "/analytics/agents/",
    "/analytics/knowledge/",
    "/analytics/customers/",
    "/analytics/forecast/",
]


@pytest.fixture
def supervisor(client, make_user):
    client.force_login(make_user("sue", Role.SUPERVISOR))
    return client


def test_only_supervisors_see_reports(client, make_user):
    assert client.get("/analytics/").status_code == 302  # to the log-in page
    client.force_login(make_user("al", Role.AGENT))
    assert client.get("/analytics/").status_code == 403


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_charts_and_tables_even_when_empty(supervisor, path):
    response = supervisor.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<table>" in page and "cdn" not in page.lower()


def test_bad_filters_get_a_form_error(supervisor):
    response = supervisor.get("/analytics/", {"start": "2026-11-10", "end": "2026-11-01"})
    assert response.status_code == 400 and "after the end date" in response.content.decode()
    too_long = supervisor.get("/analytics/", {"start": "2024-01-01", "end": "2026-11-01"})
    assert too_long.status_code == 400
    assert supervisor.get("/analytics/", {"start": "not a date"}).status_code == 400


def test_every_table_exports_as_csv_and_xlsx(supervisor):
    shop = make_shop()
    DailyStats.objects.create(day=dt.date(2026, 11, 2), shop=shop, channel="web", conversations=7)
    query = {"start": "2026-11-01", "end": "2026-11-03"}
    response = supervisor.get("/analytics/", {**query, "export": "csv", "table": "daily"})
    assert response["Content-Disposition"] == 'attachment; filename="daily.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Day", "Conversations", "Handoffs", "Customer messages"]
    assert rows[1:] == [
        ["2026-11-01", "0", "0", "0"],
        ["2026-11-02", "7", "0", "0"],
        ["2026-11-03", "0", "0", "0"],
    ]
    xlsx = supervisor.get("/analytics/", {**query, "export": "xlsx", "table": "summary"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]] == ["Conversations", 7]
    assert supervisor.get("/analytics/", {"export": "pdf", "table": "daily"}).status_code == 400
    assert supervisor.get("/analytics/", {"export": "csv", "table": "nope"}).status_code == 400


def test_unanswered_questions_become_a_draft_entry(client, make_user):
    for text in ["发票怎么开", "怎么开发票", "可以开发票吗", "发票怎么开？"]:
        AnswerLog.objects.create(question=text, answered=False, confidence=0.1, latency_ms=1)
    editor = make_user("ed", Role.ADMINISTRATOR)
    client.force_login(editor)
    page = client.get("/analytics/knowledge/").content.decode()
    assert "发票" in page and "Create an entry from" in page
    response = client.post(
        "/analytics/knowledge/new-entry/",
        {"question": "发票怎么开", "similar": ["怎么开发票", "可以开发票吗", "发票怎么开"]},
    )
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/entry/{entry.pk}/change/"
    )
    assert entry.status == Status.DRAFT and entry.language == "zh-Hans"
    assert sorted(entry.similar_questions.values_list("text", flat=True)) == [
        "可以开发票吗",
        "怎么开发票",
    ]
    assert AuditEvent.objects.filter(object_type="knowledge.entry").exists()


def test_only_knowledge_editors_create_entries(client, make_user):
    client.force_login(make_user("sue", Role.SUPERVISOR))
    assert client.post("/analytics/knowledge/new-entry/", {"question": "x"}).status_code == 403
    assert not Entry.objects.exists()


def test_the_staffing_plan_follows_a_planted_weekly_pattern():
    shop = make_shop()
    last = dt.date(2026, 11, 22)  # a Sunday
    weekday_volume = [200, 220, 230, 225, 240, 90, 60]  # Mon … Sun
    for i in range(56):
        day = last - dt.timedelta(days=i)
        DailyStats.objects.create(
            day=day, shop=shop, channel="web", conversations=weekday_volume[day.weekday()]
        )
    plan = staffing(Filters(last - dt.timedelta(days=29), last))
    forecast = {d["day"].weekday(): d["forecast"] for d in plan["days"][:7]}
    assert abs(forecast[0] - 200) < 20 and abs(forecast[6] - 60) < 15
    peaks = {d["day"].weekday(): d["peak_agents"] for d in plan["days"][:7]}
    assert peaks[4] > peaks[6] >= 1  # Friday needs more people than Sunday
    assert len(plan["hours"]) == 14 * 24  # no hourly history: a flat day


def test_charts_are_plain_svg_without_scripts(supervisor):
    page = supervisor.get("/analytics/").content.decode()
    assert "<svg" in page and "<script" not in page.split("<main>")[1]


def test_an_editor_reads_the_topics_and_drafts_into_a_category_they_were_granted(client, make_user):
    from guardian.shortcuts import assign_perm

    from knowledge.models import Category

    editor = make_user("kim", Role.KNOWLEDGE_EDITOR)
    billing = Category.objects.create(name="Billing")
    Category.objects.create(name="Shipping")
    assign_perm("knowledge.edit_category_entries", editor, billing)
    client.force_login(editor)
    assert client.get("/analytics/knowledge/").status_code == 200
    assert client.get("/analytics/").status_code == 403  # the other reports are supervisors'
    client.post("/analytics/knowledge/new-entry/", {"question": "发票怎么开"})
    assert Entry.objects.get().category == billing
