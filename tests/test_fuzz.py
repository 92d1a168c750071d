"""Fuzz tests (hypothesis): random and hostile input never crashes anything and never changes
another user's data.

- Websockets (customer widget, staff console): every reply is a JSON object with a ``type``,
  no exception escapes a consumer, the only close is the documented rate-limit 4429, and a
  conversation that is not the fuzzer's keeps its messages and status.
- HTTP (public pages, login, bulk data API, provider webhooks, report pages): never a 500; a
  refused bulk batch writes nothing; another shop's rows never change.

Examples are derandomized (the same inputs on every run, so CI is reproducible) and no example
database is used. Hypothesis cannot drive ``async def`` tests, so the websocket tests are sync
and run each example's coroutine with ``async_to_sync`` (one event loop per example, hence a
fresh channel layer per example: the Redis layer binds itself to the loop that first uses it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import operator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from accounts.roles import Role
from chatbot import services as chat
from chatbot.consumers import ConsoleConsumer, CustomerChatConsumer
from conversations.models import Conversation, ConversationStatus, Message
from gateway.channels import signing
from profiles.models import ApiToken, Customer, Order, OrderEvent, OrderItem, Product, ProductView
from routing.services import assign_to
from tests.chatbot.conftest import customer, staff
from tests.factories import make_shop
from tests.gateway.conftest import account

WEBSOCKET_FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HTTP_FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
RATE_LIMITED = 4429
# Fuzzed webhook keys make odd (but harmless with Redis) cache keys for the gateway's limiter.
pytestmark = pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning")

# --- hostile values ----------------------------------------------------------------------------

HOSTILE_STRINGS = [
    "",
    " ",
    "\x00",
    "hi\x00there",
    "\u202eevil\u202c",
    "مرحبا بالعالم",
    "שלום",
    "😀👍🏽🏳️‍🌈",
    "\ufeff\u200b",
    "多久发货",
    "转人工",
    "where is my order LM1001",
    "1 OR 1=1; DROP TABLE chatbot_message; --",
    "<script>alert(1)</script>",
    "%(x)s{0}%n",
    "../../etc/passwd",
    "\r\n\t",
    "０１２３４５",
    "null",
]
LONG_STRINGS = st.builds(
    operator.mul,
    st.sampled_from(["a", "长", "😀", "\u202e", "\x00", " ", "9"]),
    st.integers(0, 5000),
)
TEXT = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_STRINGS), LONG_STRINGS)
NUMBERS = st.one_of(
    st.integers(-10, 10),
    st.integers(),
    st.sampled_from([2**31, 2**63, -(2**63) - 1, 10**30, -(10**30)]),
    st.floats(),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
# Text frames that are not what ``json.dumps`` would ever produce (each one is also sent by an
# explicit example of the websocket tests).
RAW_SPECIALS = [
    "{not json",
    "",
    "\x00",
    "NaN",
    '{"type": "hello"',
    '{"type": "read", "seq": NaN}',
    '{"type": "read", "seq": 1e999}',
    '{"type": "hello", "after_seq": -Infinity}',
    '{"type": "message", "client_id": "lone", "text": "\\ud800"}',
    '{"type": "message", "client_id": "nul", "text": "a\\u0000b"}',
    '{"type": "hello", "visitor_token": "\\u0000", "language": "\\udfff"}',
    '{"type": "hello", "customer_id": "\\ud800", "signature": "\\udc00"}',
    '{"type": "hello", "customer_id": "a\\u0000", "signature": "00"}',
    '{"type": "message", "type": "message"}',
    "[" * 5000 + "]" * 5000,
    '{"a":' * 3000 + "1" + "}" * 3000,
]
RAW_TEXT = st.one_of(st.text(max_size=60), st.sampled_from(RAW_SPECIALS))
# Frames that once crashed a consumer: an unhashable type, a non-ASCII signature.
KNOWN_BAD = [
    ("json", {"type": []}),
    ("json", {"type": {"a": 1}}),
    ("json", {"type": "hello", "customer_id": "c-1", "signature": "😀"}),
    ("json", {"type": "hello", "customer_id": "ü", "signature": "ü"}),
]
SPECIAL_SEQUENCES = [
    [("text", raw) for raw in RAW_SPECIALS[:10]],
    [("text", raw) for raw in RAW_SPECIALS[10:]] + KNOWN_BAD,
]
JUNK_TYPE = st.one_of(st.text(max_size=20), JSON, st.sampled_from(["Hello", "MESSAGE", "hello "]))
CLIENT_ID = st.one_of(st.from_regex(r"[A-Za-z0-9_.:-]{1,64}", fullmatch=True), TEXT)


def frame_of(kind: str, fields: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """A frame of a real ``type``: either well-formed (every field plausible, so the handlers
    get past validation) or mangled (each field absent, plausible or any JSON value of any
    type, sometimes with junk extra keys)."""
    well_formed = st.fixed_dictionaries({"type": st.just(kind), **fields})
    mangled = st.fixed_dictionaries(
        {"type": st.just(kind)},
        optional={
            **{name: st.one_of(valid, JSON) for name, valid in fields.items()},
            "extra": JSON,
        },
    )
    return st.one_of(well_formed, mangled)


# Ids of uploads: real-looking UUIDs nobody uploaded, junk, too many, repeated.
ATTACHMENT_IDS = st.one_of(
    st.lists(st.one_of(st.uuids().map(str), TEXT), max_size=7),
    st.lists(st.just("00000000-0000-0000-0000-000000000001"), min_size=2, max_size=3),
)
CUSTOMER_FIELDS: dict[str, dict[str, st.SearchStrategy]] = {
    "hello": {
        "visitor_token": st.one_of(st.from_regex(r"[A-Za-z0-9_-]{20,40}", fullmatch=True), TEXT),
        "customer_id": TEXT,
        "signature": st.one_of(st.from_regex(r"[0-9a-f]{64}", fullmatch=True), TEXT),
        "after_seq": st.integers(0, 5),
        "language": st.sampled_from(["zh-hans", "zh-hant", "en", "zh-TW", "xx"]),
    },
    "message": {"client_id": CLIENT_ID, "text": TEXT, "attachments": ATTACHMENT_IDS},
    "typing": {"is_typing": st.booleans()},
    "read": {"seq": st.integers(0, 5)},
    "feedback": {"seq": st.integers(0, 5), "value": st.sampled_from(["up", "down", "meh"])},
    "handoff": {},
    "csat": {"score": st.integers(0, 6), "comment": TEXT},
    "close": {},
    "verify_start": {
        "address": st.sampled_from(
            ["+86 138-0013-8000", "13800138000", "mei@example.com", "+1 (555) 010-0000", "@", "+"]
        )
    },
    "verify_code": {"code": st.one_of(st.from_regex(r"[0-9]{6}", fullmatch=True), st.integers())},
    "preferences": {"proactive_suggestions": st.booleans()},
}


class Ref:
    """A placeholder for an id known only at run time (a conversation or user of the setup)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Ref({self.name!r})"


