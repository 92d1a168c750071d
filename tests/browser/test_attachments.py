"""Photos, files and cards in the chat as people use them (issue 20): the widget on a shop's own
site and the agent console, in Chromium against a real daphne and Celery worker.

Uploads go over HTTP from the page; the tests read what the customer or agent would see, and
fetch the files the way their browsers do. Refused uploads answer 4xx on purpose: those pages
are opened with ``strict=False`` and their errors are checked to be exactly the expected ones.
"""

from __future__ import annotations

import base64
import io
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("playwright", reason="pip install playwright (requirements-dev.txt)")

from PIL import ExifTags, Image
from playwright.sync_api import expect

from accounts.roles import Role
from attachments import storage
from attachments.models import Attachment
from knowledge import texts
from profiles import privacy
from profiles.models import Customer, Product
from tests.attachments.conftest import PDF, jpeg_with_gps, png
from tests.browser.conftest import login, screenshot, shop_page, wait_for, widget
from tests.browser.test_widget_identity import (  # noqa: F401 (fixtures)
    PHONE,
    code_from_sms,
    outbox,
    phone_customer,
    platform_env,
)

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]

# The bot's first answer loads the answer model (seconds on a busy machine); uploads of 11 MB
# take a while too. Waits for those get this much time; everything else Playwright's default.
SLOW = 30_000

# A screenshot pasted into the widget: a real clipboard "paste" event carrying a PNG file.
PASTE = """(input, data) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const clipboard = new DataTransfer();
  clipboard.items.add(new File([bytes], "screenshot.png", { type: "image/png" }));
  input.focus();
  input.dispatchEvent(new ClipboardEvent("paste", {
    clipboardData: clipboard, bubbles: true, cancelable: true, composed: true,
  }));
}"""


def customer_messages(page):
    return page.locator("cs-chat-widget [data-testid='message'][data-sender='customer']")


