"""Descriptions and examples for ``/api/docs/``: every endpoint with a curl and a Python
example (the ``requests`` library)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from api.serializers import Problem

HOST = "https://YOUR-PLATFORM-HOST"

INTRO = f"""
Everything a shop's back end does with the platform, authenticated with
`Authorization: Bearer <token>` (a token per shop, made in the admin under *API tokens* and
shown once). A token acts on its own shop only and holds **scopes**:

| scope | allows |
| --- | --- |
| `catalogue:write` | the bulk upserts of products, customers, orders and views |
| `conversations:read` | listing conversations, transcripts, the (masked) customer profile |
| `conversations:write` | messages, notes, assign, transfer, hand-off, close, snooze, labels |
| `contacts:read` | the customer's name, phone and e-mail unmasked (each read is audited) |

A missing scope is `403` naming it; too many requests for one token is `429` (with
`Retry-After`). Errors are JSON `{{"code", "detail"}}` (field errors: `{{"field": ["…"]}}`).
Every change is recorded in the audit trail with the token as the actor.

**Event webhooks** (the *webhooks* section of this schema) push what happens to the shop's
URLs, signed like the inbound generic webhook. **External bot**: with the shop's bot set to
*External bot (webhook)* in the admin (*Shop bot settings*), the built-in bot stays quiet;
each customer message arrives as `message.created` and the shop's bot answers with
`POST /api/v1/conversations/{{id}}/messages/` and `"sender": "bot"`, or hands over with
`POST …/handoff/`.

```sh
curl -H "Authorization: Bearer $TOKEN" "{HOST}/api/v1/conversations/?status=waiting"
```
```python
import requests
api = requests.Session()
api.headers["Authorization"] = f"Bearer {{TOKEN}}"
page = api.get("{HOST}/api/v1/conversations/", params={{"status": "waiting"}}).json()
```
"""


def _code(curl: str, python: str) -> str:
    return f"\n\n```sh\n{curl.strip()}\n```\n```python\n{python.strip()}\n```\n"


LIST = "Newest activity first, 25 a page (`page`, `page_size` up to 100). Filters combine." + _code(
    f'curl -H "Authorization: Bearer $TOKEN" '
    f'"{HOST}/api/v1/conversations/?label=refund&updated_since=2026-12-01T00:00:00%2B08:00"',
    f"""
r = api.get("{HOST}/api/v1/conversations/",
            params={{"label": "refund", "updated_since": "2026-12-01T00:00:00+08:00"}})
for conversation in r.json()["results"]:
    print(conversation["id"], conversation["status"], conversation["labels"])
""",
)

POST_MESSAGE = (
    '`"sender": "bot"` is an external bot\'s answer: accepted while the conversation is with '
    'the bot (else 409 `not_with_the_bot`). `"sender": "agent"` speaks in the name of the '
    "agent who holds the conversation (else 409 `not_assigned`). The customer sees the message "
    "at once (web widget) or gets it on their channel (SMS, WeChat, e-mail…). Send a "
    "`client_id` to make retries safe."
    + _code(
        f"""
curl -X POST "{HOST}/api/v1/conversations/42/messages/" \\
     -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
     -d '{{"sender": "bot", "text": "您的订单已发货，单号 SF123", "client_id": "evt-5f0c-answer"}}'
""",
        f"""
r = api.post("{HOST}/api/v1/conversations/42/messages/",
             json={{"sender": "bot", "text": "Your order has shipped: SF123",
                   "client_id": "evt-5f0c-answer"}})
r.raise_for_status()
""",
    )
)

ASSIGN = (
    "`agent` (user id or username) and/or `team` (id or name). A conversation still with the "
    "bot is handed over to people first."
    + _code(
        f"""
curl -X POST "{HOST}/api/v1/conversations/42/assign/" \\
     -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
     -d '{{"team": "Returns"}}'
