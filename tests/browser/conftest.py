"""Browser tests: a real daphne on the test database, a demo shop on another origin, Chromium.

Chromium is Debian's (``apt-get install chromium``), never a Playwright download: there is no
internet when the tests run. The demo shop is served from 127.0.0.2 (and a "foreign" shop from
127.0.0.3): any host in ALLOWED_HOSTS counts as the platform itself and would always be let in,
so the shop's origin has to be one the platform does not own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.processes import celery_worker

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOP_HOST = "127.0.0.2"
FOREIGN_HOST = "127.0.0.3"
PASSWORD = "S3cure-pass-for-tests"

# Every expect() polls until its condition holds. Playwright's default deadline (5 s) is shorter
# than a bot's first answer on a loaded CI machine (the answer model loads in the first turn,
# two test workers share two cores); a longer deadline costs a passing test nothing.
expect.set_options(timeout=20_000)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


# --- the platform: daphne ------------------------------------------------------------------


@pytest.fixture(scope="session")
def collected_static() -> None:
    """With DEBUG off WhiteNoise serves only collected files, so widget.js must be collected."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        check=True,
        env=os.environ.copy(),
    )


def _test_database_url(name: str) -> str:
    url = urlsplit(os.environ["DATABASE_URL"])
    return url._replace(path=f"/{name}").geturl()


class Platform:
    """daphne serving the project; ``stop()``/``start()`` simulate an outage on the same port."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "daphne",
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "config.asgi:application",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_up()

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def _wait_until_up(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"daphne exited with {self.process.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5):
                    return
            except urllib.error.HTTPError:
                return  # 503 without a Celery worker is still an answer: daphne is serving
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"daphne did not answer within 60 s:\n{self.tail()}")

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


@pytest.fixture
def platform_env() -> dict[str, str]:
    """Extra environment variables for daphne and the worker (e.g. file backends for SMS and
    e-mail, so a test can read the one-time codes they send). Override it in a test module."""
    return {}


@pytest.fixture
def platform(transactional_db, collected_static, request, platform_env) -> Iterator[Platform]:
    """daphne on the test database. It depends on ``transactional_db`` so the test's rows are
    committed (visible to daphne) and daphne is stopped before the tables are flushed."""
    from django.db import connection

    env = os.environ.copy()
    env.update(platform_env)
    env["DATABASE_URL"] = _test_database_url(connection.settings_dict["NAME"])
    env["PYTHONUNBUFFERED"] = "1"
    # Set for the test process only (see ``browser``): daphne must keep Django's async checks.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"daphne-{request.node.name}.log"
    log.write_bytes(b"")
    server = Platform(env, log)
    # A real worker, as in production: console broadcasts and retraining run there.
    with (
        log.with_suffix(".worker.log").open("ab") as worker_log,
        celery_worker(env, f"browser-{os.getpid()}", worker_log),
    ):
        try:
            server.start()
            yield server
        finally:
            server.stop()


# --- the shop's own web server (another origin) ----------------------------------------------


class ShopServer:
    """A tiny web server on its own loopback address; tests put HTML pages in ``pages``."""

    def __init__(self, host: str) -> None:
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path.split("?")[0])
                if body is None:
                    self.send_error(404)
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep the test output readable

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.origin = f"http://{host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def shop_server() -> Iterator[ShopServer]:
    server = ShopServer(SHOP_HOST)
    yield server
    server.close()


@pytest.fixture(scope="session")
def foreign_server() -> Iterator[ShopServer]:
    server = ShopServer(FOREIGN_HOST)
    yield server
    server.close()


def shop_page(platform: Platform, site_key: str, *, extra_attrs: str = "") -> str:
    """The demo shop: its own styles (which must not reach the widget) and the embed tag."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Demo shop</title>
