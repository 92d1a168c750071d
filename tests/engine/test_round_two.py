"""Issue 19's engine components on small fixtures: the one-scan stage, the vectorised best
question, the bigram Dice feature, the held-out-entry calibration, the cached n-grams and the
hand-rolled tf-idf transform."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge.engine.bm25 import BM25
from knowledge.engine.features import TfidfView, char_ngrams, identity
from knowledge.engine.model import AnswerModel, TrainConfig
from knowledge.engine.normalize import normalize

from .kb_fixture import CUSTOM_WORDS, ENTRIES, SYNONYMS

QUESTIONS = ["退货运费谁出", "How much is shipping?", "怎么开发票", "can i pay with alipay"]


@pytest.fixture(scope="module")
def unpruned() -> AnswerModel:
    """Nothing pruned from the scans, so they must equal the plain per-index scores."""
    config = TrainConfig(bm25_max_df=1.0, retrieval_max_df=1.0, compact_scan=False)
    return AnswerModel.train(ENTRIES, SYNONYMS, CUSTOM_WORDS, config)


def test_one_scan_equals_the_separate_indexes(unpruned: AnswerModel) -> None:
    stage = unpruned.stage
    assert stage is not None
    for question in QUESTIONS:
        query = unpruned._prepare_query_norm(normalize(question))
        scores = stage.score(query)
        # BM25 over the same questions, scored the classic way, best question per entry.
        expected_w = np.maximum.reduceat(
            np.asarray(BM25([q.tokens for q in _stage_queries(unpruned)]).get_scores(query.tokens)),
            stage.starts,
        )
        np.testing.assert_allclose(scores.bm25w, expected_w, atol=1e-9)
        # Cosines: the query's tf-idf vector against every question's, best per entry.
        xc = stage.char_view.transform_many(char_ngrams(q) for q in stage.q_norm)
        _, qc = query.char_vec
        dense_q = np.zeros(stage.char_view.n_features)
        dense_q[query.char_vec[0]] = qc
        np.testing.assert_allclose(
            scores.cosc, np.maximum.reduceat(xc @ dense_q, stage.starts), atol=1e-9
        )


def test_compact_scan_gives_the_mean_cosine(unpruned: AnswerModel) -> None:
    """Two channels (BM25 words, joint tf-idf) give the same cosine as the four."""
    config = TrainConfig(bm25_max_df=1.0, retrieval_max_df=1.0)
    compact = AnswerModel.train(ENTRIES, SYNONYMS, CUSTOM_WORDS, config)
    assert compact.stage is not None and compact.stage.n_channels == 2
    assert unpruned.stage is not None and unpruned.stage.n_channels == 4
    for question in QUESTIONS:
        norm = normalize(question)
        full = unpruned.stage.score(unpruned._prepare_query_norm(norm))
        two = compact.stage.score(compact._prepare_query_norm(norm))
        # The four-channel model's per-question cosine is the mean of its word and char ones.
        np.testing.assert_allclose(two.q_cos, full.q_cos, atol=1e-9)
        np.testing.assert_allclose(two.bm25w, full.bm25w, atol=1e-9)
        np.testing.assert_allclose(two.cos, full.cos, atol=1e-9)


def _stage_queries(model: AnswerModel) -> list:
    """The served stage's questions as the model prepared them (tokens with translations)."""
    stage = model.stage
    assert stage is not None
    return [model._prepare_query_norm(norm, vectors=False) for norm in stage.q_norm]


def test_best_question_is_the_most_similar_of_each_candidate(model: AnswerModel) -> None:
    stage = model.stage
    assert stage is not None
    for question in QUESTIONS:
        query = model._prepare_query_norm(normalize(question))
        scores = stage.score(query)
        cand = np.arange(stage.n_entries)
        best = stage.best_questions(scores, cand)
        for entry, chosen in zip(cand, best, strict=True):
            a, b = stage.starts[entry], stage.ends[entry]
            assert chosen == a + int(np.argmax(scores.q_cos[a:b]))