""",
        f'api.post("{HOST}/api/v1/conversations/42/assign/", json={{"agent": "agent1"}})',
    )
)

CUSTOMER = (
    "The profile an agent sees beside the conversation: segments, orders, past conversations. "
    "Name, phone and e-mail are masked unless the token holds `contacts:read` (then each read "
    "is recorded in the audit trail)."
    + _code(
        f'curl -H "Authorization: Bearer $TOKEN" "{HOST}/api/v1/conversations/42/customer/"',
        f'profile = api.get("{HOST}/api/v1/conversations/42/customer/").json()',
    )
)

ERRORS = {
    400: OpenApiResponse(Problem, description="A value the API does not understand."),
    401: OpenApiResponse(description="Missing, unknown or revoked token."),
    403: OpenApiResponse(description="The token lacks the scope this needs."),
    404: OpenApiResponse(Problem, description="No such conversation in the token's shop."),
    429: OpenApiResponse(description="Too many requests for this token; see Retry-After."),
}

CONVERSATION = {
    "id": 42,
    "channel": "web",
    "status": "assigned",
    "language": "zh-hans",
    "priority": 10,
    "assigned_agent": {"id": 5, "username": "agent1"},
    "team": {"id": 2, "name": "Returns"},
    "customer": {"id": 7, "external_id": "c-1001"},
    "created_at": "2026-12-01T10:14:31+08:00",
    "updated_at": "2026-12-01T10:20:02+08:00",
    "labels": ["refund"],
    "snoozed": False,
    "snoozed_until": None,
    "mood": -0.31,
    "csat_score": None,
}
MESSAGE = {
    "id": 981,
    "seq": 3,
    "sender": "customer",
    "text": "我要退款",
    "created_at": "2026-12-01T10:15:00+08:00",
    "agent": None,
    "private": False,
}

_EXAMPLES: dict[str, list[tuple[str, Any, bool]]] = {
    "list": [
        (
            "A page",
            {"count": 1, "next": None, "previous": None, "results": [CONVERSATION]},
            False,
        )
    ],
    "detail": [("A conversation", CONVERSATION, False)],
    "transcript": [
        (
            "Transcript",
            {"conversation": CONVERSATION, "messages": [MESSAGE], "has_more": False},
            False,
        )
    ],
    "post_message": [
        (
            "External bot answers",
            {"sender": "bot", "text": "您的订单已发货", "client_id": "a-1"},
            True,
        ),
        ("In the agent's name", {"sender": "agent", "text": "已为您登记退款"}, True),
        (
            "Stored",
            {
                "message": {**MESSAGE, "seq": 4, "sender": "bot", "text": "您的订单已发货"},
                "duplicate": False,
            },
            False,
        ),
    ],
    "note": [("A note", {"text": "Customer called as well; refund approved by finance."}, True)],
    "assign": [
        ("To a team", {"team": "Returns"}, True),
        ("To an agent", {"agent": "agent1"}, True),
        (
            "Done",
            {"conversation": CONVERSATION, "result": {"agent": "agent1", "changed": True}},
            False,
        ),
    ],
    "action": [
        ("Done", {"conversation": CONVERSATION, "result": {"changed": True}}, False),
    ],
    "snooze": [
        ("Two hours", {"minutes": 120}, True),
        ("Until a reply", {"until_reply": True}, True),
        ("Until Monday", {"until": "2026-12-07T09:00:00+08:00"}, True),
    ],
    "labels": [
        ("Set", {"labels": ["refund", "vip"]}, True),
        ("Now", {"labels": ["refund", "vip"]}, False),
    ],
    "customer": [
        (
            "Masked (no contacts:read)",
            {
                "customer_id": 7,
                "external_id": "c-1001",
                "display_name": "张**",
                "contact": {"phone": "+86 138****8000", "email": "z***@example.com"},
                "contact_masked": True,
                "segments": ["vip"],
                "is_vip": True,
                "orders": [],
                "orders_total": 3,
                "past_conversations": [],
            },
            False,
        )
    ],
}


def examples(name: str) -> list[OpenApiExample]:
    return [
        OpenApiExample(title, value=value, request_only=request, response_only=not request)
        for title, value, request in _EXAMPLES[name]
    ]
