"""Rules run on events: in order, logged, stop-after, never re-triggered by their own effects,
and a chain of rules stops at the depth limit. Celery runs tasks inline in tests, so a rule's
effects are there when the service call that caused the event returns."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from automation import engine
from automation.models import Event, Rule, RuleRun
from conversations.models import Message, Sender
from tests.automation.conftest import say

pytestmark = pytest.mark.django_db(transaction=True)

REFUND = {"all": [{"field": "text", "op": "contains", "value": "退款"}]}


def priority(conversation) -> int:
    conversation.refresh_from_db()
    return conversation.priority


def test_a_matching_customer_message_runs_the_actions_logs_and_tells_the_transcript(
    shop, make_rule
):
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "set_priority", "params": {"priority": 80}}],
        name="VIP 退款",
        conditions=REFUND,
    )
    _, conversation, _ = say(shop, "我要退款")
    assert priority(conversation) == 80
    run = RuleRun.objects.get(rule=rule)
    assert run.matched and run.event == Event.CUSTOMER_MESSAGE
    assert run.conversation == conversation
    assert run.actions[0]["action"] == "set_priority" and run.actions[0]["ok"] is True
    note = Message.objects.filter(
        conversation=conversation, sender=Sender.SYSTEM, payload__has_key="automation"
    ).get()
    assert note.is_private  # staff see it; the customer does not
    assert note.text == "Rule “VIP 退款”: set priority 80"
    assert note.payload["automation"]["rule_id"] == rule.pk


def test_a_message_that_does_not_match_is_logged_as_no_match_and_changes_nothing(shop, make_rule):
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "set_priority", "params": {"priority": 80}}],
        conditions=REFUND,
    )
    _, conversation, _ = say(shop, "运费多少")
    assert priority(conversation) == 0
    run = RuleRun.objects.get(rule=rule)
    assert not run.matched and run.actions == []
    assert not Message.objects.filter(payload__has_key="automation").exists()


def test_rules_run_in_order_and_stop_after_stops_the_later_ones(shop, make_rule):
    first = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "set_priority", "params": {"priority": 10}}],
        order=1,
    )
    second = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "set_priority", "params": {"priority": 20}}],
        order=2,
        stop_after=True,
    )
    third = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "set_priority", "params": {"priority": 30}}],
        order=3,
    )
    _, conversation, _ = say(shop, "你好")
    assert priority(conversation) == 20
    ran = list(RuleRun.objects.order_by("id").values_list("rule_id", flat=True))
    assert ran == [first.pk, second.pk]
    assert not RuleRun.objects.filter(rule=third).exists()


def test_a_disabled_rule_or_another_shops_rule_does_not_run(shop, make_rule):
    from tests.factories import make_shop

    make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "set_priority", "params": {"priority": 10}}],
        enabled=False,
    )
    make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "set_priority", "params": {"priority": 20}}],
        shop=make_shop("Other shop"),
    )
    _, conversation, _ = say(shop, "你好")
    assert priority(conversation) == 0
    assert not RuleRun.objects.exists()


def test_without_rules_for_the_event_the_message_path_queues_nothing_and_queries_nothing(
    shop, make_rule, monkeypatch
):
    make_rule(Event.AGENT_MESSAGE, [{"action": "set_priority", "params": {"priority": 1}}])
    queued = []
    monkeypatch.setattr("automation.tasks.run_rules.delay", lambda *args: queued.append(args))
    session, _, _ = say(shop, "你好")  # fills the shop's cache entry
    with CaptureQueriesContext(connection) as queries:
        assert engine.dispatch(shop.pk, Event.CUSTOMER_MESSAGE, session.conversation.pk) is False
    assert queries.captured_queries == [] and queued == []
    # A rule saved for the event is seen at once (the cache entry is dropped on save).
    make_rule(Event.CUSTOMER_MESSAGE, [{"action": "set_priority", "params": {"priority": 1}}])
    say(shop, "还在吗", session)
    assert len(queued) == 1
    assert queued[0][:2] == (shop.pk, Event.CUSTOMER_MESSAGE)


def test_a_rule_is_not_triggered_by_its_own_effects(shop, make_rule):
    """A rule that answers every bot message with a bot message would talk to itself forever."""
    echo = make_rule(
        Event.BOT_MESSAGE,
        [{"action": "send_reply", "params": {"text": "还有其他问题吗？"}}],
        name="echo",
    )
    starter = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "send_reply", "params": {"text": "收到"}}],
        name="starter",
    )
    _, conversation, _ = say(shop, "你好")
    texts = list(
        conversation.messages.filter(sender=Sender.BOT)
        .order_by("seq")
        .values_list("text", flat=True)
    )
    # starter's reply triggers echo once; echo's own reply does not trigger echo again.
    assert texts == ["收到", "还有其他问题吗？"]
    echo_runs = RuleRun.objects.filter(rule=echo).order_by("id")
    assert [r.matched for r in echo_runs] == [True, False]
    assert "own action" in echo_runs[1].note
    assert RuleRun.objects.filter(rule=starter).count() == 1


def test_a_chain_of_rules_stops_at_the_depth_limit(shop, make_rule):
    """Four rules each answering the previous one's message: the fourth is past the limit."""
    make_rule(Event.CUSTOMER_MESSAGE, [{"action": "send_reply", "params": {"text": "一"}}], order=1)
    for i, text in enumerate(["二", "三", "四"], start=2):
        make_rule(
            Event.BOT_MESSAGE,
            [{"action": "send_reply", "params": {"text": text}}],
            order=i,
            conditions={"all": [{"field": "text", "op": "contains", "value": "一二三"[i - 2]}]},
        )
    _, conversation, _ = say(shop, "你好")
    texts = list(
        conversation.messages.filter(sender=Sender.BOT)
        .order_by("seq")
        .values_list("text", flat=True)
    )
    assert texts == ["一", "二", "三"]  # depth 0, 1, 2 ran; depth 3 is the limit
    stopped = RuleRun.objects.filter(note__contains="depth limit")
    assert stopped.exists() and all(r.depth == engine.MAX_DEPTH for r in stopped)


def test_a_failing_action_is_logged_and_the_next_action_still_runs(shop, make_rule):
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [
            {"action": "add_label", "params": {"label": "no such label"}},
            {"action": "set_priority", "params": {"priority": 5}},
        ],
        name="half broken",
    )
    _, conversation, _ = say(shop, "你好")
    assert priority(conversation) == 5
    run = RuleRun.objects.get(rule=rule)
    assert [a["ok"] for a in run.actions] == [False, True]
    assert "No such label" in run.actions[0]["error"]
    assert run.failed
    note = Message.objects.get(payload__has_key="automation")
    assert "failed: No such label" in note.text


def test_rule_names_are_kept_out_of_nothing(shop):
    """The shipped default exists for every new shop, ready to edit."""
    rule = Rule.objects.get(shop=shop)
    assert rule.event == Event.INACTIVITY and rule.inactivity_minutes == 30 and rule.enabled