CONVERSATION = st.one_of(
    st.sampled_from([Ref("victim"), Ref("own"), Ref("waiting")]),
    st.builds(str, st.sampled_from([Ref("victim"), Ref("own")])),
    NUMBERS,
    st.sampled_from(["1 OR 1=1", "", None, True]),
)
AGENT_ID = st.one_of(st.sampled_from([Ref("me"), Ref("owner"), Ref("customer")]), NUMBERS)
CONSOLE_FIELDS: dict[str, dict[str, st.SearchStrategy]] = {
    "presence": {"status": st.sampled_from(["online", "away", "offline", "busy"])},
    "open": {"conversation_id": CONVERSATION},
    "reply": {
        "conversation_id": CONVERSATION,
        "client_id": CLIENT_ID,
        "text": TEXT,
        "attachments": ATTACHMENT_IDS,
    },
    "send_card": {
        "conversation_id": CONVERSATION,
        "client_id": CLIENT_ID,
        "card": st.one_of(
            st.fixed_dictionaries(
                {"type": st.sampled_from(["product", "order", "x"]), "sku": TEXT, "number": TEXT}
            ),
            JSON,
        ),
    },
    "note": {"conversation_id": CONVERSATION, "client_id": CLIENT_ID, "text": TEXT},
    "typing": {"conversation_id": CONVERSATION, "is_typing": st.booleans()},
    "read": {"conversation_id": CONVERSATION, "seq": st.integers(0, 5)},
    "accept": {"conversation_id": CONVERSATION},
    "transfer": {"conversation_id": CONVERSATION, "agent_id": AGENT_ID},
    "close": {"conversation_id": CONVERSATION},
}


def frames(fields: dict[str, dict[str, st.SearchStrategy]]) -> st.SearchStrategy:
    """(kind, payload) pairs: a JSON value, a raw text frame or a binary frame."""
    typed = st.one_of(*[frame_of(kind, f) for kind, f in fields.items()])
    junk_typed = st.fixed_dictionaries({"type": JUNK_TYPE}, optional={"text": TEXT, "seq": JSON})
    return st.one_of(
        typed.map(lambda v: ("json", v)),
        typed.map(lambda v: ("json", v)),
        junk_typed.map(lambda v: ("json", v)),
        JSON.map(lambda v: ("json", v)),
        RAW_TEXT.map(lambda v: ("text", v)),
        st.binary(max_size=64).map(lambda v: ("bytes", v)),
    )


# --- websocket driving -------------------------------------------------------------------------

# An unknown type: never rate limited, always answered with an ``unknown_type`` error. Sent
# after every fuzzed frame, its answer tells that the frame has been handled completely.
SYNC = {"type": "zz-fuzz-sync"}


def resolve(value: Any, refs: dict[str, Any]) -> Any:
    if isinstance(value, Ref):
        return refs[value.name]
    if isinstance(value, dict):
        return {k: resolve(v, refs) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, refs) for v in value]
    if isinstance(value, str) and value.startswith("Ref("):
        return str(refs[value[5:-2]])
    return value


def unknown_type_replies(kind: str, payload: Any, handlers: dict[str, str]) -> int:
    """How many ``unknown_type`` errors the frame itself earns (0 or 1)."""
    if kind == "bytes":
        return 0
    if kind == "text":
        try:
            payload = json.loads(payload)
        except (ValueError, RecursionError):
            return 0  # invalid_json
    known = isinstance(payload, dict) and isinstance(payload.get("type"), str)
    return 0 if known and payload["type"] in handlers else 1


async def send(communicator, kind: str, payload: Any) -> None:
    # send_input rather than send_to, which refuses empty frames (valid websocket frames).
    if kind == "json":
        message = {"text": json.dumps(payload, ensure_ascii=False)}
    else:
        message = {"text": payload} if kind == "text" else {"bytes": payload}
    await communicator.send_input({"type": "websocket.receive", **message})


async def settle(communicator, syncs: int) -> bool:
    """Read replies until ``syncs`` unknown_type errors have come; check each. True when the
    socket was closed (only the rate-limit close is allowed). ``receive_output`` re-raises an
    exception that ended the consumer."""
    while syncs:
        output = await communicator.receive_output(timeout=10)
        if output["type"] == "websocket.close":
            assert output.get("code") == RATE_LIMITED, output
            return True
        assert output["type"] == "websocket.send", output
        assert output.get("text") is not None, output
        reply = json.loads(output["text"])
        assert isinstance(reply, dict) and isinstance(reply.get("type"), str), reply
        if reply["type"] == "error":
            assert isinstance(reply.get("code"), str) and isinstance(reply.get("detail"), str)
            if reply["code"] == "unknown_type":
                syncs -= 1
    return False


async def fuzz_socket(communicator, sequence, handlers: dict[str, str], refs: dict) -> None:
    try:
        for kind, payload in sequence:
            payload = resolve(payload, refs)
            await send(communicator, kind, payload)
            await send(communicator, "json", SYNC)
            if await settle(communicator, 1 + unknown_type_replies(kind, payload, handlers)):
                break
        assert not communicator.future.done() or communicator.future.result() is None
    finally:
        await communicator.disconnect()


def conversation_state(pk: int) -> tuple:
    conversation = Conversation.objects.get(pk=pk)
    messages = list(
        Message.objects.filter(conversation_id=pk)
        .order_by("seq")
        .values_list("seq", "sender", "text", "client_id", "is_private", "payload")
    )
    return (
        conversation.status,
        conversation.assigned_agent_id,
        conversation.customer_id,
        conversation.csat_score,
        conversation.closed_at,
        messages,
    )


def start_conversation(shop, text: str, client_id: str) -> Conversation:
    session = chat.open_session(shop)
    conversation, _ = chat.ensure_conversation(session)
    message, _ = chat.post_customer_message(session, client_id, text)
    chat.bot_turn(conversation, message)
    return conversation


# --- customer socket ---------------------------------------------------------------------------


@pytest.fixture
def customer_victim(shop, trained):
    """Another visitor's conversation, with known messages, made before the fuzzing."""
    conversation = start_conversation(shop, "多久发货", "victim-1")
    return conversation.pk, conversation_state(conversation.pk)


@pytest.mark.django_db(transaction=True)
@WEBSOCKET_FUZZ
@given(sequence=st.lists(frames(CUSTOMER_FIELDS), min_size=1, max_size=15))
@example(sequence=SPECIAL_SEQUENCES[0])
@example(sequence=SPECIAL_SEQUENCES[1])
def test_customer_socket_survives_any_frames(shop, customer_victim, sequence):
    victim, before = customer_victim

    async def run() -> None:
        channel_layers.backends.clear()
        communicator, _ = await customer(shop)
        await fuzz_socket(communicator, sequence, CustomerChatConsumer.handlers, {})
        assert await database_sync_to_async(conversation_state)(victim) == before

    async_to_sync(run)()


# --- console socket ----------------------------------------------------------------------------


@pytest.fixture
def agent(make_user, transactional_db):
    return make_user("fuzzer", Role.AGENT)


