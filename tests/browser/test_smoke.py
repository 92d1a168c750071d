"""Every role's main pages in a real browser, on the demo data a newcomer gets from `make run`,
in English and in Simplified Chinese (the browser's language picks it): no console error, no
failed request (checked by ``open_page``), a screenshot of each."""

import pytest
from playwright.sync_api import expect

from demo.seed import seed_all
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]

# (user, password, where the log-in lands, [(path, {language: something the page must show})])
ROLES = [
    (
        "agent1",
        "demo-agent-2026",
        "/console/",
        [("/console/", {"en": "Agent console", "zh": "坐席工作台"})],
    ),
    (
        "supervisor",
        "demo-supervisor-2026",
        "/analytics/",
        [
            ("/analytics/", {"en": "Overview", "zh": "总览"}),
            ("/console/", {"en": "Agent console", "zh": "坐席工作台"}),
        ],
    ),
    (
        "editor",
        "demo-editor-2026",
        "/admin/knowledge/entry/",
        [
            ("/admin/knowledge/entry/", {"en": "entries", "zh": "知识条目"}),
            ("/analytics/knowledge/", {"en": "Knowledge", "zh": "知识库"}),
        ],
    ),
    ("auditor", "demo-auditor-2026", "/audit/", [("/audit/", {"en": "Audit", "zh": "审计日志"})]),
    (
        "admin",
        "demo-admin-2026",
        "/admin/",
        [("/admin/", {"en": "Site administration", "zh": "站点管理"})],
    ),
]
# (path, {language: something the page must show}, test id of what appears once the page's
# scripts have all loaded or None). The demo shop's widget imports its modules after the page's
# load event; leaving before the launcher appears would cancel them mid-flight.
PUBLIC = [
    ("/", {"en": "Try the demo", "zh": "体验演示"}, None),
    ("/demo/shop/", {"en": "Lumen", "zh": "Lumen"}, "launcher"),
    ("/api/docs/", {}, None),
]
LOCALES = {"en": "en-US", "zh": "zh-CN"}


def test_every_roles_main_pages_load_cleanly_in_both_languages(platform, open_page):
    seed_all()
    for language, locale in LOCALES.items():
        _, page, _ = open_page(f"anonymous-{language}", locale=locale)
        for path, texts, ready in PUBLIC:
            page.goto(f"{platform.url}{path}")
            if ready:
                expect(page.get_by_test_id(ready)).to_be_visible()
            if language in texts:
                expect(page.locator("body")).to_contain_text(texts[language])
            screenshot(page, f"smoke-{language}-public" + path.strip("/").replace("/", "-"))
        for username, password, landing, pages in ROLES:
            _, page, _ = open_page(f"{username}-{language}", locale=locale)
            login(page, platform, username, password)
            expect(page).to_have_url(f"{platform.url}{landing}", timeout=15_000)
            for path, texts in pages:
                page.goto(f"{platform.url}{path}")
                expect(page.locator("html")).to_have_attribute(
                    "lang", "en" if language == "en" else "zh-hans"
                )
                expect(page.locator("body")).to_contain_text(texts[language], ignore_case=True)
                name = f"smoke-{language}-{username}" + path.rstrip("/").replace("/", "-")
                screenshot(page, name)
