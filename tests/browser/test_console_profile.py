"""The customer profile beside the transcript in the agent console, in Chromium against a real
daphne: a signed-in shop customer asks for a person, and the agent who takes the conversation
sees who they are talking to, with the phone number masked."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

pytest.importorskip("playwright", reason="pip install playwright (requirements-dev.txt)")

from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from audit.models import AuditEvent
from conversations.models import Conversation, ConversationStatus, Message, Sender
from profiles.models import (
    ChannelIdentity,
    Customer,
    IdentityKind,
    Order,
    OrderItem,
    OrderStatus,
    Product,
    ProductView,
)
from tests.browser.conftest import login, screenshot, shop_page, wait_for, widget

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]

PHONE = "+86 138 0013 8000"


def test_the_agent_sees_the_customers_profile_beside_the_transcript(
    platform, shop, shop_server, trained, open_page, make_user
):
    make_user("ann", Role.AGENT)
    lilei = Customer.objects.create(
        shop=shop,
        external_id="cust-42",
        display_name="Li Lei",
        phone=PHONE,
        email="lilei@example.com",
        segments=["vip"],
        preferences={"proactive_suggestions": False},
    )
    ChannelIdentity.objects.create(
        shop=shop,
        customer=lilei,
        kind=IdentityKind.SHOP_CUSTOMER,
        value="cust-42",
        verified_at=timezone.now(),
    )
    order = Order.objects.create(
        shop=shop,
        customer=lilei,
        number="TP-20240611",
        status=OrderStatus.SHIPPED,
        total="268.00",
        carrier="SF Express",
        tracking_number="SF1234567890",
        placed_at=timezone.now() - timedelta(days=2),
    )
    OrderItem.objects.create(
        order=order, sku="POT-RED", name="Red clay teapot", quantity=1, unit_price="268.00"
    )
    earlier = Conversation.objects.create(
        shop=shop,
        customer=lilei,
        visitor_token_hash="0" * 64,
        status=ConversationStatus.CLOSED,
        mood=-0.6,
        csat_score=2,
    )
    Message.objects.create(
        conversation=earlier, seq=1, sender=Sender.CUSTOMER, text="The lid arrived broken"
    )
    Product.objects.create(shop=shop, sku="CUP-SET", name="Cup set", price="59.00")
    ProductView.objects.create(shop=shop, customer=lilei, sku="CUP-SET", at=timezone.now())
    signed = f'data-customer-id="cust-42" data-customer-signature="{shop.sign("cust-42")}"'
    shop_server.pages["/signed"] = shop_page(platform, shop.site_key, extra_attrs=signed)

    # The signed-in customer asks the bot, then wants a person.
    _, customer, _ = open_page("customer")
    customer.goto(f"{shop_server.origin}/signed")
    c = widget(customer)
    c("launcher").click()
    c("input").fill("return policy")
    c("send").click()
    expect(
        customer.locator("cs-chat-widget [data-testid='message'][data-sender='bot']").last
    ).to_contain_text("Returns are free")
    c("handoff").click()
    expect(c("status")).to_contain_text("queue")

    # The agent goes online, gets the conversation and opens it.
    _, agent, _ = open_page("agent")
    login(agent, platform, "ann")
    agent.goto(f"{platform.url}/console/")
    expect(agent.get_by_test_id("connection")).to_have_attribute("data-state", "online")
    agent.get_by_test_id("presence").select_option("online")
    item = agent.get_by_test_id("my-conversations").get_by_test_id("conversation-item")
    expect(item).to_have_count(1)
    item.click()
    expect(agent.get_by_test_id("transcript").locator("[data-sender='customer']")).to_contain_text(
        "return policy"
    )

    panel = agent.get_by_test_id("profile-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", name="Customer", exact=True)).to_be_visible()
    expect(panel.get_by_test_id("profile-name")).to_have_text("Li Lei")
    expect(panel.get_by_test_id("vip-badge")).to_be_visible()
    expect(panel.get_by_test_id("profile-phone").locator(".value")).to_have_text("+86 138****8000")
    expect(panel.get_by_test_id("profile-email").locator(".value")).to_have_text("l***@example.com")
    orders = panel.get_by_test_id("profile-order")
    expect(orders).to_have_count(1)
    expect(orders).to_contain_text("TP-20240611")
    expect(orders).to_contain_text("Shipped")
    expect(orders).to_contain_text("SF1234567890")
    past = panel.get_by_test_id("profile-past-conversation")
    expect(past).to_have_count(1)
    expect(past).to_contain_text("The lid arrived broken")
    # The mood trail: the earlier, upset conversation, then this one.
    dots = panel.get_by_test_id("mood-dot")
    expect(dots).to_have_count(2)
    expect(dots.first).to_have_attribute("title", re.compile(r"mood -0\.60"))
    expect(panel.get_by_test_id("profile-viewed-item")).to_contain_text("Cup set")
    expect(panel).not_to_contain_text("0013")

    # Beside the transcript, not under it, at the console's usual size.
    transcript_box = agent.get_by_test_id("transcript").bounding_box()
    panel_box = panel.bounding_box()
    assert transcript_box and panel_box
    assert panel_box["x"] >= transcript_box["x"] + transcript_box["width"]
    assert panel_box["x"] + panel_box["width"] <= 1280
    screenshot(agent, "console-customer-profile")

    # The full number only on demand, with a reason that lands in the audit trail.
    panel.get_by_test_id("reveal-phone").click()
    panel.get_by_test_id("reveal-reason-phone").fill("customer asked for a call back")
    panel.get_by_test_id("reveal-reason-phone").press("Enter")
    expect(panel.get_by_test_id("profile-phone")).to_have_text(PHONE)
    revealed = wait_for(
        lambda: AuditEvent.objects.filter(action="profiles.contact_revealed").first()
    )
    assert revealed and revealed.changes["reason"] == "customer asked for a call back"
