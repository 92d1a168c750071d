"""The chat as people use it: the widget on a shop's own site, the full-page chat and the agent
console, in Chromium against a real daphne. Every page must stay free of console errors and
failed requests (checked by the ``open_page`` fixture)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("playwright", reason="pip install playwright (requirements-dev.txt)")

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from accounts.roles import Role
from chatbot.models import CannedReply
from conversations.models import Conversation, ConversationStatus
from knowledge.models import AnswerLog
from tests.browser.conftest import login, screenshot, shop_page, wait_for, widget

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]


def test_a_customer_gets_a_bot_answer_on_the_shop_site(
    platform, shop, shop_server, trained, open_page
):
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    _, page, _ = open_page("shop")
    page.goto(f"{shop_server.origin}/")
    w = widget(page)

    # The shop's CSS (red, 40px buttons) does not leak into the widget.
    launcher = w("launcher")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    assert launcher.evaluate("b => getComputedStyle(b).fontSize") != "40px"

    # Keyboard: Tab from the shop's last control to the launcher, Enter opens the panel and
    # puts the focus in the input.
    page.focus("#buy")
    page.keyboard.press("Tab")
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(w("panel")).to_be_visible()
    expect(w("input")).to_be_focused()
    expect(w("welcome")).to_contain_text("How can I help")
    expect(w("messages")).to_have_attribute("role", "log")

    page.keyboard.type("return policy")
    page.keyboard.press("Enter")
    mine = page.locator("cs-chat-widget [data-testid='message'][data-sender='customer']")
    expect(mine).to_have_attribute("data-seq", "1")
    answer = page.locator("cs-chat-widget [data-testid='message'][data-sender='bot']").last
    expect(answer).to_contain_text("Returns are free within 7 days.")
    # The answer is sanitised HTML from the server, rendered as such.
    expect(answer.locator(".bubble b")).to_have_text("7 days")
    expect(w("status")).to_contain_text("virtual assistant")

    up = answer.locator("[data-testid='thumb-up']")
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    log_id = wait_for(
        lambda: AnswerLog.objects.filter(feedback=1).values_list("id", flat=True).first()
    )
    assert log_id, "the thumbs-up never reached the answer log"
    screenshot(page, "widget-bot-answer")

    # Escape closes the panel and gives focus back to the launcher.
    page.keyboard.press("Escape")
    expect(w("panel")).to_be_hidden()
    expect(launcher).to_be_focused()

    # A reload keeps the conversation: the history comes back, with the feedback chosen.
    page.reload()
    expect(w("panel")).to_be_hidden()
    page.evaluate("window.CSChatWidget.open()")
    expect(w("panel")).to_be_visible()
    answer = page.locator("cs-chat-widget [data-testid='message'][data-sender='bot']").last
    expect(answer).to_contain_text("Returns are free within 7 days.")
    expect(answer.locator("[data-testid='thumb-up']")).to_have_attribute("aria-pressed", "true")
    assert Conversation.objects.count() == 1


def test_a_message_written_during_an_outage_is_delivered_once_after_reconnecting(
    platform, shop, shop_server, trained, open_page
):
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    # Chromium logs every refused reconnection attempt; those are expected here.
    _, page, watch = open_page("outage", strict=False)
    page.goto(f"{shop_server.origin}/")
    w = widget(page)
    bot = page.locator("cs-chat-widget [data-testid='message'][data-sender='bot']")
    w("launcher").click()
    w("input").fill("return policy")
    w("send").click()
    expect(bot).to_have_count(1)

    platform.stop()
    expect(w("connection")).to_have_attribute("data-state", "error")
    expect(w("connection")).to_contain_text("Retrying in")
    w("input").fill("delivery time")
    w("send").click()
    pending = page.locator("cs-chat-widget [data-testid='message'][data-pending='true']")
    expect(pending).to_have_count(1)
    outbox = page.evaluate(f"localStorage.getItem('cschat:{shop.site_key}:outbox')")
    assert "delivery time" in outbox
    screenshot(page, "widget-offline-outbox")

    platform.start()
    try:
        w("retry").click(timeout=2000)  # "Retry now" rather than waiting out the back-off
    except PlaywrightTimeoutError:
        pass  # the back-off timer reconnected first
    expect(w("connection")).to_have_attribute("data-state", "online", timeout=35_000)
    expect(pending).to_have_count(0)
    expect(bot).to_have_count(2)
    expect(bot.last).to_contain_text("3 working days")
    customer = page.locator("cs-chat-widget [data-testid='message'][data-sender='customer']")
    expect(customer).to_have_count(2)
    expect(customer.last).to_have_attribute("data-seq", "3")
    assert page.evaluate(f"localStorage.getItem('cschat:{shop.site_key}:outbox')") is None
    conversation = Conversation.objects.get()
    assert conversation.messages.filter(sender="customer").count() == 2
    assert all("WebSocket" in e for e in watch.console_errors), watch.console_errors
    assert not watch.failed_requests and not watch.bad_responses, watch.problems()


def test_a_signed_customer_is_recognised_and_a_forged_signature_is_not(
    platform, shop, shop_server, trained, open_page
):
    signed = f'data-customer-id="cust-42" data-customer-signature="{shop.sign("cust-42")}"'
    forged = 'data-customer-id="cust-43" data-customer-signature="00ff"'
    shop_server.pages["/signed"] = shop_page(platform, shop.site_key, extra_attrs=signed)
    shop_server.pages["/forged"] = shop_page(platform, shop.site_key, extra_attrs=forged)

    for path, question in (("/signed", "return policy"), ("/forged", "delivery time")):
        _, page, _ = open_page(path)
        page.goto(f"{shop_server.origin}{path}")
        w = widget(page)
        w("launcher").click()
        if path == "/forged":
            # Refused identity: told so, and the chat goes on as an anonymous visitor.
            expect(w("notice")).to_contain_text("could not verify your account")
        w("input").fill(question)
        w("send").click()
        expect(
            page.locator("cs-chat-widget [data-testid='message'][data-sender='bot']")
        ).to_have_count(1)

    signed_conversation, anonymous = Conversation.objects.order_by("id")
    assert signed_conversation.customer.external_id == "cust-42"
    assert anonymous.customer is None


def test_the_full_page_chat_in_chinese_on_a_phone(platform, shop, trained, open_page):
    _, page, _ = open_page("fullpage", locale="zh-CN", viewport={"width": 390, "height": 780})
    page.goto(f"{platform.url}/chat/{shop.site_key}/")
    w = widget(page)
    expect(w("panel")).to_be_visible()
    expect(w("launcher")).to_have_count(0)
    expect(w("close-panel")).to_have_count(0)
    expect(w("input")).to_have_attribute("placeholder", "请输入您的问题…")
    assert page.locator("meta[name=viewport]").count() == 1
    box = w("panel").bounding_box()
    assert box and box["width"] == 390 and box["height"] == 780

    w("input").fill("包邮吗")
    w("send").click()
    answer = page.locator("cs-chat-widget [data-testid='message'][data-sender='bot']").last
    expect(answer).to_contain_text("满 99 元包邮")
    expect(w("handoff")).to_have_text("转人工客服")
    screenshot(page, "fullpage-chat-zh-mobile")


def test_handoff_to_an_agent_reply_close_and_csat(
    platform, shop, shop_server, trained, open_page, make_user
):
    make_user("ann", Role.AGENT)
    shop_server.pages["/"] = shop_page(platform, shop.site_key)

    # The customer asks the bot first, then wants a person. Nobody is online: the queue.
    _, customer, _ = open_page("customer")
    customer.goto(f"{shop_server.origin}/")
    c = widget(customer)
    c("launcher").click()
    c("input").fill("when will my order arrive")
    c("send").click()
    expect(
        customer.locator("cs-chat-widget [data-testid='message'][data-sender='bot']").last
    ).to_contain_text("3 working days")
    c("handoff").click()
    expect(c("status")).to_contain_text("number 1 in the queue")
    expect(c("status")).to_contain_text("Expected wait")
    expect(c("handoff")).to_be_hidden()
    screenshot(customer, "widget-waiting-in-queue")

    # The agent logs in, sees the waiting customer, goes online and gets the conversation.
    _, agent, _ = open_page("agent")
    login(agent, platform, "ann")
    agent.goto(f"{platform.url}/console/")
    expect(agent.get_by_test_id("connection")).to_have_attribute("data-state", "online")
    expect(agent.get_by_test_id("queue-item")).to_have_count(1)
    expect(agent.get_by_test_id("queue-item")).to_contain_text(re.compile(r"waiting \d+ s"))
    agent.get_by_test_id("presence").select_option("online")
    item = agent.get_by_test_id("my-conversations").get_by_test_id("conversation-item")
    expect(item).to_have_count(1)
    expect(agent.get_by_test_id("queue-item")).to_have_count(0)
    item.click()

    transcript = agent.get_by_test_id("transcript")
    expect(transcript.locator("[data-sender='bot']").first).to_contain_text("3 working days")
    expect(transcript.locator("[data-sender='bot'] .tag-bot").first).to_be_visible()
    summary = Conversation.objects.get().assignment_reason["summary"]
    assert "ann" in summary
    # Worded by the console from the stored facts (the summary is the log's English line).
    expect(agent.get_by_test_id("assignment-reason")).to_contain_text("ann scored")
    expect(agent.get_by_test_id("assignment-reason")).to_contain_text("Customer asked for a person")
    expect(c("status")).to_contain_text("You are chatting with ann")

    # Typing shows on the other side, both ways.
    agent.get_by_test_id("reply-input").press_sequentially("Hello")
    expect(c("typing")).to_contain_text("ann is typing")
    c("input").press_sequentially("hi")
    expect(agent.get_by_test_id("customer-typing")).to_be_visible()
    c("input").fill("")

    # A private note stays in the console; the reply reaches the customer.
    agent.get_by_test_id("reply-input").fill("")
    agent.get_by_test_id("note-toggle").check()
    agent.get_by_test_id("reply-input").fill("Customer asked about delivery twice")
    agent.get_by_test_id("reply-send").click()
    note = transcript.locator("[data-private='true']")
    expect(note).to_contain_text("delivery twice")
    expect(note).not_to_have_attribute("data-pending", "true")
    agent.get_by_test_id("note-toggle").uncheck()
    agent.get_by_test_id("reply-input").fill("Hi, I'm Ann. Your parcel left our warehouse today.")
    agent.get_by_test_id("reply-send").click()

    reply = customer.locator("cs-chat-widget [data-testid='message'][data-sender='agent']")
    expect(reply).to_contain_text("Your parcel left our warehouse today.")
    expect(reply).to_have_count(1)
    expect(c("messages")).not_to_contain_text("delivery twice")

    # Read receipts: the customer answers, the agent (console open) reads it, the customer
    # sees "Read"; the customer's open widget reads the reply, the agent sees it.
    c("input").fill("Great, thank you!")
    c("send").click()
    expect(transcript.locator("[data-sender='customer']").last).to_contain_text("thank you")
    expect(c("read-receipt")).to_have_text("Read")
    expect(agent.get_by_test_id("read-receipt")).to_be_visible()
    screenshot(customer, "widget-agent-reply")
    screenshot(agent, "console-conversation")

    # The agent closes; the customer rates five stars with a comment.
    agent.get_by_test_id("close-conversation").click()
    expect(agent.get_by_test_id("conversation-status")).to_have_text("Closed")
    expect(c("csat-form")).to_be_visible()
    expect(c("status")).to_contain_text("ended")
    c("csat-star-5").click()
    c("csat-comment").fill("Quick and friendly")
    c("csat-submit").click()
    expect(c("csat-thanks")).to_be_visible()
    screenshot(customer, "widget-csat-thanks")

    conversation = Conversation.objects.get()
    assert wait_for(lambda: Conversation.objects.get(pk=conversation.pk).csat_score == 5)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED
    assert conversation.csat_comment == "Quick and friendly"
    assert conversation.first_agent_reply_at is not None


def test_a_supervisor_sees_agents_and_all_open_conversations(
    platform, shop, shop_server, trained, open_page, make_user
):
    ann = make_user("ann", Role.AGENT)
    make_user("sam", Role.SUPERVISOR)
    CannedReply.objects.create(title="Greeting", text="Hello, I'm here to help.")
    shop_server.pages["/"] = shop_page(platform, shop.site_key)

    _, customer, _ = open_page("customer")
    customer.goto(f"{shop_server.origin}/")
    c = widget(customer)
    c("launcher").click()
    c("input").fill("return policy")
    c("send").click()
    expect(c("handoff")).to_be_visible()
    c("handoff").click()
    expect(c("status")).to_contain_text("queue")

    _, sup, _ = open_page("supervisor")
    login(sup, platform, "sam")
    sup.goto(f"{platform.url}/console/")
    expect(sup.get_by_test_id("connection")).to_have_attribute("data-state", "online")
    rows = sup.get_by_test_id("agent-row")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="ann")).to_contain_text("Offline")

    # Supervisors may open waiting conversations silently and take them.
    sup.get_by_test_id("queue-item").click()
    expect(sup.get_by_test_id("transcript").locator("[data-sender='customer']")).to_contain_text(
        "return policy"
    )
    expect(sup.get_by_test_id("accept")).to_be_visible()
    sup.get_by_test_id("accept").click()
    expect(sup.get_by_test_id("conversation-status")).to_have_text("With an agent")
    everyone = sup.get_by_test_id("all-conversations")
    expect(everyone.get_by_test_id("open-conversation-item")).to_have_count(1)
    expect(c("status")).to_contain_text("You are chatting with sam")

    # A canned reply fills the reply box; sending it reaches the customer.
    sup.get_by_test_id("canned-replies").select_option(label="Greeting")
    expect(sup.get_by_test_id("reply-input")).to_have_value("Hello, I'm here to help.")
    sup.get_by_test_id("reply-send").click()
    expect(
        customer.locator("cs-chat-widget [data-testid='message'][data-sender='agent']")
    ).to_contain_text("I'm here to help")
    screenshot(sup, "console-supervisor")

    # Transfer to Ann: the supervisor keeps seeing it among all open conversations.
    sup.get_by_test_id("transfer-select").select_option(str(ann.pk))
    sup.get_by_test_id("transfer").click()
    expect(sup.get_by_test_id("conversation")).to_contain_text("Agent: ann")
    expect(sup.get_by_test_id("my-conversations").locator("li")).to_have_count(0)
    expect(everyone.get_by_test_id("open-conversation-item")).to_contain_text("ann")
    expect(c("status")).to_contain_text("You are chatting with ann")
    assert Conversation.objects.get().assigned_agent == ann

    # The customer ends the conversation from the widget.
    c("end-chat").click()
    expect(c("csat-form")).to_be_visible()
    expect(sup.get_by_test_id("conversation-status")).to_have_text("Closed")


def test_a_page_on_a_foreign_origin_gets_no_chat(platform, shop, foreign_server, open_page):
    foreign_server.pages["/"] = shop_page(platform, shop.site_key)
    _, page, watch = open_page("foreign", strict=False)
    page.goto(f"{foreign_server.origin}/")
    w = widget(page)
    w("launcher").click()
    connection = w("connection")
    expect(connection).to_have_attribute("data-state", re.compile("error|unavailable"))
    expect(connection).to_contain_text(re.compile("Retrying|not available"))
    expect(page.locator("cs-chat-widget [data-testid='message']")).to_have_count(0)
    screenshot(page, "widget-foreign-origin-refused")
    # Refused with close code 4403 (not a failed handshake): the widget says the chat is not
    # available here and stops retrying, and the browser has nothing to complain about.
    expect(connection).to_have_attribute("data-state", "unavailable")
    assert not watch.console_errors, watch.console_errors
    assert not watch.failed_requests and not watch.bad_responses, watch.problems()
    assert Conversation.objects.count() == 0
