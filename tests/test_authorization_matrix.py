"""Authorization matrix: who gets what from every HTTP endpoint and every websocket frame.

The tables come first, as plain data; the tests after them are generic. Each row is its own
test case (``GET /analytics/ as agent -> 403``). Two completeness checks keep the tables honest:
a URL route (outside the Django admin) or a websocket frame type without a row fails the suite.

To add an endpoint: add a row to HTTP_MATRIX (and, if its URL has a new kind of path parameter,
teach ``World.path_value`` how to fill it). To add a frame type: add rows to CUSTOMER_FRAMES or
CONSOLE_FRAMES.
"""

from __future__ import annotations

import asyncio
import gc
import json
from collections.abc import Iterator
from functools import cached_property
from typing import Any, NamedTuple

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role

# --- Callers -----------------------------------------------------------------------------------

ANON = "anonymous"
AGENT = "agent"
SUPERVISOR = "supervisor"
EDITOR = "knowledge_editor"
AUDITOR = "auditor"
ADMIN = "administrator"  # a non-superuser holding the administrator role
STAFF = (AGENT, SUPERVISOR, EDITOR, AUDITOR, ADMIN)
PEOPLE = (ANON, *STAFF)

# The shop data API authenticates shops' back ends with "Authorization: Bearer <token>".
TOKEN_THIS_SHOP = "token of this shop"
TOKEN_OTHER_SHOP = "token of another shop"  # accepted, but writes into its own shop only
REVOKED_TOKEN = "revoked token"
# Scopes (issue 22): TOKEN_THIS_SHOP holds catalogue:write only (what every token held before
# scopes existed); these hold one conversation scope each; TOKEN_OTHER_SHOP holds them all.
TOKEN_READ = "token with conversations:read"
TOKEN_WRITE = "token with conversations:write"
TOKEN_CONTACTS = "token with contacts:read only"
TOKEN_SCOPES = {
    TOKEN_THIS_SHOP: ["catalogue:write"],
    TOKEN_READ: ["conversations:read"],
    TOKEN_WRITE: ["conversations:write"],
    TOKEN_CONTACTS: ["contacts:read"],
    TOKEN_OTHER_SHOP: [
        "catalogue:write",
        "conversations:read",
        "conversations:write",
        "contacts:read",
    ],
    REVOKED_TOKEN: ["catalogue:write", "conversations:read", "conversations:write"],
}
# Provider webhooks: the signature, not a session, says who calls.
UNSIGNED = "unsigned request"
UNKNOWN_KEY = "unknown key"  # a path key (site key, webhook key, pk) that matches nothing


class Bug(NamedTuple):
    """What the role model intends where the code does otherwise: an xfail(strict) case until
    fixed (then the case passes, strict xfail fails, and this marker is removed)."""

    status: int
    reason: str


Expected = int | Bug


def everyone(status: int) -> dict[str, Expected]:
    return dict.fromkeys(PEOPLE, status)


def staff_only(*allowed: str, ok: int = 200) -> dict[str, Expected]:
    """Anonymous is sent to the login page; the ``allowed`` roles get ``ok``, other roles 403."""
    return {ANON: 302, **{role: ok if role in allowed else 403 for role in STAFF}}


SHOP_API = {
    TOKEN_THIS_SHOP: 200,
    TOKEN_OTHER_SHOP: 200,
    REVOKED_TOKEN: 401,
    TOKEN_READ: 403,  # the bulk upserts need catalogue:write
    TOKEN_WRITE: 403,
    TOKEN_CONTACTS: 403,
    **everyone(401),  # no token: a staff session is no credential for this API
}


def conversation_api(scope: str, ok: int = 200, other_shop: int = 404) -> dict[str, Expected]:
    """The conversation API: only a token holding ``scope`` gets ``ok``; another shop's token
    finds no such conversation (404), whatever its scopes."""
    holders = {TOKEN_READ: "conversations:read", TOKEN_WRITE: "conversations:write"}
    return {
        TOKEN_THIS_SHOP: 403,
        TOKEN_CONTACTS: 403,
        **{caller: ok if held == scope else 403 for caller, held in holders.items()},
        TOKEN_OTHER_SHOP: other_shop,
        REVOKED_TOKEN: 401,
        **everyone(401),
    }


API_READ = conversation_api("conversations:read")
WEBHOOK = {UNSIGNED: 403, UNKNOWN_KEY: 404}

# --- HTTP matrix: (URL name, method, {caller: expected status}) ---------------------------------
# A status the code gets wrong is written as Bug(intended status, "why"): an xfail(strict) case.