@pytest.fixture
def console_setup(shop, trained, agent, make_user):
    """The fuzzing agent (``agent``) has a conversation of their own; another agent has one
    assigned to them (the victim); a third waits in the queue."""
    owner = make_user("owner", Role.AGENT)
    conversations = {}
    for name, holder in (("victim", owner), ("own", agent), ("waiting", None)):
        conversation = start_conversation(shop, "转人工 please", f"{name}-1")
        chat.request_handoff(conversation, "customer_asked")
        conversation.refresh_from_db()
        assert conversation.status == ConversationStatus.WAITING
        if holder is not None:
            assert assign_to(conversation, holder, {"summary": "setup"}, from_status={"waiting"})
        conversations[name] = conversation.pk
    refs = {**conversations, "me": agent.pk, "owner": owner.pk, "customer": -1}
    return refs, conversation_state(conversations["victim"])


@pytest.mark.django_db(transaction=True)
@WEBSOCKET_FUZZ
@given(sequence=st.lists(frames(CONSOLE_FIELDS), min_size=1, max_size=15))
@example(sequence=SPECIAL_SEQUENCES[0])
@example(sequence=SPECIAL_SEQUENCES[1])
def test_console_socket_survives_any_frames(client, agent, console_setup, sequence):
    refs, before = console_setup

    async def run() -> None:
        channel_layers.backends.clear()
        communicator, connected, code = await staff(client, agent)
        assert connected, code
        snapshot = await communicator.receive_json_from(timeout=10)
        assert snapshot["type"] == "snapshot"
        await fuzz_socket(communicator, sequence, ConsoleConsumer.handlers, refs)
        assert await database_sync_to_async(conversation_state)(refs["victim"]) == before

    async_to_sync(run)()


# --- HTTP --------------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def isolated(example) -> None:
    """Run one example in a savepoint that is rolled back: examples stay independent, and a
    database error in a view cannot poison the test's transaction for the next examples."""
    try:
        with transaction.atomic():
            example()
            raise _Rollback
    except _Rollback:
        pass


QUERY_VALUES = st.one_of(TEXT.filter(lambda s: len(s) < 300), st.builds(str, NUMBERS))
QUERY = st.one_of(
    st.dictionaries(st.text(max_size=10), QUERY_VALUES, max_size=5).map(
        lambda d: urlencode(d, encoding="utf-8", errors="surrogatepass")
    ),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60),
    st.sampled_from(["%", "%%", "a=%ff%fe", "a=%00", "&&&==", "a[]=1&a[]=2", "=" * 50]),
)


@pytest.fixture
def other_shop(db):
    """Another shop with data the fuzzed requests must never touch."""
    shop = make_shop("Other shop", origins="https://other.test")
    Product.objects.create(shop=shop, sku="SKU-1", name="Theirs", price="1.00", stock=3)
    owner = Customer.objects.create(shop=shop, external_id="c-1", display_name="Them")
    Order.objects.create(
        shop=shop,
        customer=owner,
        number="N-1",
        status="paid",
        total="1.00",
        placed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    return shop


def shop_rows(shop) -> tuple:
    return (
        list(Product.objects.filter(shop=shop).order_by("pk").values()),
        list(Customer.objects.filter(shop=shop).order_by("pk").values()),
        list(Order.objects.filter(shop=shop).order_by("pk").values()),
        list(OrderItem.objects.filter(order__shop=shop).order_by("pk").values()),
        list(ProductView.objects.filter(shop=shop).order_by("pk").values()),
    )


def row_counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (Product, Customer, Order, OrderItem, OrderEvent, ProductView)
    )


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    page=st.sampled_from(["chat", "home", "chat-unknown", "login"]),
    query=QUERY,
    site_key=st.one_of(st.text(min_size=1, max_size=30), st.sampled_from(["\x00", "%00", "."])),
    form=st.dictionaries(
        st.sampled_from(["username", "password", "next", "csrfmiddlewaretoken", "x"]),
        QUERY_VALUES,
        max_size=4,
    ),
)
@example(page="chat-unknown", query="", site_key="\x00", form={})
def test_public_pages_never_fail(client, page, query, site_key, form):
    shop = make_shop()

    def example() -> None:
        if page == "login":
            response = client.post(f"/accounts/login/?{query}", form)
        else:
            path = {
                "chat": f"/chat/{shop.site_key}/",
                "home": "/",
                "chat-unknown": f"/chat/{quote(site_key, safe='')}/",
            }[page]
            response = client.generic("GET", path, QUERY_STRING=query)
        assert response.status_code < 500
        if page == "chat":
            assert response.status_code == 200

    isolated(example)


