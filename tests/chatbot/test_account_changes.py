"""A console follows its user's account (issue 17 M5, issue 18 item 6): logging out, session
expiry and deactivation close it (4401), losing the role closes it (4403), a new role or new
teams re-scope it at once, without reconnecting."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.contrib.auth.models import Group

from accounts.roles import Role
from tests.chatbot.conftest import staff, until

pytestmark = pytest.mark.django_db(transaction=True)


async def closed_with(communicator, timeout: float = 10.0) -> int:
    """Read until the server closes the socket; its close code."""
    while True:
        output = await communicator.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return output.get("code")


async def connected_console(client, user):
    console, connected, _ = await staff(client, user)
    assert connected
    await until(console, lambda f: f.get("type") == "snapshot")
    return console


async def test_logging_out_closes_the_console_of_that_session(client, agent):
    console = await connected_console(client, agent)
    await sync_to_async(client.logout)()
    assert await closed_with(console) == 4401


async def test_deactivating_an_agent_closes_their_consoles(client, agent):
    console = await connected_console(client, agent)

    def deactivate():
        agent.is_active = False
        agent.save()

    await sync_to_async(deactivate)()
    assert await closed_with(console) == 4401


async def test_losing_the_agent_role_closes_the_console(client, agent):
    console = await connected_console(client, agent)

    def make_auditor():
        agent.groups.clear()
        agent.groups.add(Group.objects.get(name=Role.AUDITOR.value))

    await sync_to_async(make_auditor)()
    assert await closed_with(console) == 4403


async def test_a_promotion_to_supervisor_applies_without_reconnecting(client, agent):
    console = await connected_console(client, agent)
    await sync_to_async(
        lambda: agent.groups.add(Group.objects.get(name=Role.SUPERVISOR.value))
    )()
    snapshot = await until(console, lambda f: f.get("type") == "snapshot", timeout=10)
    assert snapshot["me"]["role"] == "supervisor"
    await console.disconnect()


async def test_an_expired_session_closes_the_console(client, agent):
    def short_session():
        client.force_login(agent)
        session = client.session
        session.set_expiry(2)
        session.save()

    await sync_to_async(short_session)()
    console = await connected_console(client, agent)
    assert await closed_with(console, timeout=15) == 4401


async def test_logging_out_elsewhere_leaves_this_console_open(client, agent):
    from django.test import Client

    console = await connected_console(client, agent)
    other_browser = Client()
    await sync_to_async(other_browser.force_login)(agent)
    await sync_to_async(other_browser.logout)()
    # This console still answers (a presence change gives an agents panel broadcast).
    await console.send_json_to({"type": "open", "conversation_id": 999_999})
    error = await until(console, lambda f: f.get("type") == "error")
    assert error["code"] == "not_found"
    await console.disconnect()
