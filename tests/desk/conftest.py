import pytest
from django.utils import timezone

from accounts.roles import Role
from chatbot.services import append_message
from conversations.models import Conversation, ConversationStatus, Sender
from desk.models import Label
from profiles.models import Customer, Order
from routing.models import AgentProfile, Presence, Team


def make_conversation(shop, *, agent=None, team=None, status=None, customer=None, text="hi"):
    """A conversation with one customer message: assigned to ``agent`` when given, else
    waiting in the queue."""
    status = status or (ConversationStatus.ASSIGNED if agent else ConversationStatus.WAITING)
    now = timezone.now()
    conversation = Conversation.objects.create(
        shop=shop,
        visitor_token_hash=f"{Conversation.objects.count():064d}",
        status=status,
        assigned_agent=agent,
        team=team,
        customer=customer,
        queued_at=now,
        assigned_at=now if agent else None,
    )
    append_message(conversation, Sender.CUSTOMER, text)
    return conversation


@pytest.fixture
def team(transactional_db):
    return Team.objects.create(name="Returns")


@pytest.fixture
def other_team(transactional_db):
    return Team.objects.create(name="Billing")


@pytest.fixture
def agent(make_user, team):
    user = make_user("mei", Role.AGENT)
    profile = AgentProfile.objects.create(user=user, presence=Presence.ONLINE, capacity=5)
    profile.teams.add(team)
    return user


@pytest.fixture
def colleague(make_user, other_team):
    user = make_user("tao", Role.AGENT)
    profile = AgentProfile.objects.create(user=user, presence=Presence.OFFLINE, capacity=5)
    profile.teams.add(other_team)
    return user


@pytest.fixture
def supervisor(make_user):
    return make_user("boss", Role.SUPERVISOR)


@pytest.fixture
def customer(shop):
    customer = Customer.objects.create(shop=shop, external_id="c-42", display_name="张伟")
    Order.objects.create(
        shop=shop,
        customer=customer,
        number="LM7788",
        status="shipped",
        total="99.00",
        placed_at=timezone.now(),
    )
    return customer


@pytest.fixture
def mine(shop, agent, team, customer):
    return make_conversation(shop, agent=agent, team=team, customer=customer)


@pytest.fixture
def refund(shop):
    return Label.objects.create(shop=shop, name="refund", colour="#dc2626")


@pytest.fixture
def vip(shop):
    return Label.objects.create(shop=shop, name="vip", colour="#7c3aed")