UPLOAD_BYTES = st.one_of(
    st.binary(max_size=256),
    st.sampled_from(
        [
            b"\xff\xd8\xff\xe0garbage-after-a-jpeg-header",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
            b"GIF89a" + b"\xff" * 20,
            b"RIFF\x00\x00\x00\x00WEBPVP8 ",
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
            b"%PDF-",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            b"<!doctype html><script>alert(1)</script>",
        ]
    ),
)


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    data=UPLOAD_BYTES,
    name=st.one_of(TEXT.filter(lambda s: "\x00" not in s and len(s) < 200), st.just("../../x.png")),
    token=st.one_of(st.from_regex(r"[A-Za-z0-9_-]{20,40}", fullmatch=True), TEXT),
    origin=st.sampled_from(["http://shop.test", "https://evil.test", ""]),
    file_token=st.one_of(TEXT, st.from_regex(r"[A-Za-z0-9:_-]{10,80}", fullmatch=True)),
)
def test_uploads_and_file_urls_never_fail(
    client, settings, tmp_path, data, name, token, origin, file_token
):
    """Any bytes under any name, any visitor token and origin: a 201 with an allowed type, or a
    4xx with the error JSON; any file URL token: 4xx, never 5xx."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ATTACHMENT_RATE_NAMESPACE = "fuzz"
    settings.ATTACHMENT_UPLOADS_PER_HOUR = 10**6
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "attachments")},
        },
    }
    shop = make_shop(origins="http://shop.test")

    def example() -> None:
        headers = {"HTTP_X_VISITOR_TOKEN": token}
        if origin:
            headers["HTTP_ORIGIN"] = origin
        response = client.post(
            f"/attachments/{shop.site_key}/upload/",
            {"file": SimpleUploadedFile(name or "f", data)},
            **headers,
        )
        assert response.status_code < 500
        body = response.json()
        if response.status_code == 201:
            assert body["content_type"] in (
                "image/jpeg",
                "image/png",
                "image/webp",
                "image/gif",
                "application/pdf",
                "video/mp4",
            )
        else:
            assert body["error"] and body["message"]
        served = client.get(f"/attachments/file/{quote(file_token, safe='')}/")
        assert 400 <= served.status_code < 500

    isolated(example)


ROWS = {
    "products": {
        "sku": st.sampled_from(["SKU-1", "SKU-2", ""]),
        "name": TEXT,
        "description": TEXT,
        "category": TEXT,
        "price": st.sampled_from(["1.00", "-1", "1e400", "NaN", "12345678901234567890", 3, 2.5]),
        "currency": st.sampled_from(["CNY", "usd", "€€€", ""]),
        "stock": NUMBERS,
        "attributes": JSON,
    },
    "customers": {
        "external_id": st.sampled_from(["c-1", "c-2", "", "\x00"]),
        "display_name": TEXT,
        "phone": st.sampled_from(["+86 138-0013-8000", "13800138000", "x", ""]),
        "email": st.sampled_from(["a@example.com", "nope", "", "a@b"]),
        "address": TEXT,
        "segments": st.lists(st.sampled_from(["vip", "new", "nope", ""]), max_size=3),
    },
    "orders": {
        "number": st.sampled_from(["N-1", "N-2", ""]),
        "customer_external_id": st.sampled_from(["c-1", "c-2", ""]),
        "status": st.sampled_from(["paid", "shipped", "delivered", "lost", ""]),
        "total": st.sampled_from(["1.00", "-5", "abc", 10**20, 7]),
        "currency": st.sampled_from(["CNY", "XX"]),
        "carrier": TEXT,
        "tracking_number": TEXT,
        "placed_at": st.sampled_from(
            ["2026-01-01T00:00:00Z", "0001-01-01T00:00:00", "9999-12-31T23:59:59Z", "yesterday"]
        ),
        "status_changed_at": st.sampled_from(["2026-01-02T00:00:00+08:00", "", "x"]),
        "items": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "sku": st.sampled_from(["SKU-1", ""]),
                    "name": TEXT,
                    "quantity": NUMBERS,
                    "unit_price": st.sampled_from(["1.00", "-1", "x", 1]),
                },
            ),
            max_size=3,
        ),
    },
    "views": {
        "customer_external_id": st.sampled_from(["c-1", "c-9", ""]),
        "sku": st.sampled_from(["SKU-1", "SKU-2", ""]),
        "at": st.sampled_from(["2026-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0", ""]),
    },
}
BULK_BODY = st.sampled_from(sorted(ROWS)).flatmap(
    lambda kind: st.tuples(
        st.just(kind),
        st.one_of(
            st.lists(
                st.fixed_dictionaries(
                    {}, optional={**{k: st.one_of(v, JSON) for k, v in ROWS[kind].items()}}
                ),
                max_size=4,
            ),
            st.lists(
                st.fixed_dictionaries({k: v for k, v in ROWS[kind].items()}), min_size=1, max_size=3
            ),
            JSON,
        ).map(lambda body: ("json", body)),
    )
)
DEEP_JSON = b"[" * 5000 + b"]" * 5000
SURROGATE_ROW = b'[{"sku": "\\ud800", "name": "x", "price": "1.00"}]'
SURROGATE_MESSAGE = b'{"id": "m1", "user_id": "\\udc00", "text": "hi \\ud83d"}'
RAW_BODY = st.one_of(
    st.binary(max_size=80), st.sampled_from([DEEP_JSON, b"{", b"\xff\xfe", b"[1e999]", b"NaN"])
)


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    call=st.one_of(
        BULK_BODY,
        st.tuples(st.sampled_from(sorted(ROWS)), RAW_BODY.map(lambda b: ("raw", b))),
    ),
    auth=st.sampled_from(["valid", "valid", "valid", "junk", "none", "malformed"]),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "application/x-www-form-urlencoded"]
    ),
)
@example(call=("orders", ("raw", DEEP_JSON)), auth="valid", content_type="application/json")
@example(call=("products", ("raw", SURROGATE_ROW)), auth="valid", content_type="application/json")
@example(
    call=(
        "products",
        ("json", [{"sku": "S", "name": "n", "price": "1", "attributes": {"a": "\x00"}}]),
    ),
    auth="valid",
    content_type="application/json",
)
def test_bulk_api_never_fails_and_a_refused_batch_writes_nothing(
    client, other_shop, call, auth, content_type
):
    shop = make_shop()
    _, token = ApiToken.issue(shop, "fuzz")
    headers = {
        "valid": f"Bearer {token}",
        "junk": "Bearer not-a-token",
        "none": None,
        "malformed": "Bearer a b c",
    }[auth]
    kind, (how, body) = call
    theirs = shop_rows(other_shop)

    def example() -> None:
        counts = row_counts()
        data = json.dumps(body, ensure_ascii=False) if how == "json" else body
        extra = {"HTTP_AUTHORIZATION": headers} if headers else {}
        response = client.post(
            f"/api/v1/{kind}/bulk/",
            data,
            content_type="application/json" if how == "json" else content_type,
            **extra,
        )
        assert response.status_code < 500, response.content[:500]
        if response.status_code != 200:
            assert row_counts() == counts
        if auth != "valid":
            assert response.status_code in (401, 403)
        assert shop_rows(other_shop) == theirs

    isolated(example)


# --- provider webhooks -------------------------------------------------------------------------

SECRET = "fuzz-signing-secret"
TWILIO_TOKEN = "fuzz-twilio-token"
WECHAT_TOKEN = "fuzz-wechat-token"
ENDPOINTS = {
    "sms": ("sms", "/gateway/sms/{}/"),
    "voice": ("voice", "/gateway/voice/{}/"),
    "speech": ("voice", "/gateway/voice/{}/speech/"),
    "wechat": ("wechat", "/gateway/wechat/{}/"),
    "email": ("email", "/gateway/email/{}/"),
    "webhook": ("webhook", "/gateway/webhook/{}/"),
}


@pytest.fixture
def channel_accounts(db):
    shop = make_shop()
    # Nothing is delivered (on_commit never runs in these rolled-back tests); the provider
    # URLs point at a closed port anyway.
    nowhere = "http://127.0.0.1:9"
    return {
        "sms": account(
            shop,
            "sms",
            settings={"account_sid": "AC1", "from_number": "+8610000000", "api_base_url": nowhere},
            secrets={"auth_token": TWILIO_TOKEN},
        ),
        "voice": account(
            shop, "voice", settings={"account_sid": "AC1"}, secrets={"auth_token": TWILIO_TOKEN}
        ),
        "wechat": account(
            shop,
            "wechat",
            settings={"app_id": "wx0123456789abcdef", "api_base_url": nowhere},
            # Plaintext mode: an account with an AES key refuses plaintext messages (M4).
            secrets={"token": WECHAT_TOKEN, "app_secret": "s"},
        ),
        "email": account(
            shop,
            "email",
            settings={"address": "help@shop.test"},
            secrets={"signing_secret": SECRET},
        ),
        "webhook": account(
            shop, "webhook", settings={"outbound_url": nowhere}, secrets={"signing_secret": SECRET}
        ),
    }


HEADER_VALUE = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=80),
    st.builds(str, NUMBERS),
    st.sampled_from(["sha256=", "sha256=" + "0" * 64, "", "99999999999999999999999"]),
)
WECHAT_QUERY = st.dictionaries(
    st.sampled_from(
        ["signature", "timestamp", "nonce", "echostr", "encrypt_type", "msg_signature", "openid"]
    ),
    st.one_of(QUERY_VALUES, st.just("aes")),
    max_size=6,
)


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    endpoint=st.sampled_from(sorted(ENDPOINTS)),
    method=st.sampled_from(["POST", "POST", "POST", "GET", "PUT", "DELETE"]),
    real_key=st.booleans(),
    junk_key=st.text(min_size=1, max_size=40),
    body=st.one_of(RAW_BODY, JSON.map(lambda v: json.dumps(v).encode())),
    headers=st.dictionaries(
        st.sampled_from(["X-Signature", "X-Timestamp", "X-Twilio-Signature", "Content-Type"]),
        HEADER_VALUE,
        max_size=4,
    ),
    query=WECHAT_QUERY,
)
@example(  # a NUL in the key once reached PostgreSQL (500)
    endpoint="email",
    method="POST",
    real_key=False,
    junk_key="\x00",
    body=b"{}",
    headers={},
    query={},
)
def test_unsigned_webhooks_are_refused_never_failed(
    client, channel_accounts, endpoint, method, real_key, junk_key, body, headers, query
):
    kind, path = ENDPOINTS[endpoint]
    key = channel_accounts[kind].webhook_key if real_key else quote(junk_key, safe="")
    meta = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    content_type = meta.pop("HTTP_CONTENT_TYPE", "application/json")

    def example() -> None:
        messages = Message.objects.count()
        response = client.generic(
            method,
            path.format(key),
            body,
            content_type=content_type,
            QUERY_STRING=urlencode(query),
            **meta,
            **caller(),
        )
        allowed = {403, 404, 405}
        if kind == "wechat" and query.get("encrypt_type") == "aes":
            allowed.add(400)  # a broken envelope is refused before its signature can be read
        assert response.status_code in allowed, (response.status_code, response.content[:300])
        assert Message.objects.count() == messages

    isolated(example)


TWILIO_PARAMS = st.dictionaries(
    st.one_of(
        st.sampled_from(["MessageSid", "CallSid", "From", "To", "Body", "SpeechResult"]),
        st.text(min_size=1, max_size=10),
    ),
    st.one_of(TEXT, st.sampled_from(["+8613912345678", "SM1", "CA1"])),
    max_size=6,
)
SIGNED_JSON = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {},
        optional={
            "id": TEXT,
            "user_id": TEXT,
            "text": TEXT,
            "name": TEXT,
            "language": st.sampled_from(["zh-hans", "en", "xx", ""]),
            "message_id": TEXT,
            "sender": st.sampled_from(["mei@example.com", "nope", "", "a@b.c"]),
            "sender_name": TEXT,
            "subject": TEXT,
        },
    ).map(lambda d: {k: v for k, v in d.items()}),
)
WECHAT_TEXT = (
    "<xml><ToUserName>gh_shop</ToUserName><FromUserName>o-openid-1</FromUserName>"
    "<CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>{}</Content>"
    "<MsgId>{}</MsgId></xml>"
)
WECHAT_XML = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda kind, content, msg_id, sender: (
            "<xml><ToUserName><![CDATA[gh_shop]]></ToUserName>"
            f"<FromUserName><![CDATA[{sender}]]></FromUserName>"
            "<CreateTime>1700000000</CreateTime>"
            f"<MsgType><![CDATA[{kind}]]></MsgType><Content><![CDATA[{content}]]></Content>"
            f"<Event><![CDATA[subscribe]]></Event><MsgId>{msg_id}</MsgId></xml>"
        ),
        st.sampled_from(["text", "image", "event", "voice", "junk", ""]),
        TEXT,
        st.one_of(st.integers(), st.text(max_size=5)),
        st.one_of(st.just("o-openid-1"), TEXT),
    ),
)


_callers = itertools.count(1)


def caller() -> dict[str, str]:
    """A new caller address per request: the gateway's per-address rate limit stays out of it."""
    n = next(_callers)
    return {"REMOTE_ADDR": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}