HTTP_MATRIX: list[tuple[str, str, dict[str, Expected]]] = [
    # Public pages.
    ("home", "GET", everyone(200)),
    ("healthz", "GET", everyone(200)),
    ("favicon", "GET", everyone(200)),
    ("login", "GET", everyone(200)),
    ("set_language", "POST", everyone(302)),  # the language switch, for everyone
    ("logout", "POST", everyone(302)),
    ("chat_page", "GET", {**everyone(200), UNKNOWN_KEY: 404}),
    ("demo_shop", "GET", everyone(200)),
    ("api_schema", "GET", everyone(200)),
    ("api_docs", "GET", everyone(200)),
    # Staff pages.
    ("console", "GET", staff_only(AGENT, SUPERVISOR)),
    ("analytics_overview", "GET", staff_only(SUPERVISOR, ADMIN)),
    ("analytics_agents", "GET", staff_only(SUPERVISOR, ADMIN)),
    ("analytics_knowledge", "GET", staff_only(SUPERVISOR, ADMIN, EDITOR)),
    ("analytics_customers", "GET", staff_only(SUPERVISOR, ADMIN)),
    ("analytics_forecast", "GET", staff_only(SUPERVISOR, ADMIN)),
    # Success is a redirect to the new draft in the admin. Needs knowledge.add_entry and a
    # category to put it in: editors are granted categories one by one, so an editor without
    # any grant is refused (403); administrators edit every category.
    ("analytics_entry_from_topic", "POST", staff_only(ADMIN, ok=302)),
    # Shop data API (POST, JSON list of rows).
    ("api_products", "POST", SHOP_API),
    ("api_customers", "POST", SHOP_API),
    ("api_orders", "POST", SHOP_API),
    ("api_views", "POST", SHOP_API),
    # Conversation API (issue 22). The conversation is this shop's, with a customer; it is
    # with the bot, except for transfer and snooze (waiting: those need people).
    ("api_conversations", "GET", conversation_api("conversations:read", other_shop=200)),
    ("api_conversation", "GET", API_READ),
    ("api_conversation_messages", "GET", API_READ),
    ("api_conversation_messages", "POST", conversation_api("conversations:write", ok=201)),
    ("api_conversation_notes", "POST", conversation_api("conversations:write", ok=201)),
    ("api_conversation_assign", "POST", conversation_api("conversations:write")),
    ("api_conversation_transfer", "POST", conversation_api("conversations:write")),
    ("api_conversation_handoff", "POST", conversation_api("conversations:write")),
    ("api_conversation_close", "POST", conversation_api("conversations:write")),
    ("api_conversation_snooze", "POST", conversation_api("conversations:write")),
    ("api_conversation_labels", "PUT", conversation_api("conversations:write")),
    ("api_conversation_customer", "GET", API_READ),
    # The demo's webhook receiver exists only with WEBHOOK_ECHO (DEBUG): tests run without.
    ("webhooks_echo", "POST", everyone(404)),
    # Provider webhooks.
    ("gateway_sms", "POST", WEBHOOK),
    ("gateway_voice", "POST", WEBHOOK),
    ("gateway_voice_speech", "POST", WEBHOOK),
    ("gateway_wechat", "POST", WEBHOOK),
    ("gateway_wechat", "GET", WEBHOOK),  # WeChat's URL check is signed too
    ("gateway_email", "POST", WEBHOOK),
    ("gateway_webhook", "POST", WEBHOOK),
    ("gateway_whatsapp", "POST", WEBHOOK),
    ("gateway_whatsapp", "GET", WEBHOOK),  # Meta's handshake needs the verify token
    ("gateway_messenger", "POST", WEBHOOK),
    ("gateway_messenger", "GET", WEBHOOK),
    ("gateway_instagram", "POST", WEBHOOK),
    ("gateway_instagram", "GET", WEBHOOK),
    ("gateway_telegram", "POST", WEBHOOK),
    # Audit trail pages (auditors and administrators).
    ("audit_log", "GET", staff_only(AUDITOR, ADMIN)),
    ("audit_event", "GET", staff_only(AUDITOR, ADMIN)),
    ("audit_export", "GET", staff_only(AUDITOR, ADMIN)),
    ("audit_verify", "POST", staff_only(AUDITOR, ADMIN, ok=302)),  # back to the log, run queued
    ("audit_verify_progress", "GET", staff_only(AUDITOR, ADMIN, ok=404)),  # no such run here
    ("audit_log", "POST", everyone(405)),  # read-only, whoever asks
    # Django admin: the index for every staff role, plus changelists where roles differ
    # (what accounts.roles.ROLE_PERMISSIONS grants).
    ("admin:index", "GET", staff_only(*STAFF)),
    ("admin:audit_auditevent_changelist", "GET", staff_only(AUDITOR, ADMIN)),
    ("admin:knowledge_entry_changelist", "GET", staff_only(AGENT, SUPERVISOR, EDITOR, ADMIN)),
    # The answer model's status after a publish, polled by the entry list.
    (
        "admin:knowledge_entry_answer_model_status",
        "GET",
        staff_only(AGENT, SUPERVISOR, EDITOR, ADMIN),
    ),
    ("admin:knowledge_category_changelist", "GET", staff_only(EDITOR, ADMIN)),
    ("admin:conversations_conversation_changelist", "GET", staff_only(SUPERVISOR, ADMIN)),
    ("admin:chatbot_cannedreply_changelist", "GET", staff_only(SUPERVISOR, ADMIN)),
    ("admin:gateway_outbounddelivery_changelist", "GET", staff_only(SUPERVISOR, ADMIN)),
    ("admin:gateway_channelaccount_changelist", "GET", staff_only(ADMIN)),
    ("admin:routing_team_changelist", "GET", staff_only(SUPERVISOR, ADMIN)),
    ("admin:shops_shop_changelist", "GET", staff_only(ADMIN)),
    ("admin:auth_user_changelist", "GET", staff_only(ADMIN)),
    ("admin:profiles_customer_changelist", "GET", staff_only(ADMIN)),  # customer data rights
    # Administrators issue and revoke the shops' API tokens.
    ("admin:profiles_apitoken_changelist", "GET", staff_only(ADMIN)),
    # Automation rules (issue 22): supervisors see those of the shops they supervise; only
    # administrators name a shop's supervisors.
    ("admin:automation_rule_changelist", "GET", staff_only(SUPERVISOR, ADMIN)),
    ("admin:automation_rulerun_changelist", "GET", staff_only(SUPERVISOR, ADMIN)),
    ("admin:automation_shopsupervisor_changelist", "GET", staff_only(ADMIN)),
    # The console's desk endpoints (issue 21): agents and supervisors. The conversation is a
    # waiting one both may see; the macro is shared (only a supervisor may change it).
    ("desk_list", "GET", staff_only(AGENT, SUPERVISOR)),
    ("desk_labels", "GET", staff_only(AGENT, SUPERVISOR)),
    ("desk_conversation_labels", "GET", staff_only(AGENT, SUPERVISOR)),
    ("desk_conversation_labels", "POST", staff_only(AGENT, SUPERVISOR)),
    ("desk_action", "POST", staff_only(AGENT, SUPERVISOR)),
    ("desk_unsnooze", "POST", staff_only(AGENT, SUPERVISOR, ok=404)),  # it is not snoozed
    ("desk_mentioned", "GET", staff_only(AGENT, SUPERVISOR, ok=404)),  # nobody mentioned them
    ("desk_macros", "GET", staff_only(AGENT, SUPERVISOR)),
    ("desk_macros", "POST", staff_only(AGENT, SUPERVISOR, ok=201)),
    ("desk_macro", "POST", {**staff_only(SUPERVISOR), AGENT: 403}),
    ("desk_macro_run", "POST", staff_only(AGENT, SUPERVISOR)),
    ("desk_mentions", "GET", staff_only(AGENT, SUPERVISOR)),
    # Conversation search (issue 21): agents and supervisors; with no query the JSON endpoint
    # answers 400 with a message, the page shows the empty form.
    ("search", "GET", staff_only(AGENT, SUPERVISOR)),
    ("search_api", "GET", staff_only(AGENT, SUPERVISOR, ok=400)),
    # The console's catalogue search for product cards (issue 20); without a query: 400.
    ("attachments:catalogue", "GET", staff_only(AGENT, SUPERVISOR, ok=400)),
    # Attachments (issue 20). Staff upload into a conversation in scope (the queue's, here):
    # agents and supervisors get to the file check (400: no file), anonymous 401 (JSON, no
    # login page: it is called by the console's script), other roles 403.
    ("attachments:staff_upload", "POST", {**staff_only(AGENT, SUPERVISOR, ok=400), ANON: 401}),
    # Customer upload: the visitor token header and an allowed Origin are the credential; a
    # session is none.
    ("attachments:customer_upload", "POST", {**everyone(403), UNKNOWN_KEY: 404}),
    # A file URL signed for the agent: only the agent's own session gets past the check (404
    # here: the row has no stored file); anyone else 403, a token that is not ours 403.
    ("attachments:file", "GET", {**everyone(403), AGENT: 404, UNKNOWN_KEY: 403}),
]

