import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from gateway.models import ChannelAccount
from knowledge.answering import holder
from knowledge.models import Category, Intent, Status
from knowledge.training import train_and_store
from tests.knowledge.conftest import make_entry


@dataclass
class Call:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes

    @property
    def form(self) -> dict:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class FakeProvider:
    """A provider's HTTP API on loopback: records every call; the first ``failures`` calls to
    a path containing ``fail_on`` answer 500."""

    url: str = ""
    calls: list[Call] = field(default_factory=list)
    failures: int = 0
    fail_on: str = ""
    fail_status: int = 500
    files: dict = field(default_factory=dict)  # path -> bytes served as a download

    def answer(self, call: Call) -> tuple[int, dict | bytes]:
        if call.path in self.files:
            return 200, self.files[call.path]
        if self.fail_on in call.path and self.failures > 0:
            self.failures -= 1
            return self.fail_status, {
                "message": "provider hiccup",
                "code": 20500,
                "status": self.fail_status,
                "error": {"message": "provider hiccup", "code": 100},
                "ok": False,
                "description": "provider hiccup",
            }
        if call.path.endswith("/Messages.json"):  # Twilio
            return 201, {"sid": f"SM{len(self.calls):032d}", "status": "queued"}
        if call.path.endswith("/token"):  # WeChat access token
            return 200, {"access_token": "fake-token", "expires_in": 7200}
        if "/message/custom/send" in call.path:
            return 200, {"errcode": 0, "errmsg": "ok"}
        if "/bot" in call.path:  # Telegram Bot API: /bot<token>/<method>
            return self.telegram(call)
        if call.path.endswith("/media") and call.method == "POST":  # WhatsApp media upload
            return 200, {"id": f"media-up{len(self.calls)}"}
        if call.path.endswith("/messages"):  # Meta Graph API: WhatsApp and the Send API
            n = len(self.calls)
            return 200, {
                "messaging_product": "whatsapp",
                "messages": [{"id": f"wamid.fake{n}"}],
                "recipient_id": "fake",
                "message_id": f"m_fake{n}",
            }
        if call.path.startswith("/media-file/"):
            return 200, {"bytes": "fake media"}
        if call.method == "GET" and call.path.startswith("/v"):  # WhatsApp media: id -> URL
            return 200, {"url": f"{self.url}/media-file{call.path}", "mime_type": "image/jpeg"}
        return 200, {"ok": True}

    def telegram(self, call: Call) -> tuple[int, dict]:
        method = call.path.rsplit("/", 1)[-1]
        if method == "getFile":
            file_id = call.json.get("file_id", "")
            return 200, {
                "ok": True,
                "result": {"file_id": file_id, "file_path": f"files/{file_id}"},
            }
        if method in ("setWebhook", "answerCallbackQuery"):
            return 200, {"ok": True, "result": True, "description": "Webhook was set"}
        if call.path.startswith("/file/bot"):
            return 200, {"bytes": "fake photo"}
        return 200, {"ok": True, "result": {"message_id": len(self.calls)}}

    def sent(self, fragment: str) -> list[Call]:
        return [c for c in self.calls if fragment in c.path]


@pytest.fixture
def provider():
    fake = FakeProvider()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            split = urlsplit(self.path)
            call = Call(
                self.command,
                split.path,
                parse_qs(split.query),
                dict(self.headers),
                self.rfile.read(length),
            )
            fake.calls.append(call)
            status, payload = fake.answer(call)
            body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _serve

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def kb(trained):
    """The chat tests' knowledge base plus "转人工" (talk to a person)."""
    people = Category.objects.create(name="People")
    entry = make_entry(
        people, "转人工", "", "zh-Hans", ["人工客服", "talk to a person"], Status.PUBLISHED
    )
    entry.intent = Intent.HUMAN_HANDOFF
    entry.save()
    train_and_store("gateway tests")
    holder.refresh_now()
    return trained


def account(for_shop, kind: str, *, settings: dict, secrets: dict) -> ChannelAccount:
    return ChannelAccount.objects.create(
        shop=for_shop, kind=kind, name=kind, settings=settings, secrets=json.dumps(secrets)
    )
