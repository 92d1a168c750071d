"""Every role's main pages in a real browser, on the demo data a newcomer gets from `make run`:
no console error, no failed request (checked by ``open_page``), a screenshot of each."""

import pytest
from playwright.sync_api import expect

from demo.seed import seed_all
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]

ROLES = [
    # (user, password, [(path, something the page must show)])
    ("agent1", "demo-agent-2026", [("/console/", "Agent console")]),
    (
        "supervisor",
        "demo-supervisor-2026",
        [("/console/", "Agent console"), ("/analytics/", "Overview")],
    ),
    (
        "editor",
        "demo-editor-2026",
        [("/admin/knowledge/entry/", "entries"), ("/analytics/knowledge/", "Knowledge")],
    ),
    ("auditor", "demo-auditor-2026", [("/audit/", "Audit")]),
    ("admin", "demo-admin-2026", [("/admin/", "Site administration")]),
]
PUBLIC = [("/", "Try the demo"), ("/demo/shop/", "Lumen"), ("/api/docs/", "")]


def test_every_roles_main_pages_load_cleanly(platform, open_page):
    seed_all()
    _, page, _ = open_page("anonymous")
    for path, text in PUBLIC:
        page.goto(f"{platform.url}{path}")
        if text:
            expect(page.locator("body")).to_contain_text(text)
        screenshot(page, "smoke-public" + path.strip("/").replace("/", "-"))
    for username, password, pages in ROLES:
        _, page, _ = open_page(username)
        login(page, platform, username, password)
        for path, text in pages:
            page.goto(f"{platform.url}{path}")
            expect(page.locator("body")).to_contain_text(text, ignore_case=True)
            screenshot(page, f"smoke-{username}" + path.rstrip("/").replace("/", "-"))
