"""Team scoping: agents and supervisors see their teams' conversations, nobody else's, in the
console, its live updates, the admin and the reports."""

import datetime as dt

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.utils import timezone

from accounts.roles import Role
from analytics.reports import Filters, overview
from analytics.rollups import rollup_days
from audit.models import AuditEvent
from chatbot import console
from chatbot.live import publish_console_state, publish_conversation
from chatbot.services import ChatError, require_view
from chatbot.services.agent import NOT_FOUND
from conversations.models import Conversation, ConversationStatus
from routing import services as routing
from routing.models import AgentProfile, RoutingRule, Team
from routing.scope import scope_of, visible_conversations
from tests.chatbot.conftest import staff, until
from tests.factories import make_shop
from tests.routing.test_routing import online_agent


def _conversation(shop, *, team=None, status=ConversationStatus.WAITING, agent=None, channel="web"):
    return Conversation.objects.create(
        shop=shop,
        visitor_token_hash=f"h{Conversation.objects.count()}",
        channel=channel,
        status=status,
        team=team,
        assigned_agent=agent,
        queued_at=timezone.now(),
        assigned_at=timezone.now() if agent else None,
    )


@pytest.fixture
def org(make_user, transactional_db):
    """Two teams with one agent each, a supervisor of the first, a supervisor of no team, and
    one conversation of every kind."""
    shop = make_shop()
    presales, aftersales = Team.objects.create(name="Pre-sales"), Team.objects.create(name="After")
    ann = online_agent(make_user, "ann", teams=[presales])
    bob = online_agent(make_user, "bob", teams=[aftersales])
    cat = online_agent(make_user, "cat", teams=[presales])
    lead = make_user("lead", Role.SUPERVISOR)
    AgentProfile.objects.create(user=lead).teams.set([presales])
    boss = make_user("boss", Role.SUPERVISOR)
    assigned = ConversationStatus.ASSIGNED
    return {
        "shop": shop,
        "teams": (presales, aftersales),
        "ann": ann,
        "bob": bob,
        "cat": cat,
        "lead": lead,
        "boss": boss,
        "ann_chat": _conversation(shop, team=presales, status=assigned, agent=ann),
        "cat_chat": _conversation(shop, team=presales, status=assigned, agent=cat),
        "bob_chat": _conversation(shop, team=aftersales, status=assigned, agent=bob),
        "presales_waiting": _conversation(shop, team=presales),
        "aftersales_waiting": _conversation(shop, team=aftersales),
        "general_waiting": _conversation(shop),
        "with_bot": _conversation(shop, status=ConversationStatus.BOT),
    }


def _visible(org, who):
    names = [k for k, v in org.items() if isinstance(v, Conversation)]
    visible = set(visible_conversations(org[who]).values_list("pk", flat=True))
    return sorted(n for n in names if org[n].pk in visible)


def test_each_role_sees_exactly_its_teams_conversations(org):
    # An agent: their own, their team's, and the general queue; never the other team's.
    assert _visible(org, "ann") == [
        "ann_chat",
        "cat_chat",
        "general_waiting",
        "presales_waiting",
    ]
    assert _visible(org, "bob") == ["aftersales_waiting", "bob_chat", "general_waiting"]
    # A team's supervisor: the team's conversations and those no team has yet.
    assert _visible(org, "lead") == [
        "ann_chat",
        "cat_chat",
        "general_waiting",
        "presales_waiting",
        "with_bot",
    ]
    # A supervisor of no team in particular sees everything.
    assert len(_visible(org, "boss")) == 7


def test_opening_another_teams_conversation_is_refused_and_audited(org):
    assert require_view(org["ann"], org["cat_chat"].pk) == org["cat_chat"]
    for who, other in (("ann", "bob_chat"), ("ann", "aftersales_waiting"), ("lead", "bob_chat")):
        with pytest.raises(ChatError) as refused:
            require_view(org[who], org[other].pk)
        # The same answer as for an id that does not exist (issue 17: no existence oracle).
        assert (refused.value.code, refused.value.detail) == ("not_found", NOT_FOUND)
        assert AuditEvent.objects.filter(
            action="chat.access_refused", actor_id=org[who].pk, object_id=str(org[other].pk)
        ).exists()
    with pytest.raises(ChatError) as missing:
        require_view(org["ann"], 999_999)
    assert (missing.value.code, missing.value.detail) == ("not_found", NOT_FOUND)
    assert not AuditEvent.objects.filter(object_id="999999").exists()


def test_the_console_snapshot_holds_only_the_conversations_in_scope(org):
    ann = console.snapshot(org["ann"])
    assert [c["id"] for c in ann["conversations"]] == [org["ann_chat"].pk]
    assert {c["id"] for c in ann["queue"]} == {
        org["presales_waiting"].pk,
        org["general_waiting"].pk,
    }
    assert ann["queue_total"] == 2
    lead = console.snapshot(org["lead"])
    assert {c["id"] for c in lead["conversations"]} == {
        org["ann_chat"].pk,
        org["cat_chat"].pk,
        org["with_bot"].pk,
    }
    assert console.snapshot(org["boss"])["queue_total"] == 3


