"""Price, stock and order questions answered from the shop's catalogue and orders."""

import pytest
from channels.db import database_sync_to_async

from audit.models import AuditEvent
from tests.chatbot.conftest import ask, customer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("北欧落地灯多少钱？", "399.00，库存 12 件"),
        ("How much is the floor lamp?", "CNY 399.00, 12 in stock"),
        # The product's name is the shop's (Simplified); the question is written in Traditional.
        ("纯棉T恤幾多錢", "暫時缺貨"),
    ],
)
async def test_price_and_stock_questions_are_answered_from_the_catalogue(
    shop_data, question, expected
):
    cust, _ = await customer(shop_data)
    reply = await ask(cust, question, "p1")
    assert expected in reply["text"]
    assert reply["payload"]["intent"] == "price_query"
    await cust.disconnect()


async def test_a_signed_in_customer_gets_the_status_timeline_of_their_order(shop_data):
    cust, _ = await customer(
        shop_data, hello={"customer_id": "c-1", "signature": shop_data.sign("c-1")}
    )
    latest = await ask(cust, "我的订单到哪了", "o1")
    assert "LM1001" in latest["text"] and "已发货" in latest["text"] and "SF123" in latest["text"]
    by_number = await ask(cust, "where is order LM1001?", "o2")
    assert "Shipped" in by_number["text"] or "已发货" in by_number["text"]
    await cust.disconnect()


async def test_asking_about_someone_elses_order_is_refused_and_audited(shop_data):
    cust, _ = await customer(
        shop_data, hello={"customer_id": "c-1", "signature": shop_data.sign("c-1")}
    )
    reply = await ask(cust, "查一下订单 LM2002", "o1")
    assert reply["payload"].get("refused") and "LM2002" not in reply["text"]
    assert "SF123" not in reply["text"]
    refused = AuditEvent.objects.filter(action="profiles.order_access_refused")
    assert await database_sync_to_async(refused.count)() == 1
    await cust.disconnect()


async def test_an_anonymous_visitor_must_sign_in_before_order_questions(shop_data):
    cust, _ = await customer(shop_data)
    reply = await ask(cust, "查一下订单 LM1001", "o1")
    assert reply["payload"].get("identification_required")
    assert "LM1001" not in reply["text"] and "SF123" not in reply["text"]
    await cust.disconnect()
