"""The conversation API as a shop's back end uses it: filters, transcripts, messages, notes,
assignment, closing, snoozing, labels, the customer profile; each change audited with the
token as the actor."""

import datetime as dt

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from conversations.models import Conversation, ConversationStatus, Message, Sender
from desk.models import ConversationLabel, Snooze
from tests.api.conftest import CONTACTS, READ, WRITE, make_conversation

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [c["id"] for c in response.json()["results"]]


def test_list_filters_like_the_console(api, shop, other_shop, agent, team, labels, customer):
    mine = make_conversation(shop, agent=agent, team=team, customer=customer)
    waiting = make_conversation(shop)
    with_bot = make_conversation(shop, status=ConversationStatus.BOT)
    Conversation.objects.filter(pk=with_bot.pk).update(channel="wechat")
    ConversationLabel.objects.create(conversation=waiting, label=labels["refund"])
    make_conversation(other_shop)  # never listed: another shop's

    assert sorted(ids(api.get("conversations/"))) == sorted([mine.pk, waiting.pk, with_bot.pk])
    assert ids(api.get("conversations/", status="waiting")) == [waiting.pk]
    assert ids(api.get("conversations/", channel="wechat")) == [with_bot.pk]
    assert ids(api.get("conversations/", assigned_agent=agent.pk)) == [mine.pk]
    assert ids(api.get("conversations/", team=team.pk)) == [mine.pk]
    assert ids(api.get("conversations/", label="refund")) == [waiting.pk]
    assert ids(api.get("conversations/", label="nosuch")) == []

    long_ago = timezone.now() - dt.timedelta(days=3)
    Conversation.objects.filter(pk=mine.pk).update(created_at=long_ago, updated_at=long_ago)
    since = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    assert mine.pk not in ids(api.get("conversations/", updated_since=since))
    yesterday = (timezone.now() - dt.timedelta(days=1)).date().isoformat()
    assert ids(api.get("conversations/", created_before=yesterday)) == [mine.pk]
    assert mine.pk not in ids(api.get("conversations/", created_after=yesterday))

    listed = api.get("conversations/", status="waiting").json()["results"][0]
    assert listed["labels"] == ["refund"]
    assert listed["customer"] is None and listed["snoozed"] is False


def test_list_pages(api, shop):
    for _ in range(3):
        make_conversation(shop)
    first = api.get("conversations/", page_size=2).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    second = api.client.get(first["next"], headers=api.headers).json()
    assert len(second["results"]) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "open"}, "status"),
        ({"team": "returns"}, "team"),
        ({"assigned_agent": "-1"}, "assigned_agent"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"created_after": "2026-13-45"}, "created_after"),
        ({"mood": "angry"}, "mood"),
        ({"snoozed": "maybe"}, "snoozed"),
    ],
)
def test_a_filter_it_does_not_understand_is_a_clear_400(api, shop, params, field):
    make_conversation(shop)
    response = api.get("conversations/", **params)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_field"
    assert field in response.json()["detail"]


def test_a_page_past_the_end_is_404(api, shop):
    make_conversation(shop)
    response = api.get("conversations/", page=9)
    assert response.status_code == 404 and "Invalid page" in response.json()["detail"]


def test_tokens_from_before_scopes_keep_writing_the_catalogue(shop, api_for):
    import importlib

    from django.apps import apps

    from profiles.models import ApiToken

    migration = importlib.import_module("profiles.migrations.0011_apitoken_scopes")
    old = api_for(shop, "conversations:read")
    ApiToken.objects.filter(pk=old.token.pk).update(scopes=[])
    migration.grant_catalogue_write(apps, None)
    response = old.client.post(
        "/api/v1/products/bulk/",
        [{"sku": "OLD-1", "name": "Old lamp", "price": "1.00"}],
        content_type="application/json",
        headers=old.headers,
    )
    assert response.status_code == 200, response.content
    assert ApiToken.objects.get(pk=old.token.pk).scopes == ["catalogue:write"]


def test_transcript_with_private_notes_marked(api, shop, agent, team):
    conversation = make_conversation(shop, agent=agent, team=team, text="我要退款")
    api.post(f"conversations/{conversation.pk}/notes/", {"text": "VIP, approve"})
    body = api.get(f"conversations/{conversation.pk}/messages/").json()
    assert [(m["sender"], m["text"], m["private"]) for m in body["messages"]] == [
        ("customer", "我要退款", False),
        ("system", "VIP, approve", True),
    ]
    later = api.get(f"conversations/{conversation.pk}/messages/", after_seq=1).json()
    assert [m["seq"] for m in later["messages"]] == [2]
    assert api.get(f"conversations/{conversation.pk}/messages/", after_seq="x").status_code == 400


