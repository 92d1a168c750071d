"""The agent console as an agent meets it (issue 18, items 1, 3 and 4), in Chromium against a
real daphne: what shows after a close, what the conversation lists preview, and how "did you
mean" turns look in the transcript."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright", reason="pip install playwright (requirements-dev.txt)")

from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.conftest import login, shop_page, widget

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]

WAIT_MS = 15_000


def _agent_console(open_page, platform, username: str):
    _, agent, _ = open_page("agent")
    login(agent, platform, username)
    agent.goto(f"{platform.url}/console/")
    expect(agent.get_by_test_id("connection")).to_have_attribute(
        "data-state", "online", timeout=WAIT_MS
    )
    return agent


def test_closing_a_conversation_shows_no_error(
    platform, shop, shop_server, trained, open_page, make_user
):
    """Issue 18 item 1: every close showed a red "Not allowed: Only the assigned agent can do
    that." although the close had worked."""
    make_user("ann", Role.AGENT)
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    _, customer, _ = open_page("customer")
    customer.goto(f"{shop_server.origin}/")
    c = widget(customer)
    c("launcher").click()
    c("input").fill("when will my order arrive")
    c("send").click()
    expect(c("handoff")).to_be_visible(timeout=WAIT_MS)
    c("handoff").click()

    agent = _agent_console(open_page, platform, "ann")
    # Offline after log-in: the empty list says why nothing comes, and how to change that.
    mine_empty = agent.locator("#mine-empty")
    expect(mine_empty).to_contain_text("Set your status to Online")
    agent.get_by_test_id("presence").select_option("online")
    item = agent.get_by_test_id("my-conversations").get_by_test_id("conversation-item")
    expect(item).to_have_count(1, timeout=WAIT_MS)
    expect(mine_empty).to_be_hidden()
    expect(mine_empty).to_have_text("No conversations assigned to you.")
    item.click()
    transcript = agent.get_by_test_id("transcript")
    expect(transcript.locator("[data-sender='customer']").first).to_be_visible(timeout=WAIT_MS)
    agent.get_by_test_id("reply-input").fill("Your parcel left today.")
    agent.get_by_test_id("reply-send").click()
    expect(transcript.locator("[data-sender='agent'][data-pending]")).to_have_count(
        0, timeout=WAIT_MS
    )

    agent.get_by_test_id("close-conversation").click()
    expect(agent.get_by_test_id("conversation-status")).to_have_text("Closed", timeout=WAIT_MS)
    expect(transcript.locator("[data-sender='system']").last).to_contain_text(
        "ended", timeout=WAIT_MS
    )
    # A private note after the close is a round trip on the same socket: the server answers
    # frames in order, so any error about a frame sent around the close arrives before this ack.
    agent.get_by_test_id("reply-input").fill("Closed after the parcel question.")
    agent.get_by_test_id("reply-send").click()
    note = transcript.locator("[data-private='true']")
    expect(note).to_contain_text("parcel question", timeout=WAIT_MS)
    expect(note).not_to_have_attribute("data-pending", "true", timeout=WAIT_MS)
    expect(agent.get_by_test_id("notice")).to_have_text("")
    expect(note).not_to_have_attribute("data-failed", "true")
    expect(c("csat-form")).to_be_visible(timeout=WAIT_MS)


def _bot_conversation(shop, token: str):
    from conversations.models import Conversation, ConversationStatus

    return Conversation.objects.create(
        shop=shop, visitor_token_hash=token, status=ConversationStatus.BOT, language="en"
    )


def _say(conversation, sender: str, text: str, payload: dict | None = None) -> None:
    from conversations.models import Conversation, Message

    seq = conversation.last_seq + 1
    Message.objects.create(
        conversation=conversation, seq=seq, sender=sender, text=text, payload=payload or {}
    )
    conversation.last_seq = seq
    Conversation.objects.filter(pk=conversation.pk).update(last_seq=seq)


