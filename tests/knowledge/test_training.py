"""Retraining after a publish: a small edit updates the model in service, the rest trains anew;
either way the new version is audited with how it was made."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from knowledge import training
from knowledge.answering import EngineHolder
from knowledge.models import AnswerModel, Category, Status
from knowledge.training import train_and_store
from tests.knowledge.conftest import make_entry

pytestmark = pytest.mark.django_db

KB = [
    ("运费多少钱", "满 99 元包邮", ["邮费怎么算", "包邮吗", "运费怎么收"]),
    ("多久发货", "24 小时内发货", ["什么时候发货", "几天能发货", "下单后多久寄出"]),
    ("怎么退货", "7 天内可退货", ["退货流程是什么", "可以退货吗", "如何申请退货"]),
    ("How do I get an invoice?", "Invoices are under Orders.", ["Can I have a receipt?"]),
    ("忘记密码怎么办", "用手机验证码重置", ["密码忘了", "怎么重置密码"]),
    ("支持哪些付款方式", "支付宝、微信和银行卡", ["可以用微信付款吗", "能用信用卡吗"]),
    ("可以开发票吗", "可以，在订单页申请", ["能开票吗", "发票怎么开"]),
    ("商品有质量问题怎么办", "15 天内包退换", ["东西坏了", "收到的货有问题"]),
    ("可以修改收货地址吗", "发货前可以修改", ["地址写错了", "改地址"]),
    ("会员积分怎么用", "100 积分抵 1 元", ["积分有什么用", "怎么用积分"]),
    ("有优惠券吗", "关注店铺领券", ["怎么领券", "有没有折扣"]),
]


@pytest.fixture
def category(db):
    return Category.objects.create(name="Shop")


@pytest.fixture
def v1(category) -> AnswerModel:
    for question, answer, similar in KB:
        make_entry(category, question, answer, similar=similar, status=Status.PUBLISHED)
    return train_and_store("v1")


def trained_event(version: AnswerModel) -> AuditEvent:
    return AuditEvent.objects.get(
        action="knowledge.answer_model.trained", object_id=str(version.pk)
    )


def answer(question: str) -> str | None:
    result = EngineHolder(check_seconds=0).current()[1].answer(question)
    return result.answer


def test_publishing_one_entry_updates_the_model_in_service(v1, category):
    assert trained_event(v1).changes["mode"] == "full"
    make_entry(
        category,
        "你们有实体店吗",
        "目前只有网店",
        similar=["线下门店在哪"],
        status=Status.PUBLISHED,
    )
    v2 = train_and_store("one more entry")
    assert trained_event(v2).changes["mode"] == "update"
    assert v2.metrics["updated"]["changed_entries"] == 1 and v2.n_entries == len(KB) + 1
    assert answer("线下有门店吗") == "目前只有网店"
    assert answer("包邮吗") == "满 99 元包邮"


def test_the_model_is_read_back_from_the_database_by_a_process_that_did_not_train_it(
    v1, category, monkeypatch
):
    monkeypatch.setattr(training, "_last_trained", None)  # another worker trained v1
    make_entry(
        category,
        "你们有实体店吗",
        "目前只有网店",
        similar=["线下门店在哪"],
        status=Status.PUBLISHED,
    )
    v2 = train_and_store("one more entry")
    assert trained_event(v2).changes["mode"] == "update"
    assert answer("线下有门店吗") == "目前只有网店"


def test_a_forced_or_large_retrain_trains_afresh(v1, category):
    assert trained_event(train_and_store("forced", force=True)).changes["mode"] == "full"
    for n in range(3):  # more than a tenth of the entries at once
        make_entry(category, f"新问题 {n} 号怎么办", f"答案 {n}", status=Status.PUBLISHED)
    assert trained_event(train_and_store("three more")).changes["mode"] == "full"


def test_reading_the_knowledge_base_costs_the_same_few_queries_at_any_size(
    v1, category, django_assert_max_num_queries
):
    nested = Category.objects.create(name="Returns", parent=category)
    for question in ["退货运费谁出", "退款多久到账", "换货怎么办"]:
        make_entry(nested, question, "答案", status=Status.PUBLISHED)
    with django_assert_max_num_queries(5):  # entries, similar questions, variants, categories
        specs = training.published_specs()
    assert len(specs) == len(KB) + 3
    assert {s.category for s in specs} == {"Shop", "Shop / Returns"}
