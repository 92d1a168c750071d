"""Questions the bot answered from the catalogue or from orders are answered questions: they
must not fill the editors' "could not answer" topics nor lower the answered share."""

import pytest

from accounts.roles import Role
from chatbot.services import append_message, bot_turn
from knowledge.answering import holder
from knowledge.models import AnswerLog, Category, Status
from knowledge.training import train_and_store
from profiles.models import Product
from tests.factories import make_shop
from tests.knowledge.conftest import make_entry

PRICE_QUESTION = "北欧落地灯多少钱"
GAP_QUESTION = "可以用数字人民币付款吗"


def ask(shop, text: str) -> list:
    conversation = shop.conversations.create(channel="web", visitor_token_hash="x")
    question, _ = append_message(conversation, "customer", text)
    return bot_turn(conversation, question)


@pytest.fixture
def knowledge_base(transactional_db):
    """Nothing about prices in it: the engine does not know the price question, the catalogue
    does."""
    invoices = Category.objects.create(name="Invoices")
    make_entry(
        invoices,
        "怎么开发票",
        "在订单页申请发票",
        "zh-Hans",
        ["发票怎么开", "能开发票吗"],
        Status.PUBLISHED,
    )
    make_entry(
        invoices,
        "How do I get an invoice?",
        "Ask on the order page.",
        "en",
        ["invoice please", "can I have a receipt"],
        Status.PUBLISHED,
    )
    train_and_store("answered report tests")
    holder.refresh_now()


def test_price_answered_from_the_catalogue_is_not_reported_as_unanswered(
    knowledge_base, client, make_user
):
    shop = make_shop()
    Product.objects.create(shop=shop, sku="LM-001", name="北欧落地灯", price="399.00", stock=12)
    for _ in range(2):
        (reply,) = ask(shop, PRICE_QUESTION)
        assert "399" in reply.text  # the customer got the price from the catalogue
        ask(shop, GAP_QUESTION)  # nothing in the knowledge base or the shop data answers this
    assert AnswerLog.objects.count() == 4

    client.force_login(make_user("sue", Role.SUPERVISOR))
    page = client.get("/analytics/knowledge/").content.decode()
    topics = page.split('data-table="unanswered_topics"')[1].split("</section>")[0]
    assert GAP_QUESTION in topics
    assert PRICE_QUESTION not in topics
    assert "<strong>50.0%</strong>" in page  # answered share: 2 of 4

    by_intent = client.get("/analytics/forecast/", {"export": "csv", "table": "by_intent"})
    rows = by_intent.content.decode().lstrip("\ufeff").splitlines()
    header, *days = (line.split(",") for line in rows)
    today = dict(zip(header, days[-1], strict=True))
    assert (today["Price query"], today["Not answered"]) == ("2", "2")