<link rel="icon" href="data:,">
<style>
  body {{ font-family: Georgia, serif; background: #fafaf5; margin: 2rem; }}
  button, div, section {{ color: red !important; font-size: 40px; }}
</style></head>
<body>
  <h1>Demo shop</h1>
  <p>Handmade teapots. Questions? Use the chat button.</p>
  <button type="button" id="buy">Buy now</button>
  <script src="{platform.url}/static/widget.js" data-site="{site_key}" {extra_attrs} defer></script>
</body></html>"""


# --- data ----------------------------------------------------------------------------------


@pytest.fixture
def trained(transactional_db):
    """A small published knowledge base and a trained model in the test database."""
    from knowledge.models import Category, Status
    from knowledge.training import train_and_store
    from tests.knowledge.conftest import make_entry

    returns = Category.objects.create(name="Returns")
    entries = {
        "returns": make_entry(
            returns,
            "How do I return an item?",
            "<p>Returns are free within <b>7 days</b>.</p>",
            "en",
            ["return policy", "can I send it back", "how to return"],
            Status.PUBLISHED,
        ),
        "shipping": make_entry(
            returns,
            "运费多少钱",
            "满 99 元包邮",
            "zh-Hans",
            ["邮费怎么算", "包邮吗", "运费怎么收"],
            Status.PUBLISHED,
        ),
        "delivery": make_entry(
            returns,
            "How long does delivery take?",
            "Orders arrive within 3 working days.",
            "en",
            ["when will my order arrive", "delivery time"],
            Status.PUBLISHED,
        ),
    }
    assert train_and_store("browser tests") is not None
    return entries


@pytest.fixture
def order_questions(trained):
    """The knowledge base knows "where is my order" as an order-status question."""
    from knowledge.models import Category, Intent, Status
    from knowledge.training import train_and_store
    from tests.knowledge.conftest import make_entry

    entry = make_entry(
        Category.objects.create(name="Orders"),
        "我的订单到哪了",
        "",
        "zh-Hans",
        ["查一下我的订单", "where is my order", "訂單到咗邊"],
        Status.PUBLISHED,
    )
    entry.intent = Intent.ORDER_STATUS
    entry.save()
    assert train_and_store("identity browser tests") is not None


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    """Module-scoped: Playwright's sync API keeps an asyncio loop marked as running in this
    thread, which makes Django refuse ORM calls as "async unsafe". The escape hatch is set only
    while the browser exists, so the rest of the suite keeps Django's check."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class PageWatch:
    """Everything that went wrong on a page: console errors, failed requests, HTTP errors."""

    name: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        page.on("requestfailed", self._request_failed)
        page.on(
            "response",
            lambda res: (
                self.bad_responses.append(f"{res.status} {res.url}") if res.status >= 400 else None
            ),
        )

    def _request_failed(self, request) -> None:
        # ERR_ABORTED is Chromium cancelling a request itself, when the page navigates or
        # closes first: the favicon it fetches at low priority, or a status poll's fetch (the
        # admin's answer-model line, the console's lists) still in flight as the test moves on.
        # Nobody sees that. Any other failure, and an aborted document or script, counts.
        cancellable = request.url.endswith("/chat/icon.svg") or request.resource_type in {
            "fetch",
            "xhr",
        }
        if cancellable and "ERR_ABORTED" in (request.failure or ""):
            self.ignored.append(f"{request.url}: {request.failure}")
            return
        self.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        # A page without a <link rel="icon"> (the demo shop stands in for any shop's page)
        # makes Chromium probe /favicon.ico and log its 404; everything else counts.
        if url.endswith("/favicon.ico"):
            self.ignored.append(f"{msg.text} ({url})")
            return
        self.console_errors.append(f"{msg.text} ({url})" if url else msg.text)

    def problems(self) -> list[str]:
        return self.console_errors + self.failed_requests + self.bad_responses


@pytest.fixture
def open_page(browser):
    """``open_page(name, locale=..., viewport=...)`` → (context, page, watch). Every page is
    checked at the end of the test: no console error, no failed request, no HTTP error."""
    contexts = []
    watches: list[PageWatch] = []

    def _open(name: str, *, locale: str = "en-US", viewport: dict | None = None, strict=True):
        context = browser.new_context(
            locale=locale, viewport=viewport or {"width": 1280, "height": 860}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        watch = PageWatch(name)
        watch.attach(page)
        if strict:
            watches.append(watch)
        return context, page, watch

    yield _open
    for context in contexts:
        context.close()
    problems = {w.name: w.problems() for w in watches if w.problems()}
    assert not problems, f"pages reported errors: {problems}"


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def login(page, platform: Platform, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{platform.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def wait_for(predicate, timeout: float = 15.0):
    """Poll until ``predicate()`` holds: daphne, another process, writes the rows and files."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def widget(page):
    """Locators inside the widget (Playwright's CSS engine pierces its open shadow root)."""
    return lambda testid: page.locator(f"cs-chat-widget [data-testid='{testid}']")


@pytest.fixture
def shop(transactional_db, shop_server):
    from shops.models import Shop

    return Shop.objects.create(name="Demo teapots", allowed_origins=shop_server.origin)