# Request bodies. API rows are real upserts, so the test can check where the data went.
API_BODIES: dict[str, list[dict[str, Any]]] = {
    "api_products": [{"sku": "MATRIX-1", "name": "Matrix lamp", "price": "1.00"}],
    "api_customers": [{"external_id": "matrix-1", "display_name": "Matrix"}],
    "api_orders": [],
    "api_views": [],
}
POST_DATA: dict[str, dict[str, Any]] = {
    "analytics_entry_from_topic": {"question": "发票怎么开", "similar": ["怎么开发票"]},
    "gateway_sms": {"MessageSid": "SM1", "From": "+8613800138000", "Body": "hi"},
    "gateway_voice": {"CallSid": "CA1", "From": "+8613800138000"},
    "gateway_voice_speech": {"CallSid": "CA1", "From": "+8613800138000", "SpeechResult": "hi"},
}
# Desk endpoints take JSON bodies (``World`` fills in ids).
DESK_BODIES: dict[str, dict[str, Any]] = {
    "desk_conversation_labels": {"label": "matrix"},
    "desk_action": {"action": "set_priority", "params": {"priority": 5}},
    "desk_macros": {"name": "mine", "actions": [{"action": "close"}]},
    "desk_macro": {"name": "renamed"},
    "desk_macro_run": {"conversation": "<conversation>"},
    "desk_unsnooze": {},
}
# Conversation API bodies (JSON; the labels row is a PUT).
CONVERSATION_API_BODIES: dict[str, dict[str, Any]] = {
    "api_conversation_messages": {"sender": "bot", "text": "An external bot's answer"},
    "api_conversation_notes": {"text": "matrix note"},
    "api_conversation_assign": {"team": "Matrix team"},
    "api_conversation_transfer": {"team": "Matrix team"},
    "api_conversation_handoff": {},
    "api_conversation_close": {},
    "api_conversation_snooze": {"minutes": 30},
    "api_conversation_labels": {"labels": []},
}
GATEWAY_KIND = {
    "gateway_sms": "sms",
    "gateway_voice": "voice",
    "gateway_voice_speech": "voice",
    "gateway_wechat": "wechat",
    "gateway_email": "email",
    "gateway_webhook": "webhook",
    "gateway_whatsapp": "whatsapp",
    "gateway_messenger": "messenger",
    "gateway_instagram": "instagram",
    "gateway_telegram": "telegram",
}

# --- Websocket matrices --------------------------------------------------------------------------

ACCEPTED = "accepted"
REFUSED = "refused"  # handshake denied (no application close code)
NO_ERROR = "no error"  # the frame is taken silently (or with broadcasts), no error frame
NEW_SESSION = "welcome: a new, empty session"
OWN_HISTORY = "welcome: this visitor's own conversation"
SHOP_ORIGIN = "http://shop.test"

# Customer socket handshake: (case, site, origin header, expected).
CUSTOMER_CONNECT: list[tuple[str, str, str | None, str | int]] = [
    ("allowed origin", "shop", SHOP_ORIGIN, ACCEPTED),
    ("the platform's own origin", "shop", "http://127.0.0.1", ACCEPTED),
    ("the platform's host on another port", "shop", "http://127.0.0.1:9999", 4403),
    ("foreign origin", "shop", "https://evil.example", 4403),
    ("no origin header", "shop", None, 4403),
    ("unknown site key", "unknown", SHOP_ORIGIN, 4404),
    ("disabled shop", "disabled shop", SHOP_ORIGIN, 4404),
]

# Staff sockets: (path, caller, origin, expected). The console is for agents and supervisors.
STAFF_CONNECT: list[tuple[str, str, str, str | int]] = [
    ("/ws/console/", ANON, "http://127.0.0.1", 4401),
    ("/ws/console/", AGENT, "http://127.0.0.1", ACCEPTED),
    ("/ws/console/", SUPERVISOR, "http://127.0.0.1", ACCEPTED),
    ("/ws/console/", EDITOR, "http://127.0.0.1", 4403),
    ("/ws/console/", AUDITOR, "http://127.0.0.1", 4403),
    ("/ws/console/", ADMIN, "http://127.0.0.1", 4403),
    ("/ws/console/", AGENT, "https://evil.example", REFUSED),
    # Same host name, another port or scheme: another origin (issue 17 L5).
    ("/ws/console/", AGENT, "http://127.0.0.1:9999", REFUSED),
    ("/ws/console/", SUPERVISOR, "https://127.0.0.1", REFUSED),
    ("/ws/heartbeat/", ANON, "http://127.0.0.1", 4401),
    ("/ws/heartbeat/", AUDITOR, "http://127.0.0.1", ACCEPTED),
    ("/ws/heartbeat/", AGENT, "https://evil.example", REFUSED),
    ("/ws/heartbeat/", AUDITOR, "http://127.0.0.1:9999", REFUSED),
]

