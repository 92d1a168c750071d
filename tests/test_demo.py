"""What a newcomer meets after `make run`: demo data, the demo shop page, the landing page."""

import re

import pytest
from django.test import override_settings

from demo.seed import DEMO_SITE_KEY, seed_all
from knowledge.models import AnswerModel, Entry
from profiles.models import Customer, Order, Product
from shops.models import Shop

pytestmark = pytest.mark.django_db


def test_the_demo_seed_is_complete_and_idempotent(client):
    first = seed_all()
    assert first.users == 6 and first.entries >= 150 and first.model_version
    counts = (Entry.objects.count(), Product.objects.count(), Order.objects.count())
    again = seed_all()
    assert (again.users, again.entries, again.model_version) == (0, 0, None)
    assert (Entry.objects.count(), Product.objects.count(), Order.objects.count()) == counts
    assert Product.objects.count() >= 300
    assert Customer.objects.filter(orders__isnull=False).distinct().count() >= 50
    from routing.models import Team

    teams = {
        t.name: sorted(t.agents.values_list("user__username", flat=True))
        for t in Team.objects.all()
    }
    assert teams == {"售前组": ["agent1"], "售后组": ["agent2"]}
    assert AnswerModel.objects.count() == 1
    assert first.history > 1000 and again.history == 0

    shop = Shop.objects.get(site_key=DEMO_SITE_KEY)
    anonymous = client.get("/demo/shop/").content.decode()
    assert (
        f'data-site="{DEMO_SITE_KEY}"' in anonymous and "data-customer-signature" not in anonymous
    )
    # The signed demo customer exists only with DEBUG on (issue 17 L8).
    assert "data-customer-signature" not in client.get("/demo/shop/?signed=1").content.decode()
    with override_settings(DEBUG=True):
        signed = client.get("/demo/shop/?signed=1").content.decode()
    signature = re.search(r'data-customer-signature="([^"]+)"', signed).group(1)
    assert shop.verify_identity("demo-customer", signature)

    landing = client.get("/").content.decode()
    for link in ("/demo/shop/", "/chat/demo-shop/", "/console/", "/admin/", "/analytics/"):
        assert link in landing


def test_the_readmes_webhook_example_reaches_the_demo_shop(client):
    import json

    from conversations.models import Conversation
    from demo.seed import DEMO_WEBHOOK_KEY, DEMO_WEBHOOK_SECRET
    from gateway.channels.signing import headers
    from knowledge.answering import holder
    from profiles.models import RecommenderModel

    seed_all()
    holder.refresh_now()  # this process serves the demo's freshly trained engine
    assert RecommenderModel.objects.filter(shop__site_key=DEMO_SITE_KEY).exists()
    body = json.dumps({"id": "m-1", "user_id": "u-1", "text": "运费多少钱"}).encode()
    signed = {
        f"HTTP_{k.upper().replace('-', '_')}": v
        for k, v in headers(DEMO_WEBHOOK_SECRET, body).items()
    }
    response = client.post(
        f"/gateway/webhook/{DEMO_WEBHOOK_KEY}/", body, content_type="application/json", **signed
    )
    assert response.status_code == 200
    conversation = Conversation.objects.get(channel="webhook")
    assert [m.text for m in conversation.messages.filter(sender="customer")] == ["运费多少钱"]
    assert conversation.messages.exclude(sender="customer").exists()  # answered or handed off
