"""Rules in the admin: readable summaries, the run log on the rule's page, form errors for bad
conditions and actions, supervisors limited to the shops they supervise, every change audited."""

from __future__ import annotations

import json

import pytest

from accounts.roles import Role
from audit.models import AuditEvent
from automation.models import Event, Rule, ShopSupervisor
from tests.automation.conftest import say
from tests.factories import make_shop

pytestmark = pytest.mark.django_db(transaction=True)

VIP_REFUND = {
    "all": [
        {"field": "channel", "op": "is", "value": "wechat"},
        {"field": "text", "op": "contains", "value": "退款"},
    ]
}
PRIORITY_80 = [{"action": "set_priority", "params": {"priority": 80}}]


def form(shop, **overrides) -> dict:
    data = {
        "shop": shop.pk,
        "name": "VIP 退款",
        "event": Event.CUSTOMER_MESSAGE,
        "inactivity_minutes": "",
        "conditions": json.dumps(VIP_REFUND, ensure_ascii=False),
        "actions": json.dumps(PRIORITY_80),
        "order": 10,
        "stop_after": "on",
        "enabled": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def supervisor(make_user, shop):
    user = make_user("sue", Role.SUPERVISOR)
    ShopSupervisor.objects.create(shop=shop, user=user)
    return user


def test_the_rule_page_shows_its_summary_and_its_run_log(client, shop, make_user):
    rule = Rule.objects.create(
        shop=shop,
        name="VIP 退款",
        event=Event.CUSTOMER_MESSAGE,
        conditions={"all": [{"field": "text", "op": "contains", "value": "退款"}]},
        actions=PRIORITY_80,
        stop_after=True,
    )
    _, conversation, _ = say(shop, "我要退款")
    client.force_login(make_user("root", Role.ADMINISTRATOR))
    page = client.get(f"/admin/automation/rule/{rule.pk}/change/").content.decode()
    assert (
        "When a customer message arrives, if text contains 退款, then set priority 80; stop" in page
    )
    assert f"#{conversation.pk}" in page and "✓ set priority 80" in page
    listing = client.get("/admin/automation/rule/").content.decode()
    assert "then set priority 80; stop" in listing


def test_the_summary_reads_any_groups_and_windows():
    from automation.summary import describe

    rule = Rule(
        name="x",
        event=Event.INACTIVITY,
        inactivity_minutes=30,
        conditions={
            "any": [
                {"field": "vip", "op": "is", "value": True},
                {
                    "field": "business_hours",
                    "op": "not_in",
                    "value": {"start": "09:00", "end": "18:00"},
                },
            ]
        },
        actions=[{"action": "close_with_message", "params": {"text": "再见"}}],
    )
    assert describe(rule) == (
        "When the customer has not replied for 30 minutes, if VIP is yes or outside "
        "09:00-18:00 (Asia/Shanghai), then close with the message “再见”"
    )


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"conditions": '{"all": [{"field": "colour", "op": "is", "value": 1}]}'}, "unknown field"),
        ({"conditions": "{not json"}, "Enter a valid JSON"),
        ({"actions": '[{"action": "explode"}]'}, "Unknown action"),
        ({"actions": '[{"action": "set_priority", "params": {"priority": "high"}}]'}, "integer"),
        ({"actions": "[]"}, "This field is required"),
        ({"actions": '{"action": "close"}'}, "list of at least one action"),
        ({"event": Event.INACTIVITY}, "after how many minutes"),
    ],
)
def test_bad_conditions_and_actions_are_form_errors_and_nothing_is_saved(
    client, shop, make_user, overrides, error
):
    client.force_login(make_user("root", Role.ADMINISTRATOR))
    before = Rule.objects.count()
    response = client.post("/admin/automation/rule/add/", form(shop, **overrides))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Rule.objects.count() == before


def test_a_supervisor_edits_their_shops_rules_and_the_change_is_audited(client, shop, supervisor):
    client.force_login(supervisor)
    response = client.post("/admin/automation/rule/add/", form(shop))
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = Rule.objects.get(name="VIP 退款")
    assert rule.conditions == VIP_REFUND and rule.stop_after
    created = AuditEvent.objects.get(action="automation.rule.created")
    assert created.actor_id == supervisor.pk

    response = client.post(
        f"/admin/automation/rule/{rule.pk}/change/", form(shop, actions='[{"action": "close"}]')
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.actions == [{"action": "close", "params": {}}]
    updated = AuditEvent.objects.get(action="automation.rule.updated")
    assert "actions" in json.dumps(updated.changes) and updated.actor_id == supervisor.pk


def test_a_supervisor_of_another_shop_cannot_see_edit_or_create_rules_here(client, shop, make_user):
    other_shop = make_shop("Other shop")
    outsider = make_user("otto", Role.SUPERVISOR)
    ShopSupervisor.objects.create(shop=other_shop, user=outsider)
    rule = Rule.objects.create(
        shop=shop, name="ours", event=Event.CUSTOMER_MESSAGE, actions=PRIORITY_80
    )
    client.force_login(outsider)
    assert "ours" not in client.get("/admin/automation/rule/").content.decode()
    page = client.get(f"/admin/automation/rule/{rule.pk}/change/")
    assert page.status_code in (302, 404)
    response = client.post(f"/admin/automation/rule/{rule.pk}/change/", form(shop, name="hijacked"))
    assert response.status_code in (302, 404)
    rule.refresh_from_db()
    assert rule.name == "ours"
    response = client.post("/admin/automation/rule/add/", form(shop, name="planted"))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Rule.objects.filter(name="planted").exists()
    assert client.get(f"/admin/automation/rule/{rule.pk}/delete/").status_code in (302, 404)


def test_a_supervisor_of_no_shop_and_an_agent_edit_nothing(client, shop, make_user):
    Rule.objects.create(shop=shop, name="ours", event=Event.CUSTOMER_MESSAGE, actions=PRIORITY_80)
    client.force_login(make_user("new-sup", Role.SUPERVISOR))
    assert "ours" not in client.get("/admin/automation/rule/").content.decode()
    client.force_login(make_user("ann", Role.AGENT))
    assert client.get("/admin/automation/rule/").status_code == 403


def test_an_administrator_edits_every_shops_rules(client, shop, make_user):
    other_shop = make_shop("Other shop")
    theirs = Rule.objects.create(
        shop=other_shop, name="theirs", event=Event.CUSTOMER_MESSAGE, actions=PRIORITY_80
    )
    client.force_login(make_user("root", Role.ADMINISTRATOR))
    response = client.post(
        f"/admin/automation/rule/{theirs.pk}/change/", form(other_shop, name="renamed")
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.name == "renamed"


def test_only_administrators_name_a_shops_supervisors(client, shop, make_user, supervisor):
    client.force_login(supervisor)
    assert client.get("/admin/automation/shopsupervisor/").status_code == 403
    client.force_login(make_user("root", Role.ADMINISTRATOR))
    new = make_user("sam", Role.SUPERVISOR)
    response = client.post(
        "/admin/automation/shopsupervisor/add/", {"shop": shop.pk, "user": new.pk}
    )
    assert response.status_code == 302
    assert ShopSupervisor.objects.filter(shop=shop, user=new).exists()
    assert AuditEvent.objects.filter(action="automation.shopsupervisor.created").exists()