# Heartbeat frames: (caller, frame, expected reply type).
HEARTBEAT_FRAMES: list[tuple[str, dict[str, Any], str]] = [
    (AGENT, {"type": "ping", "id": 1}, "pong"),
]

# Customer frames: (who says hello, frame, expected). Expected is a reply frame type,
# "error:<code>", NO_ERROR, NEW_SESSION or OWN_HISTORY. Who says hello:
#   "before hello"              no hello frame at all
#   "new visitor"               hello without a token
#   "visitor"                   hello with the token of a visitor who has an open conversation
#                               (a customer message at seq 1, a bot answer at seq 2)
#   "visitor, closed"           hello with the token of a visitor whose conversation is closed
#   "other shop's visitor"      hello with a token that has a conversation at another shop
#   "customer signed here"      hello with customer_id "c-1" signed with this shop's secret;
#                               another shop also has a customer "c-1", with a conversation
#   "customer signed elsewhere" hello with customer_id "c-1" signed with another shop's secret
#   "customer, no signature"    hello with customer_id "c-1" and no signature
OTHER_VISITORS_BOT_SEQ = 7  # a bot answer's seq in another visitor's conversation (not in ours)
CUSTOMER_FRAMES: list[tuple[str, dict[str, Any], str]] = [
    # Normal use.
    ("new visitor", {"type": "hello"}, NEW_SESSION),
    ("visitor", {"type": "hello"}, OWN_HISTORY),
    ("new visitor", {"type": "message", "client_id": "m-1", "text": "hello"}, "ack"),
    ("visitor", {"type": "message", "client_id": "m-2", "text": "still there?"}, "ack"),
    # Attachments must be the visitor's own uploads (these ids are nobody's).
    (
        "visitor",
        {
            "type": "message",
            "client_id": "m-3",
            "text": "",
            "attachments": ["00000000-0000-0000-0000-000000000000"],
        },
        "error:invalid_field",
    ),
    ("visitor", {"type": "typing", "is_typing": True}, NO_ERROR),
    ("visitor", {"type": "read", "seq": 2}, NO_ERROR),
    ("visitor", {"type": "feedback", "seq": 2, "value": "up"}, NO_ERROR),
    ("visitor", {"type": "handoff"}, NO_ERROR),
    ("new visitor", {"type": "handoff"}, "error:conversation_closed"),
    ("visitor, closed", {"type": "csat", "score": 5}, "csat_thanks"),
    ("visitor", {"type": "csat", "score": 5}, "error:invalid_field"),
    ("visitor", {"type": "close"}, NO_ERROR),
    ("new visitor", {"type": "close"}, "error:not_found"),
    ("new visitor", {"type": "verify_start", "address": "+86 139 0000 0000"}, "verification_sent"),
    ("new visitor", {"type": "verify_code", "code": "123456"}, "error:no_verification_pending"),
    (
        "new visitor",
        {"type": "preferences", "proactive_suggestions": False},
        "error:identification_required",
    ),
    # Data isolation: a visitor never reaches another visitor's (or another shop's) data.
    ("other shop's visitor", {"type": "hello"}, NEW_SESSION),
    ("customer signed here", {"type": "hello"}, NEW_SESSION),
    ("customer signed elsewhere", {"type": "hello"}, "error:invalid_identity"),
    ("customer, no signature", {"type": "hello"}, "error:invalid_identity"),
    (
        "visitor",
        {"type": "feedback", "seq": OTHER_VISITORS_BOT_SEQ, "value": "down"},
        "error:not_found",
    ),
    # Nothing works before hello.
    *[
        ("before hello", {"type": frame_type}, "error:hello_required")
        for frame_type in (
            "message",
            "typing",
            "read",
            "feedback",
            "handoff",
            "csat",
            "close",
            "verify_start",
            "verify_code",
            "preferences",
        )
    ],
]

# Console frames: (caller, frame, conversation, expected). The test adds the conversation's id
# to the frame; ME stands for the caller's user id. Conversations:
#   "someone else's"  assigned to another agent
#   "mine"            assigned to the caller
#   "waiting"         in the queue, unassigned
#   "no such"         an id that does not exist
ME = "<me>"
CONSOLE_FRAMES: list[tuple[str, dict[str, Any], str | None, str]] = [
    (AGENT, {"type": "presence", "status": "away"}, None, NO_ERROR),
    (AGENT, {"type": "presence", "status": "asleep"}, None, "error:invalid_field"),
    # An agent acting on a conversation assigned to another agent: out of their scope, which
    # is answered exactly like an id that does not exist (no existence oracle).
    (AGENT, {"type": "open"}, "someone else's", "error:not_found"),
    (
        AGENT,
        {"type": "reply", "client_id": "r1", "text": "hi"},
        "someone else's",
        "error:not_found",
    ),
    (AGENT, {"type": "note", "client_id": "n1", "text": "hm"}, "someone else's", "error:not_found"),
    (AGENT, {"type": "typing", "is_typing": True}, "someone else's", "error:not_found"),
    (AGENT, {"type": "read", "seq": 1}, "someone else's", "error:not_found"),
    (AGENT, {"type": "accept"}, "someone else's", "error:not_found"),
    (AGENT, {"type": "transfer", "agent_id": ME}, "someone else's", "error:not_found"),
    (AGENT, {"type": "close"}, "someone else's", "error:not_found"),
    (
        AGENT,
        {"type": "reveal", "field": "phone", "reason": "call back"},
        "someone else's",
        "error:not_found",
    ),
    (AGENT, {"type": "open"}, "no such", "error:not_found"),
    # What an agent may do.
    (AGENT, {"type": "open"}, "mine", "transcript"),
    (AGENT, {"type": "open"}, "waiting", "transcript"),
    (AGENT, {"type": "reply", "client_id": "r2", "text": "hi"}, "mine", "ack"),
    (
        AGENT,
        {"type": "send_card", "client_id": "k1", "card": {"type": "product", "sku": "none"}},
        "mine",
        "error:not_found",
    ),
    (
        AGENT,
        {"type": "send_card", "client_id": "k2", "card": {"type": "product", "sku": "x"}},
        "someone else's",
        "error:not_found",
    ),
    (
        AGENT,
        {"type": "reply", "client_id": "r4", "text": "", "attachments": ["not-an-id"]},
        "mine",
        "error:invalid_field",
    ),
    (AGENT, {"type": "accept"}, "waiting", NO_ERROR),
    (AGENT, {"type": "reveal", "field": "phone", "reason": "call back"}, "mine", "revealed"),
    # An agent reveals contact details only for a conversation they hold, not from the queue.
    (
        AGENT,
        {"type": "reveal", "field": "phone", "reason": "call back"},
        "waiting",
        "error:forbidden",
    ),
    # Supervisors may open any conversation (silently) and write notes; only the assigned
    # agent replies to the customer.
    (SUPERVISOR, {"type": "open"}, "someone else's", "transcript"),
    (SUPERVISOR, {"type": "note", "client_id": "n2", "text": "hm"}, "someone else's", "ack"),
    (
        SUPERVISOR,
        {"type": "reply", "client_id": "r3", "text": "hi"},
        "someone else's",
        "error:forbidden",
    ),
    (
        SUPERVISOR,
        {"type": "reveal", "field": "phone", "reason": "call back"},
        "someone else's",
        "revealed",
    ),
    (SUPERVISOR, {"type": "close"}, "someone else's", NO_ERROR),
]