def test_another_shops_conversation_looks_missing(api_for, shop, other_shop):
    theirs = make_conversation(other_shop)
    api = api_for(shop, READ, WRITE)
    for response in (
        api.get(f"conversations/{theirs.pk}/"),
        api.get(f"conversations/{theirs.pk}/messages/"),
        api.post(f"conversations/{theirs.pk}/notes/", {"text": "hi"}),
        api.post(f"conversations/{theirs.pk}/close/"),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert not Message.objects.filter(conversation=theirs, is_private=True).exists()


def test_agent_message_in_the_assigned_agents_name_and_audited(api, shop, agent, team):
    conversation = make_conversation(shop, agent=agent, team=team)
    response = api.post(
        f"conversations/{conversation.pk}/messages/",
        {"sender": "agent", "text": "已为您登记退款", "client_id": "crm-1"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["message"]["agent"] == {"id": agent.pk, "username": "mei"}
    message = Message.objects.get(conversation=conversation, sender=Sender.AGENT)
    assert message.agent == agent and message.text == "已为您登记退款"
    conversation.refresh_from_db()
    assert conversation.first_agent_reply_at is not None
    event = AuditEvent.objects.get(action="api.message_posted")
    assert event.actor_id is None
    assert event.actor_repr == f"api token {api.token.prefix}… (integration)"

    again = api.post(
        f"conversations/{conversation.pk}/messages/",
        {"sender": "agent", "text": "已为您登记退款", "client_id": "crm-1"},
    )
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert Message.objects.filter(conversation=conversation, sender=Sender.AGENT).count() == 1


def test_agent_message_needs_an_assigned_conversation(api, shop):
    waiting = make_conversation(shop)
    response = api.post(f"conversations/{waiting.pk}/messages/", {"sender": "agent", "text": "hi"})
    assert response.status_code == 409 and response.json()["code"] == "not_assigned"


def test_bot_message_only_while_with_the_bot(api, shop, agent, team):
    with_bot = make_conversation(shop, status=ConversationStatus.BOT)
    response = api.post(f"conversations/{with_bot.pk}/messages/", {"sender": "bot", "text": "您好"})
    assert response.status_code == 201
    assert Message.objects.filter(conversation=with_bot, sender=Sender.BOT).count() == 1
    taken = make_conversation(shop, agent=agent, team=team)
    response = api.post(f"conversations/{taken.pk}/messages/", {"sender": "bot", "text": "hi"})
    assert response.status_code == 409 and response.json()["code"] == "not_with_the_bot"
    assert not Message.objects.filter(conversation=taken, sender=Sender.BOT).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"text": "hi"},
        {"sender": "customer", "text": "hi"},
        {"sender": "bot", "text": ""},
        {"sender": "bot", "text": "x" * 2001},
        {"sender": "bot", "text": "hi", "client_id": "has spaces"},
        {"sender": "bot", "text": "hi", "client_id": "x" * 33},
        ["not", "an", "object"],
    ],
)
def test_bad_message_bodies_are_400_and_store_nothing(api, shop, body):
    conversation = make_conversation(shop, status=ConversationStatus.BOT)
    response = api.post(f"conversations/{conversation.pk}/messages/", body)
    assert response.status_code == 400, response.content
    assert conversation.messages.count() == 1


def test_assign_transfer_close_snooze(api, shop, agent, colleague, team):
    with_bot = make_conversation(shop, status=ConversationStatus.BOT)
    response = api.post(f"conversations/{with_bot.pk}/assign/", {"agent": str(agent.pk)})
    assert response.status_code == 200, response.content
    assert response.json()["conversation"]["assigned_agent"]["id"] == agent.pk
    with_bot.refresh_from_db()
    assert (with_bot.status, with_bot.assigned_agent) == (ConversationStatus.ASSIGNED, agent)

    response = api.post(f"conversations/{with_bot.pk}/transfer/", {"agent": "tao"})
    assert response.status_code == 200, response.content
    with_bot.refresh_from_db()
    assert with_bot.assigned_agent == colleague

    response = api.post(f"conversations/{with_bot.pk}/snooze/", {"minutes": 60})
    assert response.status_code == 200, response.content
    assert response.json()["conversation"]["snoozed"] is True
    assert Snooze.objects.filter(conversation=with_bot, woken_at__isnull=True).exists()

    response = api.post(f"conversations/{with_bot.pk}/close/")
    assert response.status_code == 200
    with_bot.refresh_from_db()
    assert with_bot.status == ConversationStatus.CLOSED
    again = api.post(f"conversations/{with_bot.pk}/close/")
    assert again.json()["result"] == {"changed": False}
    assert api.post(f"conversations/{with_bot.pk}/transfer/", {"agent": "mei"}).status_code == 409
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"api.conversation_assigned", "api.conversation_snoozed"} <= actions
    assert "api.conversation_closed" in actions


