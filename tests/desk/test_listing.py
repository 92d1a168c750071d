"""The console's list: views with counts, narrowed by label, channel, mood and waiting time,
sorted by priority, waiting time or last activity, never beyond the reader's scope."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from conversations.models import Conversation, Message
from desk.models import ConversationLabel
from desk.services.snooze import snooze
from tests.desk.conftest import make_conversation

pytestmark = pytest.mark.django_db(transaction=True)


def ids(response):
    assert response.status_code == 200, response.content
    return [c["id"] for c in response.json()["conversations"]]


@pytest.fixture
def desk(shop, agent, colleague, team, other_team, refund):
    now = timezone.now()
    a = make_conversation(shop, agent=agent, team=team, text="where is my parcel")
    b = make_conversation(shop, agent=agent, team=team, text="refund please")
    queued = make_conversation(shop, text="anyone?")  # waiting, no team: the general queue
    theirs = make_conversation(shop, agent=colleague, team=other_team, text="not yours")
    Conversation.objects.filter(pk=a.pk).update(priority=1, mood=-0.8, channel="wechat")
    Conversation.objects.filter(pk=b.pk).update(priority=9, mood=0.5)
    Conversation.objects.filter(pk=queued.pk).update(queued_at=now - dt.timedelta(minutes=30))
    # a's customer has waited 20 minutes, b's 5.
    Message.objects.filter(conversation=a).update(created_at=now - dt.timedelta(minutes=20))
    Message.objects.filter(conversation=b).update(created_at=now - dt.timedelta(minutes=5))
    Conversation.objects.filter(pk=b.pk).update(updated_at=now + dt.timedelta(seconds=5))
    ConversationLabel.objects.create(conversation=b, label=refund)
    return {"a": a, "b": b, "queued": queued, "theirs": theirs}


def test_views_counts_and_scope(agent, desk, refund):
    client = Client()
    client.force_login(agent)
    body = client.get("/desk/conversations/").json()
    # Mei sees her two, and the general queue; never Billing's conversation.
    assert sorted(c["id"] for c in body["conversations"]) == sorted(
        [desk["a"].pk, desk["b"].pk, desk["queued"].pk]
    )
    assert body["counts"]["all"] == 3
    assert body["counts"]["mine"] == 2
    assert body["counts"]["unassigned"] == 1
    assert body["counts"]["team"] == 2
    assert body["counts"]["snoozed"] == 0
    assert body["counts"]["labels"] == {str(refund.pk): 1}
    assert body["counts"]["channels"] == {"web": 2, "wechat": 1}
    assert body["counts"]["moods"] == {"negative": 1, "neutral": 1, "positive": 1}
    labelled = next(c for c in body["conversations"] if c["id"] == desk["b"].pk)
    assert labelled["labels"][0]["name"] == "refund"

    assert ids(client.get("/desk/conversations/", {"view": "unassigned"})) == [desk["queued"].pk]
    assert ids(client.get("/desk/conversations/", {"label": refund.pk})) == [desk["b"].pk]
    assert ids(client.get("/desk/conversations/", {"channel": "wechat"})) == [desk["a"].pk]
    assert ids(client.get("/desk/conversations/", {"mood": "negative"})) == [desk["a"].pk]
    assert sorted(ids(client.get("/desk/conversations/", {"waiting": 15}))) == sorted(
        [desk["a"].pk, desk["queued"].pk]
    )

    snooze(desk["a"], agent, until=None, until_reply=True)
    body = client.get("/desk/conversations/", {"view": "mine"}).json()
    assert [c["id"] for c in body["conversations"]] == [desk["b"].pk]
    assert body["counts"]["snoozed"] == 1 and body["counts"]["mine"] == 1


def test_sorting(agent, desk):
    client = Client()
    client.force_login(agent)
    a, b, queued = desk["a"].pk, desk["b"].pk, desk["queued"].pk
    assert ids(client.get("/desk/conversations/", {"sort": "priority"}))[:2] == [b, a]
    assert ids(client.get("/desk/conversations/", {"sort": "waiting"})) == [queued, a, b]
    assert ids(client.get("/desk/conversations/", {"sort": "activity"}))[0] == b


def test_bad_filters_are_clear_errors(agent, desk):
    client = Client()
    client.force_login(agent)
    for query in ({"view": "everything"}, {"sort": "random"}, {"mood": "sad"}, {"label": "x"}):
        response = client.get("/desk/conversations/", query)
        assert response.status_code == 400 and response.json()["error"] == "invalid_field"


def test_the_list_costs_the_same_queries_for_3_or_30_conversations(agent, team, shop, refund):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(agent)

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/desk/conversations/", {"sort": "waiting"}).status_code == 200
        return len(queries)

    for _ in range(3):
        ConversationLabel.objects.create(
            conversation=make_conversation(shop, agent=agent, team=team), label=refund
        )
    few = cost()
    for _ in range(27):
        ConversationLabel.objects.create(
            conversation=make_conversation(shop, agent=agent, team=team), label=refund
        )
    assert cost() == few
