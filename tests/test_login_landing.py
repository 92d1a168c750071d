"""After logging in, staff land where their role works unless ``next`` says otherwise
(issue 18, item 5)."""

import pytest

from accounts.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD = "S3cure-pass-for-tests"


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (Role.AGENT, "/console/"),
        (Role.SUPERVISOR, "/analytics/"),
        (Role.AUDITOR, "/audit/"),
        (Role.KNOWLEDGE_EDITOR, "/admin/knowledge/entry/"),
        (Role.ADMINISTRATOR, "/admin/"),
    ],
)
def test_staff_land_on_their_roles_main_page(client, make_user, role, landing):
    make_user("pat", role)
    response = client.post("/accounts/login/", {"username": "pat", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == landing
    assert client.get(response["Location"]).status_code == 200


def test_a_supervisor_who_also_answers_chats_lands_on_the_reports(client, make_user):
    user = make_user("sam", Role.SUPERVISOR)
    user.groups.add(*make_user("tmp", Role.AGENT).groups.all())
    response = client.post("/accounts/login/", {"username": "sam", "password": PASSWORD})
    assert response["Location"] == "/analytics/"


def test_next_wins_over_the_landing_page(client, make_user):
    make_user("sue", Role.SUPERVISOR)
    response = client.post(
        "/accounts/login/?next=/console/",
        {"username": "sue", "password": PASSWORD, "next": "/console/"},
    )
    assert response["Location"] == "/console/"


def test_an_unsafe_next_falls_back_to_the_landing_page(client, make_user):
    make_user("al", Role.AGENT)
    response = client.post(
        "/accounts/login/",
        {"username": "al", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/console/"
