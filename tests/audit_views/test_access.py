import pytest

from accounts.roles import Role
from audit.services import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return record("test.access", changes={"n": 1})


def urls(event) -> list[str]:
    return ["/audit/", f"/audit/{event.pk}/", "/audit/export.csv"]


def test_anonymous_visitors_are_sent_to_log_in(client, event):
    for url in urls(event):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next=/audit/")


@pytest.mark.parametrize("role", [Role.AGENT, Role.SUPERVISOR, Role.KNOWLEDGE_EDITOR, None])
def test_other_staff_are_refused(client, make_user, event, role):
    client.force_login(make_user("someone", role))
    for url in urls(event):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ADMINISTRATOR])
def test_auditors_and_administrators_read_the_log(client, make_user, event, role):
    client.force_login(make_user("reader", role))
    for url in urls(event):
        assert client.get(url).status_code == 200, url


def test_a_superuser_reads_the_log(client, event):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", password="root-pass-123456")
    client.force_login(root)
    assert client.get("/audit/").status_code == 200


def test_the_pages_are_read_only(client, make_user, event):
    client.force_login(make_user("reader", Role.AUDITOR))
    for url in urls(event):
        for method in (client.post, client.put, client.patch, client.delete):
            assert method(url).status_code == 405, (method.__name__, url)
    # Anonymous writers learn nothing either.
    client.logout()
    assert client.post("/audit/").status_code == 405


def test_a_missing_event_is_404(auditor_client):
    assert auditor_client.get("/audit/999999999/").status_code == 404
