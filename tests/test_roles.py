import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role, has_role, role_of

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_auditors_may_read_the_audit_trail_and_agents_may_not(make_user):
    auditor = make_user("audrey", Role.AUDITOR)
    agent = make_user("andy", Role.AGENT)
    assert auditor.has_perm("audit.view_auditevent")
    assert not agent.has_perm("audit.view_auditevent")
    assert role_of(auditor) == "auditor" and role_of(agent) == "agent"
    assert has_role(agent, Role.AGENT, Role.SUPERVISOR) and not has_role(agent, Role.AUDITOR)


def test_nobody_can_change_audit_events_in_the_admin(client, make_user):
    from django.contrib.auth import get_user_model

    from audit.services import record

    event = record("test.visible")
    root = get_user_model().objects.create_superuser("root", password="root-pass-123456")
    client.force_login(root)
    page = client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert (
        client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )


def test_staff_log_in_page_and_admin_are_served(client):
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/admin/").status_code == 302


def test_demo_users_are_refused_in_production_mode():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
