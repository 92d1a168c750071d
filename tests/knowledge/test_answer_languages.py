"""Answers in the customer's language: an entry's answer per language, chosen by the question's
language, then the conversation's, then the shop's; Traditional from Simplified by OpenCC."""

import pytest

from knowledge.answering import answer_question, holder
from knowledge.models import Category, EntryAnswer, Status
from knowledge.training import train_and_store
from tests.knowledge.conftest import make_entry

pytestmark = pytest.mark.django_db

SHIPPING_ZH = "满 99 元包邮，不满收 10 元运费。"
SHIPPING_HANT = "滿 99 元免運費，不滿收 10 元運費。"
SHIPPING_EN = "Shipping is free over CNY 99, otherwise CNY 10."
RETURNS_ZH = "签收 7 天内可以无理由退货。"
RETURNS_EN = "You can return items within 7 days of delivery."


def variant(entry, language, answer, question=""):
    return EntryAnswer.objects.create(
        entry=entry, language=language, answer=answer, question=question
    )


@pytest.fixture
def kb(db):
    shipping = Category.objects.create(name="Shipping")
    returns = Category.objects.create(name="Returns")
    fee = make_entry(
        shipping,
        "运费多少钱",
        SHIPPING_ZH,
        "zh-Hans",
        ["邮费怎么算", "包邮吗", "how much is shipping", "is delivery free"],
        Status.PUBLISHED,
    )
    variant(fee, "en", SHIPPING_EN, "How much is shipping?")
    variant(fee, "zh-Hant", SHIPPING_HANT)
    # Only a Simplified answer: Traditional readers get it converted.
    ret = make_entry(
        returns,
        "怎么退货",
        RETURNS_ZH,
        "zh-Hans",
        ["退货流程", "可以退货吗", "how do i return an item", "return policy"],
        Status.PUBLISHED,
    )
    variant(ret, "en", RETURNS_EN, "How do I return an item?")
    # A question with no language in it (digits only), answered in every language.
    sale = make_entry(
        shipping,
        "618",
        "618 大促 6 月 1 日开始。",
        "zh-Hans",
        ["６１８", "618!", "618 大促"],
        Status.PUBLISHED,
    )
    variant(sale, "en", "The 618 sale starts on 1 June.")
    variant(sale, "zh-Hant", "618 大促 6 月 1 日開始。")
    train_and_store("answer languages")
    holder.refresh_now()
    return {"fee": fee, "returns": ret, "sale": sale}


def test_an_english_question_gets_the_english_answer_of_a_chinese_entry(kb):
    outcome = answer_question("how much is shipping to my place?")
    assert outcome.entry == kb["fee"]
    assert (outcome.language, outcome.answer) == ("en", SHIPPING_EN)
    chinese = answer_question("邮费怎么算的？")
    assert (chinese.language, chinese.answer) == ("zh-Hans", SHIPPING_ZH)


def test_a_traditional_question_gets_the_traditional_answer(kb):
    outcome = answer_question("運費點計？包唔包郵？")
    assert outcome.entry == kb["fee"]
    assert (outcome.language, outcome.answer) == ("zh-Hant", SHIPPING_HANT)


def test_cantonese_in_characters_both_scripts_share_is_answered_in_traditional(kb):
    # 唔 and 寄/香/港 are the same in both scripts; Cantonese is written in Traditional.
    outcome = answer_question("寄唔寄香港？", languages=("", "zh-Hans"))
    assert outcome.language == "zh-Hant"


def test_without_a_traditional_answer_the_simplified_one_is_converted(kb):
    outcome = answer_question("點樣退貨？")
    assert outcome.entry == kb["returns"]
    assert outcome.language == "zh-Hant"
    assert outcome.answer == "簽收 7 天內可以無理由退貨。"


def test_the_question_language_wins_then_the_conversation_then_the_shop(kb):
    # The question says English: English, whatever the conversation and the shop say.
    assert answer_question("how much is shipping", languages=("zh-Hant", "zh-Hans")).answer == (
        SHIPPING_EN
    )
    # Digits say nothing: the conversation's language…
    assert answer_question("618", languages=("en", "zh-Hans")).answer == (
        "The 618 sale starts on 1 June."
    )
    # … and without one, the shop's default.
    assert answer_question("618", languages=("", "zh-Hant")).answer == "618 大促 6 月 1 日開始。"
    assert answer_question("618", languages=(None, "zh-Hans")).answer == "618 大促 6 月 1 日开始。"
    # Chinese in characters both scripts share keeps the conversation's Chinese script, and an
    # English conversation does not turn a Chinese question English.
    # (大促 is written alike in both scripts.)
    assert answer_question("618大促", languages=("zh-Hant", "en")).answer == (
        "618 大促 6 月 1 日開始。"
    )
    assert answer_question("618大促", languages=("en", "zh-Hant")).answer == (
        "618 大促 6 月 1 日開始。"
    )


def test_suggestions_and_related_questions_are_labelled_in_the_question_language(kb):
    outcome = answer_question("how do i return an item")
    assert outcome.entry == kb["returns"] and outcome.answer == RETURNS_EN
    labels = {s.entry_id: s.question for s in outcome.suggestions}
    assert labels.get(kb["fee"].pk, "How much is shipping?") == "How much is shipping?"
    chinese = answer_question("怎么退货呢")
    assert {s.question for s in chinese.suggestions} <= {"运费多少钱", "618"}


def test_an_entry_answered_in_one_language_only_still_answers_the_others(db):
    category = Category.objects.create(name="Account")
    entry = make_entry(
        category,
        "How do I reset my password?",
        "Use “Forgot password” on the login page.",
        "en",
        ["forgot my password", "忘记密码怎么办", "密码忘了"],
        Status.PUBLISHED,
    )
    make_entry(
        category, "怎么注销账号", "在设置里注销。", "zh-Hans", ["删除账号"], Status.PUBLISHED
    )
    train_and_store("one language")
    holder.refresh_now()
    outcome = answer_question("忘记密码了怎么办")
    assert outcome.entry == entry
    # No Chinese answer written yet: the English one beats no answer at all.
    assert outcome.answer == "Use “Forgot password” on the login page."