def test_bigram_dice_rewards_the_same_word_order(model: AnswerModel) -> None:
    stage = model.stage
    assert stage is not None
    col = 14  # FEATURE_NAMES[14] == "bigram_dice"
    same = model._prepare_query_norm(normalize(stage.q_norm[0]))
    scores = stage.score(same)
    x, best = stage.features(same, scores, np.asarray([0]))
    assert x[0, col] == pytest.approx(1.0)  # the standard question itself
    assert x.shape == (1, 21) and best[0] == 0


def test_unknown_topics_calibrate_the_threshold() -> None:
    config = TrainConfig()
    calibrated = AnswerModel.train(ENTRIES, SYNONYMS, CUSTOM_WORDS, config)
    folds = calibrated.metadata["oos_calibration"]
    assert folds["folds"] == config.oos_folds
    assert folds["unknown_topic_queries"] > 0
    lo, hi = config.threshold_bounds
    assert lo <= calibrated.threshold <= hi
    # Switched off, no stage is trained without a fold of the entries.
    plain = AnswerModel.train(
        ENTRIES, SYNONYMS, CUSTOM_WORDS, dataclasses.replace(config, oos_folds=0)
    )
    assert plain.metadata["oos_calibration"] == {"folds": 0, "unknown_topic_queries": 0}
    # Too few entries for three folds of at least three: calibration is skipped, not broken.
    small = AnswerModel.train(ENTRIES[:5], SYNONYMS, CUSTOM_WORDS, config)
    assert small.metadata["oos_calibration"]["folds"] == 0
    assert small.answer("运费多少钱").alternatives


def test_lexical_kbs_keep_common_terms_in_the_scan() -> None:
    """One question per entry: no classifier, so the pruning limits for lexical KBs apply."""
    entries = [dataclasses.replace(e, questions=e.questions[:1]) for e in ENTRIES]
    config = TrainConfig(bm25_max_df=0.0, retrieval_max_df=0.0)  # would prune everything
    model = AnswerModel.train(entries, SYNONYMS, CUSTOM_WORDS, config)
    assert model.stage is not None and model.stage.dense is None
    assert model.stage.single_question
    assert model.answer(ENTRIES[1].questions[0]).entry_id == ENTRIES[1].entry_id


def test_cached_char_ngrams_are_stable() -> None:
    text = normalize("退货 return returns 退貨")
    first = char_ngrams(text)
    assert char_ngrams(text) == first
    assert " r" in first and "rn " in first and "退货" in first
    first.append("x")  # callers may extend the list: the cache must not change
    assert "x" not in char_ngrams(text)


def test_transform_one_matches_scikit_learn() -> None:
    docs = [["a", "b", "b", "c"], ["b", "c", "d"], ["a", "d", "d", "d"]]
    view = TfidfView()
    view.fit_transform(docs)
    reference = TfidfVectorizer(analyzer=identity, sublinear_tf=True).fit(docs)
    query = ["d", "a", "zz", "d", "b"]
    idx, val = view.transform_one(query)
    expected = reference.transform([query]).toarray()[0]
    got = np.zeros(len(expected))
    got[idx] = val
    np.testing.assert_allclose(got, expected, atol=1e-12)
    assert list(idx) == sorted(idx)
    empty_idx, empty_val = view.transform_one(["zz"])
    assert len(empty_idx) == 0 and len(empty_val) == 0


def test_long_and_short_documents_transform_alike() -> None:
    """Short documents take the plain-Python path, long ones the numpy one: same numbers."""
    docs = [[f"t{i % 37}" for i in range(k, k + 60)] for k in range(5)]
    view = TfidfView()
    view.fit_transform(docs)
    long_doc = [f"t{i % 41}" for i in range(100)]
    idx, val = view.transform_one(long_doc)
    small_idx, small_val = view._transform_small(long_doc)
    np.testing.assert_array_equal(idx, small_idx)
    np.testing.assert_allclose(val, small_val, atol=1e-12)
