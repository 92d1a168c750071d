"""Report metrics against values computed by hand on a small fixture (local-time days)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from accounts.roles import Role
from analytics.models import DailyStats
from analytics.reports import Filters, agents, overview
from analytics.rollups import rollup_days
from conversations.models import Conversation, Message
from routing.models import SlaBreach
from tests.factories import make_shop

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOV2, NOV3 = dt.date(2026, 11, 2), dt.date(2026, 11, 3)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def conversation(shop, created, *, channel="web", agent=None, **fields):
    c = Conversation.objects.create(shop=shop, channel=channel, visitor_token_hash="x")
    Conversation.objects.filter(pk=c.pk).update(created_at=created, assigned_agent=agent, **fields)
    return c


def message(c, sender, when, seq, agent=None):
    m = Message.objects.create(conversation=c, seq=seq, sender=sender, text="…", agent=agent)
    Message.objects.filter(pk=m.pk).update(created_at=when)


@pytest.fixture
def data(make_user, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    shop = make_shop()
    agent = make_user("ann", Role.AGENT)
    # A: 00:30 on Nov 2 in Shanghai is still Nov 1 in UTC; the bot handles it.
    a = conversation(shop, at(2, 0, 30), mood=0.5)
    for seq, sender in enumerate(["customer", "bot", "customer", "bot"], 1):
        message(a, sender, at(2, 0, 30 + seq), seq)
    # B: handed off, first reply after 2 min, closed after 20 min, CSAT 5, upset.
    b = conversation(
        shop,
        at(2, 10),
        agent=agent,
        queued_at=at(2, 10, 1),
        assigned_at=at(2, 10, 2),
        first_agent_reply_at=at(2, 10, 3),
        closed_at=at(2, 10, 20),
        csat_score=5,
        mood=-0.6,
    )
    message(b, "customer", at(2, 10), 1)
    message(b, "agent", at(2, 10, 3), 2, agent)
    # C: late on Nov 2, first reply after 10 min, closed after midnight, CSAT 3, one SLA breach.
    c = conversation(
        shop,
        at(2, 23, 30),
        agent=agent,
        queued_at=at(2, 23, 31),
        assigned_at=at(2, 23, 32),
        first_agent_reply_at=at(2, 23, 41),
        closed_at=at(3, 0, 30),
        csat_score=3,
    )
    SlaBreach.objects.create(
        conversation=c, agent=agent, assigned_at=at(2, 23, 32), limit_seconds=60
    )
    SlaBreach.objects.filter(conversation=c).update(breached_at=at(2, 23, 33))
    # D: an SMS on Nov 3 the bot handles.
    conversation(shop, at(3, 9), channel="sms")
    rollup_days([NOV2 - dt.timedelta(days=1), NOV2, NOV3])
    return shop


def test_the_overview_matches_the_hand_computed_numbers(data):
    o = overview(Filters(NOV2, NOV3))
    assert (o.conversations, o.customer_messages, o.messages) == (4, 3, 6)
    assert (o.deflection, o.handoff_rate) == (0.5, 0.5)
    # First responses 120 s and 600 s; resolutions 1,200 s and 3,600 s.
    assert o.first_response == {"median": 360.0, "p90": 552.0, "n": 2}
    assert o.resolution == {"median": 2400.0, "p90": 3360.0, "n": 2}
    assert o.csat_average == 4.0
    assert o.csat_distribution == {"1": 0, "2": 0, "3": 1, "4": 0, "5": 1}
    assert o.mood_distribution == {"negative": 1, "neutral": 2, "positive": 1}
    assert o.sla_breaches == 1
    assert [(d["day"], d["conversations"]) for d in o.daily] == [(NOV2, 3), (NOV3, 1)]


def test_days_are_local_and_an_empty_range_has_no_made_up_numbers(data):
    nov1 = overview(Filters(NOV2 - dt.timedelta(days=1), NOV2 - dt.timedelta(days=1)))
    assert nov1.conversations == 0 and nov1.deflection is None and nov1.csat_average is None
    assert nov1.first_response == {"median": None, "p90": None, "n": 0}


def test_filters_by_channel_and_site(data):
    assert overview(Filters(NOV2, NOV3, channel="sms")).conversations == 1
    other = make_shop(name="Other shop")
    assert overview(Filters(NOV2, NOV3, shop_id=other.pk)).conversations == 0


def test_rolling_up_twice_gives_the_same_rows(data):
    before = list(DailyStats.objects.order_by("day", "channel").values())
    rollup_days([NOV2, NOV3])
    after = list(DailyStats.objects.order_by("day", "channel").values())
    assert [{k: v for k, v in r.items() if k != "id"} for r in before] == [
        {k: v for k, v in r.items() if k != "id"} for r in after
    ]


def test_the_agent_report(data):
    (ann,) = agents(Filters(NOV2, NOV3))
    assert (ann["agent"], ann["conversations"], ann["replies"]) == ("ann", 2, 1)
    # From assignment to first reply: 60 s and 540 s.
    assert ann["first_response"]["median"] == 300.0
    assert (ann["csat_average"], ann["rated"]) == (4.0, 2)


def test_concurrent_load_and_questions_per_intent(data):
    from analytics.reports import concurrency, volume_by_intent
    from knowledge.models import AnswerLog

    load = concurrency(Filters(NOV2, NOV3))
    # B (10:02–10:20) and C (23:32–00:30) never overlap: ann held one at a time.
    assert list(load["peak_by_agent"].values()) == [1]
    assert load["daily"] == [{"day": NOV2, "peak": 1}, {"day": NOV3, "peak": 1}]

    log = AnswerLog.objects.create(question="?", answered=False, confidence=0.1, latency_ms=1)
    AnswerLog.objects.filter(pk=log.pk).update(created_at=at(3, 0, 10))  # Nov 2 16:10 UTC
    by_intent = volume_by_intent(Filters(NOV2, NOV3))
    assert by_intent["intents"] == ["unanswered"]
    assert by_intent["daily"] == [
        {"day": NOV2, "unanswered": 0},
        {"day": NOV3, "unanswered": 1},
    ]


def test_recommendation_click_through_counts_views_and_purchases_within_a_week(data):
    from analytics.planning import recommendation_follow_through
    from profiles.models import Customer, ProductView

    customer = Customer.objects.create(shop=data, external_id="r-1")
    followed = conversation(data, at(2, 12), customer=customer)
    ignored = conversation(data, at(2, 13), customer=customer)
    for c, when, sku in ((followed, at(2, 12), "LAMP"), (ignored, at(2, 13), "MUG")):
        m = Message.objects.create(
            conversation=c,
            seq=1,
            sender="bot",
            text="…",
            payload={"intent": "product_recommendation", "products": [{"sku": sku}]},
        )
        Message.objects.filter(pk=m.pk).update(created_at=when)
    ProductView.objects.create(shop=data, customer=customer, sku="LAMP", at=at(4, 9))
    ProductView.objects.create(shop=data, customer=customer, sku="MUG", at=at(20, 9))  # too late
    assert recommendation_follow_through(Filters(NOV2, NOV3)) == {
        "shown": 2,
        "followed": 1,
        "rate": 0.5,
    }


def test_the_overview_for_one_team_counts_that_teams_conversations(data):
    from routing.models import Team

    orders = Team.objects.create(name="Orders")
    Team.objects.create(name="Returns")
    Conversation.objects.filter(assigned_agent__username="ann").update(team=orders)
    o = overview(Filters(NOV2, NOV3, team_id=orders.pk))
    assert (o.conversations, o.messages, o.customer_messages) == (2, 2, 1)
    assert (o.deflection, o.handoff_rate, o.csat_average, o.sla_breaches) == (0.0, 1.0, 4.0, 1)
    assert o.first_response == {"median": 360.0, "p90": 552.0, "n": 2}
    assert [(d["day"], d["conversations"]) for d in o.daily] == [(NOV2, 2), (NOV3, 0)]
    other = Team.objects.get(name="Returns")
    assert overview(Filters(NOV2, NOV3, team_id=other.pk)).conversations == 0
