"""The reply window of a WhatsApp conversation in the agent console, in Chromium against a real
daphne: 25 hours after the customer's last message the agent sees "window closed — send
template" above the reply box, with the approved template the reply will go as; when the
customer writes again the warning gives way to the open window."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

pytest.importorskip("playwright", reason="pip install playwright (requirements-dev.txt)")

from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from chatbot.services.transcript import append_message
from conversations.models import Conversation, ConversationStatus
from gateway.models import ChannelAccount, ChannelThread, WhatsAppTemplate
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]


def test_the_agent_sees_the_whatsapp_window_closed_and_the_template_replies_go_as(
    platform, shop, open_page, make_user
):
    ann = make_user("ann", Role.AGENT)
    account = ChannelAccount.objects.create(
        shop=shop,
        kind="whatsapp",
        name="WhatsApp",
        settings={"phone_number_id": "1", "api_base_url": "http://127.0.0.1:9"},
        secrets=json.dumps({"app_secret": "s", "access_token": "t", "verify_token": "v"}),
    )
    WhatsAppTemplate.objects.create(account=account, name="order_update", languages={"en": "en_US"})
    conversation = Conversation.objects.create(
        shop=shop,
        visitor_token_hash="w" * 64,
        channel="whatsapp",
        language="en",
        status=ConversationStatus.ASSIGNED,
        assigned_agent=ann,
        assigned_at=timezone.now(),
    )
    append_message(conversation, "customer", "Where is my parcel?")
    ChannelThread.objects.create(
        conversation=conversation,
        account=account,
        recipient="+8613912345678",
        last_inbound_at=timezone.now() - timedelta(hours=25),
    )

    _, agent, _ = open_page("agent")
    login(agent, platform, "ann")
    agent.goto(f"{platform.url}/console/?conversation={conversation.pk}")
    expect(agent.get_by_test_id("transcript").locator("[data-sender='customer']")).to_contain_text(
        "Where is my parcel?"
    )
    banner = agent.get_by_test_id("reply-window")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("window closed — send template")
    expect(banner).to_contain_text("“order_update”")
    expect(banner).to_have_attribute("data-closed", "true")
    # Above the reply box, where the agent looks before typing.
    banner_box, reply_box = banner.bounding_box(), agent.get_by_test_id("reply-form").bounding_box()
    assert banner_box and reply_box and banner_box["y"] < reply_box["y"]
    screenshot(agent, "console-whatsapp-window-closed")

    # The customer writes again: the window is open for another 24 hours.
    append_message(conversation, "customer", "Hello?")
    expect(banner).to_have_attribute("data-closed", "false")
    expect(banner).to_contain_text("Reply window open until")
