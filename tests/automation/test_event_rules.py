"""Every event a rule can start from, driven through the services that cause it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from automation.models import Event, RuleRun
from chatbot import services
from conversations.models import Conversation
from desk import actions as desk
from desk.models import Label
from routing import services as routing
from routing.models import AgentProfile, Presence
from tests.automation.conftest import say

pytestmark = pytest.mark.django_db(transaction=True)


def note(text: str) -> list[dict]:
    return [{"action": "add_note", "params": {"text": text}}]


def notes(conversation) -> list[str]:
    return list(
        conversation.messages.filter(is_private=True, payload__automated=True)
        .order_by("seq")
        .values_list("text", flat=True)
    )


def online(make_user, name: str):
    user = make_user(name, Role.AGENT)
    AgentProfile.objects.create(user=user, presence=Presence.ONLINE, capacity=3)
    return user


def test_conversation_created(shop, make_rule):
    make_rule(Event.CONVERSATION_CREATED, note("new conversation"))
    session, conversation, _ = say(shop, "你好")
    say(shop, "还在吗", session)  # the same conversation: not created again
    assert notes(conversation) == ["new conversation"]


def test_agent_message_and_assignment_and_status_change(shop, make_rule, make_user):
    agent = online(make_user, "ann")
    make_rule(Event.AGENT_MESSAGE, note("agent spoke"))
    make_rule(Event.CONVERSATION_ASSIGNED, note("assigned"))
    make_rule(
        Event.STATUS_CHANGED,
        note("now waiting"),
        conditions={"all": [{"field": "status", "op": "is", "value": "waiting"}]},
    )
    make_rule(
        Event.STATUS_CHANGED,
        note("bot to waiting"),
        conditions={"all": [{"field": "previous_status", "op": "is", "value": "bot"}]},
    )
    _, conversation, _ = say(shop, "找人工")
    services.request_handoff(conversation, "customer_asked")
    services.post_agent_message(agent, conversation.pk, "r1", "您好", private=False)
    assert notes(conversation) == ["now waiting", "bot to waiting", "assigned", "agent spoke"]
    assert not RuleRun.objects.filter(matched=False, rule__event=Event.AGENT_MESSAGE).exists()


def test_mood_alert(shop, make_rule):
    make_rule(Event.MOOD_ALERT, [{"action": "set_priority", "params": {"priority": 90}}])
    session, conversation, _ = say(shop, "你们是骗子！我要退款！！")
    for text in ("太差了，再不退款我就投诉你们！！", "气死我了！！骗子！！"):
        say(shop, text, session)
    conversation.refresh_from_db()
    assert conversation.mood_alert and conversation.priority == 90
    assert RuleRun.objects.filter(event=Event.MOOD_ALERT).count() == 1


def test_sla_breach(shop, make_rule, make_user):
    online(make_user, "slow")
    make_rule(Event.SLA_BREACHED, note("SLA missed"))
    _, conversation, _ = say(shop, "找人工")
    services.request_handoff(conversation, "customer_asked")
    Conversation.objects.filter(pk=conversation.pk).update(
        assigned_at=timezone.now() - dt.timedelta(minutes=5)
    )
    routing.sweep()
    assert notes(conversation) == ["SLA missed"]


def test_a_low_rating(shop, make_rule):
    make_rule(
        Event.CSAT_SUBMITTED,
        note("unhappy customer"),
        conditions={"all": [{"field": "csat_score", "op": "lte", "value": 2}]},
    )
    session, conversation, _ = say(shop, "谢谢")
    services.close_conversation(conversation)
    services.submit_csat(session, 1)
    assert notes(conversation) == ["unhappy customer"]
    runs = RuleRun.objects.filter(event=Event.CSAT_SUBMITTED)
    assert [r.matched for r in runs] == [True]


def test_label_added_by_an_agent(shop, make_rule, make_user):
    agent = online(make_user, "ann")
    Label.objects.create(shop=shop, name="退款")
    Label.objects.create(shop=shop, name="other")
    make_rule(
        Event.LABEL_ADDED,
        [{"action": "set_priority", "params": {"priority": 70}}],
        conditions={"all": [{"field": "added_label", "op": "is", "value": "退款"}]},
    )
    _, conversation, _ = say(shop, "找人工")
    services.request_handoff(conversation, "customer_asked")
    conversation.refresh_from_db()
    desk.add_label(conversation, agent, label="other")
    conversation.refresh_from_db()
    assert conversation.priority != 70
    desk.add_label(conversation, agent, label="退款")
    conversation.refresh_from_db()
    assert conversation.priority == 70
    assert list(RuleRun.objects.order_by("id").values_list("matched", flat=True)) == [False, True]
