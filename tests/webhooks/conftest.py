import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from webhooks.models import EventType, WebhookSubscription


@dataclass
class Request:
    path: str
    headers: dict
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Endpoint:
    """A shop's webhook receiver on loopback: records every request; answers ``statuses`` in
    turn (then 200)."""

    url: str = ""
    requests: list[Request] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    def of_type(self, event_type: str) -> list[Request]:
        return [r for r in self.requests if r.json["type"] == event_type]


@pytest.fixture
def endpoint():
    fake = Endpoint()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            fake.requests.append(Request(self.path, dict(self.headers), self.rfile.read(length)))
            status = fake.statuses.pop(0) if fake.statuses else 200
            body = b'{"ok": true}'
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def subscribe(endpoint):
    def _subscribe(shop, *types: str, include_contacts: bool = False) -> WebhookSubscription:
        return WebhookSubscription.objects.create(
            shop=shop,
            name="CRM",
            url=endpoint.url,
            event_types=list(types or EventType.values),
            include_contacts=include_contacts,
        )

    return _subscribe
