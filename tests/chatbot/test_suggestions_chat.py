"""Suggestions on request, and the proactive "last time you looked at X" with its opt-out."""

import datetime as dt

import pytest
from channels.db import database_sync_to_async

from audit.models import AuditEvent
from profiles import recommendations
from profiles.models import Customer, Order, OrderItem, Product, ProductView
from tests.chatbot.conftest import ask, customer, until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop_with_history(shop_data):
    shop = shop_data
    Product.objects.create(shop=shop, sku="SHADE-2", name="灯罩 Lamp shade", price="59.00", stock=3)
    for i in range(5):
        buyer = Customer.objects.create(shop=shop, external_id=f"b-{i}")
        order = Order.objects.create(
            shop=shop,
            customer=buyer,
            number=f"B{i:04d}",
            status="delivered",
            total="458.00",
            placed_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        )
        for sku in ("LAMP-1", "SHADE-2"):
            OrderItem.objects.create(order=order, sku=sku, name=sku, quantity=1, unit_price="1")
    looker = Customer.objects.get(external_id="c-1")
    ProductView.objects.create(
        shop=shop, customer=looker, sku="LAMP-1", at=dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    )
    recommendations.train_shop(shop)
    return shop


async def test_asking_for_suggestions_lists_products_in_stock(shop_with_history):
    cust, _ = await customer(shop_with_history)
    reply = await ask(cust, "有什么推荐的吗", "s1")
    assert reply["payload"]["intent"] == "product_recommendation"
    skus = [p["sku"] for p in reply["payload"]["products"]]
    assert skus[:2] == ["LAMP-1", "SHADE-2"] or skus[:2] == ["SHADE-2", "LAMP-1"]
    assert "TEE-9" not in skus  # out of stock
    assert "为您推荐" in reply["text"] and "灯罩 Lamp shade" in reply["text"]
    await cust.disconnect()


async def test_a_returning_customer_is_greeted_with_a_suggestion_and_can_opt_out(
    shop_with_history,
):
    signed = {"customer_id": "c-1", "signature": shop_with_history.sign("c-1"), "language": "en"}
    cust, welcome = await customer(shop_with_history, hello=signed)
    proactive = welcome["proactive"]
    assert proactive["text"].startswith("Last time you looked at 北欧落地灯 Floor lamp")
    assert [p["sku"] for p in proactive["products"]] == ["SHADE-2"]

    await cust.send_json_to({"type": "preferences", "proactive_suggestions": False})
    saved = await until(cust, lambda f: f["type"] == "preferences_saved")
    assert saved["preferences"] == {"proactive_suggestions": False}
    await cust.disconnect()

    again, welcome = await customer(shop_with_history, hello=signed)
    assert "proactive" not in welcome
    await again.disconnect()
    changed = AuditEvent.objects.filter(action="profiles.preferences_changed")
    assert await database_sync_to_async(changed.count)() == 1


async def test_an_anonymous_visitor_gets_no_proactive_message(shop_with_history):
    cust, welcome = await customer(shop_with_history)
    assert "proactive" not in welcome
    await cust.disconnect()


async def test_a_price_question_counts_as_a_view(shop_with_history):
    signed = {"customer_id": "c-2", "signature": shop_with_history.sign("c-2")}
    cust, _ = await customer(shop_with_history, hello=signed)
    await ask(cust, "灯罩多少钱", "p1")
    views = ProductView.objects.filter(customer__external_id="c-2").values_list("sku", flat=True)
    assert await database_sync_to_async(list)(views) == ["SHADE-2"]
    await cust.disconnect()
