"""The conversation and customer events (``conversations.signals``, ``profiles.signals``):
each is sent once, after commit, with its documented arguments, from the service that made
the change. Rules and outgoing webhooks hang on these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from accounts.roles import Role
from chatbot import services
from conversations import signals as events
from conversations.models import Conversation, ConversationStatus, Sender
from profiles import identity, privacy
from profiles import signals as customer_events
from profiles.models import Customer
from routing import services as routing
from routing.models import AgentProfile, Presence, Team

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def caught(signal: Signal) -> Iterator[list[dict[str, Any]]]:
    """Every sending of ``signal`` while inside, as its keyword arguments (sender included)."""
    seen: list[dict[str, Any]] = []

    def receiver(sender: Any, **kwargs: Any) -> None:
        kwargs.pop("signal")
        seen.append({"sender": sender, **kwargs})

    signal.connect(receiver, weak=False)
    try:
        yield seen
    finally:
        signal.disconnect(receiver)


def online(make_user, name: str, team: Team | None = None):
    user = make_user(name, Role.AGENT)
    profile = AgentProfile.objects.create(user=user, presence=Presence.ONLINE, capacity=3)
    if team is not None:
        profile.teams.add(team)
    return user


def test_a_first_customer_message_creates_the_conversation_then_the_message(shop):
    session = services.open_session(shop)
    with caught(events.conversation_created) as created, caught(events.message_created) as msgs:
        conversation, message, _ = services.receive_customer_message(session, "c1", "我要退款")
        # A resend of the same message is stored once and announced once.
        services.receive_customer_message(session, "c1", "我要退款")
    assert created == [{"sender": Conversation, "conversation": conversation}]
    assert [m["message"].pk for m in msgs] == [message.pk]
    sent = msgs[0]["message"]
    assert sent.sender == Sender.CUSTOMER and sent.text == "我要退款"
    assert sent.conversation.pk == conversation.pk and sent.conversation.shop_id == shop.pk


def test_nothing_is_announced_for_a_change_that_rolls_back(shop):
    session = services.open_session(shop)
    with caught(events.conversation_created) as created, caught(events.message_created) as msgs:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.receive_customer_message(session, "c1", "你好")
            assert created == [] and msgs == []  # not before commit either
            raise RuntimeError("rolled back")
    assert created == [] and msgs == []
    assert not Conversation.objects.exists()


def test_handoff_assignment_agent_reply_and_close_each_say_so_once(shop, make_user):
    team = Team.objects.create(name="Front desk")
    agent = online(make_user, "ann", team)
    session = services.open_session(shop)
    conversation, _, _ = services.receive_customer_message(session, "c1", "找人工")
    with (
        caught(events.conversation_status_changed) as changes,
        caught(events.conversation_assigned) as assigned,
        caught(events.message_created) as msgs,
    ):
        services.request_handoff(conversation, "customer_asked")
        conversation.refresh_from_db()
        assert conversation.status == ConversationStatus.ASSIGNED  # assigned on commit
        services.post_agent_message(agent, conversation.pk, "r1", "您好", private=False)
        services.close_conversation(conversation, by=agent)
        services.close_conversation(conversation, by=agent)  # already closed: no event
    assert [(c["old"], c["new"]) for c in changes] == [
        ("bot", "waiting"),
        ("waiting", "assigned"),
        ("assigned", "closed"),
    ]
    assert all(c["conversation"].pk == conversation.pk for c in changes)
    assert len(assigned) == 1
    assert assigned[0]["agent"] == agent and assigned[0]["team"] == team
    assert assigned[0]["conversation"].pk == conversation.pk
    assert assigned[0]["kind"] == "auto" and assigned[0]["previous_agent"] is None
    by_sender = [(m["message"].sender, m["message"].text) for m in msgs]
    assert (Sender.AGENT, "您好") in by_sender
    assert [s for s, _ in by_sender].count(Sender.AGENT) == 1
    assert all(m["sender"] is not None for m in msgs)


def test_a_transfer_is_an_assignment_but_no_status_change(shop, make_user):
    first = online(make_user, "ann")
    second = online(make_user, "bob")
    session = services.open_session(shop)
    conversation, _, _ = services.receive_customer_message(session, "c1", "找人工")
    services.request_handoff(conversation, "customer_asked")
    conversation.refresh_from_db()
    holder = first if conversation.assigned_agent == first else second
    other = second if holder == first else first
    with (
        caught(events.conversation_status_changed) as changes,
        caught(events.conversation_assigned) as assigned,
    ):
        services.transfer(holder, conversation.pk, other.pk)
    assert changes == []
    assert [(a["agent"], a["kind"]) for a in assigned] == [(other, "transfer")]


def test_csat_is_announced_with_its_score(shop):
    session = services.open_session(shop)
    conversation, _, _ = services.receive_customer_message(session, "c1", "谢谢")
    services.close_conversation(conversation)
    with caught(events.csat_submitted) as csat:
        services.submit_csat(session, 2, "slow")
    assert [(c["conversation"].pk, c["score"]) for c in csat] == [(conversation.pk, 2)]


def test_a_mood_alert_is_announced_once(shop):
    session = services.open_session(shop)
    with caught(events.mood_alert) as alerts:
        for i, text in enumerate(
            ["你们是骗子！我要退款！！", "太差了，再不退款我就投诉你们！！", "气死我了！！骗子！！"]
        ):
            services.receive_customer_message(session, f"a{i}", text)
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert["conversation"].pk == session.conversation.pk
    assert alert["mood"] < 0 and alert["reason"] and alert["emotion"]


def test_an_sla_breach_is_announced_once_per_breach(shop, make_user):
    agent = online(make_user, "slow")
    session = services.open_session(shop)
    conversation, _, _ = services.receive_customer_message(session, "c1", "找人工")
    services.request_handoff(conversation, "customer_asked")
    Conversation.objects.filter(pk=conversation.pk).update(
        assigned_at=timezone.now() - dt.timedelta(minutes=5)
    )
    with caught(events.sla_breached) as breaches:
        routing.sweep()
        routing.sweep()  # kept with the only agent: still overdue, not a new breach
    assert len(breaches) == 1
    assert breaches[0]["conversation"].pk == conversation.pk
    assert breaches[0]["agent"] == agent and breaches[0]["limit_seconds"] > 0


def test_merge_and_erasure_are_announced(shop, make_user):
    shop_record = Customer.objects.create(shop=shop, external_id="42")
    wechat = Customer.objects.create(shop=shop)
    with caught(customer_events.customer_merged) as merged:
        kept = identity.merge_customers(wechat, shop_record, reason="code")
    assert merged == [
        {"sender": Customer, "customer": kept, "merged_id": wechat.pk, "reason": "code"}
    ]
    kept_id = kept.pk
    with caught(customer_events.customer_erased) as erased:
        privacy.erase_customer(kept, by=make_user("dpo"), reason="request #42")
    assert erased == [
        {"sender": Customer, "customer_id": kept_id, "shop_id": shop.pk, "reason": "request #42"}
    ]