def wechat_signature(timestamp: str, nonce: str) -> str:
    import hashlib

    return hashlib.sha1("".join(sorted([WECHAT_TOKEN, timestamp, nonce])).encode()).hexdigest()


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    endpoint=st.sampled_from(sorted(ENDPOINTS)),
    params=TWILIO_PARAMS,
    payload=st.one_of(SIGNED_JSON.map(lambda v: json.dumps(v).encode()), RAW_BODY),
    xml=WECHAT_XML,
    nonce=st.text(alphabet="abcdefghij0123456789", max_size=10),
)
@example(endpoint="webhook", params={}, payload=DEEP_JSON, xml="", nonce="")
@example(endpoint="sms", params={"\r": ""}, payload=b"{}", xml="", nonce="")
@example(endpoint="webhook", params={}, payload=SURROGATE_MESSAGE, xml="", nonce="")
@example(
    endpoint="sms",
    params={"MessageSid": "SM1", "From": "+1", "Body": "a\x00"},
    payload=b"",
    xml="",
    nonce="",
)
@example(endpoint="email", params={}, payload=DEEP_JSON, xml="", nonce="")
@example(endpoint="wechat", params={}, payload=b"", xml="", nonce="")
@example(endpoint="wechat", params={}, payload=b"", xml=WECHAT_TEXT.format("", 1), nonce="n")
@example(endpoint="wechat", params={}, payload=b"", xml=WECHAT_TEXT.format("hi", ":"), nonce="")
def test_validly_signed_random_webhooks_never_fail(
    client, channel_accounts, endpoint, params, payload, xml, nonce
):
    kind, path = ENDPOINTS[endpoint]
    url = "http://testserver" + path.format(channel_accounts[kind].webhook_key)

    def example() -> None:
        if kind in ("sms", "voice"):
            signature = RequestValidator(TWILIO_TOKEN).compute_signature(url, params)
            # Form-encoded, as Twilio posts (a multipart body would mangle a field name with
            # a line break, and the signature over the decoded fields would differ).
            response = client.post(
                url,
                urlencode(params),
                content_type="application/x-www-form-urlencoded",
                HTTP_X_TWILIO_SIGNATURE=signature,
                **caller(),
            )
        elif kind == "wechat":
            timestamp = str(int(dt.datetime.now(dt.UTC).timestamp()))
            # A nonce is good for one body only (replays are refused): one per example.
            unique = f"{nonce}-{next(_callers)}"
            query = {"timestamp": timestamp, "nonce": unique}
            query["signature"] = wechat_signature(timestamp, unique)
            response = client.post(
                f"{url}?{urlencode(query)}", xml.encode(), content_type="text/xml", **caller()
            )
        else:
            meta = {
                f"HTTP_{k.upper().replace('-', '_')}": v
                for k, v in signing.headers(SECRET, payload).items()
            }
            response = client.post(
                url, payload, content_type="application/json", **meta, **caller()
            )
        assert response.status_code < 500, response.content[:300]
        assert response.status_code in (200, 400), (response.status_code, response.content[:300])

    isolated(example)


# --- chat-app channels: WhatsApp, Messenger, Instagram, Telegram --------------------------------

META_SECRET = "fuzz-meta-app-secret"
TELEGRAM_SECRET = "fuzz-telegram-secret"
CHAT_APPS = {
    "whatsapp": "/gateway/whatsapp/{}/",
    "messenger": "/gateway/messenger/{}/",
    "instagram": "/gateway/instagram/{}/",
    "telegram": "/gateway/telegram/{}/",
}