def fetch(url: str, **headers: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def visitor_token(page, shop) -> str:
    """The visitor token the widget keeps (from the welcome frame), once it has one."""
    key = f"cschat:{shop.site_key}:token"
    raw = wait_for(lambda: page.evaluate("key => localStorage.getItem(key)", key))
    assert raw, "the widget never got a visitor token"
    return raw.strip('"')


def start_with_an_agent(platform, shop, shop_server, open_page, agent_name: str):
    """A customer on the shop's site handed to a person, and that agent's console with the
    conversation accepted. Returns (customer page, its PageWatch, agent page)."""
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    # Checked by the test itself: a download ends its request as "aborted" for the page.
    _, customer, watch = open_page("customer", strict=False)
    customer.goto(f"{shop_server.origin}/")
    c = widget(customer)
    c("launcher").click()
    c("input").fill("return policy")
    c("send").click()
    expect(c("handoff")).to_be_visible(timeout=SLOW)
    c("handoff").click()
    expect(c("status")).to_contain_text("queue")

    _, agent, _ = open_page("agent")
    login(agent, platform, agent_name)
    agent.goto(f"{platform.url}/console/")
    expect(agent.get_by_test_id("connection")).to_have_attribute("data-state", "online")
    agent.get_by_test_id("queue-item").click()
    agent.get_by_test_id("accept").click()
    expect(agent.get_by_test_id("conversation-status")).to_have_text("With an agent")
    expect(c("status")).to_contain_text(f"You are chatting with {agent_name}")
    return customer, watch, agent


def test_a_pasted_screenshot_reaches_the_agent_live_and_the_agents_pdf_is_downloaded(
    platform, shop, shop_server, trained, open_page, make_user
):
    make_user("ann", Role.AGENT)
    customer, watch, agent = start_with_an_agent(platform, shop, shop_server, open_page, "ann")
    c = widget(customer)

    # The customer pastes a screenshot: it is uploaded at once and previewed in the tray.
    c("input").evaluate(PASTE, base64.b64encode(png((320, 200), "orange")).decode())
    upload = c("attachment-upload")
    expect(upload).to_have_count(1)
    expect(upload).to_have_attribute("data-state", "done")
    expect(upload).to_contain_text("screenshot.png")
    expect(upload.locator("img.tray-thumb")).to_be_visible()
    c("send").click()
    expect(c("attachment-tray")).to_be_hidden()
    sent = customer_messages(customer).last
    expect(sent.locator("[data-testid='attachment-image'] img")).to_be_visible()
    expect(sent).not_to_have_attribute("data-pending", "true")  # stored and acknowledged

    # The agent sees its thumbnail live, opens it in the lightbox and closes it with Esc.
    thumb = agent.get_by_test_id("transcript").get_by_test_id("attachment-thumbnail")
    expect(thumb).to_have_count(1)
    assert wait_for(lambda: thumb.locator("img").evaluate("i => i.complete && i.naturalWidth > 0"))
    thumb.focus()
    agent.keyboard.press("Enter")
    lightbox = agent.get_by_test_id("lightbox")
    expect(lightbox).to_be_visible()
    expect(agent.get_by_test_id("lightbox-image")).to_have_attribute("alt", "screenshot.png")
    expect(agent.get_by_test_id("lightbox-close")).to_be_focused()
    screenshot(agent, "console-lightbox")
    agent.keyboard.press("Escape")
    expect(lightbox).to_be_hidden()
    expect(thumb).to_be_focused()

    # The agent attaches a PDF: previewed before sending, then sent with a line of text.
    agent.get_by_test_id("file-input").set_input_files(
        files=[{"name": "manual.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    preview = agent.get_by_test_id("attachment-upload")
    expect(preview).to_have_attribute("data-state", "done")
    expect(preview).to_contain_text("manual.pdf")
    agent.get_by_test_id("reply-input").fill("Here is the manual.")
    agent.get_by_test_id("reply-send").click()
    expect(agent.get_by_test_id("attachment-tray")).to_be_hidden()

    # The customer gets it as a file card and downloads it.
    reply = customer.locator("cs-chat-widget [data-testid='message'][data-sender='agent']").last
    expect(reply).to_contain_text("Here is the manual.")
    expect(reply.get_by_test_id("attachment-name")).to_have_text("manual.pdf")
    with customer.expect_download() as download:
        reply.get_by_test_id("attachment-download").click()
    assert Path(download.value.path()).read_bytes() == PDF
    # The agent's own transcript shows the stored reply with its file.
    mine = agent.get_by_test_id("transcript").locator("[data-sender='agent']").last
    expect(mine).not_to_have_attribute("data-pending", "true")
    expect(mine.get_by_test_id("attachment-name")).to_have_text("manual.pdf")
    screenshot(customer, "widget-agent-pdf")
    # Nothing went wrong on the customer's page but the download leaving it.
    assert watch.console_errors == [] and watch.bad_responses == [], watch.problems()
    assert all(
        "/attachments/file/" in failed and "ERR_ABORTED" in failed
        for failed in watch.failed_requests
    ), watch.failed_requests


def test_uploads_are_checked_by_content_and_size_and_links_belong_to_their_visitor(
    platform, shop, shop_server, trained, open_page
):
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    _, page, watch = open_page("uploads", strict=False)
    page.goto(f"{shop_server.origin}/")
    w = widget(page)
    w("launcher").click()
    token = visitor_token(page, shop)
    files = w("file-input")

    # A phone photo with its GPS position: it arrives re-encoded, without the EXIF.
    files.set_input_files(
        files=[{"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}]
    )
    expect(w("attachment-upload")).to_have_attribute("data-state", "done")
    w("send").click()
    link = customer_messages(page).last.get_by_test_id("attachment-image")
    expect(link).to_be_visible()
    # A photo alone is acknowledged, never answered from the knowledge base.
    bot = page.locator("cs-chat-widget [data-testid='message'][data-sender='bot']").last
    expect(bot).to_contain_text("received your picture", timeout=SLOW)
    url = link.get_attribute("href")
    status, data = fetch(url, **{"X-Visitor-Token": token})
    assert status == 200
    photo = Image.open(io.BytesIO(data))
    exif = photo.getexif()
    assert photo.format == "JPEG"
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo), "the GPS position survived"
    assert 0x010F not in exif  # nor the camera maker

    # An HTML page renamed .png is refused, with the server's words shown on the file.
    files.set_input_files(
        files=[
            {
                "name": "cute-cat.png",
                "mimeType": "image/png",
                "buffer": b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            }
        ]
    )
    html = w("attachment-upload").filter(has_text="cute-cat.png")
    expect(html).to_have_attribute("data-state", "failed")
    expect(html.get_by_test_id("attachment-error")).to_have_text(
        texts.text("upload_unsupported", "en")
    )
    expect(html.get_by_test_id("attachment-retry")).to_have_count(0)  # trying again cannot help
    html.get_by_test_id("attachment-remove").click()
    expect(w("attachment-upload")).to_have_count(0)

    # An 11 MB file is refused with the limit in the message.
    big = b"\xff\xd8\xff\xe0" + os.urandom(11 * 1024 * 1024)
    files.set_input_files(files=[{"name": "huge.jpg", "mimeType": "image/jpeg", "buffer": big}])
    huge = w("attachment-upload").filter(has_text="huge.jpg")
    expect(huge).to_have_attribute("data-state", "failed", timeout=SLOW)
    expect(huge.get_by_test_id("attachment-error")).to_have_text(
        texts.text("upload_too_large", "en", limit=10)
    )
    huge.get_by_test_id("attachment-remove").click()
    screenshot(page, "widget-upload-refused")

    # A failed upload (the network dropped it) is tried again with one click.
    page.route("**/attachments/*/upload/**", lambda route: route.abort())
    files.set_input_files(files=[{"name": "again.png", "mimeType": "image/png", "buffer": png()}])
    again = w("attachment-upload").filter(has_text="again.png")
    expect(again).to_have_attribute("data-state", "failed")
    page.unroute("**/attachments/*/upload/**")
    again.get_by_test_id("attachment-retry").click()
    expect(again).to_have_attribute("data-state", "done")

    # More than five files for one message: five are kept, and the customer is told.
    pngs = [{"name": f"p{n}.png", "mimeType": "image/png", "buffer": png()} for n in range(6)]
    files.set_input_files(files=pngs)
    expect(w("attachment-upload")).to_have_count(5)
    expect(w("notice")).to_contain_text("up to 5 files")

    # Another visitor holding the link cannot use it.
    _, other, _ = open_page("other-visitor")
    other.goto(f"{shop_server.origin}/")
    widget(other)("launcher").click()
    assert fetch(url, **{"X-Visitor-Token": visitor_token(other, shop)})[0] == 403
    assert fetch(url, **{"X-Visitor-Token": token})[0] == 200

    # The only errors on the page are the two refusals and the dropped request.
    refused = sorted(p.split(" ", 1)[0] for p in watch.bad_responses)
    assert refused == ["413", "415"], watch.bad_responses
    assert [p for p in watch.failed_requests if "/upload/" not in p] == []
    assert all("/upload/" in e or "413" in e or "415" in e for e in watch.console_errors), (
        watch.console_errors
    )


def test_erasing_a_customer_removes_their_files(
    platform, shop, shop_server, trained, open_page, make_user
):
    signature = shop.sign("c-erase")
    shop_server.pages["/"] = shop_page(
        platform,
        shop.site_key,
        extra_attrs=f'data-customer-id="c-erase" data-customer-signature="{signature}"',
    )
    _, page, _ = open_page("erase", strict=False)
    page.goto(f"{shop_server.origin}/")
    w = widget(page)
    w("launcher").click()
    token = visitor_token(page, shop)
    w("file-input").set_input_files(
        files=[{"name": "parcel.png", "mimeType": "image/png", "buffer": png()}]
    )
    expect(w("attachment-upload")).to_have_attribute("data-state", "done")
    w("input").fill("The parcel arrived broken")
    w("send").click()
    link = customer_messages(page).last.get_by_test_id("attachment-image")
    expect(link).to_be_visible()
    url = link.get_attribute("href")
    assert fetch(url, **{"X-Visitor-Token": token})[0] == 200
    stored = Attachment.objects.get(shop=shop)  # names are encrypted: no lookup by name
    assert storage.exists(stored.file_key)

    customer = Customer.objects.get(shop=shop, external_id="c-erase")
    counts = privacy.erase_customer(customer, by=make_user("dpo", Role.ADMINISTRATOR), reason="ask")
    assert counts["files"] == 1
    assert wait_for(lambda: not storage.exists(stored.file_key)), "the file is still stored"
    assert not Attachment.objects.filter(pk=stored.pk).exists()
    assert fetch(url, **{"X-Visitor-Token": token})[0] in (403, 404)


def test_product_and_order_cards_from_the_bot_and_from_the_agent(
    platform,
    shop,
    shop_server,
    order_questions,
    phone_customer,  # noqa: F811 (the fixture imported above)
    outbox,  # noqa: F811
    open_page,
    make_user,
):
    Product.objects.create(
        shop=shop, sku="LAMP-1", name="北欧落地灯 Floor lamp", price="399.00", stock=12
    )
    make_user("bo", Role.AGENT)
    shop_server.pages["/"] = shop_page(platform, shop.site_key)
    _, page, _ = open_page("cards", locale="zh-CN")
    page.goto(f"{shop_server.origin}/")
    w = widget(page)
    w("launcher").click()

    # A price question: the answer carries a product card; "ask about this" asks.
    w("input").fill("北欧落地灯多少钱")
    w("send").click()
    card = w("product-card")
    expect(card).to_have_count(1, timeout=SLOW)
    expect(card.get_by_test_id("card-name")).to_have_text("北欧落地灯 Floor lamp")
    expect(card.get_by_test_id("card-price")).to_contain_text("399.00")
    expect(card.get_by_test_id("card-stock")).to_have_text("库存：12 件")
    screenshot(page, "widget-product-card")
    card.get_by_test_id("ask-about").click()
    expect(customer_messages(page).last).to_contain_text("我想咨询一下「北欧落地灯 Floor lamp」")

    # An order question: verified by a one-time code, then an order card with its history.
    w("input").fill("我的订单到哪了")
    w("send").click()
    expect(w("verify-address")).to_be_visible(timeout=SLOW)
    w("verify-address").fill(PHONE)
    w("verify-send").click()
    w("verify-code").fill(code_from_sms(outbox["sms"], PHONE))
    w("verify-submit").click()
    expect(w("verified")).to_be_visible(timeout=SLOW)
    w("input").fill("我的订单到哪了")
    w("send").click()
    order = w("order-card")
    expect(order).to_have_count(1, timeout=SLOW)
    expect(order.get_by_test_id("card-order-number")).to_have_text("订单 LM1001")
    expect(order.get_by_test_id("card-status")).to_have_text("已发货")
    steps = order.get_by_test_id("order-step")
    expect(steps).to_have_count(2)
    expect(steps.first).to_contain_text("已付款")
    expect(steps.last).to_have_attribute("aria-current", "step")
    screenshot(page, "widget-order-card")

    # An agent sends a product card from the catalogue search and an order card from the
    # customer's recent orders.
    w("handoff").click()
    _, agent, _ = open_page("cards-agent")
    login(agent, platform, "bo")
    agent.goto(f"{platform.url}/console/")
    agent.get_by_test_id("queue-item").click()
    agent.get_by_test_id("accept").click()
    expect(agent.get_by_test_id("conversation-status")).to_have_text("With an agent")
    # The transcript shows the cards as the customer saw them.
    transcript = agent.get_by_test_id("transcript")
    expect(transcript.get_by_test_id("order-card")).to_contain_text("LM1001")
    agent.get_by_test_id("catalogue-query").fill("落地灯")
    agent.get_by_test_id("catalogue-query").press("Enter")
    found = agent.get_by_test_id("catalogue-item")
    expect(found).to_have_count(1)
    found.get_by_test_id("send-product-card").click()
    from_agent = page.locator("cs-chat-widget [data-testid='message'][data-sender='agent']")
    expect(from_agent.last.get_by_test_id("product-card")).to_have_attribute("data-sku", "LAMP-1")
    agent.get_by_test_id("profile-order").get_by_test_id("send-order-card").click()
    expect(from_agent.last.get_by_test_id("order-card")).to_have_attribute("data-number", "LM1001")
    last_sent = transcript.locator("[data-sender='agent']").last
    expect(last_sent.get_by_test_id("order-card")).to_be_visible()
    screenshot(agent, "console-cards")