def test_a_refused_assignment_changes_nothing(api, shop):
    with_bot = make_conversation(shop, status=ConversationStatus.BOT)
    response = api.post(f"conversations/{with_bot.pk}/assign/", {"agent": "nobody"})
    assert response.status_code == 400
    with_bot.refresh_from_db()
    assert with_bot.status == ConversationStatus.BOT  # not handed over half-way
    assert not with_bot.messages.filter(sender=Sender.SYSTEM).exists()


def test_assign_refusals(api, shop):
    waiting = make_conversation(shop)
    assert api.post(f"conversations/{waiting.pk}/assign/", {}).status_code == 400
    response = api.post(f"conversations/{waiting.pk}/assign/", {"agent": "nobody"})
    assert response.status_code == 400 and "agent" in response.json()["detail"]
    response = api.post(f"conversations/{waiting.pk}/assign/", {"team": "Nope"})
    assert response.status_code == 404
    assert api.post(f"conversations/{waiting.pk}/snooze/", {}).status_code == 400
    response = api.post(f"conversations/{waiting.pk}/snooze/", {"minutes": 0})
    assert response.status_code == 400


def test_handoff_from_an_external_bot(api, shop):
    with_bot = make_conversation(shop, status=ConversationStatus.BOT)
    response = api.post(f"conversations/{with_bot.pk}/handoff/")
    assert response.status_code == 200
    with_bot.refresh_from_db()
    assert with_bot.status == ConversationStatus.WAITING
    assert with_bot.handoff_reason == "external_bot"
    assert api.post(f"conversations/{with_bot.pk}/handoff/").status_code == 409


def test_set_labels(api, shop, labels):
    conversation = make_conversation(shop)
    url = f"conversations/{conversation.pk}/labels/"
    assert api.put(url, {"labels": ["refund", "vip"]}).json() == {"labels": ["refund", "vip"]}
    assert api.put(url, {"labels": ["vip", "late"]}).json() == {"labels": ["late", "vip"]}
    names = ConversationLabel.objects.filter(conversation=conversation).values_list(
        "label__name", flat=True
    )
    assert sorted(names) == ["late", "vip"]
    response = api.put(url, {"labels": ["vip", "made-up"]})
    assert response.status_code == 400 and "made-up" in response.json()["detail"]
    assert sorted(
        ConversationLabel.objects.filter(conversation=conversation).values_list(
            "label__name", flat=True
        )
    ) == ["late", "vip"]
    assert api.put(url, {"labels": "vip"}).status_code == 400
    assert AuditEvent.objects.filter(action="api.labels_set").count() == 2


def test_customer_profile_is_masked_without_contacts_scope(api_for, shop, agent, team, customer):
    conversation = make_conversation(shop, agent=agent, team=team, customer=customer)
    masked = api_for(shop, READ).get(f"conversations/{conversation.pk}/customer/").json()
    assert masked["contact"] == {"phone": "+86 138****8000", "email": "z***@example.com"}
    assert masked["display_name"] == "张**" and masked["contact_masked"] is True
    assert not AuditEvent.objects.filter(action="api.contacts_read").exists()

    full = api_for(shop, READ, CONTACTS).get(f"conversations/{conversation.pk}/customer/").json()
    assert full["contact"] == {"phone": "+86 138-0013-8000", "email": "zhang@example.com"}
    assert full["display_name"] == "张伟" and full["contact_masked"] is False
    read = AuditEvent.objects.get(action="api.contacts_read")
    assert read.object_id == str(customer.pk) and read.actor_repr.startswith("api token ")

    anonymous = make_conversation(shop)
    response = api_for(shop, READ).get(f"conversations/{anonymous.pk}/customer/")
    assert response.status_code == 404 and response.json()["code"] == "no_customer"


def test_scopes_are_enforced_with_a_message_naming_the_scope(api_for, shop):
    conversation = make_conversation(shop)
    reader = api_for(shop, READ)
    response = reader.post(f"conversations/{conversation.pk}/notes/", {"text": "hi"})
    assert response.status_code == 403
    assert "conversations:write" in response.json()["detail"]
    catalogue = api_for(shop, "catalogue:write")
    assert catalogue.get("conversations/").status_code == 403
    writer = api_for(shop, WRITE)
    response = writer.client.post(
        "/api/v1/products/bulk/",
        [{"sku": "X", "name": "x", "price": "1.00"}],
        content_type="application/json",
        headers=writer.headers,
    )
    assert response.status_code == 403 and "catalogue:write" in response.json()["detail"]


def test_each_token_is_rate_limited(api_for, shop, settings):
    settings.API_TOKEN_RATE = "3/min"
    api = api_for(shop, READ)
    other = api_for(shop, READ)
    assert [api.get("conversations/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert api.get("conversations/").has_header("Retry-After")
    assert other.get("conversations/").status_code == 200  # counted per token
