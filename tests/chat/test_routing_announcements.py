"""What a customer hears when routing decides outside any websocket: the Celery sweep assigns a
waiting conversation, or takes it back from an agent who missed the first-reply SLA. Routing
only announces (``routing.signals``); chat tells the customer (``chatbot/receivers.py``)."""

import asyncio
import datetime as dt

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.utils import timezone

from accounts.roles import Role
from chatbot.models import Conversation
from routing import services as routing
from routing.models import AgentProfile, Presence, RoutingPolicy
from tests.chat.conftest import customer, until

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
    # Lin missed the SLA and is the only agent: the customer is back in the queue, first.
    requeued = await until(cust, is_status("waiting"))
    assert requeued["queue_position"] == 1
    await cust.disconnect()
