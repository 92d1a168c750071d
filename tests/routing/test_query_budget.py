"""How many database round trips routing spends on one automatic assignment. Every assignment
(handoff, agent coming online, closing, the sweep) pays them while holding the conversation's
row lock, so a query added here shows up as a slower queue for every waiting customer."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from chatbot.receivers import tell_who_serves
from conversations.models import Conversation
from routing import services as routing
from routing.models import RoutingRule, Skill, Team
from routing.signals import conversation_assigned
from tests.factories import make_shop
from tests.routing.test_routing import online_agent, waiting

# Routing's budget, counted on 2026-12-01: the savepoint around it and its release (2), lock
# the conversation with its last bot answer and whether it broke an SLA (1), the routing rules
# (1), the online agents with their teams, skills and loads (1), lock and recount the winner
# (2), write the assignment, the agent's last-assigned time and the decision (3). Chat's
# "客服 X 为您服务" message comes on top (its receiver is left out here: chat's own budgets
# count it). Raise it only for a query that earns its place. (14 on 2026-11-30: the last bot
# answer, the SLA breaches, the loads and the winner's teams were statements of their own.)
ROUTING_QUERY_BUDGET = 10


@contextmanager
def without_chat_receiver() -> Iterator[None]:
    conversation_assigned.disconnect(tell_who_serves, sender=Conversation)
    try:
        yield
    finally:
        conversation_assigned.connect(tell_who_serves, sender=Conversation)


def _queue_with_agents(make_user, agents: int, waiting_conversations: int) -> Conversation:
    shop = make_shop()
    team = Team.objects.create(name="Returns desk")
    returns = Skill.objects.create(name="returns")
    RoutingRule.objects.create(name="english", language="en", skill=returns, min_level=2)
    for i in range(agents):
        online_agent(make_user, f"agent{i}", skills={"returns": 1 + i % 3}, teams=[team])
    for _ in range(waiting_conversations):
        waiting(shop, language="en", intent="order_status")
    return Conversation.objects.order_by("id").first()


@pytest.mark.django_db
@pytest.mark.parametrize("agents,waiting_conversations", [(3, 5), (40, 200)])
def test_routing_assigns_in_at_most_10_queries_however_many_agents_and_customers_wait(
    make_user, django_assert_max_num_queries, agents, waiting_conversations
):
    conversation = _queue_with_agents(make_user, agents, waiting_conversations)
    # 10: see ROUTING_QUERY_BUDGET; the same with 3 agents and 5 waiting as with 40 and 200.
    with without_chat_receiver(), django_assert_max_num_queries(ROUTING_QUERY_BUDGET):
        decision = routing.assign_one(conversation.pk)
    assert decision is not None
    conversation.refresh_from_db()
    assert conversation.status == "assigned"
    assert conversation.assigned_agent == decision.winner
