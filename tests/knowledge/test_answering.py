"""The bot answers from the published knowledge base, through the stored, versioned model."""

import pytest
from django.core.management import call_command

from core.chinese import to_simplified
from knowledge.answering import EngineHolder, answer_question, holder, validate_question
from knowledge.models import AnswerLog, AnswerModel, DictionaryTerm, Status
from knowledge.services import change_status
from knowledge.training import train_and_store
from tests.knowledge.conftest import make_entry

pytestmark = pytest.mark.django_db

KB = [
    (
        "Shipping",
        "多久发货",
        "下单后 24 小时内发货",
        "zh-Hans",
        ["什么时候发货", "几天能发货", "下单后多久寄出"],
    ),
    (
        "Shipping",
        "运费多少钱",
        "满 99 元包邮，否则运费 10 元",
        "zh-Hans",
        ["邮费怎么算", "包邮吗", "运费怎么收"],
    ),
    (
        "Shipping",
        "How long does delivery take?",
        "Delivery takes 3-5 working days.",
        "en",
        ["When will my parcel arrive?", "delivery time", "how many days to deliver"],
    ),
    (
        "Payment",
        "支持哪些付款方式",
        "支持支付宝、微信支付和银行卡",
        "zh-Hans",
        ["可以用微信付款吗", "能用信用卡吗", "怎么付款"],
    ),
    (
        "Payment",
        "How do I get an invoice?",
        "Invoices are in your account under Orders.",
        "en",
        ["Can I have a receipt?", "invoice for my order", "VAT invoice"],
    ),
    (
        "Shipping",
        "怎么退货",
        "收货 7 天内可在订单页申请退货",
        "zh-Hans",
        ["退货流程是什么", "可以退货吗", "如何申请退货"],
    ),
    (
        "Payment",
        "忘记密码怎么办",
        "在登录页点击“忘记密码”通过手机验证码重置",
        "zh-Hans",
        ["密码忘了", "怎么重置密码", "登录不了"],
    ),
]


@pytest.fixture
def published_kb(categories):
    entries = {}
    for category, question, answer, language, similar in KB:
        entries[question] = make_entry(
            categories[category.lower()], question, answer, language, similar, Status.PUBLISHED
        )
    train_and_store("test")
    holder.refresh_now()
    return entries


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("请问几天可以发货？", "多久发货"),  # Simplified
        ("運費多少錢", "运费多少钱"),  # Traditional
        ("退貨要點樣做", "怎么退货"),  # Cantonese wording
        (
            "ｗｈｅｎ ｗｉｌｌ ｍｙ ｐａｒｃｅｌ ａｒｒｉｖｅ",
            "How long does delivery take?",
        ),  # full-width
        ("How can I get a receipt for my order?", "How do I get an invoice?"),  # English paraphrase
        ("可唔可以用微信畀錢", "支持哪些付款方式"),  # Cantonese, Traditional
    ],
)
def test_questions_in_every_language_get_the_right_entry(published_kb, question, expected):
    outcome = answer_question(question, channel="web")
    assert outcome.answered, (question, outcome)
    assert outcome.entry == published_kb[expected]
    # The entry's one answer, converted to Traditional for a question written in Traditional.
    assert to_simplified(outcome.answer) == published_kb[expected].answer
    assert 0 < outcome.confidence <= 1


def test_an_unrelated_question_is_not_answered_but_logged(published_kb):
    outcome = answer_question("what's the weather on Mars tomorrow?", channel="web")
    assert not outcome.answered and outcome.entry is None
    log = AnswerLog.objects.get(pk=outcome.log_id)
    assert log.answered is False and log.question == "what's the weather on Mars tomorrow?"
    assert log.model_version == AnswerModel.objects.latest().pk


def test_answers_are_logged_with_entry_confidence_and_suggestions(published_kb):
    outcome = answer_question("包邮吗？", channel="sms")
    log = AnswerLog.objects.get(pk=outcome.log_id)
    assert (log.entry, log.channel, log.answered) == (published_kb["运费多少钱"], "sms", True)
    assert log.confidence == outcome.confidence
    assert all(s.entry_id != outcome.entry.pk for s in outcome.suggestions)
    assert len(outcome.suggestions) <= 3


def test_an_archived_entry_stops_being_served_even_before_retraining(published_kb, editor):
    entry = published_kb["运费多少钱"]
    assert answer_question("运费多少钱").entry == entry  # this process now keeps the entry
    change_status([entry], Status.ARCHIVED, editor)  # no retraining runs: no on-commit here
    outcome = answer_question("运费多少钱")
    assert outcome.entry is None or outcome.entry.pk != entry.pk


def test_publishing_retrains_and_the_new_version_is_served_without_restart(
    published_kb, categories, editor, django_capture_on_commit_callbacks
):
    before = AnswerModel.objects.latest().pk
    assert not answer_question("你们有实体店吗").answered
    new = make_entry(
        categories["shipping"],
        "你们有实体店吗",
        "目前只有网店",
        similar=["线下门店在哪", "有没有门店"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        change_status([new], Status.PUBLISHED, editor)
    assert AnswerModel.objects.latest().pk > before
    fresh = EngineHolder(check_seconds=0)  # a process that checks on every question
    assert fresh.current()[0] == AnswerModel.objects.latest().pk
    holder.refresh_now()
    outcome = answer_question("线下有门店吗")
    assert outcome.entry == new


def test_a_synonym_from_the_dictionary_is_used_after_retraining(published_kb):
    DictionaryTerm.objects.create(term="快递费", canonical="运费")
    train_and_store("synonyms")
    holder.refresh_now()
    assert answer_question("快递费多少").entry == published_kb["运费多少钱"]


def test_training_is_skipped_when_nothing_changed(published_kb):
    count = AnswerModel.objects.count()
    assert train_and_store("again") is None
    assert AnswerModel.objects.count() == count


def test_train_answers_command(published_kb, capsys):
    call_command("train_answers", "--force", "--no-progress")
    assert "Answer model v" in capsys.readouterr().out
    call_command("train_answers", "--no-progress")
    assert "Nothing to do" in capsys.readouterr().out


def test_no_model_yet_means_no_answer(db):
    AnswerModel.objects.all().delete()
    fresh = EngineHolder()
    assert fresh.current() is None


@pytest.mark.parametrize("bad", ["", "   "])
def test_empty_questions_are_refused(bad):
    with pytest.raises(ValueError):
        validate_question(bad)


@pytest.mark.parametrize("length", [1001, 2000, 10_000])
def test_a_long_message_is_answered_from_its_beginning(published_kb, length):
    text = "运费多少钱？" + "我想了解一下。" * (length // 7)
    outcome = answer_question(text[:length], channel="web")
    assert outcome.entry == published_kb["运费多少钱"]
    assert len(AnswerLog.objects.get(pk=outcome.log_id).question) <= 1000
