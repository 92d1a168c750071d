"""The demo knowledge base in three languages, its regression set, and the wrong answers of
issue 16 (each now right)."""

import re

import pytest

from demo.kb_data import DEMO_KB
from demo.kb_regression import REGRESSION, demo_dictionary, demo_specs, regression_queries
from demo.kb_translations import TRANSLATIONS, variants_of
from knowledge.engine.evaluation import evaluate_model
from knowledge.engine.model import AnswerModel
from knowledge.engine.normalize import normalize

pytestmark = pytest.mark.django_db


def wording(text: str) -> str:
    """What the engine sees of a question, punctuation aside."""
    return re.sub(r"[\W_]+", "", normalize(text))


def test_every_demo_entry_answers_in_english_and_in_chinese():
    for item in DEMO_KB:
        variants = variants_of(item)
        assert {"en", "zh-Hans"} <= set(variants), item["question"]
        assert all(answer.strip() for _, answer in variants.values()), item["question"]
        # The other language's question is written out too ("did you mean" shows it).
        other = "en" if item["language"] != "en" else "zh-Hans"
        assert variants[other][0], item["question"]
    assert set(TRANSLATIONS) == {item["question"] for item in DEMO_KB}
    hong_kong = TRANSLATIONS["可以寄到香港吗？要几天？"]["zh-Hant"]
    assert "港幣" in hong_kong[1] and "落單" in hong_kong[1]  # Hong Kong wording, not OpenCC's


def test_the_regression_set_is_held_out_of_the_knowledge_base():
    questions = {item["question"] for item in DEMO_KB}
    assert {expected for _, expected in REGRESSION} <= questions
    taught = {wording(q) for spec in demo_specs() for q in spec.questions}
    assert [q for q, _ in REGRESSION if wording(q) in taught] == []
    assert len({wording(q) for q, _ in REGRESSION}) == len(REGRESSION)


@pytest.fixture
def demo_engine(transactional_db):
    from demo.seed import seed_knowledge
    from knowledge.answering import holder
    from knowledge.training import published_specs, train_and_store

    seed_knowledge()
    train_and_store("demo regression")
    _, engine = holder.refresh_now()
    return engine, published_specs()


def test_the_evaluation_sees_the_demo_knowledge_base_as_production_trains_on_it(demo_engine):
    from knowledge.training import dictionary

    _, published = demo_engine
    assert [(s.questions, s.language) for s in published] == [
        (s.questions, s.language) for s in demo_specs()
    ]
    synonyms, words = dictionary()
    expected_synonyms, expected_words = demo_dictionary()
    assert (synonyms, sorted(words)) == (expected_synonyms, sorted(expected_words))


WRONG_ANSWERS_SEEN = [
    ("有没有发票", "可以开发票吗？"),  # got the warranty answer
    ("我想改一下收货地址", "下单后可以修改收货地址吗？"),  # got "did you mean"
    # went straight to a person
    ("包裹能寄存到小区驿站吗", "Can I pick up my parcel at an SF locker or service point?"),
]
# Questions of issue 16 answered in the wrong language, and the words their answer must have.
WRONG_LANGUAGE_SEEN = [
    ("do you deliver to hong kong", "en", "SF Express, usually in 3–5 working days"),
    ("how long does delivery take", "en", "Mainland orders ship with SF Express"),
    ("i want to return an item", "en", "I'll help you with the return"),
    ("退货运费谁出", "zh-Hans", "无理由退货的运费由您承担"),
    ("可以帮忙包装成礼物吗", "zh-Hans", "礼品包装 10 元"),
    ("支持数字人民币吗", "zh-Hans", "支付宝、微信支付"),
    ("香港有得送嗎？", "zh-Hant", "港幣計價"),
]


def test_issue_16s_questions_are_right_and_the_regression_set_keeps_its_top1(demo_engine):
    """One trained demo engine for all of it: a training takes seconds."""
    from knowledge.answering import answer_question

    for question, standard_question in WRONG_ANSWERS_SEEN:
        outcome = answer_question(question)
        assert outcome.answered, (question, outcome.confidence, outcome.suggestions)
        assert outcome.entry.question == standard_question, question
        assert outcome.language == "zh-Hans", question
    assert "驿站" in answer_question("包裹能寄存到小区驿站吗").answer

    for question, language, answer_contains in WRONG_LANGUAGE_SEEN:
        outcome = answer_question(question)
        assert outcome.answered, (question, outcome.confidence, outcome.suggestions)
        assert outcome.language == language, question
        assert answer_contains in outcome.answer, (question, outcome.answer)

    engine, _ = demo_engine
    _assert_regression_floor(engine)


def _assert_regression_floor(engine: AnswerModel) -> None:
    """Measured 0.752 before issue 16 (one language per entry, eight paraphrases); the figure
    after is in the README. A drop below this floor is a regression of the engine or the KB."""
    from knowledge.engine.evaluation import QuerySpec
    from knowledge.models import Entry

    ids = {question: str(pk) for pk, question in Entry.objects.values_list("pk", "question")}
    queries = [QuerySpec(q.query, ids[q.expected_id]) for q in regression_queries()]
    report = evaluate_model(engine, queries)
    assert report["top1"] >= 0.82, report
    assert report["top3"] >= 0.93, report