@pytest.fixture
def chat_app_accounts(db):
    shop = make_shop()
    nowhere = "http://127.0.0.1:9"
    meta = {"app_secret": META_SECRET, "access_token": "t", "verify_token": "fuzz-verify"}
    return {
        "whatsapp": account(
            shop,
            "whatsapp",
            settings={"phone_number_id": "1", "api_base_url": nowhere},
            secrets=meta,
        ),
        "messenger": account(
            shop, "messenger", settings={"page_id": "1", "api_base_url": nowhere}, secrets=meta
        ),
        "instagram": account(
            shop,
            "instagram",
            settings={"instagram_id": "1", "api_base_url": nowhere},
            secrets=meta,
        ),
        "telegram": account(
            shop,
            "telegram",
            settings={"api_base_url": nowhere},
            secrets={"bot_token": "1:x", "webhook_secret": TELEGRAM_SECRET},
        ),
    }


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    kind=st.sampled_from(sorted(CHAT_APPS)),
    method=st.sampled_from(["POST", "POST", "GET", "PUT"]),
    body=st.one_of(RAW_BODY, JSON.map(lambda v: json.dumps(v).encode())),
    headers=st.dictionaries(
        st.sampled_from(["X-Hub-Signature-256", "X-Telegram-Bot-Api-Secret-Token"]),
        HEADER_VALUE,
        max_size=2,
    ),
    query=st.dictionaries(
        st.sampled_from(["hub.mode", "hub.verify_token", "hub.challenge"]),
        st.one_of(QUERY_VALUES, st.just("subscribe")),
        max_size=3,
    ),
)
def test_unsigned_chat_app_webhooks_are_refused(
    client, chat_app_accounts, kind, method, body, headers, query
):
    key = chat_app_accounts[kind].webhook_key
    meta = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}

    def example() -> None:
        messages = Message.objects.count()
        response = client.generic(
            method,
            CHAT_APPS[kind].format(key),
            body,
            content_type="application/json",
            QUERY_STRING=urlencode(query),
            **meta,
            **caller(),
        )
        assert response.status_code in (403, 405), (response.status_code, response.content[:300])
        assert Message.objects.count() == messages

    isolated(example)


NOW = st.builds(lambda: int(dt.datetime.now(dt.UTC).timestamp()))
STAMP = st.one_of(NOW, NOW.map(str), st.sampled_from([0, -1, "x", None, 1e300, "nan"]), NUMBERS)
WA_MESSAGE = st.fixed_dictionaries(
    {},
    optional={
        "from": st.one_of(st.just("8613912345678"), TEXT, NUMBERS),
        "id": st.one_of(st.just("wamid.1"), TEXT, NUMBERS),
        "timestamp": STAMP,
        "type": st.sampled_from(
            ["text", "image", "document", "audio", "location", "interactive", "button", "x"]
        ),
        "text": st.one_of(st.fixed_dictionaries({"body": TEXT}), JSON),
        "image": st.one_of(st.fixed_dictionaries({"id": TEXT, "caption": TEXT}), JSON),
        "document": st.fixed_dictionaries({}, optional={"id": TEXT, "filename": TEXT}),
        "location": st.fixed_dictionaries(
            {}, optional={"latitude": NUMBERS, "longitude": JSON, "name": TEXT}
        ),
        "interactive": st.fixed_dictionaries(
            {"type": st.sampled_from(["list_reply", "button_reply", "x"])},
            optional={
                "list_reply": st.fixed_dictionaries({}, optional={"id": TEXT, "title": TEXT}),
                "button_reply": JSON,
            },
        ),
    },
)
WA_BODY = st.fixed_dictionaries(
    {},
    optional={
        "object": st.just("whatsapp_business_account"),
        "entry": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "changes": st.lists(
                        st.fixed_dictionaries(
                            {},
                            optional={
                                "value": st.fixed_dictionaries(
                                    {},
                                    optional={
                                        "messages": st.lists(WA_MESSAGE, max_size=2),
                                        "statuses": st.lists(
                                            st.fixed_dictionaries(
                                                {},
                                                optional={
                                                    "id": TEXT,
                                                    "status": st.sampled_from(
                                                        ["sent", "read", "failed", "x"]
                                                    ),
                                                    "timestamp": STAMP,
                                                    "errors": JSON,
                                                },
                                            ),
                                            max_size=2,
                                        ),
                                        "contacts": JSON,
                                    },
                                )
                            },
                        ),
                        max_size=2,
                    )
                },
            ),
            max_size=2,
        ),
    },
)
MESSAGING_EVENT = st.fixed_dictionaries(
    {},
    optional={
        "sender": st.fixed_dictionaries({}, optional={"id": st.one_of(st.just("123"), TEXT)}),
        "timestamp": st.one_of(NOW.map(lambda t: t * 1000), STAMP),
        "message": st.fixed_dictionaries(
            {},
            optional={
                "mid": TEXT,
                "text": TEXT,
                "is_echo": st.booleans(),
                "quick_reply": st.fixed_dictionaries({}, optional={"payload": TEXT}),
                "attachments": JSON,
            },
        ),
        "postback": st.fixed_dictionaries({}, optional={"payload": TEXT, "title": TEXT}),
        "delivery": st.fixed_dictionaries({}, optional={"mids": JSON}),
    },
)
MESSENGER_BODY = st.fixed_dictionaries(
    {},
    optional={
        "object": st.sampled_from(["page", "instagram"]),
        "entry": st.lists(
            st.fixed_dictionaries(
                {}, optional={"messaging": st.lists(MESSAGING_EVENT, max_size=2)}
            ),
            max_size=2,
        ),
    },
)
TG_USER = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.just(42), NUMBERS, TEXT),
        "is_bot": st.booleans(),
        "first_name": TEXT,
        "language_code": TEXT,
    },
)
TG_BODY = st.fixed_dictionaries(
    {},
    optional={
        "update_id": NUMBERS,
        "message": st.fixed_dictionaries(
            {},
            optional={
                "message_id": st.one_of(st.just(1), NUMBERS, TEXT),
                "from": TG_USER,
                "chat": st.fixed_dictionaries(
                    {},
                    optional={
                        "id": st.one_of(st.just(42), NUMBERS),
                        "type": st.sampled_from(["private", "group", "x"]),
                    },
                ),
                "date": st.one_of(NOW, STAMP),
                "text": TEXT,
                "caption": TEXT,
                "photo": st.one_of(st.lists(st.fixed_dictionaries({"file_id": TEXT})), JSON),
                "document": JSON,
            },
        ),
        "callback_query": st.fixed_dictionaries(
            {}, optional={"id": TEXT, "from": TG_USER, "data": TEXT, "message": JSON}
        ),
    },
)
CHAT_APP_BODIES = {
    "whatsapp": WA_BODY,
    "messenger": MESSENGER_BODY,
    "instagram": MESSENGER_BODY,
    "telegram": TG_BODY,
}


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    data=st.data(),
    kind=st.sampled_from(sorted(CHAT_APPS)),
    raw=st.one_of(st.none(), RAW_BODY),
)
def test_validly_signed_random_chat_app_webhooks_never_fail(
    client, chat_app_accounts, data, kind, raw
):
    """Signed as each provider does: Meta's X-Hub-Signature-256 over the raw body, Telegram's
    secret token. Answers are 200 (stored, skipped) or 400 (the reason); 403 only for a
    signed replay (a timestamp too old or in the future)."""
    from audit.models import AuditEvent

    body = raw if raw is not None else json.dumps(data.draw(CHAT_APP_BODIES[kind])).encode()
    url = CHAT_APPS[kind].format(chat_app_accounts[kind].webhook_key)
    if kind == "telegram":
        headers = {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": TELEGRAM_SECRET}
    else:
        import hashlib
        import hmac

        digest = hmac.new(META_SECRET.encode(), body, hashlib.sha256).hexdigest()
        headers = {"HTTP_X_HUB_SIGNATURE_256": f"sha256={digest}"}

    def example() -> None:
        response = client.post(url, body, content_type="application/json", **headers, **caller())
        assert response.status_code in (200, 400, 403), (
            response.status_code,
            response.content[:300],
        )
        if response.status_code == 403:
            reason = AuditEvent.objects.filter(action="gateway.forged_request").latest("id")
            assert "stale" in reason.changes["reason"] or "future" in reason.changes["reason"]

    isolated(example)


# --- report pages ------------------------------------------------------------------------------

DATES = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "yesterday", ""]),
    TEXT.filter(lambda s: len(s) < 100),
)
REPORT_QUERY = st.fixed_dictionaries(
    {},
    optional={
        "start": DATES,
        "end": DATES,
        "shop": st.one_of(st.sampled_from(["SHOP", "-1", "0", "x", "99999999999999999999"]), TEXT),
        "channel": st.sampled_from(
            ["", "web", "sms", "voice", "wechat", "email", "webhook", "fax"]
        ),
        "team": st.one_of(st.builds(str, NUMBERS), TEXT),
        "label": st.one_of(st.builds(str, NUMBERS), TEXT),
        "export": st.sampled_from(["csv", "xlsx", "pdf", ""]),
        "table": st.sampled_from(["summary", "daily", "agents", "nope", ""]),
        "junk": QUERY_VALUES,
    },
)


