"""Labels on conversations and customers: applied and removed from the console's endpoint,
scoped to the conversation's shop and the agent's teams, audited, announced and used as a
report filter."""

import json

import pytest
from django.test import Client

from analytics.reports import Filters, overview
from audit.models import AuditEvent
from desk.models import ConversationLabel, CustomerLabel, Label
from desk.signals import label_added, label_removed
from tests.desk.conftest import make_conversation
from tests.factories import make_shop

pytestmark = pytest.mark.django_db(transaction=True)


def post(client: Client, url: str, data: dict):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_an_agent_labels_their_conversation_and_takes_it_off_again(agent, mine, refund):
    heard = []

    def listener(sender, **kwargs):
        heard.append((kwargs["conversation"], kwargs["label"].name, kwargs["by"]))

    label_added.connect(listener)
    label_removed.connect(listener)
    try:
        client = Client()
        client.force_login(agent)
        url = f"/desk/conversations/{mine.pk}/labels/"
        response = post(client, url, {"label": "refund"})
        assert response.status_code == 200
        assert [label["name"] for label in response.json()["labels"]] == ["refund"]
        assert response.json()["labels"][0]["colour"] == "#dc2626"
        shown = client.get(url).json()
        assert [label["name"] for label in shown["labels"]] == ["refund"]
        # Applying it again changes nothing and records nothing twice.
        assert post(client, url, {"label": refund.pk}).json()["changed"] is False
        assert post(client, url, {"label": "refund", "remove": True}).json()["labels"] == []
    finally:
        label_added.disconnect(listener)
        label_removed.disconnect(listener)

    assert not ConversationLabel.objects.exists()
    events = list(
        AuditEvent.objects.filter(action__startswith="desk.label")
        .order_by("id")
        .values_list("action", "actor_id", "object_id", "changes__label")
    )
    assert events == [
        ("desk.label_added", agent.pk, str(mine.pk), "refund"),
        ("desk.label_removed", agent.pk, str(mine.pk), "refund"),
    ]
    assert [(c.pk, name, by.pk) for c, name, by in heard] == [
        (mine.pk, "refund", agent.pk),
        (mine.pk, "refund", agent.pk),
    ]


def test_customer_labels_follow_the_customer(agent, mine, vip, customer):
    client = Client()
    client.force_login(agent)
    response = post(
        client, f"/desk/conversations/{mine.pk}/labels/", {"label": "vip", "customer": True}
    )
    assert response.status_code == 200
    assert [label["name"] for label in response.json()["customer_labels"]] == ["vip"]
    assert response.json()["labels"] == []
    assert CustomerLabel.objects.get().customer == customer
    event = AuditEvent.objects.get(action="desk.customer_label_added")
    assert event.object_type == "profiles.customer" and event.object_id == str(customer.pk)


def test_labels_stay_within_their_shop_and_the_agents_scope(agent, colleague, mine, refund, shop):
    other_shop = make_shop("Other shop")
    Label.objects.create(shop=other_shop, name="elsewhere")
    client = Client()
    client.force_login(agent)
    url = f"/desk/conversations/{mine.pk}/labels/"
    refused = post(client, url, {"label": "elsewhere"})
    assert refused.status_code == 404 and refused.json()["error"] == "not_found"
    assert post(client, url, {"label": ""}).status_code == 400
    assert post(client, url, {"label": ["refund"]}).status_code == 400
    bad_json = client.post(url, "{", content_type="application/json")
    assert bad_json.status_code == 400 and bad_json.json()["error"] == "invalid_json"

    # A colleague of another team cannot see the conversation, so cannot label it either.
    outsider = Client()
    outsider.force_login(colleague)
    assert post(outsider, url, {"label": "refund"}).status_code == 404
    assert not ConversationLabel.objects.exists()


def test_an_anonymous_visitor_has_no_customer_to_label(agent, team, shop, vip):
    anonymous = make_conversation(shop, agent=agent, team=team)
    client = Client()
    client.force_login(agent)
    response = post(
        client, f"/desk/conversations/{anonymous.pk}/labels/", {"label": "vip", "customer": True}
    )
    assert response.status_code == 404


def test_reports_filter_by_label(agent, team, shop, refund, supervisor):
    labelled = make_conversation(shop, agent=agent, team=team)
    make_conversation(shop, agent=agent, team=team)
    make_conversation(shop, agent=agent, team=team)
    ConversationLabel.objects.create(conversation=labelled, label=refund)

    assert overview(_today()).conversations == 3
    assert overview(_today(label_id=refund.pk)).conversations == 1

    client = Client()
    client.force_login(supervisor)
    page = client.get("/analytics/", {"label": refund.pk})
    assert page.status_code == 200
    summary = page.context["tables"][0]
    assert summary.rows[0]["value"] == 1  # conversations
    assert 'name="label"' in page.content.decode()


def _today(**extra):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    return Filters(start=today - dt.timedelta(days=1), end=today, **extra)
