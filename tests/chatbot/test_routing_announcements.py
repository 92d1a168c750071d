"""What a customer hears when routing decides outside any websocket: the Celery sweep assigns a
waiting conversation, or takes it back from an agent who missed the first-reply SLA. Routing
only announces (``routing.signals``); chat tells the customer (``chatbot/receivers.py``)."""

import asyncio
import datetime as dt

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.utils import timezone

from accounts.roles import Role
from conversations.models import Conversation
from routing import services as routing
from routing.models import AgentProfile, Presence, RoutingPolicy
from tests.chatbot.conftest import customer, staff, until

pytestmark = pytest.mark.django_db(transaction=True)


def is_status(status):
    return lambda f: f.get("type") == "status" and f.get("status") == status


async def test_the_sweep_tells_a_waiting_customer_who_serves_them_and_when_they_are_requeued(
    shop, trained, make_user
):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "c-1", "text": "包邮吗？"})
    await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "bot")
    await cust.send_json_to({"type": "handoff"})
    await until(cust, is_status("waiting"))

    @sync_to_async
    def agent_comes_online():
        user = make_user("lin", Role.AGENT)
        AgentProfile.objects.create(user=user, presence=Presence.ONLINE)

    await agent_comes_online()
    # A plain thread, as in a Celery worker: no websocket's event loop to publish through.
    await asyncio.to_thread(routing.sweep)
    served = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "system")
    assert "lin" in served["text"]
    status = await until(cust, is_status("assigned"))
    assert status["agent_name"] == "lin"

    @sync_to_async
    def first_reply_overdue():
        limit = RoutingPolicy.current().sla_first_reply_seconds
        Conversation.objects.update(assigned_at=timezone.now() - dt.timedelta(seconds=limit + 1))

    await first_reply_overdue()
    await asyncio.to_thread(routing.sweep)
    # Lin missed the SLA but is the only agent: the conversation stays with Lin (flagged) and
    # the customer hears they are not forgotten, instead of sitting in a queue nobody serves.
    told = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "system")
    assert "lin" in told["text"] and "久等" in told["text"]
    conversation = await sync_to_async(Conversation.objects.get)()
    assert conversation.status == "assigned"
    assert conversation.assignment_reason["sla_breached"] is True
    await cust.disconnect()


async def test_the_sla_sweep_with_one_agent_alerts_the_supervisor_and_the_agent_keeps_it(
    client, shop, trained, make_user
):
    """Issue 18 item 2, the exact scenario: one agent online, SLA breach, sweep."""
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "c-1", "text": "包邮吗？"})
    await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "bot")

    @sync_to_async
    def people():
        agent1 = make_user("agent1", Role.AGENT)
        AgentProfile.objects.create(user=agent1, presence=Presence.ONLINE, capacity=4)
        return agent1, make_user("boss", Role.SUPERVISOR)

    agent1, boss = await people()
    await cust.send_json_to({"type": "handoff"})
    await until(cust, is_status("assigned"))
    agent_console, connected, _ = await staff(client, agent1)
    assert connected
    await until(agent_console, lambda f: f.get("type") == "snapshot")
    supervisor, connected, _ = await staff(client, boss)
    assert connected
    await until(supervisor, lambda f: f.get("type") == "snapshot")

    @sync_to_async
    def first_reply_overdue():
        limit = RoutingPolicy.current().sla_first_reply_seconds
        Conversation.objects.update(assigned_at=timezone.now() - dt.timedelta(seconds=limit + 1))

    await first_reply_overdue()
    result = await asyncio.to_thread(routing.sweep)
    assert result == {"rerouted": 0, "kept": 1, "requeued": 0, "assigned": 0}

    alert = await until(supervisor, lambda f: f.get("type") == "alert")
    assert (alert["kind"], alert["agent_name"]) == ("sla", "agent1")
    flagged = await until(
        agent_console, lambda f: f.get("type") == "conversation" and f["agent_id"] == agent1.pk
    )
    assert flagged["status"] == "assigned" and flagged["assignment_reason"]["sla_breached"]
    await until(agent_console, lambda f: f.get("type") == "alert" and f["kind"] == "sla")
    told = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "system")
    assert "agent1" in told["text"]
    for socket in (cust, agent_console, supervisor):
        await socket.disconnect()


async def test_an_sla_reroute_goes_straight_to_the_next_agent_and_the_customer_is_told(
    client, shop, trained, make_user
):
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "c-1", "text": "包邮吗？"})
    await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "bot")

    @sync_to_async
    def online(name):
        user = make_user(name, Role.AGENT)
        AgentProfile.objects.create(user=user, presence=Presence.ONLINE)
        return user

    slow = await online("slow")
    await cust.send_json_to({"type": "handoff"})
    await until(cust, is_status("assigned"))
    slow_console, connected, _ = await staff(client, slow)
    assert connected
    await until(slow_console, lambda f: f.get("type") == "snapshot")
    await online("fast")

    @sync_to_async
    def first_reply_overdue():
        limit = RoutingPolicy.current().sla_first_reply_seconds
        Conversation.objects.update(assigned_at=timezone.now() - dt.timedelta(seconds=limit + 1))

    await first_reply_overdue()
    assert (await asyncio.to_thread(routing.sweep))["rerouted"] == 1
    told = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "system")
    assert "fast" in told["text"] and "转接" in told["text"]
    status = await until(cust, lambda f: f.get("type") == "status")
    assert (status["status"], status["agent_name"]) == ("assigned", "fast")
    # The slow agent sees it leave their list.
    gone = await until(slow_console, lambda f: f.get("type") == "conversation")
    assert gone["agent_id"] != slow.pk
    for socket in (cust, slow_console):
        await socket.disconnect()