# --- Test infrastructure -------------------------------------------------------------------------


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Any]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield "/" + route.lstrip("^").rstrip("$"), name, entry


def project_routes() -> dict[str, tuple[str | None, URLPattern]]:
    """Every HTTP route outside the Django admin and static/media files: path -> (name, entry)."""
    skipped = ["/admin/"]
    for prefix in (settings.STATIC_URL, getattr(settings, "MEDIA_URL", "")):
        if prefix and prefix.startswith("/") and prefix != "/":
            skipped.append(prefix)
    return {
        path: (name, entry)
        for path, name, entry in _walk(get_resolver())
        if not any(path.startswith(s) for s in skipped)
    }


ROUTES_BY_NAME = {name: (path, entry) for path, (name, entry) in project_routes().items() if name}


def routed(name: str) -> bool:
    if name in ROUTES_BY_NAME:
        return True
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def display(name: str) -> str:
    if name in ROUTES_BY_NAME:
        return ROUTES_BY_NAME[name][0]
    return reverse(name)


def path_params(name: str) -> list[str]:
    if name not in ROUTES_BY_NAME:
        return []
    return list(getattr(ROUTES_BY_NAME[name][1].pattern, "converters", {}))


@pytest.fixture(scope="module", autouse=True)
def cheap_flushes(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Make the flush after each transactional (websocket) test cheap, without changing what
    it leaves behind:

    - DELETE instead of one TRUNCATE of every table: the tables are nearly empty, and TRUNCATE
      also waits for every lock a consumer thread still holds (foreign keys are deferrable,
      so one transaction of DELETEs in any order is fine);
    - ``accounts.permissions.sync_role_permissions`` listens to post_migrate for *every* app
      (about 17 times a flush); once, after the last app, gives the same groups and
      permissions.
    """
    from django.apps import apps
    from django.db import connection
    from django.db.backends.postgresql.operations import DatabaseOperations
    from django.db.models.signals import post_migrate

    from accounts.permissions import sync_role_permissions

    last = [a for a in apps.get_app_configs() if a.models_module is not None][-1]

    def once(sender: Any, **kwargs: Any) -> None:
        if sender is last:
            sync_role_permissions(sender=sender, **kwargs)

    truncate = DatabaseOperations.sql_flush
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal"
        )
        guarded = {row[0] for row in cursor.fetchall()}

    def delete(self: Any, style: Any, tables: Any, **options: Any) -> list[str]:
        if options.get("reset_sequences"):
            return truncate(self, style, tables, **options)
        # Tables guarded by triggers (the append-only audit trail refuses DELETE) are emptied
        # the usual way.
        kept = [t for t in tables if t not in guarded]
        emptied = [t for t in tables if t in guarded]
        return [
            *(f"DELETE FROM {self.quote_name(table)};" for table in kept),
            *truncate(self, style, emptied, **options),
        ]

    uid = "accounts.sync_role_permissions"
    post_migrate.disconnect(dispatch_uid=uid)
    post_migrate.connect(once, dispatch_uid=uid, weak=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", delete)
        yield
    post_migrate.disconnect(dispatch_uid=uid)
    post_migrate.connect(sync_role_permissions, dispatch_uid=uid)
    # Consumer threads are gone, but their database connections linger until collected; the
    # test database cannot be dropped while they are open.
    gc.collect()


def staff_user(role: str, username: str | None = None) -> Any:
    """A staff user holding ``role`` (no password: hashing one costs more than the test)."""
    user = get_user_model().objects.create_user(username or f"matrix-{role}", is_staff=True)
    user.groups.add(Group.objects.get(name=Role(role).value))
    return user


class World:
    """Everything the path parameters and callers refer to: two shops, their API tokens, a
    channel account per kind, an audit event. Made on first use: a row pays for what it uses."""

    @cached_property
    def shop(self) -> Any:
        from tests.factories import make_shop

        return make_shop("Matrix shop", origins=SHOP_ORIGIN)

    @cached_property
    def other_shop(self) -> Any:
        from tests.factories import make_shop

        return make_shop("Other shop", origins="http://other.test")

    def token(self, caller: str) -> tuple[Any, str]:
        """(the shop it acts for, the bearer token) for a token caller."""
        from profiles.models import ApiToken

        shop = self.other_shop if caller == TOKEN_OTHER_SHOP else self.shop
        token, value = ApiToken.issue(shop, caller, TOKEN_SCOPES[caller])
        if caller == REVOKED_TOKEN:
            token.revoked = True
            token.save()
        return shop, value

    def channel_key(self, kind: str) -> str:
        from gateway.models import ChannelAccount

        secrets = {
            "auth_token": "t",
            "token": "t",
            "signing_secret": "s",
            "app_secret": "s",
            "verify_token": "v",
            "webhook_secret": "w",
        }
        return ChannelAccount.objects.create(
            shop=self.shop, kind=kind, name=kind, secrets=json.dumps(secrets)
        ).webhook_key

    @cached_property
    def waiting_conversation(self) -> Any:
        from django.utils import timezone

        from conversations.models import Conversation
        from desk.models import Label

        Label.objects.create(shop=self.shop, name="matrix")
        return Conversation.objects.create(
            shop=self.shop, visitor_token_hash="m" * 64, status="waiting", queued_at=timezone.now()
        )

    @cached_property
    def shared_macro(self) -> Any:
        from desk.models import Macro

        steps = [{"action": "set_priority", "params": {"priority": 3}}]
        return Macro.objects.create(name="matrix", actions=steps)

    def desk_body(self, name: str) -> str:
        body = {
            k: self.waiting_conversation.pk if v == "<conversation>" else v
            for k, v in DESK_BODIES.get(name, {}).items()
        }
        self.waiting_conversation  # noqa: B018 (its label too)
        return json.dumps(body)

    def api_conversation(self, name: str) -> Any:
        """A conversation of this shop with a customer, in the state the endpoint acts on."""
        from conversations.models import Conversation
        from profiles.models import Customer
        from routing.models import Team

        Team.objects.get_or_create(name="Matrix team")
        people = name in ("api_conversation_transfer", "api_conversation_snooze")
        return Conversation.objects.create(
            shop=self.shop,
            customer=Customer.objects.create(shop=self.shop, external_id="matrix-api"),
            visitor_token_hash="a" * 64,
            status="waiting" if people else "bot",
        )

    def attachment_token(self) -> str:
        """A file URL's token, signed for the matrix's agent, of an attachment in the queue's
        conversation (no stored file: the authorization is what the row checks)."""
        from attachments import signing
        from attachments.models import Attachment

        agent = get_user_model().objects.filter(username=f"matrix-{AGENT}").first() or staff_user(
            AGENT
        )
        attachment = Attachment.objects.create(
            shop=self.shop,
            conversation=self.waiting_conversation,
            uploader_kind="customer",
            name="matrix.pdf",
            size=1,
            content_type="application/pdf",
            kind="file",
            file_key="matrix/none",
        )
        return signing.token(attachment.pk, signing.staff_audience(agent.pk))

    def path_value(self, name: str, param: str, caller: str) -> str | int:
        from audit.services import record

        if param == "pk":
            if caller == UNKNOWN_KEY:
                return 999_999_999
            if name.startswith("desk_macro"):
                return self.shared_macro.pk
            if name.startswith("desk_"):
                return self.waiting_conversation.pk
            return record("matrix.test", object_type="shops.shop", object_id=self.shop.pk).pk
        if param == "conversation_id":
            return self.api_conversation(name).pk
        if caller == UNKNOWN_KEY:
            return "no-such-key"
        if param == "site_key":
            return self.shop.site_key
        if param == "run_id":
            return "no-such-run"
        if param == "key":
            return self.channel_key(GATEWAY_KIND[name])
        if param == "token":
            return self.attachment_token()
        raise AssertionError(f"{name}: no fixture fills path parameter {param!r}")


def _http_cases() -> Iterator[Any]:
    for name, method, expectations in HTTP_MATRIX:
        for caller, status in expectations.items():
            marks = []
            if isinstance(status, Bug):
                marks.append(pytest.mark.xfail(strict=True, reason=status.reason))
                status = status.status
            label = f"{method} {display(name) if routed(name) else name} as {caller} -> {status}"
            yield pytest.param(name, method, caller, status, id=label, marks=marks)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "caller", "expected"), list(_http_cases()))
def test_http(name: str, method: str, caller: str, expected: int, monkeypatch) -> None:
    from profiles.models import Customer, Product

    if name == "healthz":  # public by design; its 503 (no celery worker in tests) is no concern
        monkeypatch.setattr("core.views.run_checks", lambda: {"ok": True, "checks": {}})
    world = World()
    client = Client()
    headers: dict[str, str] = {}
    if caller in STAFF:
        client.force_login(staff_user(caller))
    token_shop = None
    if caller in TOKEN_SCOPES:
        token_shop, token = world.token(caller)
        headers["Authorization"] = f"Bearer {token}"
    kwargs = {param: world.path_value(name, param, caller) for param in path_params(name)}
    url = reverse(name, kwargs=kwargs)
    if method == "GET":
        response = client.get(url, headers=headers)
    elif name in CONVERSATION_API_BODIES:
        body = json.dumps(CONVERSATION_API_BODIES[name])
        send = client.put if method == "PUT" else client.post
        response = send(url, body, content_type="application/json", headers=headers)
    elif name in API_BODIES:
        body = json.dumps(API_BODIES[name])
        response = client.post(url, body, content_type="application/json", headers=headers)
    elif name.startswith("desk_"):
        response = client.post(url, world.desk_body(name), content_type="application/json")
    elif name == "attachments:staff_upload":
        response = client.post(url, {"conversation": world.waiting_conversation.pk})
    elif name in ("gateway_email", "gateway_webhook"):
        response = client.post(url, "{}", content_type="application/json", headers=headers)
    else:
        response = client.post(url, POST_DATA.get(name, {}), headers=headers)
    assert response.status_code == expected, (
        f"{method} {url} as {caller}: {response.status_code}, expected {expected}\n"
        f"{response.content[:500]!r}"
    )
    if expected == 302 and caller == ANON and name not in ("logout", "set_language"):
        login = reverse("admin:login") if name.startswith("admin:") else settings.LOGIN_URL
        assert response["Location"].startswith(login), response["Location"]
    if name in ("api_products", "api_customers") and expected == 200:
        # A token writes into its own shop and nowhere else.
        model, field = (Product, "sku") if name == "api_products" else (Customer, "external_id")
        value = API_BODIES[name][0][field]
        assert token_shop is not None
        assert list(model.objects.filter(**{field: value}).values_list("shop", flat=True)) == [
            token_shop.pk
        ]


def test_every_route_has_a_row() -> None:
    covered = {name for name, _method, _expectations in HTTP_MATRIX}
    missing = sorted(
        f"{path} (name={name})"
        for path, (name, _entry) in project_routes().items()
        if name not in covered
    )
    assert not missing, "Routes without a row in HTTP_MATRIX:\n" + "\n".join(missing)


def test_every_row_names_a_route() -> None:
    unknown = sorted({name for name, _m, _e in HTTP_MATRIX if not routed(name)})
    assert not unknown, f"HTTP_MATRIX rows for URL names that do not exist: {unknown}"


def test_every_frame_type_has_a_row() -> None:
    from chatbot.consumers import ConsoleConsumer, CustomerChatConsumer
    from config.websocket_urls import websocket_urlpatterns

    customer = {frame["type"] for _who, frame, _expected in CUSTOMER_FRAMES}
    console = {frame["type"] for _who, frame, _conversation, _expected in CONSOLE_FRAMES}
    missing = [
        *(f"customer {t}" for t in sorted(set(CustomerChatConsumer.handlers) - customer)),
        *(f"console {t}" for t in sorted(set(ConsoleConsumer.handlers) - console)),
    ]
    assert not missing, f"Frame types without a websocket matrix row: {missing}"
    connect_rows = {"/ws/chat/<str:site_key>/"} | {path for path, *_rest in STAFF_CONNECT}
    routes = {"/" + str(p.pattern) for p in websocket_urlpatterns}
    assert routes <= connect_rows, (
        f"Websocket routes without a handshake row: {routes - connect_rows}"
    )


# --- Websockets ----------------------------------------------------------------------------------


def _frame_label(frame: dict[str, Any]) -> str:
    fields = {k: v for k, v in frame.items() if k != "type"}
    return f"{frame['type']} {json.dumps(fields, ensure_ascii=False)}" if fields else frame["type"]


SENTINEL = {"type": "matrix-sentinel"}  # always answered with error "unknown_type"


def _cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def _open(path: str, origin: str | None, cookie: str = "") -> tuple[Any, bool, Any]:
    from config.asgi import application

    # Host: what a browser sends to the platform on its test address.
    headers = [(b"host", b"127.0.0.1")]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=10)
    return communicator, connected, code


async def _closed_with(communicator: WebsocketCommunicator) -> int | None:
    """Consumers that accept then close at once (so browsers see the code)."""
    output = await communicator.receive_output(timeout=5)
    assert output["type"] == "websocket.close", output
    return output.get("code")


async def _expect(communicator: WebsocketCommunicator, expected: str, timeout: float = 10) -> dict:
    """Read frames until the one ``expected`` names; fail on any other error frame."""
    seen: list[dict] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            frame = await communicator.receive_json_from(timeout=max(0.01, deadline - loop.time()))
        except TimeoutError as exc:
            raise AssertionError(f"no {expected!r} frame; saw {seen}") from exc
        seen.append(frame)
        if expected == NO_ERROR:
            if frame.get("type") == "error":
                assert frame["code"] == "unknown_type", f"error instead of nothing: {frame}"
                return frame
        elif expected.startswith("error:"):
            if frame.get("type") == "error":
                assert frame["code"] == expected.removeprefix("error:"), seen
                return frame
        elif frame.get("type") == "error":
            raise AssertionError(f"expected {expected!r}, got an error: {seen}")
        elif frame.get("type") == expected:
            return frame


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("case", "site", "origin", "expected"),
    [
        pytest.param(*row, id=f"WS /ws/chat/<site_key>/ {row[0]} -> {row[3]}")
        for row in CUSTOMER_CONNECT
    ],
)
async def test_customer_handshake(case: str, site: str, origin: str | None, expected: Any) -> None:
    @database_sync_to_async
    def site_key() -> str:
        from tests.factories import make_shop

        if site == "unknown":
            return "no-such-site"
        shop = make_shop(site, origins=SHOP_ORIGIN)
        if site == "disabled shop":
            shop.is_active = False
            shop.save()
        return shop.site_key

    communicator, connected, _code = await _open(f"/ws/chat/{await site_key()}/", origin)
    assert connected  # accepted first, so the browser sees the close code
    if expected == ACCEPTED:
        await communicator.send_json_to({"type": "hello"})
        await _expect(communicator, "welcome")
    else:
        assert await _closed_with(communicator) == expected
    await communicator.disconnect(timeout=0.1 if expected != ACCEPTED else 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("path", "caller", "origin", "expected"),
    [
        pytest.param(*row, id=f"WS {row[0]} as {row[1]} from {row[2]} -> {row[3]}")
        for row in STAFF_CONNECT
    ],
)
async def test_staff_handshake(path: str, caller: str, origin: str, expected: Any) -> None:
    cookie = ""
    if caller != ANON:
        cookie = await database_sync_to_async(lambda: _cookie(staff_user(caller)))()
    communicator, connected, code = await _open(path, origin, cookie)
    if expected == ACCEPTED:
        assert connected, code
    elif expected == REFUSED:
        assert not connected
    else:
        # Accepted, then closed at once with the documented code (a refused handshake would
        # reach the browser as a bare HTTP 403).
        assert connected, code
        closing = await communicator.receive_output(timeout=5)
        assert closing == {"type": "websocket.close", "code": expected}, closing
    await communicator.disconnect(timeout=0.1 if expected != ACCEPTED else 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("caller", "frame", "expected"),
    [
        pytest.param(*row, id=f"WS /ws/heartbeat/ {row[1]['type']} as {row[0]} -> {row[2]}")
        for row in HEARTBEAT_FRAMES
    ],
)
async def test_heartbeat_frames(caller: str, frame: dict, expected: str) -> None:
    cookie = await database_sync_to_async(lambda: _cookie(staff_user(caller)))()
    communicator, connected, code = await _open("/ws/heartbeat/", "http://127.0.0.1", cookie)
    assert connected, code
    await communicator.send_json_to(frame)
    await _expect(communicator, expected)
    await communicator.disconnect()


class ChatWorld:
    """Two shops with visitors and conversations, for the customer socket."""

    def __init__(self) -> None:
        from chatbot.services import token_hash
        from conversations.models import Conversation, ConversationStatus, Message, Sender
        from knowledge.models import AnswerLog
        from profiles.models import Customer
        from tests.factories import make_shop

        self.shop = make_shop("Matrix shop", origins=SHOP_ORIGIN)
        self.other_shop = make_shop("Other shop", origins="http://other.test")

        def conversation(shop: Any, token: str, status: str, customer: Any = None) -> Any:
            convo = Conversation.objects.create(
                shop=shop,
                customer=customer,
                visitor_token_hash=token_hash(token),
                status=status,
                last_seq=0,
            )
            log = AnswerLog.objects.create(
                question="q", answered=True, confidence=0.9, latency_ms=1
            )
            bot_seq = 2 if shop == self.shop else OTHER_VISITORS_BOT_SEQ
            Message.objects.create(
                conversation=convo, seq=1, client_id="c-1", sender=Sender.CUSTOMER, text="secret"
            )
            Message.objects.create(
                conversation=convo,
                seq=bot_seq,
                sender=Sender.BOT,
                text="an answer",
                payload={"answer_log_id": log.pk, "feedback_allowed": True},
            )
            Conversation.objects.filter(pk=convo.pk).update(last_seq=bot_seq)
            return convo

        self.tokens = {
            "visitor": "visitor-token-matrix-000000000001",
            "visitor, closed": "visitor-token-matrix-000000000002",
            "other shop's visitor": "visitor-token-matrix-000000000003",
        }
        self.own = conversation(self.shop, self.tokens["visitor"], ConversationStatus.BOT)
        conversation(self.shop, self.tokens["visitor, closed"], ConversationStatus.CLOSED)
        other_customer = Customer.objects.create(shop=self.other_shop, external_id="c-1")
        conversation(self.other_shop, self.tokens["other shop's visitor"], ConversationStatus.BOT)
        # The other visitor's conversation holds the bot answer at OTHER_VISITORS_BOT_SEQ.
        conversation(self.other_shop, "visitor-token-matrix-000000000004", ConversationStatus.BOT)
        conversation(
            self.other_shop,
            "visitor-token-matrix-000000000005",
            ConversationStatus.BOT,
            customer=other_customer,
        )

    def hello(self, who: str) -> dict[str, Any] | None:
        if who == "before hello":
            return None
        if who in self.tokens:
            return {"type": "hello", "visitor_token": self.tokens[who]}
        if who == "customer signed here":
            return {"type": "hello", "customer_id": "c-1", "signature": self.shop.sign("c-1")}
        if who == "customer signed elsewhere":
            return {"type": "hello", "customer_id": "c-1", "signature": self.other_shop.sign("c-1")}
        if who == "customer, no signature":
            return {"type": "hello", "customer_id": "c-1"}
        assert who == "new visitor", who
        return {"type": "hello"}


@pytest.fixture
def chat_world(transactional_db) -> ChatWorld:
    return ChatWorld()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("who", "frame", "expected"),
    [
        pytest.param(*row, id=f"WS customer {_frame_label(row[1])} ({row[0]}) -> {row[2]}")
        for row in CUSTOMER_FRAMES
    ],
)
async def test_customer_frames(chat_world: ChatWorld, who: str, frame: dict, expected: str) -> None:
    communicator, connected, _code = await _open(
        f"/ws/chat/{chat_world.shop.site_key}/", SHOP_ORIGIN
    )
    assert connected
    hello = chat_world.hello(who)
    if hello is not None and frame["type"] != "hello":
        await communicator.send_json_to(hello)
        await _expect(communicator, "welcome")
    await communicator.send_json_to(hello if frame["type"] == "hello" else frame)
    if expected == NO_ERROR:
        await communicator.send_json_to(SENTINEL)
    if expected in (NEW_SESSION, OWN_HISTORY):
        welcome = await _expect(communicator, "welcome")
        if expected == NEW_SESSION:
            assert welcome["conversation_id"] is None and welcome["messages"] == [], welcome
        else:
            assert welcome["conversation_id"] == chat_world.own.pk, welcome
            assert [m["text"] for m in welcome["messages"]] == ["secret", "an answer"]
    else:
        await _expect(communicator, expected)
    await communicator.disconnect()


class ConsoleWorld:
    """The caller, another agent, and conversations of an identified customer."""

    def __init__(self, role: str) -> None:
        from conversations.models import Conversation, ConversationStatus
        from profiles.models import Customer
        from tests.factories import make_shop

        shop = make_shop("Matrix shop", origins=SHOP_ORIGIN)
        self.user = staff_user(role)
        other_agent = staff_user(AGENT, "matrix-other-agent")
        self.cookie = _cookie(self.user)

        customer = Customer.objects.create(shop=shop, external_id="c-1", phone="+8613800138000")

        def conversation(status: str, agent: Any) -> int:
            return Conversation.objects.create(
                shop=shop,
                customer=customer,
                visitor_token_hash="x",
                status=status,
                assigned_agent=agent,
            ).pk

        self.conversations = {
            "someone else's": conversation(ConversationStatus.ASSIGNED, other_agent),
            "mine": conversation(ConversationStatus.ASSIGNED, self.user),
            "waiting": conversation(ConversationStatus.WAITING, None),
            "no such": 999_999_999,
        }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("caller", "frame", "conversation", "expected"),
    [
        pytest.param(
            *row,
            id=f"WS console {row[1]['type']} as {row[0]}"
            + (f" on {row[2]} conversation" if row[2] else "")
            + f" -> {row[3]}",
        )
        for row in CONSOLE_FRAMES
    ],
)
async def test_console_frames(
    caller: str, frame: dict, conversation: str | None, expected: str
) -> None:
    world = await database_sync_to_async(ConsoleWorld)(caller)
    communicator, connected, code = await _open("/ws/console/", "http://127.0.0.1", world.cookie)
    assert connected, code
    await _expect(communicator, "snapshot")
    sent = {k: world.user.pk if v == ME else v for k, v in frame.items()}
    if conversation is not None:
        sent["conversation_id"] = world.conversations[conversation]
    await communicator.send_json_to(sent)
    if expected == NO_ERROR:
        await communicator.send_json_to(SENTINEL)
    await _expect(communicator, expected)
    await communicator.disconnect()