def test_routing_gives_the_conversation_a_team(org, make_user):
    presales, aftersales = org["teams"]
    Conversation.objects.filter(status=ConversationStatus.WAITING).delete()
    RoutingRule.objects.create(name="SMS goes to after-sales", channel="sms", team=aftersales)
    sms = _conversation(org["shop"], channel="sms")
    web = _conversation(org["shop"])
    AgentProfile.objects.filter(user__in=[org["ann"], org["bob"], org["cat"]]).update(capacity=5)

    routing.enqueue(sms)
    sms.refresh_from_db()
    assert sms.team == aftersales  # waiting, already visible to after-sales only
    routing.assign_waiting()
    sms.refresh_from_db()
    web.refresh_from_db()
    assert sms.assigned_agent == org["bob"] and sms.team == aftersales
    # No rule named a team: it joins the team of whoever took it.
    assert web.assigned_agent is not None
    assert web.team in web.assigned_agent.agent_profile.teams.all()

    # Transferred to someone of another team, it follows them there.
    target = org["bob"] if web.team == presales else org["ann"]
    assert routing.assign_to(
        web, target, {"summary": "test transfer"}, from_status={ConversationStatus.ASSIGNED}
    )
    web.refresh_from_db()
    assert web.team == (aftersales if target == org["bob"] else presales)


def test_an_agent_of_two_teams_takes_a_teamless_conversation_into_the_first_by_name(
    make_user, transactional_db
):
    # "Zhuhai desk" is created first (lower id) but "Returns" comes first by name.
    zhuhai, returns = Team.objects.create(name="Zhuhai desk"), Team.objects.create(name="Returns")
    dora = online_agent(make_user, "dora", teams=[zhuhai, returns])
    chat = _conversation(make_shop())

    assert routing.assign_one(chat.pk) is not None
    chat.refresh_from_db()
    assert chat.assigned_agent == dora and chat.team == returns


def test_a_team_supervisors_reports_count_only_their_scope(org, client):
    presales, aftersales = org["teams"]
    today = timezone.localdate()
    rollup_days([today])
    everything = overview(Filters(today, today, scope=scope_of(org["boss"])))
    lead_only = overview(Filters(today, today, scope=scope_of(org["lead"])))
    assert (everything.conversations, lead_only.conversations) == (7, 5)
    assert overview(Filters(today, today, team_id=aftersales.pk)).conversations == 2

    client.force_login(org["lead"])
    assert client.get("/analytics/", {"team": presales.pk}).status_code == 200
    refused = client.get("/analytics/", {"team": aftersales.pk})
    assert refused.status_code == 400
    assert "team" in refused.context["form"].errors
    assert client.get("/analytics/agents/", {"team": aftersales.pk}).status_code == 400
    yesterday = today - dt.timedelta(days=1)
    page = client.get("/analytics/agents/", {"start": yesterday, "end": today})
    agents = {row["agent"] for row in page.context["tables"][0].rows}
    assert agents == {"ann", "cat"}


def test_the_admin_lists_only_conversations_in_scope(org, client):
    from django.contrib.auth.models import Permission

    org["lead"].user_permissions.add(Permission.objects.get(codename="view_conversation"))
    client.force_login(org["lead"])
    page = client.get("/admin/conversations/conversation/")
    assert page.status_code == 200
    shown = {c.pk for c in page.context["cl"].result_list}
    assert org["bob_chat"].pk not in shown and org["ann_chat"].pk in shown
    change_page = f"/admin/conversations/conversation/{org['bob_chat'].pk}/change/"
    assert client.get(change_page).status_code in (
        302,
        404,
    )


async def test_live_queue_updates_show_each_console_only_its_scope(org, client):
    aftersales = org["teams"][1]
    console_ann, connected, _ = await staff(client, org["ann"])
    assert connected
    await until(console_ann, lambda f: f["type"] == "snapshot")
    console_lead, connected, _ = await staff(client, org["lead"])
    assert connected
    await until(console_lead, lambda f: f["type"] == "snapshot")

    @sync_to_async
    def another_after_sales_customer_waits():
        AgentProfile.objects.update(presence="away")  # nobody takes it straight away
        conversation = _conversation(org["shop"], team=aftersales)
        routing.enqueue(conversation)
        publish_conversation(conversation)
        publish_console_state()
        return conversation

    newcomer = await another_after_sales_customer_waits()
    queue = await until(console_ann, lambda f: f["type"] == "queue")
    assert newcomer.pk not in {c["id"] for c in queue["queue"]}
    assert {c["id"] for c in queue["queue"]} == {
        org["presales_waiting"].pk,
        org["general_waiting"].pk,
    }
    # The team's supervisor hears nothing about the other team's conversation.
    lead_frames = []
    while not await console_lead.receive_nothing(timeout=0.5):
        lead_frames.append(await console_lead.receive_json_from())
    assert all(f.get("id") != newcomer.pk for f in lead_frames if f["type"] == "conversation")
    assert [f["total"] for f in lead_frames if f["type"] == "queue"] == [2]
    await console_ann.disconnect()
    await console_lead.disconnect()


async def test_a_conversation_transferred_to_another_team_leaves_the_old_teams_lists_live(
    org, client
):
    console_lead, connected, _ = await staff(client, org["lead"])
    assert connected
    snapshot = await until(console_lead, lambda f: f["type"] == "snapshot")
    assert org["ann_chat"].pk in {c["id"] for c in snapshot["conversations"]}
    # The supervisor of no team moves Ann's (pre-sales) conversation to Bob (after-sales).
    console_boss, connected, _ = await staff(client, org["boss"])
    assert connected
    await until(console_boss, lambda f: f["type"] == "snapshot")
    await console_boss.send_json_to(
        {"type": "transfer", "conversation_id": org["ann_chat"].pk, "agent_id": org["bob"].pk}
    )
    gone = await until(console_lead, lambda f: f["type"] == "conversation_gone")
    assert gone["id"] == org["ann_chat"].pk
    # The supervisor of no team still sees it, now Bob's.
    moved = await until(
        console_boss,
        lambda f: f["type"] == "conversation" and f["id"] == org["ann_chat"].pk,
    )
    assert moved["agent_id"] == org["bob"].pk
    await console_lead.disconnect()
    await console_boss.disconnect()
