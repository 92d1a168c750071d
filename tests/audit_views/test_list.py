import datetime as dt

import pytest

from accounts.roles import Role
from audit.models import AuditEvent
from audit.services import record
from tests.audit_views.conftest import LOCAL, listed, record_at

pytestmark = pytest.mark.django_db


def test_newest_first_with_links_to_each_event(auditor_client):
    first = record("test.order.first")
    second = record("test.order.second")
    response = auditor_client.get("/audit/", {"action": "test.order."})
    assert response.status_code == 200
    assert listed(response) == [second.pk, first.pk]
    assert f'href="/audit/{second.pk}/?action=test.order."'.encode() in response.content


def test_fifty_events_per_page(auditor_client):
    events = [record("test.bulk", changes={"n": n}) for n in range(55)]
    first_page = auditor_client.get("/audit/", {"action": "test.bulk"})
    assert listed(first_page) == [e.pk for e in reversed(events)][:50]
    assert b"55 events" in first_page.content
    assert b"Page 1 of 2" in first_page.content
    assert b"action=test.bulk&amp;page=2" in first_page.content
    second_page = auditor_client.get("/audit/", {"action": "test.bulk", "page": "2"})
    assert listed(second_page) == [e.pk for e in reversed(events)][50:]


def test_filter_by_actor_and_by_role(auditor_client, make_user):
    agent = make_user("agnes", Role.AGENT)
    supervisor = make_user("sven", Role.SUPERVISOR)
    by_agent = record("test.who", actor=agent)
    by_supervisor = record("test.who", actor=supervisor)
    system = record("test.who")

    assert listed(auditor_client.get("/audit/", {"action": "test.who", "actor": "AGNES"})) == [
        by_agent.pk
    ]
    # The role is the one the actor held when the event was written.
    assert listed(auditor_client.get("/audit/", {"action": "test.who", "role": "supervisor"})) == [
        by_supervisor.pk
    ]
    assert listed(auditor_client.get("/audit/", {"action": "test.who"})) == [
        system.pk,
        by_supervisor.pk,
        by_agent.pk,
    ]


def test_filter_by_exact_action_or_prefix(auditor_client):
    login = record("test.auth.login")
    login_failed = record("test.auth.login_failed")
    other = record("test.other")

    assert listed(auditor_client.get("/audit/", {"action": "test.auth.login"})) == [login.pk]
    for prefix in ("test.auth.", "test.auth.*", "test.auth.login*"):
        shown = listed(auditor_client.get("/audit/", {"action": prefix}))
        assert shown == [login_failed.pk, login.pk], prefix
    assert other.pk in listed(auditor_client.get("/audit/", {"action": "test.*"}))


def test_filter_by_object_type_and_id(auditor_client):
    a = record("test.obj", object_type="shops.shop", object_id=7)
    b = record("test.obj", object_type="shops.shop", object_id=8)
    c = record("test.obj", object_type="profiles.customer", object_id=7)

    assert listed(auditor_client.get("/audit/", {"object_type": "shops.shop"})) == [b.pk, a.pk]
    assert listed(auditor_client.get("/audit/", {"action": "test.obj", "object_id": "7"})) == [
        c.pk,
        a.pk,
    ]
    both = {"object_type": "profiles.customer", "object_id": "7"}
    assert listed(auditor_client.get("/audit/", both)) == [c.pk]


def test_filter_by_local_dates(auditor_client, monkeypatch):
    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(2026, 3, day, hour, minute, tzinfo=LOCAL)

    early = record_at(at(1, 0, 5), "test.dated", monkeypatch)
    late = record_at(at(1, 23, 55), "test.dated", monkeypatch)
    next_morning = record_at(at(2, 0, 30), "test.dated", monkeypatch)
    later = record_at(at(5, 12), "test.dated", monkeypatch)

    def shown(**dates: str) -> list[int]:
        return listed(auditor_client.get("/audit/", {"action": "test.dated", **dates}))

    # Whole local days: 00:05 and 23:55 on 1 March are in it, 00:30 on 2 March is not, even
    # though in UTC 23:55 and 00:30 local fall on the same date.
    assert shown(start="2026-03-01", end="2026-03-01") == [late.pk, early.pk]
    assert shown(start="2026-03-02") == [later.pk, next_morning.pk]
    assert shown(end="2026-03-02") == [next_morning.pk, late.pk, early.pk]
    assert shown(start="2026-03-03", end="2026-03-04") == []
    # The page shows times in local time too.
    page = auditor_client.get("/audit/", {"action": "test.dated", "start": "2026-03-05"})
    assert b"2026-03-05 12:00:00" in page.content


def test_filter_by_ip_address(auditor_client):
    v4 = record("test.ip", ip_address="203.0.113.5")
    v6 = record("test.ip", ip_address="2001:db8::1")
    record("test.ip", ip_address="198.51.100.1")

    assert listed(auditor_client.get("/audit/", {"ip_address": "203.0.113.5"})) == [v4.pk]
    assert listed(auditor_client.get("/audit/", {"ip_address": "2001:DB8:0::1"})) == [v6.pk]


def test_search_over_action_object_and_changes(auditor_client, make_user):
    customer_owner = make_user("owen")
    in_changes = record("test.search", changes={"note": "Customer asked for a REFUND"})
    in_chinese = record("test.search", changes={"reason": ["", "客户要求退款"]})
    in_object = record("test.search", obj=customer_owner)
    in_action = record("test.search.refund_issued")
    record("test.search", changes={"note": "nothing here"})

    def search(text: str) -> set[int]:
        return set(listed(auditor_client.get("/audit/", {"q": text})))

    assert {in_changes.pk, in_action.pk} <= search("refund")
    assert in_object.pk not in search("refund")
    assert in_chinese.pk in search("退款")
    assert in_object.pk in search("owen")
    assert search("no event contains this text") == set()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"ip_address": "not-an-ip"}, b"Enter a valid IPv4 or IPv6 address."),
        ({"start": "2026-13-45"}, b"Enter a valid date."),
        ({"start": "2026-03-05", "end": "2026-03-01"}, b"The start date is after the end date."),
        ({"role": "wizard"}, b"Select a valid choice."),
        ({"action": "auth login; drop"}, b"optionally ending in"),
        ({"q": "x" * 201}, b"Ensure this value has at most 200 characters"),
    ],
)
def test_bad_filters_are_shown_with_a_400(auditor_client, params, message):
    record("test.shown")
    response = auditor_client.get("/audit/", params)
    assert response.status_code == 400
    assert message in response.content
    assert listed(response) == []
    # The form keeps what was typed, so it can be corrected.
    assert b'name="ip_address"' in response.content


def test_bad_filters_do_not_export(auditor_client):
    before = AuditEvent.objects.count()
    response = auditor_client.get("/audit/export.csv", {"start": "yesterday"})
    assert response.status_code == 400
    assert b"Enter a valid date." in response.content
    assert not AuditEvent.objects.filter(action="audit.exported").exists()
    assert AuditEvent.objects.count() == before


def test_viewing_the_list_is_not_audited(auditor_client):
    record("test.quiet")
    before = AuditEvent.objects.count()
    for _ in range(3):
        auditor_client.get("/audit/", {"action": "test.quiet"})
    assert AuditEvent.objects.count() == before
