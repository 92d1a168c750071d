"""Today in the reports: current without waiting for the hourly rollup, and the forecast built
on full days only (issue 18, item 7)."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from accounts.roles import Role
from analytics.models import DailyStats
from analytics.rollups import day_bounds, rollup_days
from tests.factories import make_shop

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(client, make_user):
    client.force_login(make_user("sue", Role.SUPERVISOR))
    return client


def table(client, path: str, name: str, **query: str) -> list[dict[str, str]]:
    response = client.get(path, {**query, "export": "csv", "table": name})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff"))))


def start_conversations(shop, n: int, when: dt.datetime | None = None) -> None:
    created = [shop.conversations.create(channel="web", visitor_token_hash="x") for _ in range(n)]
    if when is not None:
        shop.conversations.filter(pk__in=[c.pk for c in created]).update(created_at=when)


def test_todays_conversations_show_before_the_hourly_rollup_catches_up(supervisor):
    shop = make_shop()
    start_conversations(shop, 1)
    rollup_days([timezone.localdate()])  # the hourly job ran …
    start_conversations(shop, 2)  # … and these came after it

    summary = {r["Metric"]: r["Value"] for r in table(supervisor, "/analytics/", "summary")}
    assert summary["Conversations"] == "3"
    daily = table(supervisor, "/analytics/", "daily")
    assert daily[-1]["Day"] == timezone.localdate().isoformat()
    assert daily[-1]["Conversations"] == "3"


def test_the_forecast_is_built_on_full_days_and_starts_today(supervisor):
    shop = make_shop()
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    for back in range(2, 60):  # settled days, rolled up long ago: 20 a day
        DailyStats.objects.create(
            day=today - dt.timedelta(days=back), shop=shop, channel="web", conversations=20
        )
    # Yesterday's 20 are not rolled up yet (the job ran before the evening), and today has
    # only just begun.
    start_conversations(shop, 20, day_bounds(yesterday)[0] + dt.timedelta(hours=20))
    start_conversations(shop, 2)

    forecast = table(supervisor, "/analytics/forecast/", "forecast")
    assert forecast[0]["Day"] == today.isoformat()  # today is forecast as a whole day
    assert [float(r["Conversations"]) for r in forecast] == pytest.approx([20.0] * 14, abs=1)
    by_channel = table(supervisor, "/analytics/forecast/", "by_channel")
    assert by_channel[-1] == {"Day": yesterday.isoformat(), "Web chat": "20"}
