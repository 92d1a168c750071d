"""What a person sets by hand, routing keeps: a supervisor's priority survives the sweep that
recomputes priorities from the policy, and a conversation moved to a team waits for that
team even when a routing rule names another (issue 21)."""

import pytest

from conversations.models import Conversation, ConversationStatus
from desk import actions
from routing.models import AgentProfile, Presence, RoutingRule
from routing.services import assign_waiting, sweep
from tests.desk.conftest import make_conversation

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_priority_set_by_hand_survives_the_routing_sweep(shop, supervisor):
    waiting = make_conversation(shop)
    computed = Conversation.objects.get(pk=waiting.pk).priority
    assert actions.set_priority(waiting, supervisor, priority=computed + 50)["changed"] is True
    sweep()
    assert Conversation.objects.get(pk=waiting.pk).priority == computed + 50


def test_an_unchanged_priority_confirmed_by_hand_is_kept_too(shop, supervisor):
    waiting = make_conversation(shop)
    Conversation.objects.filter(pk=waiting.pk).update(priority=7)
    actions.set_priority(Conversation.objects.get(pk=waiting.pk), supervisor, priority=7)
    RoutingRule.objects.create(name="boost all", priority_boost=100)
    sweep()
    assert Conversation.objects.get(pk=waiting.pk).priority == 7


def test_a_waiting_conversation_moved_to_a_team_goes_only_to_that_team(
    shop, supervisor, agent, colleague, team, other_team
):
    # A rule sends every conversation to Returns (Mei's team), where Mei is online with room.
    RoutingRule.objects.create(name="all to returns", team=team)
    AgentProfile.objects.filter(user=colleague).update(presence=Presence.OFFLINE)
    waiting = make_conversation(shop)
    # Nobody assigned it yet (Mei just came online): the supervisor moves it to Billing.
    actions.assign_team(Conversation.objects.get(pk=waiting.pk), supervisor, team="Billing")
    assign_waiting()
    moved = Conversation.objects.get(pk=waiting.pk)
    # Mei has room but is not in Billing: it waits for Billing, in Billing.
    assert (moved.status, moved.team, moved.assigned_agent) == (
        ConversationStatus.WAITING,
        other_team,
        None,
    )
    AgentProfile.objects.filter(user=colleague).update(presence=Presence.ONLINE)
    assign_waiting()
    moved.refresh_from_db()
    assert (moved.status, moved.team, moved.assigned_agent) == (
        ConversationStatus.ASSIGNED,
        other_team,
        colleague,
    )
