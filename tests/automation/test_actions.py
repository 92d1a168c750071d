"""Every action a rule can take, run by the engine for a real event. The conversation actions
are the desk's (shared with macros); webhook and e-mail are automation's own."""

from __future__ import annotations

import hashlib
import hmac
import time

import pytest

from accounts.roles import Role
from automation.models import Event, RuleRun, ShopSupervisor
from chatbot import services
from chatbot.models import CannedReply
from conversations.models import ConversationStatus, Sender
from desk.models import ConversationLabel, Label, Snooze
from routing.models import AgentProfile, Presence, Team
from tests.automation.conftest import say
from tests.webhooks.conftest import endpoint  # noqa: F401  (a fixture)
from webhooks.models import EventType, WebhookSubscription

pytestmark = pytest.mark.django_db(transaction=True)


def handed_over(shop, make_user, name: str = "ann"):
    """A conversation with an agent (the customer asked for a person)."""
    agent = make_user(name, Role.AGENT)
    AgentProfile.objects.create(user=agent, presence=Presence.ONLINE, capacity=3)
    session, conversation, _ = say(shop, "找人工")
    services.request_handoff(conversation, "customer_asked")
    conversation.refresh_from_db()
    assert conversation.assigned_agent == agent
    return session, conversation, agent


def last_run(rule) -> RuleRun:
    run = RuleRun.objects.filter(rule=rule, matched=True).latest("id")
    assert all(a["ok"] for a in run.actions), run.actions
    return run


def test_add_and_remove_label(shop, make_rule):
    Label.objects.create(shop=shop, name="退款")
    Label.objects.create(shop=shop, name="new")
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [
            {"action": "add_label", "params": {"label": "退款"}},
            {"action": "add_label", "params": {"label": "new"}},
            {"action": "remove_label", "params": {"label": "new"}},
        ],
    )
    _, conversation, _ = say(shop, "我要退款")
    last_run(rule)
    names = ConversationLabel.objects.filter(conversation=conversation).values_list(
        "label__name", flat=True
    )
    assert list(names) == ["退款"]


def test_assign_agent_and_team(shop, make_rule, make_user):
    session, conversation, ann = handed_over(shop, make_user)
    bob = make_user("bob", Role.AGENT)
    vip_desk = Team.objects.create(name="VIP desk")
    AgentProfile.objects.create(user=bob, presence=Presence.ONLINE, capacity=3).teams.add(vip_desk)
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [
            {"action": "assign_agent", "params": {"agent": "bob"}},
            {"action": "assign_team", "params": {"team": "VIP desk"}},
        ],
        conditions={"all": [{"field": "vip", "op": "is", "value": False}]},
    )
    say(shop, "还在吗", session)
    last_run(rule)
    conversation.refresh_from_db()
    assert conversation.assigned_agent == bob and conversation.assigned_agent != ann
    assert conversation.team == vip_desk
    assert conversation.status == ConversationStatus.ASSIGNED


def test_send_reply_as_the_bot_and_a_canned_reply(shop, make_rule):
    canned = CannedReply.objects.create(title="refund", text="退款将在 3 个工作日内到账", shop=shop)
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [
            {"action": "send_reply", "params": {"text": "已收到您的退款申请"}},
            {"action": "send_canned_reply", "params": {"canned_reply": canned.pk}},
        ],
        conditions={"all": [{"field": "text", "op": "contains", "value": "退款"}]},
    )
    _, conversation, _ = say(shop, "我要退款")
    last_run(rule)
    replies = conversation.messages.filter(sender=Sender.BOT, is_private=False).order_by("seq")
    assert [m.text for m in replies] == ["已收到您的退款申请", "退款将在 3 个工作日内到账"]


def test_a_canned_reply_of_another_shop_is_refused(shop, make_rule):
    from tests.factories import make_shop

    other = CannedReply.objects.create(title="x", text="secret", shop=make_shop("Other"))
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "send_canned_reply", "params": {"canned_reply": other.pk}}],
    )
    _, conversation, _ = say(shop, "你好")
    run = RuleRun.objects.get(rule=rule)
    assert run.actions[0]["ok"] is False and "No such canned reply" in run.actions[0]["error"]
    assert "secret" not in [m.text for m in conversation.messages.all()]


