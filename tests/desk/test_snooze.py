"""Snooze: a conversation leaves the active list until its time (the Celery beat task wakes
it) or until the customer writes; the wake-up is a line in the transcript and a frame on the
agent's console."""

import asyncio
import datetime as dt
import json

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from chatbot import services
from conversations.models import Conversation, Message, Sender
from desk.models import Snooze
from desk.services.snooze import snooze
from desk.tasks import wake_snoozed
from tests.chatbot.conftest import customer as customer_socket
from tests.chatbot.conftest import staff, until

pytestmark = pytest.mark.django_db(transaction=True)


def listed(client, view="mine"):
    response = client.get("/desk/conversations/", {"view": view})
    assert response.status_code == 200, response.content
    return response.json()


def snooze_by_hand(client, conversation, **params):
    return client.post(
        f"/desk/conversations/{conversation.pk}/actions/",
        json.dumps({"action": "snooze", "params": params}),
        content_type="application/json",
    )


def test_a_snoozed_conversation_leaves_the_list_and_the_beat_task_brings_it_back(agent, mine):
    client = Client()
    client.force_login(agent)
    assert [c["id"] for c in listed(client)["conversations"]] == [mine.pk]

    later = (timezone.now() + dt.timedelta(hours=2)).isoformat()
    assert snooze_by_hand(client, mine, until=later).status_code == 200
    mine_view = listed(client)
    assert mine_view["conversations"] == []
    assert mine_view["counts"]["mine"] == 0 and mine_view["counts"]["snoozed"] == 1
    snoozed = listed(client, "snoozed")["conversations"]
    assert [c["id"] for c in snoozed] == [mine.pk]
    assert snoozed[0]["snoozed"]["until"] is not None

    # Not due yet: the task leaves it asleep.
    assert wake_snoozed() == 0
    # Its time has come (set in the past, as if two hours went by).
    Snooze.objects.update(until=timezone.now() - dt.timedelta(seconds=1))
    assert wake_snoozed() == 1
    assert wake_snoozed() == 0  # once
    item = Snooze.objects.get()
    assert item.woken_at is not None and item.wake_reason == "time"
    assert [c["id"] for c in listed(client)["conversations"]] == [mine.pk]
    lines = [
        (m.text, m.payload.get("desk"))
        for m in Message.objects.filter(conversation=mine, sender=Sender.SYSTEM, is_private=True)
    ]
    assert lines[-1] == ("Snooze ended: the time came", "snooze_woken")
    assert lines[-2][1] == "snoozed"
    assert AuditEvent.objects.filter(action="desk.snooze_woken").count() == 1


def test_snoozes_that_make_no_sense_are_refused(agent, mine):
    client = Client()
    client.force_login(agent)
    past = (timezone.now() - dt.timedelta(minutes=5)).isoformat()
    for params in (
        {"until": past},
        {"until": "tomorrow"},
        {"minutes": 0},
        {"minutes": 10**7},
        {},
        {"until_reply": "yes"},
    ):
        response = snooze_by_hand(client, mine, **params)
        assert response.status_code == 400, (params, response.content)
        assert response.json()["message"]
    assert not Snooze.objects.exists()


def test_unsnooze_by_hand(agent, mine):
    snooze(mine, agent, until=None, until_reply=True)
    client = Client()
    client.force_login(agent)
    assert client.post(f"/desk/conversations/{mine.pk}/unsnooze/").json() == {"woken": True}
    assert client.post(f"/desk/conversations/{mine.pk}/unsnooze/").status_code == 404


async def test_the_customer_writing_wakes_an_until_reply_snooze_at_once(
    shop, trained, agent, client
):
    cust, _ = await customer_socket(shop)
    await cust.send_json_to({"type": "message", "client_id": "c-1", "text": "包邮吗？"})
    await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "bot")
    await cust.send_json_to({"type": "handoff"})
    await until(cust, lambda f: f.get("type") == "status" and f.get("status") in ("assigned",))
    conversation = await sync_to_async(Conversation.objects.get)()
    assert conversation.assigned_agent_id == agent.pk

    console, connected, _ = await staff(client, agent)
    assert connected
    await until(console, lambda f: f.get("type") == "snapshot")
    await sync_to_async(snooze)(conversation, agent, until=None, until_reply=True)
    snoozed = await until(console, lambda f: f.get("type") == "snoozed")
    assert snoozed["conversation_id"] == conversation.pk and snoozed["until_reply"] is True

    await cust.send_json_to({"type": "message", "client_id": "c-2", "text": "还在吗？"})
    woken = await until(console, lambda f: f.get("type") == "woken")
    assert woken == {"type": "woken", "conversation_id": conversation.pk, "reason": "reply"}
    # Its summary follows, so the list shows it again.
    await until(console, lambda f: f.get("type") == "conversation" and f["id"] == conversation.pk)

    @sync_to_async
    def state():
        item = Snooze.objects.get()
        line = (
            Message.objects.filter(conversation=conversation, is_private=True)
            .order_by("-seq")
            .first()
        )
        return item.wake_reason, line.text

    assert await state() == ("reply", "Snooze ended: the customer replied")
    await cust.disconnect()
    await console.disconnect()
    await asyncio.sleep(0)


def test_a_customer_message_wakes_a_timed_snooze_too(agent, mine):
    snooze(mine, agent, until=timezone.now() + dt.timedelta(days=1), until_reply=False)
    services.append_message(mine, Sender.CUSTOMER, "any news?")
    assert Snooze.objects.get().wake_reason == "reply"


def test_a_reply_the_message_path_missed_is_caught_by_the_beat_task(agent, mine):
    """The message path reads the set of snoozed conversations (Redis, copied in memory); if
    it lost this one (a Redis restart), the customer's reply still wakes the snooze on the
    next beat."""
    from desk.services.snooze import snoozed_ids_memo

    snooze(mine, agent, until=None, until_reply=True)
    assert snoozed_ids_memo.contains(mine.pk)
    snoozed_ids_memo.client.srem(snoozed_ids_memo.key, mine.pk)
    snoozed_ids_memo.ids.discard(mine.pk)
    services.append_message(mine, Sender.CUSTOMER, "hello again")
    assert Snooze.objects.get().woken_at is None
    assert wake_snoozed() == 1
    assert Snooze.objects.get().wake_reason == "reply"
