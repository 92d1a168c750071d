"""Every staff page in Simplified Chinese shows no English words (issue 18, item 13).

Each page is rendered for its role with zh-Hans and its visible text (``tests.visible_text``:
text, titles, labels, button captions) is searched for runs of three or more ASCII letters.
Stored data is not interface text: pages mark it ``translate="no"`` (names, questions customers
typed, audit action codes) and the data below is Chinese where a shop's would be. What remains
allowed are proper nouns and acronyms.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from tests.visible_text import untranslated

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-Hans"}
# Proper nouns and acronyms a Chinese interface writes in Latin letters.
ALLOWED = {
    *("SKU", "CSAT", "SLA", "API", "CSV", "XLSX", "JSON", "HTML", "URL", "VIP", "TOTP"),
    *("Erlang", "English", "Twilio", "Webhook"),
    *("WhatsApp", "Facebook", "Messenger", "Instagram", "Telegram"),  # channel brands
}
PRODUCT = "北欧落地灯 Floor lamp"  # product names are the shop's own, often bilingual


@pytest.fixture
def shop_data(make_user):
    """A shop's worth of data, the way a Chinese shop writes it."""
    from analytics.rollups import rollup_days
    from audit.services import record
    from chatbot.services import append_message
    from knowledge.models import AnswerLog, Category, Entry, Intent, Status
    from profiles.models import Customer, Order, Product, ProductView
    from routing.models import Team
    from tests.factories import make_shop

    shop = make_shop(name="光影生活馆")
    team = Team.objects.create(name="售后组")
    agent = make_user("王芳", Role.AGENT)
    category = Category.objects.create(name="配送")
    entry = Entry.objects.create(
        question="运费多少钱", answer="满 99 元包邮", category=category, language="zh-Hans",
        status=Status.PUBLISHED, intent=Intent.PRICE_QUERY,
    )  # fmt: skip
    customer = Customer.objects.create(shop=shop, external_id="c-1", segments=["会员"])
    Product.objects.create(shop=shop, sku="LM-001", name=PRODUCT, price="399.00", stock=3)
    ProductView.objects.create(shop=shop, customer=customer, sku="LM-001", at=timezone.now())
    Order.objects.create(
        shop=shop, customer=customer, number="LM1001", status="shipped", total="399.00",
        placed_at=timezone.now(),
    )  # fmt: skip
    now = timezone.now()
    for channel, mood in (("web", -0.6), ("sms", 0.0), ("wechat", 0.5)):
        conversation = shop.conversations.create(
            channel=channel, visitor_token_hash="x", customer=customer
        )
        shop.conversations.filter(pk=conversation.pk).update(
            mood=mood, team=team, assigned_agent=agent, queued_at=now,
            assigned_at=now + dt.timedelta(seconds=20),
            first_agent_reply_at=now + dt.timedelta(seconds=95),
            closed_at=now + dt.timedelta(minutes=9), csat_score=4,
        )  # fmt: skip
        append_message(conversation, "customer", "运费多少钱")
    AnswerLog.objects.create(
        question="运费多少钱", entry=entry, answered=True, confidence=0.9, latency_ms=3
    )
    for _ in range(2):
        AnswerLog.objects.create(
            question="可以开增值税专用发票吗", answered=False, confidence=0.1, latency_ms=3
        )
    rollup_days([timezone.localdate() - dt.timedelta(days=3)])
    record("knowledge.entry.updated", obj=entry, changes={"answer": ["包邮", "满 99 元包邮"]})
    return shop


PAGES = [
    # (role, path)
    (None, "/"),
    (None, "/accounts/login/"),
    (Role.AGENT, "/console/"),
    (Role.SUPERVISOR, "/console/"),
    (Role.SUPERVISOR, "/analytics/"),
    (Role.SUPERVISOR, "/analytics/agents/"),
    (Role.SUPERVISOR, "/analytics/knowledge/"),
    (Role.SUPERVISOR, "/analytics/customers/"),
    (Role.SUPERVISOR, "/analytics/forecast/"),
    (Role.AUDITOR, "/audit/"),
    (Role.AUDITOR, "/audit/{event}/"),
    (Role.SUPERVISOR, "/search/?q=运费"),  # conversation search, with its results
]


@pytest.mark.parametrize(("role", "path"), PAGES, ids=[f"{r} {p}" for r, p in PAGES])
def test_staff_page_in_chinese_has_no_english(client, make_user, shop_data, role, path):
    from audit.models import AuditEvent

    if role is not None:
        client.force_login(make_user(f"user-{role.value}", role))
    path = path.format(event=AuditEvent.objects.filter(action__startswith="knowledge.").last().pk)
    response = client.get(path, **ZH)
    assert response.status_code == 200
    allowed = ALLOWED | set(PRODUCT.split())
    assert untranslated(response.content.decode(), allowed) == []


ADMIN_PAGES = [
    "/admin/",
    *[
        f"/admin/{app}/"
        for app in (
            "audit",
            "conversations",
            "desk",
            "gateway",
            "knowledge",
            "profiles",
            "routing",
            "shops",
        )
    ],
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_index_pages_in_chinese_have_no_english(client, django_user_model, path):
    """The admin's chrome, app and model names (the lists on the left and on the index)."""
    client.force_login(
        django_user_model.objects.create_superuser("管理员", password="x-Pass-2026!")
    )
    response = client.get(path, **ZH)
    assert response.status_code == 200
    assert "Django" not in response.content.decode()
    assert untranslated(response.content.decode(), ALLOWED) == []


# Every list of the product's own admin, and the forms editors and supervisors fill in. Left
# out: the audit events list (the auditor's page is /audit/, tested above) and forms whose help
# texts quote code (signature formulas, JSON keys, intent codes, answer placeholders).
ADMIN_MODEL_PAGES = [
    *[
        f"/admin/{model}/"
        for model in (
            "audit/chaincheck",
            "shops/shop",
            "conversations/conversation",
            "knowledge/category",
            "knowledge/tag",
            "knowledge/dictionaryterm",
            "knowledge/entry",
            "knowledge/answermodel",
            "knowledge/answerlog",
            "routing/team",
            "routing/skill",
            "routing/agentprofile",
            "routing/routingrule",
            "routing/routingpolicy",
            "routing/assignmentdecision",
            "routing/slabreach",
            "profiles/customer",
            "profiles/product",
            "profiles/order",
            "profiles/apitoken",
            "gateway/channelaccount",
            "gateway/outbounddelivery",
            "webhooks/webhooksubscription",
            "webhooks/webhookdelivery",
            "webhooks/shopbot",
            "desk/label",
            "desk/macro",
            "attachments/attachment",
            "attachments/shopattachmentpolicy",
        )
    ],
    *[
        f"/admin/{model}/add/"
        for model in (
            "knowledge/category",
            "knowledge/tag",
            "routing/team",
            "routing/skill",
            "routing/routingpolicy",
            "profiles/product",
            "profiles/order",
            "profiles/apitoken",
            "webhooks/webhooksubscription",
            "webhooks/shopbot",
            "desk/label",
            "attachments/shopattachmentpolicy",
        )
    ],
]


@pytest.mark.parametrize("path", ADMIN_MODEL_PAGES)
def test_admin_lists_and_forms_in_chinese_have_no_english(client, django_user_model, path):
    client.force_login(
        django_user_model.objects.create_superuser("管理员", password="x-Pass-2026!")
    )
    response = client.get(path, **ZH)
    assert response.status_code == 200
    assert untranslated(response.content.decode(), ALLOWED) == []
