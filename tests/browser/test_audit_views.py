"""An auditor reads the audit log in a real browser: chain status, a filter, an event, export."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from audit.models import AuditEvent
from audit.services import record
from audit.verification import run_chain_check
from tests.browser.conftest import login, screenshot
from tests.factories import make_shop

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]


def test_an_auditor_filters_the_log_opens_an_event_and_exports(platform, open_page, make_user):
    make_user("audrey", Role.AUDITOR)
    edited = record(
        "knowledge.entry.updated",
        object_type="knowledge.entry",
        object_id=3,
        changes={"answer": ["Ships in 3 days", "Ships in 24 hours <b>fast</b>"]},
        ip_address="203.0.113.7",
    )
    record("test.browser.noise", changes={"n": 1})
    run_chain_check()

    _, page, _ = open_page("audit-log")
    login(page, platform, "audrey")
    page.goto(f"{platform.url}/audit/")
    expect(page.get_by_role("heading", name="Audit log", level=1)).to_be_visible()
    expect(page.get_by_test_id("chain-status")).to_contain_text("Hash chain intact")

    page.fill("#id_action", "knowledge.entry.updated")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/audit/?*action=knowledge.entry.updated*")
    rows = page.locator("[data-table=events] tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("knowledge.entry 3")
    expect(rows.first).to_contain_text("203.0.113.7")
    screenshot(page, "audit-log")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    header, *data = list(csv.reader(io.StringIO(text)))
    assert header[0] == "id" and [int(r[0]) for r in data] == [edited.pk]
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.actor_repr == "audrey"
    assert exported.changes["filters"] == {"action": "knowledge.entry.updated"}

    rows.first.get_by_role("link", name="knowledge.entry.updated").click()
    page.wait_for_url(f"**/audit/{edited.pk}/*")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Event #{edited.pk}: knowledge.entry.updated"
    )
    changes = page.locator("[data-table=changes] tbody tr")
    expect(changes).to_have_count(1)
    expect(changes.first.locator(".before")).to_have_text("Ships in 3 days")
    # Markup in the data is shown as text, never rendered.
    expect(changes.first.locator(".after")).to_have_text("Ships in 24 hours <b>fast</b>")
    expect(page.get_by_test_id("hash")).to_have_text(edited.hash)
    screenshot(page, "audit-event")

    page.get_by_role("link", name="← Audit log").click()
    page.wait_for_url("**/audit/?*action=knowledge.entry.updated*")
    expect(page.locator("#id_action")).to_have_value("knowledge.entry.updated")


def test_the_audit_table_fits_the_page_and_verify_now_reports_back(platform, open_page, make_user):
    """Issue 18, items 11 and 12: every column, the IP address included, is visible without
    scrolling sideways; "verify now" runs the check in the worker and the banner follows."""
    make_user("audrey", Role.AUDITOR)
    shop = make_shop(name="Lumen home & living, outlying islands of Hong Kong branch office")
    for _ in range(20):
        record(
            "shops.shop.allowed_origins_changed",
            obj=shop,
            ip_address="2001:db8:85a3:1234:5678:8a2e:370:7334",
        )
    run_chain_check()

    for width in (1280, 1024):
        _, page, _ = open_page(f"audit-layout-{width}", viewport={"width": width, "height": 860})
        login(page, platform, "audrey")
        page.goto(f"{platform.url}/audit/")
        scroll = page.locator("[data-table=events] .table-scroll")
        assert scroll.evaluate("el => el.scrollWidth <= el.clientWidth"), f"overflows at {width}"
        row = page.locator("[data-table=events] tbody tr", has_text="allowed_origins_changed")
        ip = row.first.locator("td").nth(6)
        expect(ip).to_contain_text("2001:db8")
        cell, frame = ip.bounding_box(), scroll.bounding_box()
        assert cell["x"] + cell["width"] <= frame["x"] + frame["width"] + 1, width

    screenshot(page, "audit-log-narrow")
    with page.expect_response(lambda r: "/audit/verify/" in r.url and r.request.method == "GET"):
        page.get_by_role("button", name="Verify now").click()
    # The page reloads once the worker is done; the banner then shows the new check, after
    # which only the run's own record was written.
    expect(page.get_by_test_id("events-since")).to_have_text(
        "1 event written since then is not verified yet.", timeout=15_000
    )
    assert AuditEvent.objects.filter(
        action="audit.chain_verified", actor_repr="audrey", changes__ok=True
    ).exists()
