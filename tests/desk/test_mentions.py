"""@mentions in private notes: the colleague named hears of it live on their console with an
unread count, and may read that conversation (read-only) even outside their team; that read
is audited."""

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.test import Client

from audit.models import AuditEvent
from desk.models import Mention
from desk.services.mentions import names_in
from tests.chatbot.conftest import staff, until

pytestmark = pytest.mark.django_db(transaction=True)


def test_mention_names_are_words_not_email_addresses():
    assert names_in("@tao can you check? cc @mei. mail a@b.com, @tao again") == ["tao", "mei"]
    assert names_in("no one here") == []


async def test_a_note_mentioning_a_colleague_tells_them_live(client, agent, colleague, mine):
    console, connected, _ = await staff(client, agent)
    assert connected
    await until(console, lambda f: f.get("type") == "snapshot")
    other = Client()  # Tao's own session
    theirs, connected, _ = await staff(other, colleague)
    assert connected
    await until(theirs, lambda f: f.get("type") == "snapshot")

    await console.send_json_to(
        {
            "type": "note",
            "conversation_id": mine.pk,
            "client_id": "n-1",
            "text": "@tao 这个退款你看一下",
        }
    )
    await until(console, lambda f: f.get("type") == "ack")
    told = await until(theirs, lambda f: f.get("type") == "mention")
    assert told["conversation_id"] == mine.pk
    assert told["by"] == "mei" and told["unread"] == 1
    assert told["excerpt"] == "@tao 这个退款你看一下"

    # Tao's team does not hold the conversation: the console still refuses to open it...
    await theirs.send_json_to({"type": "open", "conversation_id": mine.pk})
    refused = await until(theirs, lambda f: f.get("type") == "error")
    assert refused["code"] == "not_found"

    # ...but the mention opens it read-only, audited, and the badge clears.
    @sync_to_async
    def read_it():
        other.force_login(colleague)
        return other.get(f"/desk/conversations/{mine.pk}/mentioned/")

    response = await read_it()
    assert response.status_code == 200
    body = response.json()
    assert body["read_only"] is True and body["profile"] is None
    assert [m["text"] for m in body["messages"]][-1] == "@tao 这个退款你看一下"
    cleared = await until(theirs, lambda f: f.get("type") == "mentions_read")
    assert cleared["unread"] == 0

    @sync_to_async
    def trail():
        event = AuditEvent.objects.get(action="desk.mention_access")
        return event.actor_id, event.object_id, event.changes["read_only"]

    assert await trail() == (colleague.pk, str(mine.pk), True)
    # Read-only: replying is still refused.
    await theirs.send_json_to(
        {"type": "reply", "conversation_id": mine.pk, "client_id": "r-1", "text": "hi"}
    )
    assert (await until(theirs, lambda f: f.get("type") == "error"))["code"] == "not_found"
    await console.disconnect()
    await theirs.disconnect()


def test_only_the_mentioned_may_read_and_the_inbox_counts(
    agent, colleague, supervisor, mine, make_user
):
    from accounts.roles import Role
    from chatbot.services import post_agent_message

    post_agent_message(agent, mine.pk, "n-2", "@tao @boss @nobody see above", private=True)
    assert sorted(Mention.objects.values_list("mentioned__username", flat=True)) == ["boss", "tao"]
    # A mention of oneself is not a mention.
    post_agent_message(agent, mine.pk, "n-3", "note to self @mei", private=True)
    assert not Mention.objects.filter(mentioned=agent).exists()

    stranger = make_user("wu", Role.AGENT)
    client = Client()
    client.force_login(stranger)
    assert client.get(f"/desk/conversations/{mine.pk}/mentioned/").status_code == 404

    client.force_login(colleague)
    inbox = client.get("/desk/mentions/").json()
    assert inbox["unread"] == 1 and inbox["mentions"][0]["conversation_id"] == mine.pk
    assert client.get(f"/desk/conversations/{mine.pk}/mentioned/").status_code == 200
    assert client.get("/desk/mentions/").json()["unread"] == 0

    # A supervisor who sees every conversation reads it the usual way: no extra record.
    client.force_login(supervisor)
    assert client.get(f"/desk/conversations/{mine.pk}/mentioned/").status_code == 200
    assert AuditEvent.objects.filter(action="desk.mention_access").count() == 1
