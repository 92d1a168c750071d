from __future__ import annotations

from typing import Any

import pytest

from automation import engine
from automation.models import Rule
from chatbot import services
from shops.models import Shop


@pytest.fixture(autouse=True)
def forget_rule_caches():
    """The pre-filter caches each shop's rule events in Redis; shop ids come again in the next
    test database, so no test leaves its shops' entries behind."""
    yield
    for pk in Shop.objects.values_list("pk", flat=True):
        engine.forget(pk)


@pytest.fixture
def make_rule(shop):
    def _make(event: str, actions: list[dict[str, Any]], **fields: Any) -> Rule:
        fields.setdefault("shop", shop)
        fields.setdefault("name", f"rule {Rule.objects.count() + 1}")
        return Rule.objects.create(event=event, actions=actions, **fields)

    return _make


def say(shop: Shop, text: str, session: services.CustomerSession | None = None, **hello: Any):
    """A customer message through the chat's own service (a new conversation for a new
    session); returns (session, conversation, message)."""
    session = session or services.open_session(shop, **hello)
    count = session.conversation.last_seq if session.conversation else 0
    conversation, message, _ = services.receive_customer_message(session, f"c{count + 1}", text)
    return session, conversation, message