@pytest.fixture
def supervisor_client(client, make_user):
    client.force_login(make_user("sup", Role.SUPERVISOR))
    return client


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    page=st.sampled_from(["", "agents/", "knowledge/", "customers/", "forecast/"]),
    query=REPORT_QUERY,
)
def test_report_pages_answer_200_or_400_to_any_filters(supervisor_client, page, query):
    client = supervisor_client
    shop = make_shop()
    query = {k: (str(shop.pk) if v == "SHOP" else v) for k, v in query.items()}

    def example() -> None:
        response = client.get(f"/analytics/{page}", query)
        assert response.status_code in (200, 400), (response.status_code, query)

    isolated(example)


# --- Desk endpoints (issue 21): JSON bodies and list filters ------------------------------------

DESK_QUERY = st.fixed_dictionaries(
    {},
    optional={
        "view": st.one_of(st.sampled_from(["all", "mine", "unassigned", "team", "snoozed"]), TEXT),
        "sort": st.one_of(st.sampled_from(["priority", "waiting", "activity"]), TEXT),
        "label": st.one_of(st.builds(str, NUMBERS), TEXT),
        "channel": TEXT,
        "mood": st.one_of(st.sampled_from(["negative", "neutral", "positive"]), TEXT),
        "waiting": st.one_of(st.builds(str, NUMBERS), TEXT),
    },
)
DESK_ACTIONS = st.sampled_from(
    [
        "add_label",
        "remove_label",
        "set_priority",
        "assign_team",
        "assign_agent",
        "snooze",
        "send_reply",
        "add_note",
        "close",
        "explode",
    ]
)
DESK_BODY = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "label": st.one_of(st.sampled_from(["fuzz", "LABEL"]), JSON),
            "remove": JSON,
            "customer": JSON,
            "action": st.one_of(DESK_ACTIONS, JSON),
            "params": st.one_of(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "label": JSON,
                        "priority": JSON,
                        "team": JSON,
                        "agent": JSON,
                        "until": JSON,
                        "minutes": JSON,
                        "until_reply": JSON,
                        "text": JSON,
                    },
                ),
                JSON,
            ),
            "name": JSON,
            "actions": st.one_of(
                st.lists(
                    st.fixed_dictionaries({"action": DESK_ACTIONS}, optional={"params": JSON}),
                    max_size=3,
                ),
                JSON,
            ),
            "shared": JSON,
            "conversation": st.one_of(st.sampled_from(["MINE"]), JSON),
        },
    ).map(json.dumps),
    st.sampled_from(["", "{", "[]", "null", '"x"', DEEP_JSON.decode()]),
)


@pytest.fixture
def desk_world(db, client, make_user):
    """An agent's session, a waiting conversation they may act on, a colleague's conversation
    they may not, a label and a personal macro."""
    from desk.models import Label, Macro

    shop = make_shop()
    agent = make_user("fuzz-agent", Role.AGENT)
    client.force_login(agent)
    mine = Conversation.objects.create(
        shop=shop, visitor_token_hash="f" * 64, status=ConversationStatus.WAITING
    )
    theirs = Conversation.objects.create(
        shop=shop,
        visitor_token_hash="t" * 64,
        status=ConversationStatus.ASSIGNED,
        assigned_agent=make_user("fuzz-other", Role.AGENT),
    )
    label = Label.objects.create(shop=shop, name="fuzz")
    macro = Macro.objects.create(name="fuzz", owner=agent, actions=[{"action": "close"}])
    return {"client": client, "mine": mine, "theirs": theirs, "label": label, "macro": macro}


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    endpoint=st.sampled_from(["list", "labels", "action", "macros", "run"]),
    query=DESK_QUERY,
    body=DESK_BODY,
)
def test_desk_endpoints_answer_json_4xx_to_bad_input_and_spare_others_conversations(
    desk_world, endpoint, query, body
):
    client, mine, theirs = desk_world["client"], desk_world["mine"], desk_world["theirs"]
    body = body.replace('"MINE"', str(mine.pk)).replace('"LABEL"', str(desk_world["label"].pk))
    before = (theirs.status, theirs.priority, Message.objects.filter(conversation=theirs).count())

    def example() -> None:
        if endpoint == "list":
            response = client.get("/desk/conversations/", query)
        else:
            url = {
                "labels": f"/desk/conversations/{mine.pk}/labels/",
                "action": f"/desk/conversations/{mine.pk}/actions/",
                "macros": "/desk/macros/",
                "run": f"/desk/macros/{desk_world['macro'].pk}/run/",
            }[endpoint]
            response = client.post(url, body, content_type="application/json")
        assert response.status_code < 500, (endpoint, query, body[:200])
        if response.status_code == 422:  # a macro step failed: the run's report
            assert response.json()["ok"] is False
        elif response.status_code >= 400:
            payload = response.json()
            assert payload["error"] and payload["message"]
        theirs.refresh_from_db()
        after = (
            theirs.status,
            theirs.priority,
            Message.objects.filter(conversation=theirs).count(),
        )
        assert after == before

    isolated(example)


# --- Search (issue 21): any query and filters, and never another team's conversation -----------

