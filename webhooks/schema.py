"""The event payloads as OpenAPI components (``/api/schema/``, section *webhooks*): one
envelope per event type. ``webhooks.events`` builds exactly these shapes; a test checks every
delivered payload against them."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, OpenApiWebhook, extend_schema
from rest_framework import serializers

from webhooks.models import EventType

SIGNING = """
Every delivery is a `POST` with `Content-Type: application/json` and these headers:

- `X-Timestamp`: Unix seconds when it was signed;
- `X-Signature`: `sha256=` + hex(HMAC-SHA256(secret, `<X-Timestamp>` + `.` + raw body));
- `X-Webhook-Id` (the event's id: the same on every retry, deduplicate by it),
  `X-Webhook-Event` (its type), `X-Webhook-Subscription` (the subscription's id).

Check the signature over the raw body before parsing it, compare in constant time, and refuse
timestamps more than 5 minutes old. Answer 2xx within 10 s; anything else (or a redirect) is
retried with exponential back-off, then kept as a dead letter that an operator can send again.
An endpoint failing many times in a row is disabled and the shop's administrators are e-mailed.

Contact details (name, phone, e-mail) are sent only to subscriptions granted that scope in the
admin, under `data.contact`; message texts are sent as the customer wrote them.

```python
import hashlib, hmac, time

def verify(secret: str, headers, body: bytes) -> bool:
    ts = headers["X-Timestamp"]
    mac = hmac.new(secret.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return abs(time.time() - int(ts)) < 300 and hmac.compare_digest(
        headers["X-Signature"], "sha256=" + mac
    )
```
"""


class Person(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class TeamRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CustomerRef(serializers.Serializer):
    id = serializers.IntegerField()
    external_id = serializers.CharField(help_text="The shop's own id for the customer, or ''.")


class ErasedCustomerRef(serializers.Serializer):
    id = serializers.IntegerField(help_text="Only the id: the record is gone.")


class ContactData(serializers.Serializer):
    customer_id = serializers.IntegerField()
    display_name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class ConversationData(serializers.Serializer):
    id = serializers.IntegerField()
    channel = serializers.CharField(help_text="web, sms, voice, wechat, email, webhook, …")
    status = serializers.ChoiceField(choices=["bot", "waiting", "assigned", "closed"])
    language = serializers.CharField()
    priority = serializers.IntegerField()
    assigned_agent = Person(allow_null=True)
    team = TeamRef(allow_null=True)
    customer = CustomerRef(allow_null=True, help_text="null for an anonymous visitor.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class MessageData(serializers.Serializer):
    id = serializers.IntegerField()
    seq = serializers.IntegerField(help_text="Its number within the conversation, from 1.")
    sender = serializers.ChoiceField(choices=["customer", "bot", "agent", "system"])
    text = serializers.CharField(help_text="Plain text (a bot answer's HTML is in html).")
    html = serializers.CharField(required=False, help_text="Bot answers only: the safe HTML.")
    created_at = serializers.DateTimeField()
    agent = Person(allow_null=True)


class ShopRef(serializers.Serializer):
    id = serializers.IntegerField()
    site_key = serializers.CharField()


def _envelope(event_type: str, data: type[serializers.Serializer]) -> type:
    name = "".join(part.title() for part in event_type.replace(".", "_").split("_")) + "Event"
    return type(
        name,
        (serializers.Serializer,),
        {
            "version": serializers.IntegerField(help_text="Payload version: 1."),
            "id": serializers.CharField(help_text="evt_…: the same on every retry."),
            "type": serializers.ChoiceField(choices=[event_type]),
            "created_at": serializers.DateTimeField(),
            "shop": ShopRef(),
            "data": data(),
        },
    )


def _data(name: str, fields: dict) -> type:
    return type(
        name,
        (serializers.Serializer,),
        {**fields, "contact": ContactData(required=False, help_text="With the contacts scope.")},
    )


DATA = {
    EventType.MESSAGE_CREATED: _data(
        "MessageCreatedData", {"conversation": ConversationData(), "message": MessageData()}
    ),
    EventType.CONVERSATION_CREATED: _data(
        "ConversationCreatedData", {"conversation": ConversationData()}
    ),
    EventType.CONVERSATION_STATUS_CHANGED: _data(
        "ConversationStatusChangedData",
        {
            "conversation": ConversationData(),
            "old_status": serializers.CharField(),
            "new_status": serializers.CharField(),
        },
    ),
    EventType.CONVERSATION_ASSIGNED: _data(
        "ConversationAssignedData",
        {
            "conversation": ConversationData(),
            "agent": Person(allow_null=True),
            "previous_agent": Person(allow_null=True),
            "kind": serializers.CharField(help_text="auto, manual, transfer, …"),
        },
    ),
    EventType.CSAT_SUBMITTED: _data(
        "CsatSubmittedData",
        {"conversation": ConversationData(), "score": serializers.IntegerField()},
    ),
    EventType.LABEL_ADDED: _data(
        "LabelAddedData",
        {
            "label": TeamRef(help_text="The label's id and name."),
            "by": Person(allow_null=True, help_text="null when a rule or the API added it."),
            "conversation": ConversationData(allow_null=True),
            "customer": CustomerRef(allow_null=True),
        },
    ),
    EventType.CUSTOMER_MERGED: _data(
        "CustomerMergedData",
        {
            "customer": CustomerRef(help_text="The record that remains."),
            "merged_customer_id": serializers.IntegerField(help_text="Gone: merged into it."),
            "reason": serializers.CharField(help_text="What proved they are one person."),
        },
    ),
    EventType.CUSTOMER_ERASED: _data(
        "CustomerErasedData",
        {"customer": ErasedCustomerRef()},
    ),
}
ENVELOPES = {event_type: _envelope(event_type, data) for event_type, data in DATA.items()}

EXAMPLE = {
    "version": 1,
    "id": "evt_5f0c6e1d2b8a4c3e9f7a6b5c4d3e2f1a",
    "type": "message.created",
    "created_at": "2026-12-01T10:15:00.123456+08:00",
    "shop": {"id": 1, "site_key": "demo-shop"},
    "data": {
        "conversation": {
            "id": 42,
            "channel": "web",
            "status": "bot",
            "language": "zh-hans",
            "priority": 0,
            "assigned_agent": None,
            "team": None,
            "customer": {"id": 7, "external_id": "c-1001"},
            "created_at": "2026-12-01T10:14:31+08:00",
            "updated_at": "2026-12-01T10:15:00+08:00",
        },
        "message": {
            "id": 981,
            "seq": 3,
            "sender": "customer",
            "text": "我的订单到哪了",
            "created_at": "2026-12-01T10:15:00+08:00",
            "agent": None,
        },
    },
}

WEBHOOKS = [
    OpenApiWebhook(
        name=str(event_type),
        decorator=extend_schema(
            summary=f"Event {event_type}: {EventType(event_type).label}",
            description=SIGNING,
            request=ENVELOPES[event_type],
            responses={200: OpenApiResponse(description="Received (any 2xx).")},
            examples=(
                [OpenApiExample("A customer asks", value=EXAMPLE, request_only=True)]
                if event_type == EventType.MESSAGE_CREATED
                else []
            ),
        ),
    )
    for event_type in EventType.values
]
