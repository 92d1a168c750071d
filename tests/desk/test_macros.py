"""Macros and the actions they run (``desk.actions``): each action does what the same click
in the console does (transcript line, audit record), a macro runs its steps in order and stops
at the first failure, and macros are personal or shared."""

import json

import pytest
from django.db import connection
from django.test import Client

from accounts.roles import Role
from audit.models import AuditEvent
from conversations.models import ConversationStatus, Message, Sender
from desk import actions
from desk.admin import MacroForm
from desk.models import ConversationLabel, Macro, Snooze
from desk.services.macros import run_macro
from routing.models import AgentProfile, Presence
from tests.desk.conftest import make_conversation

pytestmark = pytest.mark.django_db(transaction=True)


def run(client, macro, conversation):
    return client.post(
        f"/desk/macros/{macro.pk}/run/",
        json.dumps({"conversation": conversation.pk}),
        content_type="application/json",
    )


def last_message(conversation, **filters):
    return Message.objects.filter(conversation=conversation, **filters).order_by("-seq").first()


def test_a_refund_macro_labels_replies_with_variables_snoozes_and_reports_each_step(
    agent, mine, refund
):
    macro = Macro.objects.create(
        name="Refund started",
        owner=agent,
        actions=[
            {"action": "add_label", "params": {"label": "refund"}},
            {
                "action": "send_reply",
                "params": {
                    "text": "{customer.name}，您的订单 {order.number} 已退款。{coupon.code}"
                },
            },
            {"action": "set_priority", "params": {"priority": 7}},
            {"action": "snooze", "params": {"minutes": 60, "until_reply": True}},
        ],
    )
    client = Client()
    client.force_login(agent)
    response = run(client, macro, mine)
    assert response.status_code == 200, response.content
    report = response.json()
    assert report["ok"] is True and report["failed_step"] is None
    assert [step["action"] for step in report["steps"]] == [
        "add_label",
        "send_reply",
        "set_priority",
        "snooze",
    ]

    assert ConversationLabel.objects.get(conversation=mine).label == refund
    reply = last_message(mine, sender=Sender.AGENT)
    # Known variables filled at send time; an unknown one stays visible as typed.
    assert reply.text == "张伟，您的订单 LM7788 已退款。{coupon.code}"
    assert reply.agent == agent and reply.is_private is False
    mine.refresh_from_db()
    assert mine.priority == 7
    assert mine.first_agent_reply_at is not None  # counted as the agent's first reply
    assert Snooze.objects.get(conversation=mine, woken_at__isnull=True).until_reply is True
    # The macro keeps the template; the name exists in clear only in the message sent, which
    # is encrypted at rest like every message.
    macro.refresh_from_db()
    assert "{customer.name}" in json.dumps(macro.actions, ensure_ascii=False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM chatbot_message WHERE id = %s", [reply.pk])
        assert "张伟" not in cursor.fetchone()[0]

    notes = list(
        Message.objects.filter(conversation=mine, sender=Sender.SYSTEM, is_private=True)
        .order_by("seq")
        .values_list("text", flat=True)
    )
    assert notes[0] == "Priority set to 7 by mei"
    assert notes[1].startswith("Snoozed until ") and "until the customer replies" in notes[1]
    actions_audited = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"desk.label_added", "desk.priority_set", "desk.snoozed", "desk.macro_run"} <= (
        actions_audited
    )
    run_event = AuditEvent.objects.get(action="desk.macro_run")
    assert (
        run_event.changes["name"] == "Refund started" and run_event.changes["failed_step"] is None
    )


def test_a_macro_stops_at_the_first_failure_and_says_which_step(agent, mine, refund):
    macro = Macro.objects.create(
        name="Broken",
        actions=[
            {"action": "add_label", "params": {"label": "refund"}},
            {"action": "assign_team", "params": {"team": "No such team"}},
            {"action": "close"},
        ],
    )
    client = Client()
    client.force_login(agent)
    response = run(client, macro, mine)
    assert response.status_code == 422
    report = response.json()
    assert report["ok"] is False and report["failed_step"] == 2
    assert report["steps"][1]["error"] == {"code": "not_found", "detail": "No such team."}
    assert len(report["steps"]) == 2  # the close never ran
    mine.refresh_from_db()
    assert mine.status == ConversationStatus.ASSIGNED
    assert ConversationLabel.objects.filter(conversation=mine).exists()  # step 1 stays done
    assert AuditEvent.objects.get(action="desk.macro_run").changes["failed_step"] == 2


def test_a_reply_to_an_anonymous_visitor_with_their_name_is_refused_not_sent_with_a_gap(
    agent, team, shop
):
    anonymous = make_conversation(shop, agent=agent, team=team)
    before = Message.objects.filter(conversation=anonymous).count()
    with pytest.raises(actions.ActionError) as refused:
        actions.send_reply(anonymous, agent, text="您好 {customer.name}")
    assert refused.value.code == "missing_variable"
    assert Message.objects.filter(conversation=anonymous).count() == before


