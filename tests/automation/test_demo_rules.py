"""The demo's two example rules (seed_demo), working on the demo shop."""

from __future__ import annotations

import time

import pytest

from automation.models import Rule, RuleRun, ShopSupervisor
from chatbot import services
from demo.seed import DEMO_RULE_LOW_RATING, DEMO_RULE_REFUND, seed_automation, seed_webhooks
from demo.users import seed_demo_users
from tests.automation.conftest import say
from tests.webhooks.conftest import endpoint  # noqa: F401  (a fixture)
from webhooks.models import WebhookSubscription

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_rules_are_seeded_once_and_work(shop, mailoutbox, endpoint):  # noqa: F811
    seed_demo_users()
    seed_webhooks(shop)
    # The demo's echo receiver is this server's /webhooks/echo/; here a local stand-in.
    WebhookSubscription.objects.filter(shop=shop).update(url=endpoint.url, event_types=[])
    seed_automation(shop)
    seed_automation(shop)
    names = set(Rule.objects.filter(shop=shop).values_list("name", flat=True))
    assert {DEMO_RULE_REFUND, DEMO_RULE_LOW_RATING} <= names and len(names) == 3
    assert ShopSupervisor.objects.filter(shop=shop, user__username="supervisor").exists()

    session, conversation, _ = say(shop, "我想申请退款")
    conversation.refresh_from_db()
    assert conversation.priority == 80
    services.close_conversation(conversation)
    services.submit_csat(session, 1)
    run = RuleRun.objects.get(rule__name=DEMO_RULE_LOW_RATING)
    assert [a["action"] for a in run.actions if a["ok"]] == ["email_supervisors", "send_webhook"]
    assert mailoutbox[0].to == ["supervisor@demo.invalid"]
    deadline = time.monotonic() + 10
    while not endpoint.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [r.json["type"] for r in endpoint.requests] == ["csat.submitted"]
