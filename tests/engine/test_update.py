"""AnswerModel.update: a small edit of the knowledge base without a full training."""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge.engine.model import AnswerModel, EntrySpec

from .kb_fixture import CUSTOM_WORDS, ENTRIES, SYNONYMS

STORE = EntrySpec(
    "physical_store",
    ["你们有实体店吗", "线下门店在哪", "有没有门店", "Do you have a physical shop?"],
    "目前只有网店。",
)


def update(previous: AnswerModel, entries: list[EntrySpec], **kwargs) -> AnswerModel | None:
    return AnswerModel.update(
        previous, entries, synonyms=SYNONYMS, custom_words=CUSTOM_WORDS, **kwargs
    )


def test_a_published_entry_is_answered_after_an_update(model: AnswerModel) -> None:
    assert model.answer("线下有门店吗").entry_id != "physical_store"
    updated = update(model, [*ENTRIES, STORE])
    assert updated is not None
    assert updated.answer("线下有门店吗").entry_id == "physical_store"
    assert updated.answer("有實體店嗎").entry_id == "physical_store"
    assert updated.answer("do you have a physical store").entry_id == "physical_store"
    # The rest of the knowledge base answers as before.
    for question, entry_id in [("退貨要點樣做", "return_policy"), ("包邮吗", "shipping_fee")]:
        assert updated.answer(question).entry_id == entry_id
    assert updated.answer("what's the weather on Mars").entry_id is None
    assert updated.metadata["updated"]["changed_entries"] == 1


def test_an_archived_entry_is_not_answered_after_an_update(model: AnswerModel) -> None:
    kept = [e for e in ENTRIES if e.entry_id != "shipping_fee"]
    updated = update(model, kept)
    assert updated is not None and "shipping_fee" not in updated.entry_ids
    assert updated.answer("运费多少钱？").entry_id != "shipping_fee"


def test_an_edited_question_is_answered_after_an_update(model: AnswerModel) -> None:
    edited = [
        replace(e, questions=[*e.questions, "退款几天到账"]) if e.entry_id == "return_policy" else e
        for e in ENTRIES
    ]
    updated = update(model, edited)
    assert updated is not None
    assert updated.answer("退款几天到账").entry_id == "return_policy"


def test_only_new_questions_are_segmented(model: AnswerModel, monkeypatch) -> None:
    segmented: list[str] = []
    tokenize = type(model.tokenizer).tokenize

    def counting(self, text: str) -> list[str]:
        segmented.append(text)
        return tokenize(self, text)

    monkeypatch.setattr(type(model.tokenizer), "tokenize", counting)
    assert update(model, [*ENTRIES, STORE]) is not None
    assert len(segmented) == len(STORE.questions)


def test_an_updated_model_survives_storage(model: AnswerModel) -> None:
    updated = update(model, [*ENTRIES, STORE])
    assert updated is not None
    loaded = AnswerModel.loads(updated.dumps())
    for question in ["线下有门店吗", "退貨要點樣做", "Tell me a joke about cats"]:
        assert loaded.answer(question).entry_id == updated.answer(question).entry_id
    # A stored update can be updated again.
    again = update(loaded, [*ENTRIES, STORE])
    assert again is not None and again.answer("线下有门店吗").entry_id == "physical_store"


def test_large_or_accumulated_changes_ask_for_a_full_training(model: AnswerModel) -> None:
    assert update(model, ENTRIES[:10]) is None  # a third of the entries gone at once
    first = update(model, [*ENTRIES, STORE])
    assert first is not None
    second = replace(STORE, entry_id="store_2", questions=["门店几点关门"])
    # Two changes since the last full training are more than 10 % of 17 entries allow.
    assert update(first, [*ENTRIES, STORE, second]) is None


@pytest.mark.parametrize(
    ("synonyms", "words"),
    [({**SYNONYMS, "快递费": "运费"}, CUSTOM_WORDS), (SYNONYMS, [*CUSTOM_WORDS, "运费险"])],
)
def test_a_dictionary_change_asks_for_a_full_training(model: AnswerModel, synonyms, words) -> None:
    # Every question may segment differently: nothing of the old model can be reused.
    assert AnswerModel.update(model, ENTRIES, synonyms=synonyms, custom_words=words) is None