def test_private_note(shop, make_rule):
    rule = make_rule(
        Event.CUSTOMER_MESSAGE, [{"action": "add_note", "params": {"text": "check the order"}}]
    )
    _, conversation, _ = say(shop, "你好")
    last_run(rule)
    [note] = [m for m in conversation.messages.all() if m.text == "check the order"]
    assert note.is_private and note.sender == Sender.SYSTEM


def test_snooze(shop, make_rule, make_user):
    _, conversation, agent = handed_over(shop, make_user)
    rule = make_rule(Event.AGENT_MESSAGE, [{"action": "snooze", "params": {"minutes": 60}}])
    services.post_agent_message(agent, conversation.pk, "r1", "请稍等，我去查一下", private=False)
    last_run(rule)
    assert Snooze.objects.filter(conversation=conversation, woken_at__isnull=True).exists()


def test_close_and_close_with_a_message(shop, make_rule):
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "close_with_message", "params": {"text": {"zh-Hans": "再见", "en": "Bye"}}}],
        conditions={"all": [{"field": "text", "op": "contains", "value": "再见"}]},
    )
    plain = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "close", "params": {}}],
        conditions={"all": [{"field": "text", "op": "contains", "value": "bye"}]},
    )
    _, conversation, _ = say(shop, "好的再见")
    last_run(rule)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED
    texts = list(conversation.messages.filter(is_private=False).values_list("text", flat=True))
    assert "再见" in texts
    assert conversation.messages.filter(payload__csat_requested=True).exists()  # rate us
    _, english, _ = say(shop, "ok bye", language="en")
    last_run(plain)
    english.refresh_from_db()
    assert english.status == ConversationStatus.CLOSED


def test_send_webhook_signed_to_the_chosen_subscription(shop, make_rule, endpoint):  # noqa: F811
    subscription = WebhookSubscription.objects.create(
        shop=shop, name="CRM", url=endpoint.url, event_types=[]
    )
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [
            {
                "action": "send_webhook",
                "params": {
                    "subscription": subscription.pk,
                    "event_type": EventType.CONVERSATION_CREATED,
                },
            }
        ],
        name="tell the CRM",
    )
    _, conversation, _ = say(shop, "你好")
    last_run(rule)
    deadline = time.monotonic() + 10
    while not endpoint.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    [request] = endpoint.requests
    body = request.json
    assert body["type"] == "conversation.created"
    assert body["data"]["conversation"]["id"] == conversation.pk
    assert body["data"]["rule"] == {"id": rule.pk, "name": "tell the CRM"}
    assert "contact" not in body["data"]  # no contact scope granted
    subscription.refresh_from_db()
    headers = {k.lower(): v for k, v in request.headers.items()}
    signed = f"{headers['x-timestamp']}.".encode() + request.body
    expected = hmac.new(subscription.secret.encode(), signed, hashlib.sha256).hexdigest()
    assert expected in headers["x-signature"]


def test_email_the_shops_supervisors(shop, make_rule, make_user, mailoutbox):
    sue = make_user("sue", Role.SUPERVISOR)
    sue.email = "sue@shop.test"
    sue.save()
    other = make_user("otto", Role.SUPERVISOR)
    other.email = "otto@elsewhere.test"
    other.save()
    ShopSupervisor.objects.create(shop=shop, user=sue)
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [
            {
                "action": "email_supervisors",
                "params": {"subject": "Angry VIP", "text": "Please look at this one."},
            }
        ],
        name="escalate",
    )
    _, conversation, _ = say(shop, "我要投诉")
    last_run(rule)
    [mail] = mailoutbox
    assert mail.to == ["sue@shop.test"] and mail.subject == "Angry VIP"
    assert f"#{conversation.pk}" in mail.body and "escalate" in mail.body
    assert "我要投诉" not in mail.body  # nothing the customer wrote leaves by e-mail


def test_email_with_no_supervisor_is_a_logged_failure(shop, make_rule, mailoutbox):
    rule = make_rule(
        Event.CUSTOMER_MESSAGE,
        [{"action": "email_supervisors", "params": {"subject": "x", "text": "y"}}],
    )
    say(shop, "你好")
    run = RuleRun.objects.get(rule=rule)
    assert run.actions[0]["ok"] is False and "no supervisor" in run.actions[0]["error"]
    assert mailoutbox == []
