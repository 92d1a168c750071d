"""The demo supervisor opens the reports in a real browser: charts, tables, filters, export."""

import pytest
from playwright.sync_api import expect

from demo.seed import seed_all
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]


def test_the_demo_supervisor_reads_the_reports(platform, open_page):
    seed_all()  # twelve weeks of history, rolled up
    _, page, _ = open_page("supervisor")
    login(page, platform, "supervisor", "demo-supervisor-2026")

    page.goto(f"{platform.url}/analytics/")
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    summary = page.locator("[data-table=summary] tbody tr")
    expect(summary.first).to_contain_text("Conversations")
    conversations = int(summary.first.locator("td").nth(1).inner_text())
    assert conversations > 500  # thirty days of demo history
    expect(page.locator("[data-chart=daily] svg")).to_be_visible()
    screenshot(page, "reports-overview")

    # Narrow the range with the form: the numbers follow.
    page.fill("#id_start", page.input_value("#id_end"))
    page.click("button:has-text('Show')")
    page.wait_for_url("**/analytics/?start=*")
    one_day = int(
        page.locator("[data-table=summary] tbody tr").first.locator("td").nth(1).inner_text()
    )
    assert one_day < conversations

    page.get_by_role("link", name="Trends and staffing").click()
    expect(page.locator("[data-table=forecast] tbody tr")).to_have_count(14)
    expect(page.locator("[data-chart=forecast] svg")).to_be_visible()
    screenshot(page, "reports-forecast")

    page.get_by_role("link", name="Knowledge").click()
    expect(page.locator("[data-table=unanswered_topics] tbody tr").first).to_be_visible()
    screenshot(page, "reports-knowledge")

    with page.expect_download() as download:
        page.locator("[data-table=top_entries] a:has-text('CSV')").click()
    assert download.value.suggested_filename == "top_entries.csv"
