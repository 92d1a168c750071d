"""Conversation search in Chromium against a real daphne: an agent searches for an order number
from the console's search box, then for a Chinese phrase on the results page, and opens the
hit in the console."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright", reason="pip install playwright (requirements-dev.txt)")

from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from chatbot.services.transcript import append_message
from conversations.models import Conversation, ConversationStatus
from search import keys
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]


def _conversation(shop, agent, *texts):
    conversation = Conversation.objects.create(
        shop=shop,
        visitor_token_hash=f"{Conversation.objects.count() + 1:06d}" + "s" * 58,
        status=ConversationStatus.ASSIGNED,
        assigned_agent=agent,
        assigned_at=timezone.now(),
    )
    for i, text in enumerate(texts):
        append_message(conversation, "customer" if i % 2 == 0 else "agent", text)
    return conversation


def test_an_agent_finds_an_order_number_and_a_chinese_phrase_and_opens_the_hit(
    platform, shop, open_page, make_user
):
    keys.clear_cache()
    ann = make_user("ann", Role.AGENT)
    order = _conversation(
        shop, ann, "我的订单 LM-20261001 还没到，能帮我查一下吗？", "好的，我帮您查一下物流。"
    )
    refund = _conversation(
        shop, ann, "我想申请退款，衣服太小了 <b>急</b>", "可以的，请在订单页面点击退货。"
    )
    _conversation(shop, ann, "请问运费多少钱？", "满 99 元包邮。")

    _, agent, _ = open_page("agent")
    login(agent, platform, "ann")
    agent.goto(f"{platform.url}/console/")
    expect(agent.get_by_test_id("connection")).to_have_attribute("data-state", "online")

    # The order number, typed without its dash, from the console's search box.
    agent.get_by_test_id("console-search").fill("lm20261001")
    agent.get_by_test_id("console-search").press("Enter")
    agent.wait_for_url("**/search/?q=lm20261001")
    hits = agent.get_by_test_id("search-hit")
    expect(hits).to_have_count(1)
    expect(hits).to_have_text(f"Conversation #{order.pk}")
    expect(agent.get_by_test_id("search-snippet").locator("mark")).to_have_text("LM-20261001")

    # A Chinese phrase, in Traditional characters, on the results page.
    agent.get_by_test_id("search-query").fill("申請退款")
    agent.get_by_test_id("search-submit").click()
    expect(hits).to_have_count(1)
    expect(hits).to_have_text(f"Conversation #{refund.pk}")
    snippet = agent.get_by_test_id("search-snippet")
    expect(snippet.locator("mark")).to_have_text("申请退款")
    expect(snippet).to_contain_text("<b>急</b>")  # the customer's markup, shown as text
    screenshot(agent, "search-results")

    # The hit opens the conversation in the console.
    hits.click()
    agent.wait_for_url("**/console/**")
    expect(agent.get_by_test_id("conversation-title")).to_contain_text(
        refund.visitor_token_hash[:6]
    )
    expect(agent.get_by_test_id("transcript").locator("[data-sender='customer']")).to_contain_text(
        "我想申请退款"
    )
    screenshot(agent, "console-search-opened")
