"""The staff UI in Simplified Chinese: picked from Accept-Language or the top-bar switch, and a
catalogue (locale/zh_Hans) that is complete, placeholder-safe and compiled."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from accounts.roles import Role

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-Hans,zh;q=0.9"}
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """LocaleMiddleware leaves the request's language active in this thread: reset it."""
    yield
    translation.deactivate()


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- Pages ---------------------------------------------------------------------------------------


def test_landing_page_is_english_by_default(client) -> None:
    html = page(client.get("/"))
    assert '<html lang="en">' in html
    assert "Intelligent customer service for online shops" in html
    assert "Try the demo" in html
    assert "面向网店的智能客服" not in html


def test_landing_page_follows_accept_language(client) -> None:
    response = client.get("/", **ZH)
    html = page(response)
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in html
    for text in ("面向网店的智能客服", "体验演示", "坐席工作台", "主管数据报表", "员工登录"):
        assert text in html, text
    assert "Intelligent customer service for online shops" not in html


@pytest.mark.parametrize("header", ["zh-CN,zh;q=0.9,en;q=0.8", "zh"])
def test_mainland_browser_variants_get_simplified_chinese(client, header) -> None:
    html = page(client.get("/", HTTP_ACCEPT_LANGUAGE=header))
    assert "面向网店的智能客服" in html


def test_login_page(client) -> None:
    english = page(client.get("/accounts/login/"))
    assert "Staff log-in" in english and "Username" in english and "Password" in english

    chinese = page(client.get("/accounts/login/", **ZH))
    for text in ("<h1>员工登录</h1>", "用户名", "密码", "身份验证器动态码", ">登录</button>"):
        assert text in chinese, text
    assert "Staff log-in" not in chinese


def test_analytics_overview_for_a_supervisor(client, make_user) -> None:
    client.force_login(make_user("sup", Role.SUPERVISOR))

    english = page(client.get("/analytics/"))
    for text in ("<h1>Overview</h1>", "Trends and staffing", ">Show</button>", "Summary"):
        assert text in english, text

    chinese = page(client.get("/analytics/", **ZH))
    for text in (
        "<h1>总览</h1>",  # the page title (a lazy string in analytics.views.PAGES)
        "趋势与排班",  # a report tab
        ">查询</button>",  # the filter form's submit
        "起始日期",  # a form label
        "全部渠道",  # a choice label
        "<h2>汇总</h2>",  # a table title
        "首次响应时长（中位数）",  # a metric in the summary table
        "每日明细",
    ):
        assert text in chinese, text
    assert "Trends and staffing" not in chinese


def test_report_dates_use_the_active_languages_format(client, make_user) -> None:
    """The per-day table prints ``date`` objects: the template localises them, no raw repr."""
    client.force_login(make_user("sup", Role.SUPERVISOR))
    query = {"start": "2026-03-02", "end": "2026-03-04"}

    english = page(client.get("/analytics/", query))
    chinese = page(client.get("/analytics/", query, **ZH))
    assert "datetime.date(" not in english + chinese
    assert "<td>March 3, 2026</td>" in english
    assert "<td>2026年3月3日</td>" in chinese


# --- The switch ----------------------------------------------------------------------------------


def test_top_bar_has_a_language_switch_without_inline_script(client) -> None:
    html = page(client.get("/accounts/login/?next=/analytics/"))
    form = re.search(r'<form[^>]*action="/i18n/setlang/".*?</form>', html, re.S)
    assert form, "no form posting to set_language"
    form_html = form.group(0)
    assert 'method="post"' in form_html and "csrfmiddlewaretoken" in form_html
    assert '<select name="language"' in form_html
    assert '<option value="en" lang="en" selected>English</option>' in form_html
    assert '<option value="zh-hans" lang="zh-hans">简体中文</option>' in form_html
    assert 'type="submit"' in form_html
    assert 'name="next" value="/accounts/login/?next=/analytics/"' in form_html
    # CSP is script-src 'self': no inline script or handler anywhere on the page.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)

    chinese = page(client.get("/", **ZH))
    assert '<option value="zh-hans" lang="zh-hans" selected>简体中文</option>' in chinese
    assert 'value="切换"' in chinese


def test_switching_language_persists(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "zh-hans"

    # The next requests (no Accept-Language) stay in Chinese.
    assert "<h1>员工登录</h1>" in page(client.get("/accounts/login/"))
    assert "面向网店的智能客服" in page(client.get("/"))

    # The choice beats the browser's preference, both ways.
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Intelligent customer service" in page(client.get("/", **ZH))


def test_switch_refuses_an_unknown_language_and_a_foreign_next(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


# --- The catalogue -------------------------------------------------------------------------------


def parse_po(path: Path) -> list[dict]:
    """A small .po reader: one dict per entry with its flags, msgctxt, msgid, msgid_plural and
    msgstr / msgstr[n]."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry: dict = {"flags": set()}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[field] += ast.literal_eval(line)
            else:
                field, _, value = line.partition(" ")
                entry[field] = ast.literal_eval(value)
        entries.append(entry)
    return entries


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}")


def test_po_is_complete_and_not_fuzzy() -> None:
    entries = parse_po(PO)
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"]
    assert "Content-Type: text/plain; charset=UTF-8" in header["msgstr"]
    assert len(messages) > 250
    for entry in messages:
        label = entry.get("msgid", entry)
        assert not entry.get("obsolete"), f"obsolete entry: {label!r}"
        assert "fuzzy" not in entry["flags"], f"fuzzy: {label!r}"
        strings = [v for k, v in entry.items() if k.startswith("msgstr")]
        if "msgid_plural" in entry:
            assert set(entry) >= {"msgstr[0]"} and "msgstr[1]" not in entry, label
        assert strings and all(s.strip() for s in strings), f"untranslated: {label!r}"
        wanted = sorted(PLACEHOLDER.findall(entry["msgid"]))
        for translated in strings:
            assert sorted(PLACEHOLDER.findall(translated)) == wanted, f"placeholders: {label!r}"


def expected_catalog() -> dict:
    """What the .po should compile to, keyed as GNUTranslations keys its catalogue."""
    catalog = {}
    for entry in parse_po(PO):
        key = entry["msgid"]
        if "msgctxt" in entry:
            key = f"{entry['msgctxt']}\x04{key}"
        if "msgid_plural" in entry:
            for name, value in entry.items():
                if name.startswith("msgstr["):
                    catalog[(key, int(name[7:-1]))] = value
        else:
            catalog[key] = entry["msgstr"]
    # msgfmt leaves POT-Creation-Date out of the compiled header.
    catalog[""] = re.sub(r"(?m)^POT-Creation-Date: .*\n", "", catalog[""])
    return catalog


def load_mo(path: Path) -> dict:
    with path.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def test_committed_mo_matches_the_po() -> None:
    compiled = load_mo(MO)
    assert compiled == expected_catalog()


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext is not installed")
def test_msgfmt_accepts_the_po_and_agrees_with_the_mo(tmp_path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", str(fresh), str(PO)],
        check=True,
        capture_output=True,
    )
    assert load_mo(fresh) == load_mo(MO)


def test_the_catalogue_is_what_django_uses() -> None:
    with translation.override("zh-hans"):
        assert translation.gettext("Agent console") == "坐席工作台"
        assert translation.pgettext("change the interface language", "Switch") == "切换"
        assert translation.ngettext("%(n)s event", "%(n)s events", 5) % {"n": 5} == "5 条事件"
