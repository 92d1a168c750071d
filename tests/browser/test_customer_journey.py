"""The path a real customer takes through the widget, end to end: two questions, a one-time code
asked for before a reconnect (the platform restarts) and typed after it, the order, a person,
the end of the chat and a rating. daphne must log no error on the way."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("playwright", reason="pip install playwright (requirements-dev.txt)")

from playwright.sync_api import expect

from conversations.models import Conversation
from tests.browser.conftest import shop_page, wait_for, widget
from tests.browser.test_widget_identity import (  # noqa: F401  (fixtures)
    PHONE,
    code_from_sms,
    outbox,
    phone_customer,
    platform_env,
)

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]

# Waits on the server (a fresh daphne loads its models on the first question; the machine may be
# busy): poll up to this long, never sleep.
SERVER_MS = 30_000

# A consumer that died, or any error daphne logged. The start-up probe's 503 from /healthz (no
# Celery worker here) and the restart this test makes on purpose are not errors.
SERVER_ERROR = re.compile(
    r"Traceback|Exception inside application"
    r"|ERROR (?!django\.request: Service Unavailable: /healthz)"
)


def test_open_ask_reconnect_verify_order_handoff_rate(
    platform, shop, shop_server, order_questions, phone_customer, outbox, open_page  # noqa: F811
):
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    # Not strict: while daphne restarts the browser logs the refused websocket, as it should.
    _, page, _ = open_page("journey", strict=False)
    page.goto(f"{shop_server.origin}/")
    w = widget(page)
    bots = page.locator("cs-chat-widget [data-testid='message'][data-sender='bot']")
    w("launcher").click()

    def ask(text: str) -> None:
        w("input").fill(text)
        w("send").click()

    # Two plain questions: two answers, no apology, no person.
    ask("运费多少钱")
    expect(bots.last).to_contain_text("满 99 元包邮", timeout=SERVER_MS)
    ask("How do I return an item?")
    expect(bots.last).to_contain_text("Returns are free within 7 days", timeout=SERVER_MS)
    expect(page.locator("cs-chat-widget")).not_to_contain_text("抱歉")
    expect(bots).to_have_count(2)

    # The order needs a code; it is asked for, then the connection drops and comes back.
    ask("我的订单到哪了")
    expect(w("verify-form")).to_be_visible(timeout=SERVER_MS)
    w("verify-address").fill(PHONE)
    w("verify-send").click()
    expect(w("verify-sent")).to_contain_text("138****8000", timeout=SERVER_MS)
    code = code_from_sms(outbox["sms"], PHONE)
    platform.stop()
    expect(w("connection")).not_to_have_attribute("data-state", "online", timeout=SERVER_MS)
    platform.start()
    expect(w("connection")).to_have_attribute("data-state", "online", timeout=35_000)
    # Typed on the new socket, the code still works: it is the visitor's, not the socket's.
    w("verify-code").fill(code)
    w("verify-submit").click()
    expect(w("verified")).to_be_visible(timeout=SERVER_MS)
    ask("我的订单到哪了")
    expect(bots.last).to_contain_text("LM1001", timeout=SERVER_MS)
    expect(bots.last).to_contain_text("SF123456")

    # A person, then the end of the chat and a rating.
    w("handoff").click()
    expect(w("status")).to_contain_text(re.compile("queue|排"), timeout=SERVER_MS)
    w("end-chat").click()
    expect(w("csat-form")).to_be_visible(timeout=SERVER_MS)
    w("csat-star-4").click()
    w("csat-submit").click()
    expect(w("csat-thanks")).to_be_visible(timeout=SERVER_MS)
    assert wait_for(lambda: Conversation.objects.filter(csat_score=4).exists())

    log = platform.log.read_text(errors="replace")
    assert not SERVER_ERROR.search(log), log[-3000:]