def test_only_the_assigned_agent_replies_and_closes_through_a_macro(
    agent, colleague, supervisor, mine
):
    with pytest.raises(actions.ActionError):
        actions.close(mine, colleague)
    with pytest.raises(actions.ChatError) as refused:
        actions.send_reply(mine, supervisor, text="hello")
    assert refused.value.code == "forbidden"
    assert actions.close(mine, supervisor) == {"changed": True}
    mine.refresh_from_db()
    assert mine.status == ConversationStatus.CLOSED
    assert AuditEvent.objects.filter(action="chat.conversation_closed", actor_id=supervisor.pk)


def test_note_team_and_agent_actions(agent, colleague, supervisor, mine, other_team, make_user):
    actions.add_note(mine, agent, text="customer sent photos")
    note = last_message(mine, sender=Sender.AGENT)
    assert note.is_private and note.text == "customer sent photos"

    # Another team: Mei is not a member, so it goes to Billing's agent with room (Tao).
    AgentProfile.objects.filter(user=colleague).update(presence=Presence.ONLINE)
    assert actions.assign_team(mine, supervisor, team="Billing")["changed"] is True
    mine.refresh_from_db()
    assert (mine.team, mine.assigned_agent) == (other_team, colleague)
    assert mine.status == ConversationStatus.ASSIGNED
    assert AuditEvent.objects.filter(action="desk.team_assigned", actor_id=supervisor.pk)
    notes = Message.objects.filter(conversation=mine, is_private=True, sender=Sender.SYSTEM)
    assert "Moved to team Billing by boss" in [n.text for n in notes]

    # By hand to a named agent: the console's transfer, audited as one.
    lin = make_user("lin", Role.AGENT)
    AgentProfile.objects.create(user=lin, presence=Presence.ONLINE, capacity=3)
    assert actions.assign_agent(mine, supervisor, agent="lin")["changed"] is True
    mine.refresh_from_db()
    assert mine.assigned_agent == lin
    transfer = AuditEvent.objects.get(action="chat.conversation_transferred")
    assert transfer.actor_id == supervisor.pk and transfer.changes["to"] == "lin"
    with pytest.raises(actions.ActionError):
        actions.assign_agent(mine, supervisor, agent="nobody")
    # An agent cannot move a conversation that is not theirs.
    with pytest.raises(actions.ActionError):
        actions.assign_team(mine, agent, team="Returns")


def test_rules_act_without_a_person(mine, refund):
    """Automation calls the same actions with actor None: a reply goes out in the bot's name,
    a note as a system line, and the audit trail names no person."""
    actions.send_reply(mine, None, text="Your refund for {order.number} is on its way.")
    sent = last_message(mine, sender=Sender.BOT)
    assert sent.text == "Your refund for LM7788 is on its way." and sent.payload["automated"]
    actions.add_note(mine, None, text="rule: refund keywords")
    assert last_message(mine, is_private=True).sender == Sender.SYSTEM
    actions.add_label(mine, None, label=refund.pk)
    assert AuditEvent.objects.get(action="desk.label_added").actor_id is None


def test_personal_macros_are_their_owners_and_shared_ones_a_supervisors(
    agent, colleague, supervisor, mine
):
    mine_macro = Macro.objects.create(name="mine", owner=agent, actions=[{"action": "close"}])
    client = Client()
    client.force_login(colleague)
    assert run(client, mine_macro, mine).status_code == 404
    names = [m["name"] for m in client.get("/desk/macros/").json()["macros"]]
    assert "mine" not in names

    client.force_login(agent)
    shared = client.post(
        "/desk/macros/",
        json.dumps({"name": "team one", "actions": [{"action": "close"}], "shared": True}),
        content_type="application/json",
    )
    assert shared.status_code == 403
    bad = client.post(
        "/desk/macros/",
        json.dumps({"name": "x", "actions": [{"action": "explode"}]}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and "Step 1" in bad.json()["message"]
    created = client.post(
        "/desk/macros/",
        json.dumps({"name": "wrap up", "actions": [{"action": "close", "params": {}}]}),
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["shared"] is False
    assert AuditEvent.objects.filter(action="desk.macro_created", actor_id=agent.pk).exists()

    client.force_login(supervisor)
    team = client.post(
        "/desk/macros/",
        json.dumps({"name": "team one", "actions": [{"action": "close"}], "shared": True}),
        content_type="application/json",
    )
    assert team.status_code == 201 and team.json()["shared"] is True


def test_the_admin_form_checks_the_steps():
    form = MacroForm(data={"name": "x", "actions": json.dumps([{"action": "set_priority"}])})
    assert not form.is_valid()
    assert "priority is required" in str(form.errors["actions"])
    form = MacroForm(
        data={
            "name": "x",
            "actions": json.dumps([{"action": "set_priority", "params": {"priority": 2}}]),
        }
    )
    assert form.is_valid(), form.errors


def test_a_macro_of_another_shop_does_not_run_here(agent, mine):
    from tests.factories import make_shop

    elsewhere = Macro.objects.create(
        name="other", shop=make_shop("Elsewhere"), actions=[{"action": "close"}]
    )
    with pytest.raises(actions.ChatError):
        run_macro(elsewhere, mine, agent)
