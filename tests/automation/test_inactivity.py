"""The shipped default rule: close after 30 minutes without a customer reply, with a message in
the customer's language; evaluated by Celery beat, once per silence, editable."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from automation import defaults, engine
from automation.models import Event, Rule, RuleRun
from chatbot import services
from conversations.models import ConversationStatus, Message, Sender
from desk.services import snooze
from tests.automation.conftest import say

pytestmark = pytest.mark.django_db(transaction=True)


def answered(shop, minutes_ago: int, language: str = "zh-Hans"):
    """A conversation whose customer asked and got the bot's answer ``minutes_ago``."""
    session, conversation, _ = say(shop, "运费多少", language=language)
    services.append_message(conversation, Sender.BOT, "满 99 元包邮")
    Message.objects.filter(conversation=conversation).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return session, conversation


def status(conversation) -> str:
    conversation.refresh_from_db()
    return conversation.status


def test_every_shop_starts_with_the_default_and_the_check_is_scheduled(shop):
    rule = Rule.objects.get(shop=shop, name=defaults.INACTIVITY_NAME)
    assert (rule.event, rule.inactivity_minutes, rule.enabled) == (Event.INACTIVITY, 30, True)
    assert rule.actions[0]["action"] == "close_with_message"
    # Shops that existed before automation get it from the migration, with the beat schedule
    # (run here again: the test database's migration rows are flushed between tests).
    rule.delete()
    migration = import_module("automation.migrations.0002_inactivity_default")
    migration.forwards(django_apps, None)
    migration.forwards(django_apps, None)  # idempotent
    assert Rule.objects.filter(shop=shop, name=defaults.INACTIVITY_NAME).count() == 1
    task = PeriodicTask.objects.get(task="automation.tasks.check_inactivity")
    assert task.enabled and task.interval.every == 1 and task.interval.period == "minutes"


def test_a_silent_customer_is_closed_after_30_minutes_with_a_message_in_their_language(shop):
    _, quiet = answered(shop, 31)
    _, english = answered(shop, 31, language="en")
    _, recent = answered(shop, 29)
    assert engine.check_inactivity() == 2
    assert status(quiet) == status(english) == ConversationStatus.CLOSED
    assert status(recent) == ConversationStatus.BOT
    said = quiet.messages.filter(sender=Sender.BOT).order_by("-seq").first()
    assert said.text == defaults.INACTIVITY_TEXTS["zh-Hans"]
    said_en = english.messages.filter(sender=Sender.BOT).order_by("-seq").first()
    assert said_en.text == defaults.INACTIVITY_TEXTS["en"]
    assert quiet.messages.filter(payload__csat_requested=True).exists()  # then "rate us"
    run = RuleRun.objects.get(conversation=quiet)
    assert run.matched and run.event == Event.INACTIVITY and run.key.startswith("after:")


def test_a_customer_waiting_for_us_is_never_closed_for_our_silence(shop):
    session, conversation = answered(shop, 60)
    say(shop, "还在吗？", session)  # the customer spoke last
    Message.objects.filter(conversation=conversation).update(
        created_at=timezone.now() - dt.timedelta(minutes=60)
    )
    services.request_handoff(conversation, "customer_asked")  # and now waits in the queue
    Message.objects.filter(conversation=conversation).update(
        created_at=timezone.now() - dt.timedelta(minutes=60)
    )
    assert engine.check_inactivity() == 0
    assert status(conversation) == ConversationStatus.WAITING


def test_it_fires_once_per_silence_and_again_after_the_next_answer(shop):
    rule = Rule.objects.get(shop=shop, name=defaults.INACTIVITY_NAME)
    rule.actions = [{"action": "add_note", "params": {"text": "customer went quiet"}}]
    rule.inactivity_minutes = 5
    rule.save()
    session, conversation = answered(shop, 6)
    engine.check_inactivity()
    engine.check_inactivity()
    assert RuleRun.objects.filter(rule=rule).count() == 1
    say(shop, "再问一下", session)
    services.append_message(conversation, Sender.BOT, "好的")
    Message.objects.filter(conversation=conversation).update(
        created_at=timezone.now() - dt.timedelta(minutes=6)
    )
    engine.check_inactivity()
    assert RuleRun.objects.filter(rule=rule).count() == 2
    assert status(conversation) == ConversationStatus.BOT  # edited: notes, no longer closes


def test_a_disabled_default_or_a_snoozed_conversation_stays_open(shop, make_user):
    from accounts.roles import Role
    from routing.models import AgentProfile, Presence

    agent = make_user("ann", Role.AGENT)
    AgentProfile.objects.create(user=agent, presence=Presence.ONLINE, capacity=3)
    _, snoozed = answered(shop, 0)
    services.request_handoff(snoozed, "customer_asked")
    services.post_agent_message(agent, snoozed.pk, "r1", "我查一下", private=False)
    snooze.snooze(snoozed, agent, until=None, until_reply=True)
    Message.objects.filter(conversation=snoozed).update(
        created_at=timezone.now() - dt.timedelta(minutes=45)
    )
    assert engine.check_inactivity() == 0
    assert status(snoozed) == ConversationStatus.ASSIGNED

    Rule.objects.filter(shop=shop).update(enabled=False)
    _, quiet = answered(shop, 45)
    assert engine.check_inactivity() == 0
    assert status(quiet) == ConversationStatus.BOT


def test_the_beat_task_runs_the_check(shop):
    from automation.tasks import check_inactivity

    _, quiet = answered(shop, 31)
    check_inactivity.delay()
    assert status(quiet) == ConversationStatus.CLOSED


def test_old_run_logs_are_purged(shop, make_rule):
    rule = make_rule(Event.CUSTOMER_MESSAGE, [{"action": "close", "params": {}}])
    old = RuleRun.objects.create(rule=rule, event=Event.CUSTOMER_MESSAGE)
    RuleRun.objects.filter(pk=old.pk).update(
        at=timezone.now() - dt.timedelta(days=engine.RUN_LOG_DAYS + 1)
    )
    fresh = RuleRun.objects.create(rule=rule, event=Event.CUSTOMER_MESSAGE)
    engine.check_inactivity()
    assert list(RuleRun.objects.values_list("pk", flat=True)) == [fresh.pk]
