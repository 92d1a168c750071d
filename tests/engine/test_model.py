from __future__ import annotations

import pytest

from knowledge.engine.model import AnswerModel, AnswerResult, EntrySpec

from .kb_fixture import CUSTOM_WORDS, ENTRIES, SYNONYMS


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("退货怎么操作", "return_policy"),  # Simplified
        ("退貨怎麼操作", "return_policy"),  # same question in Traditional characters
        ("退貨要點樣做", "return_policy"),  # Cantonese wording
        ("運費幾多錢", "shipping_fee"),  # Cantonese wording
        ("你哋幾點開門", "store_hours"),  # Cantonese against a Traditional-only entry
        ("门市营业时间", "store_hours"),  # Simplified against a Traditional-only entry
        ("what's the procedure to return an item", "return_policy"),  # English paraphrase
        ("I can't remember my password", "password_reset"),
        ("can i pay with alipay", "payment_methods"),
        ("怎么开增值税发票", "invoice"),
    ],
)
def test_answers_the_right_entry(model: AnswerModel, question: str, entry_id: str) -> None:
    result = model.answer(question)
    assert result.entry_id == entry_id, result
    assert result.answer == next(e.answer for e in ENTRIES if e.entry_id == entry_id)
    assert result.confidence >= model.threshold
    assert result.alternatives[0][0] == entry_id


@pytest.mark.parametrize(
    "question", ["what's the weather on Mars", "火星上的天气怎么样", "Tell me a joke about cats"]
)
def test_unrelated_question_gets_no_answer(model: AnswerModel, question: str) -> None:
    result = model.answer(question)
    assert result.entry_id is None and result.answer is None
    assert 0.0 <= result.confidence < model.threshold
    assert len(result.alternatives) == 3  # "did you mean" is still offered


def test_result_shape(model: AnswerModel) -> None:
    result = model.answer("How much is shipping?", top_k=3)
    assert isinstance(result, AnswerResult)
    assert result.language == "en"
    assert set(result.timings) == {"normalize", "retrieve", "rank", "total"}
    assert all(v >= 0 for v in result.timings.values())
    confidences = [c for _, c in result.alternatives]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 <= c <= 1.0 for c in confidences)
    assert model.answer("退货怎么操作").language == "zh"


def test_threshold_override(model: AnswerModel) -> None:
    assert model.answer("what's the weather on Mars", threshold=0.0).entry_id is not None
    assert model.answer("退货怎么操作", threshold=1.01).entry_id is None


def test_empty_question(model: AnswerModel) -> None:
    result = model.answer("   😀  ")
    assert result.entry_id is None and result.confidence == 0.0


def test_metadata(model: AnswerModel) -> None:
    meta = model.metadata
    assert meta["n_entries"] == len(ENTRIES)
    assert meta["n_questions"] == sum(len(e.questions) for e in ENTRIES)
    assert meta["threshold"] == model.threshold
    assert 0.0 < model.threshold < 1.0
    assert {"trained_at", "libraries", "format_version"} <= set(meta)
    assert meta["libraries"]["scikit-learn"]


def test_dumps_loads_round_trip(model: AnswerModel) -> None:
    blob = model.dumps()
    assert isinstance(blob, bytes)
    loaded = AnswerModel.loads(blob)
    assert loaded.metadata == model.metadata
    for question in ["退貨要點樣做", "How do I reset my password?", "what's the weather on Mars"]:
        a, b = model.answer(question), loaded.answer(question)
        assert (a.entry_id, a.confidence, a.alternatives) == (
            b.entry_id,
            b.confidence,
            b.alternatives,
        )


def test_loads_rejects_foreign_data() -> None:
    import pickle

    with pytest.raises(ValueError):
        AnswerModel.loads(pickle.dumps({"something": "else"}))


def test_training_is_deterministic(model: AnswerModel) -> None:
    again = AnswerModel.train(ENTRIES, synonyms=SYNONYMS, custom_words=CUSTOM_WORDS)
    assert again.threshold == model.threshold
    for question in ["退货流程", "Where is my parcel?", "火星上的天气怎么样"]:
        assert again.answer(question).alternatives == model.answer(question).alternatives


def test_faq_regime_one_question_per_entry() -> None:
    entries = [EntrySpec(e.entry_id, e.questions[:1], e.answer) for e in ENTRIES]
    faq = AnswerModel.train(entries)
    assert faq.metadata["classifier"] is False
    assert faq.answer("退貨怎麼辦理").alternatives[0][0] == "return_policy"
    assert faq.answer("忘记了密码怎么办").entry_id == "password_reset"


def test_tiny_and_invalid_knowledge_bases() -> None:
    single = AnswerModel.train([EntrySpec("only", ["如何退货"], "见退货政策")])
    assert single.answer("如何退货").alternatives[0][0] == "only"
    with pytest.raises(ValueError):
        AnswerModel.train([])
    with pytest.raises(ValueError):
        AnswerModel.train([EntrySpec("a", ["x"], "1"), EntrySpec("a", ["y"], "2")])
    with pytest.raises(ValueError):
        AnswerModel.train([EntrySpec("a", ["  ", "😀"], "1")])