def test_list_previews_are_plain_text(platform, shop, open_page, make_user):
    """Issue 18 item 3: previews showed "<p>为您推荐：</p><ul><li>…" as text."""
    make_user("sam", Role.SUPERVISOR)
    answered = _bot_conversation(shop, "aaaaaa-answered")
    _say(answered, "customer", "有什么推荐")
    _say(answered, "bot", "<p>为您推荐：</p><ul><li>北欧落地灯 &yen;399</li><li>茶壶</li></ul>")
    typed = _bot_conversation(shop, "cccccc-typed")
    _say(typed, "customer", "is <p> a tag?")

    sup = _agent_console(open_page, platform, "sam")
    items = sup.get_by_test_id("all-conversations").get_by_test_id("open-conversation-item")
    expect(items).to_have_count(2, timeout=WAIT_MS)
    preview = items.filter(has_text="aaaaaa").locator(".last")
    expect(preview).to_have_text("为您推荐： 北欧落地灯 ¥399 茶壶", timeout=WAIT_MS)
    # A customer's own words are shown as typed, markup-like or not.
    expect(items.filter(has_text="cccccc").locator(".last")).to_have_text("is <p> a tag?")


def test_did_you_mean_turns_show_the_suggestions_the_customer_saw(
    platform, shop, open_page, make_user
):
    """Issue 18 item 4: a "did you mean" turn showed its question without the suggestions."""
    make_user("sam", Role.SUPERVISOR)
    unsure = _bot_conversation(shop, "bbbbbb-unsure")
    _say(unsure, "customer", "my thing broke what now")
    _say(
        unsure,
        "bot",
        "Sorry, I'm not sure I understood. Did you mean:",
        {
            "suggestions": [
                {"entry_id": 1, "question": "How do I return an item?"},
                {"entry_id": 2, "question": "Is my lamp under warranty?"},
            ],
            "handoff_offered": True,
        },
    )

    sup = _agent_console(open_page, platform, "sam")
    items = sup.get_by_test_id("all-conversations").get_by_test_id("open-conversation-item")
    expect(items).to_have_count(1, timeout=WAIT_MS)
    items.click()
    turn = sup.get_by_test_id("transcript").locator("[data-sender='bot']")
    expect(turn).to_contain_text("Did you mean", timeout=WAIT_MS)
    offered = turn.get_by_test_id("offered-suggestions").locator("li")
    expect(offered).to_have_text(["How do I return an item?", "Is my lamp under warranty?"])
    expect(turn.get_by_test_id("offered-handoff")).to_be_visible()


def test_the_assignment_reason_reads_in_the_consoles_language(
    platform, shop, shop_server, trained, open_page, make_user
):
    """Issue 18 item 13: "agent1 scored 0.75 (skill match 1.00, load 1/4), best of 1
    candidate(s)" showed in English in the Chinese console."""
    make_user("mei", Role.AGENT)
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    _, customer, _ = open_page("customer")
    customer.goto(f"{shop_server.origin}/")
    c = widget(customer)
    c("launcher").click()
    c("input").fill("when will my order arrive")
    c("send").click()
    expect(c("handoff")).to_be_visible(timeout=WAIT_MS)
    c("handoff").click()

    _, agent, _ = open_page("agent", locale="zh-CN")
    login(agent, platform, "mei")
    agent.goto(f"{platform.url}/console/")
    agent.get_by_test_id("presence").select_option("online")
    item = agent.get_by_test_id("my-conversations").get_by_test_id("conversation-item")
    expect(item).to_have_count(1, timeout=WAIT_MS)
    item.click()
    reason = agent.get_by_test_id("assignment-reason")
    expect(reason).to_contain_text("mei 得分", timeout=WAIT_MS)
    expect(reason).to_contain_text("位候选人中最佳")
    expect(reason).not_to_contain_text("scored")
    # An anonymous visitor is "访客" in the Chinese console's list and title, not "visitor".
    expect(item).to_contain_text("访客")
    expect(item).not_to_contain_text("visitor")
    expect(agent.get_by_test_id("conversation-title")).to_contain_text("访客")
