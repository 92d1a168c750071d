"""Who the customer is, as the widget shows it: proving a phone number with a one-time code
before order questions are answered, and the proactive suggestions card for a known customer.

daphne sends the codes through the file backends (SMS and e-mail), so the test reads them the
way the customer reads their phone.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

pytest.importorskip("playwright", reason="pip install playwright (requirements-dev.txt)")

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from profiles.models import Customer, Order, OrderEvent, ProductView
from tests.browser.conftest import screenshot, shop_page, wait_for, widget

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]

PHONE = "13800138000"


@pytest.fixture
def outbox(tmp_path) -> dict[str, Path]:
    return {"sms": tmp_path / "sms", "mail": tmp_path / "mail"}


@pytest.fixture
def platform_env(outbox) -> dict[str, str]:
    """daphne writes every SMS and e-mail into files instead of sending them."""
    return {
        "SMS_BACKEND": "profiles.delivery.FileSmsBackend",
        "SMS_FILE_PATH": str(outbox["sms"]),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox["mail"]),
    }


def code_from_sms(folder: Path, phone: str) -> str:
    """The code in the newest text message to ``phone`` (first line: number, then text)."""

    def newest() -> str | None:
        files = sorted(folder.glob("*.txt")) if folder.exists() else []
        for path in reversed(files):
            to, _, text = path.read_text(encoding="utf-8").partition("\n")
            if to.strip().endswith(phone) and (found := re.search(r"\b(\d{6})\b", text)):
                return found.group(1)
        return None

    code = wait_for(newest)
    assert code, f"no SMS with a code reached {phone}"
    return code


@pytest.fixture
def phone_customer(shop) -> Customer:
    """A customer the shop knows by phone number (no account on the shop's site), with a
    shipped order."""
    customer = Customer.objects.create(shop=shop, display_name="Li Lei", phone=PHONE)
    placed = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
    order = Order.objects.create(
        shop=shop,
        customer=customer,
        number="LM1001",
        status="shipped",
        total="399.00",
        placed_at=placed,
        carrier="SF",
        tracking_number="SF123456",
    )
    OrderEvent.objects.create(order=order, status="paid", at=placed)
    OrderEvent.objects.create(order=order, status="shipped", at=placed + dt.timedelta(days=1))
    return customer


def bot_messages(page):
    return page.locator("cs-chat-widget [data-testid='message'][data-sender='bot']")


def ask(page, text: str) -> None:
    w = widget(page)
    w("input").fill(text)
    w("send").click()


def test_an_anonymous_visitor_proves_their_phone_and_gets_their_order(
    platform, shop, shop_server, order_questions, phone_customer, outbox, open_page
):
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    _, page, _ = open_page("verify-phone")
    page.goto(f"{shop_server.origin}/")
    w = widget(page)
    w("launcher").click()

    ask(page, "我的订单到哪了")
    bots = bot_messages(page)
    expect(bots).to_have_count(1)
    expect(bots.last).to_contain_text("手机号或邮箱")
    expect(bots.last).not_to_contain_text("LM1001")

    # The form under the answer: a labelled field and a button, reachable by keyboard.
    form = bots.last.locator("[data-testid='verify-form']")
    expect(form).to_be_visible()
    expect(form).to_contain_text("Verify with your phone or e-mail")
    address = page.get_by_label("Mobile number or e-mail")
    expect(address).to_have_attribute("data-testid", "verify-address")
    address.click()
    page.keyboard.type(PHONE)
    page.keyboard.press("Tab")
    expect(w("verify-send")).to_be_focused()
    expect(w("verify-send")).to_have_text("Send code")
    page.keyboard.press("Enter")

    # The code step: told where the code went, the focus waits in the code field.
    expect(w("verify-sent")).to_contain_text("Code sent to 138****8000")
    code_input = page.get_by_label("6-digit code")
    expect(code_input).to_be_focused()
    expect(code_input).to_have_attribute("inputmode", "numeric")
    expect(code_input).to_have_attribute("autocomplete", "one-time-code")
    expect(w("verify-address")).to_be_hidden()
    screenshot(page, "widget-verify-code-step")

    page.keyboard.type(code_from_sms(outbox["sms"], PHONE))
    page.keyboard.press("Enter")
    expect(w("verified")).to_contain_text("Verified")
    expect(w("verify-form")).to_have_count(0)
    expect(w("input")).to_be_focused()  # the form is gone: back to writing
    expect(bots.last).to_contain_text("you are verified")
    expect(w("notice")).to_have_text("")

    # Asked again, the bot knows who is asking: the order and its status timeline.
    ask(page, "我的订单到哪了")
    answer = bots.last
    expect(answer).to_contain_text("LM1001")
    expect(answer).to_contain_text("已发货")
    expect(answer).to_contain_text("SF123456")
    timeline = answer.locator(".bubble li")
    expect(timeline).to_have_count(2)
    expect(timeline.first).to_contain_text("已付款")
    expect(timeline.last).to_contain_text("已发货")
    expect(w("verify-form")).to_have_count(0)
    screenshot(page, "widget-verified-order-status")

    # A reload keeps the visitor identified: the history comes back without a form to fill.
    page.reload()
    page.evaluate("window.CSChatWidget.open()")
    expect(bot_messages(page).last).to_contain_text("LM1001")
    expect(w("verify-form")).to_have_count(0)


def test_a_wrong_code_is_refused_inline_and_reveals_nothing(
    platform, shop, shop_server, order_questions, phone_customer, outbox, open_page
):
    # Traditional Chinese, on a small phone.
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    _, page, _ = open_page(
        "verify-wrong-code", locale="zh-TW", viewport={"width": 360, "height": 740}
    )
    page.goto(f"{shop_server.origin}/")
    w = widget(page)
    w("launcher").click()

    ask(page, "我的订单到哪了")
    expect(w("verify-form")).to_contain_text("透過手機號碼或電子郵件驗證身分")
    w("verify-address").fill(PHONE)
    w("verify-send").click()
    expect(w("verify-sent")).to_contain_text("138****8000")

    right = code_from_sms(outbox["sms"], PHONE)
    wrong = "000000" if right != "000000" else "111111"
    w("verify-code").fill(wrong)
    w("verify-submit").click()

    # Said inline, next to the field, with the attempts left; not as a passing notice.
    error = w("verify-error")
    expect(error).to_have_text("驗證碼不正確，還可以嘗試 4 次。")
    expect(w("verify-code")).to_have_attribute("aria-invalid", "true")
    expect(w("verify-code")).to_be_focused()
    expect(w("verify-code")).to_have_value("")
    expect(w("notice")).to_have_text("")
    expect(w("verified")).to_have_count(0)
    messages = w("messages")
    expect(messages).not_to_contain_text("LM1001")
    expect(messages).not_to_contain_text("SF123456")

    # Everything fits the 360 px screen: no sideways scrolling in the conversation.
    form_box = w("verify-form").bounding_box()
    assert form_box and form_box["x"] >= 0 and form_box["x"] + form_box["width"] <= 360
    assert messages.evaluate("log => log.scrollWidth <= log.clientWidth")
    screenshot(page, "widget-verify-wrong-code-zh-hant-360")

    # Still not identified: asking again shows the form again, never the order.
    ask(page, "我的订单到哪了")
    expect(bot_messages(page)).to_have_count(2)
    expect(w("verify-form")).to_have_count(1)
    expect(bot_messages(page).last.locator("[data-testid='verify-form']")).to_be_visible()
    expect(messages).not_to_contain_text("LM1001")


@pytest.fixture
def known_customer(shop) -> Customer:
    """The demo catalogue on the test shop (products, customers with orders), a recent
    product view for the demo customer, and a trained recommender."""
    from demo.catalog import DEMO_CUSTOMER_ID, seed_catalog
    from profiles.recommendations import proactive_for, train_shop

    seed_catalog(shop)
    customer = Customer.objects.get(shop=shop, external_id=DEMO_CUSTOMER_ID)
    viewed = shop.products.filter(stock__gt=0).order_by("sku").first()
    ProductView.objects.create(
        shop=shop, customer=customer, sku=viewed.sku, at=dt.datetime.now(dt.UTC)
    )
    assert train_shop(shop) is not None
    assert proactive_for(customer, "en") is not None, "the data gives nothing to suggest"
    return customer


def test_a_signed_in_customer_gets_suggestions_and_can_turn_them_off(
    platform, shop, shop_server, known_customer, open_page
):
    cid = known_customer.external_id
    signed = f'data-customer-id="{cid}" data-customer-signature="{shop.sign(cid)}"'
    shop_server.pages["/signed"] = shop_page(platform, shop.site_key, extra_attrs=signed)
    # Chromium logs the refused reconnection attempts during the outage below.
    _, page, watch = open_page("proactive", strict=False)
    page.goto(f"{shop_server.origin}/signed")
    w = widget(page)
    w("launcher").click()

    card = w("proactive")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Suggestions for you")
    expect(w("proactive-text")).to_contain_text("Last time you looked at")
    products = card.locator("[data-testid='product']")
    expect(products.first).to_be_visible()
    expect(products.first).to_contain_text(re.compile(r"\d+\.\d\d"))
    screenshot(page, "widget-proactive-card")

    # Reconnecting (the platform restarts) does not show the same card a second time.
    platform.stop()
    expect(w("connection")).to_have_attribute("data-state", "error")
    platform.start()
    try:
        w("retry").click(timeout=2000)
    except PlaywrightTimeoutError:
        pass  # the back-off timer reconnected first
    expect(w("connection")).to_have_attribute("data-state", "online", timeout=35_000)
    expect(card).to_have_count(1)

    # Turned off from the keyboard; the card says so and keeps the focus in place.
    w("proactive-opt-out").focus()
    expect(w("proactive-opt-out")).to_have_text("Don't show suggestions")
    page.keyboard.press("Enter")
    expect(w("proactive-done")).to_have_text("OK, no more suggestions.")
    expect(w("proactive-done")).to_be_focused()
    expect(w("proactive-opt-out")).to_have_count(0)
    assert wait_for(
        lambda: (
            Customer.objects.get(pk=known_customer.pk).preferences.get("proactive_suggestions")
            is False
        )
    )

    # A new page load: the welcome comes, the suggestions do not.
    page.reload()
    page.evaluate("window.CSChatWidget.open()")
    expect(w("welcome")).to_be_visible()
    expect(w("connection")).to_have_attribute("data-state", "online")
    expect(w("proactive")).to_have_count(0)
    expect(w("proactive-done")).to_have_count(0)

    assert all("WebSocket" in e for e in watch.console_errors), watch.console_errors
    assert not watch.failed_requests and not watch.bad_responses, watch.problems()