SEARCH_QUERY = st.fixed_dictionaries(
    {},
    optional={
        "q": st.one_of(
            TEXT,
            st.sampled_from(["退款", "LM20261001", "+86 138-0013-8000", "a@b.cn", "！！", " "]),
        ),
        "label": st.one_of(st.builds(str, NUMBERS), TEXT),
        "agent": st.one_of(st.builds(str, NUMBERS), TEXT),
        "channel": st.one_of(st.sampled_from(["web", "email", "fax"]), TEXT),
        "status": st.one_of(st.sampled_from(["closed", "assigned", "nope"]), TEXT),
        "date_from": DATES,
        "date_to": DATES,
        "page": st.one_of(st.builds(str, NUMBERS), TEXT),
    },
)


@pytest.fixture
def search_world(db, client, make_user):
    """An agent's session, a waiting conversation of the general queue they may see, and a
    colleague's conversation with the same words that they may not."""
    from chatbot.services.transcript import append_message

    shop = make_shop()
    client.force_login(make_user("fuzz-searcher", Role.AGENT))
    mine = Conversation.objects.create(
        shop=shop, visitor_token_hash="s" * 64, status=ConversationStatus.WAITING
    )
    theirs = Conversation.objects.create(
        shop=shop,
        visitor_token_hash="o" * 64,
        status=ConversationStatus.ASSIGNED,
        assigned_agent=make_user("fuzz-owner", Role.AGENT),
    )
    for conversation in (mine, theirs):
        append_message(conversation, "customer", "退款 LM20261001 +86 138-0013-8000 a@b.cn")
    return {"client": client, "mine": mine, "theirs": theirs}


@pytest.mark.django_db
@HTTP_FUZZ
@given(endpoint=st.sampled_from(["/search/", "/search/api/"]), query=SEARCH_QUERY)
def test_search_answers_200_or_400_and_never_shows_another_teams_conversation(
    search_world, endpoint, query
):
    client, theirs = search_world["client"], search_world["theirs"]

    def example() -> None:
        response = client.get(endpoint, query)
        assert response.status_code in (200, 400), (response.status_code, query)
        if endpoint == "/search/api/":
            payload = response.json()
            if response.status_code == 400:
                assert payload["error"] and payload["message"]
            else:
                found = {r["conversation_id"] for r in payload["results"]}
                assert theirs.pk not in found
        else:
            assert f"?conversation={theirs.pk}" not in response.content.decode()

    isolated(example)


# --- conversation API (issue 22) ------------------------------------------------------------------

API_BODY = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "text": TEXT,
            "sender": st.one_of(st.sampled_from(["bot", "agent", "customer"]), TEXT),
            "client_id": CLIENT_ID,
            "agent": st.one_of(TEXT, NUMBERS),
            "team": st.one_of(TEXT, NUMBERS),
            "until": st.one_of(TEXT, NUMBERS, st.just("2026-12-31T09:00:00+08:00")),
            "minutes": st.one_of(NUMBERS, TEXT),
            "until_reply": JSON,
            "labels": st.one_of(JSON, st.lists(TEXT, max_size=25)),
        },
    ).map(lambda d: json.dumps(d, ensure_ascii=False)),
    JSON.map(lambda v: json.dumps(v, ensure_ascii=False)),
    RAW_BODY.map(lambda b: b.decode("latin1")),
)
API_ACTIONS = ["messages", "notes", "assign", "transfer", "handoff", "close", "snooze", "labels"]


@pytest.fixture
def api_world(db, other_shop):
    """A token with every scope, a conversation of its shop and one of another shop's."""
    from desk.models import Label

    shop = make_shop()
    _, token = ApiToken.issue(
        shop,
        "fuzz",
        ["conversations:read", "conversations:write", "contacts:read", "catalogue:write"],
    )
    mine = Conversation.objects.create(shop=shop, visitor_token_hash="a" * 64)
    theirs = Conversation.objects.create(
        shop=other_shop, visitor_token_hash="b" * 64, status=ConversationStatus.WAITING
    )
    Label.objects.create(shop=shop, name="fuzz")
    return {"headers": {"Authorization": f"Bearer {token}"}, "mine": mine, "theirs": theirs}


@pytest.mark.django_db
@HTTP_FUZZ
@given(
    action=st.one_of(st.sampled_from(API_ACTIONS), st.just("list")),
    query=QUERY,
    body=API_BODY,
    target=st.sampled_from(["mine", "theirs"]),
)
def test_conversation_api_answers_json_4xx_to_bad_input_and_spares_other_shops(
    client, api_world, action, query, body, target, settings
):
    settings.API_TOKEN_RATE = "100000/min"
    theirs = api_world["theirs"]
    conversation = api_world[target]
    before = (theirs.status, Message.objects.filter(conversation=theirs).count())

    def example() -> None:
        headers = api_world["headers"]
        if action == "list":
            response = client.get(f"/api/v1/conversations/?{query}", headers=headers)
        else:
            url = f"/api/v1/conversations/{conversation.pk}/{action}/"
            send = client.put if action == "labels" else client.post
            response = send(url, body, content_type="application/json", headers=headers)
        assert response.status_code < 500, (action, query, body[:200])
        if response.status_code >= 400:
            assert response.json(), response.content[:200]
        if target == "theirs" and action != "list":
            assert response.status_code in (400, 404), response.content[:200]
        theirs.refresh_from_db()
        assert (theirs.status, Message.objects.filter(conversation=theirs).count()) == before

    isolated(example)


# --- catalogue search for product cards (issue 20) ----------------------------------------------

CATALOGUE_QUERY = st.fixed_dictionaries(
    {},
    optional={
        "q": st.one_of(TEXT, st.sampled_from(["lamp", "LAMP-0", "%", "_", "灯"])),
        "conversation": st.one_of(TEXT, st.builds(str, NUMBERS), st.just("<mine>")),
    },
)


@pytest.fixture
def catalogue_world(db, client, make_user, other_shop):
    shop = make_shop()
    client.force_login(make_user("fuzz-catalogue", Role.AGENT))
    Product.objects.create(shop=shop, sku="LAMP-01", name="lamp 灯", price="9.90")
    Product.objects.create(shop=other_shop, sku="LAMP-02", name="lamp 灯 elsewhere", price="1.00")
    mine = Conversation.objects.create(
        shop=shop, visitor_token_hash="c" * 64, status=ConversationStatus.WAITING
    )
    return {"client": client, "mine": mine}


@pytest.mark.django_db
@HTTP_FUZZ
@given(query=CATALOGUE_QUERY)
def test_catalogue_search_answers_json_and_never_another_shops_products(catalogue_world, query):
    client, mine = catalogue_world["client"], catalogue_world["mine"]
    if query.get("conversation") == "<mine>":
        query = {**query, "conversation": str(mine.pk)}

    def example() -> None:
        response = client.get("/attachments/catalogue/", query)
        assert response.status_code in (200, 400, 404), (response.status_code, query)
        payload = response.json()
        if response.status_code == 200:
            assert {p["sku"] for p in payload["results"]} <= {"LAMP-01"}
        else:
            assert payload["error"] and payload["message"]

    isolated(example)
