"""Data-subject rights: export, erasure, retention — each audited, none leaking what it removes."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEvent
from conversations.models import Conversation, ConversationStatus, Message
from profiles import privacy
from profiles.identity import link_identity
from profiles.models import Customer, IdentityKind, Order, ProductView
from tests.factories import make_shop

pytestmark = pytest.mark.django_db

PHONE = "+8613800001234"


@pytest.fixture
def person():
    shop = make_shop()
    customer = Customer.objects.create(
        shop=shop, external_id="c-9", display_name="李雷", phone=PHONE, address="深圳南山"
    )
    link_identity(customer, IdentityKind.WECHAT, "o-openid-9", verified=True, reason="test")
    Order.objects.create(
        shop=shop,
        customer=customer,
        number="E1",
        status="paid",
        total="10",
        placed_at=timezone.now(),
    )
    ProductView.objects.create(shop=shop, customer=customer, sku="LAMP", at=timezone.now())
    c = Conversation.objects.create(
        shop=shop,
        customer=customer,
        visitor_token_hash="v",
        status=ConversationStatus.CLOSED,
        csat_score=4,
        csat_comment="李雷很满意",
    )
    Message.objects.create(conversation=c, seq=1, sender="customer", text=f"我的电话是 {PHONE}")
    Message.objects.create(conversation=c, seq=2, sender="agent", text="内部备注", is_private=True)
    return customer


def test_the_export_holds_everything_the_customer_saw_and_is_audited(person, make_user):
    data = privacy.export_customer(person, by=make_user("dpo", Role.ADMINISTRATOR))
    assert data["customer"]["phone"] == PHONE and data["customer"]["address"] == "深圳南山"
    assert data["identities"][-1] == {
        "kind": "wechat",
        "value": "o-openid-9",
        "verified_at": data["identities"][-1]["verified_at"],
    }
    assert data["orders"][0]["number"] == "E1" and data["product_views"][0]["sku"] == "LAMP"
    (conversation,) = data["conversations"]
    assert [m["text"] for m in conversation["messages"]] == [f"我的电话是 {PHONE}"]  # no notes
    assert conversation["csat_comment"] == "李雷很满意"
    event = AuditEvent.objects.get(action="profiles.customer_exported")
    assert PHONE not in json.dumps(event.changes, ensure_ascii=False)


def test_erasure_removes_the_person_and_keeps_the_numbers(person, make_user):
    conversation = Conversation.objects.get()
    counts = privacy.erase_customer(person, by=make_user("dpo"), reason="request #42")
    assert counts["messages"] == 2 and counts["orders"] == 1
    assert not Customer.objects.exists() and not ProductView.objects.exists()
    conversation.refresh_from_db()
    assert conversation.customer is None and conversation.csat_comment == ""
    assert conversation.csat_score == 4  # aggregates stay
    assert {m.text for m in Message.objects.all()} == {privacy.ERASED}
    assert Order.objects.get().customer is None
    event = AuditEvent.objects.get(action="profiles.customer_erased")
    assert event.changes["reason"] == "request #42"
    assert "李雷" not in json.dumps(event.changes, ensure_ascii=False)


def test_retention_purges_old_closed_conversations_only(person):
    shop = person.shop
    shop.message_retention_days = 30
    shop.save()
    old = timezone.now() - dt.timedelta(days=40)
    Message.objects.update(created_at=old)
    still_open = Conversation.objects.create(shop=shop, visitor_token_hash="w")
    kept = Message.objects.create(conversation=still_open, seq=1, sender="customer", text="还在聊")
    Message.objects.filter(pk=kept.pk).update(created_at=old)
    assert privacy.purge_expired_messages() == {shop.pk: 2}
    assert privacy.purge_expired_messages() == {shop.pk: 0}  # nothing twice
    assert Message.objects.get(pk=kept.pk).text == "还在聊"
    purged = Message.objects.filter(conversation__status=ConversationStatus.CLOSED)
    assert {m.text for m in purged} == {privacy.EXPIRED}
    assert AuditEvent.objects.filter(action="chatbot.messages_purged").count() == 1


def test_the_admin_exports_and_erases_only_with_a_reason(client, person, make_user):
    client.force_login(make_user("dpo", Role.ADMINISTRATOR))
    url = "/admin/profiles/customer/"
    exported = client.post(url, {"action": "export_data", "_selected_action": [person.pk]})
    assert (
        exported.status_code == 200
        and json.loads(exported.content)[0]["customer"]["phone"] == PHONE
    )
    asked = client.post(url, {"action": "erase_data", "_selected_action": [person.pk]})
    assert asked.status_code == 200 and "Reason" in asked.content.decode()
    no_reason = client.post(
        url, {"action": "erase_data", "_selected_action": [person.pk], "confirm": "yes"}
    )
    assert "Give a reason" in no_reason.content.decode() and Customer.objects.exists()
    client.post(
        url,
        {
            "action": "erase_data",
            "_selected_action": [person.pk],
            "confirm": "yes",
            "reason": "DSR 7",
        },
    )
    assert not Customer.objects.exists()


def test_a_supervisor_cannot_export_or_erase(client, person, make_user):
    from django.contrib.auth.models import Permission

    supervisor = make_user("sup", Role.SUPERVISOR)
    supervisor.user_permissions.add(Permission.objects.get(codename="view_customer"))
    client.force_login(supervisor)
    response = client.post(
        "/admin/profiles/customer/", {"action": "erase_data", "_selected_action": [person.pk]}
    )
    assert Customer.objects.exists()
    assert response.status_code in (200, 302) and "Reason" not in response.content.decode()
