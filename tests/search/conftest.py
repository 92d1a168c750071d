import pytest
from django.utils import timezone

from accounts.roles import Role
from chatbot.services.transcript import append_message
from conversations.models import Conversation, ConversationStatus
from routing.models import AgentProfile, Team
from search import keys
from tests.factories import make_shop


@pytest.fixture(autouse=True)
def fresh_keys(settings):
    """Key versions live in the database, which each test rolls back: no cached version may
    outlive it."""
    settings.SEARCH_KEY_CACHE_SECONDS = 0
    keys.clear_cache()
    yield
    keys.clear_cache()


def conversation(shop, *, team=None, agent=None, status=ConversationStatus.ASSIGNED, **extra):
    return Conversation.objects.create(
        shop=shop,
        visitor_token_hash=f"h{Conversation.objects.count()}",
        status=status,
        team=team,
        assigned_agent=agent,
        queued_at=timezone.now(),
        **extra,
    )


def say(conv, text, sender="customer"):
    message, created = append_message(conv, sender, text)
    assert created
    return message


@pytest.fixture
def org(make_user, transactional_db):
    """Two teams, an agent in each, a supervisor of no team, and a shop."""
    shop = make_shop()
    presales, aftersales = Team.objects.create(name="Pre-sales"), Team.objects.create(name="After")
    ann = make_user("ann", Role.AGENT)
    AgentProfile.objects.create(user=ann).teams.set([presales])
    bob = make_user("bob", Role.AGENT)
    AgentProfile.objects.create(user=bob).teams.set([aftersales])
    boss = make_user("boss", Role.SUPERVISOR)
    return {
        "shop": shop,
        "presales": presales,
        "aftersales": aftersales,
        "ann": ann,
        "bob": bob,
        "boss": boss,
    }
