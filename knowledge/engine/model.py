"""The trained answer model: retrieval + classification + a learned re-ranker.

Pipeline for one question::

    normalize → tokenize → stage 1 (per entry: BM25 on words, BM25 on characters, tf-idf
    cosine word/char, centroid cosine, kNN vote, LinearSVC intent score) → candidate union →
    per-candidate features → logistic re-ranker → calibrated P(candidate is right)

The re-ranker is what makes one model work for both kinds of knowledge base:
* intent-style KBs (many similar questions per entry, e.g. Banking77) where the classifier score
  dominates, and
* FAQ-style KBs (one question per entry, e.g. LCQMC) where there is nothing to classify and lexical
  similarity features decide.
It learns the mix from held-out paraphrases of the KB itself (similar questions held out of
stage 1) and, when the KB has too few of those, from synthetic paraphrases (word drop, local
swaps, question-word substitutions).  The "I don't know" threshold is tuned on the same queries,
using out-of-fold re-ranker probabilities and simulated out-of-scope queries (the same paraphrase
with its own entry removed from the index: the hardest kind of unanswerable question).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import itertools
import pickle
import platform
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import crosslingual
from .bm25 import BM25
from .features import TfidfView, char_ngrams, units, word_ngrams
from .normalize import detect_language, normalize
from .tokenize import Tokenizer

FORMAT_VERSION = 2
ENGINE_VERSION = "1.0.0"


@dataclass(frozen=True)
class EntrySpec:
    """One knowledge-base entry; ``questions[0]`` is the standard question."""

    entry_id: str
    questions: list[str]
    answer: str
    language: str = ""
    category: str = ""


@dataclass
class AnswerResult:
    entry_id: str | None
    answer: str | None
    confidence: float
    alternatives: list[tuple[str, float]]
    language: str
    timings: dict[str, float]
    # The stored question closest to the user's wording (for logs and "did you mean" UIs).
    matched_question: str | None = None
    threshold: float = 0.0


@dataclass
class TrainConfig:
    random_state: int = 0
    # Fraction of each entry's similar questions held out to train the re-ranker.
    holdout_fraction: float = 0.2
    max_holdout: int = 1500
    # Synthetic paraphrases top the re-ranker's training set up to this many queries.
    min_rerank_queries: int = 1000
    # Word salad from unrelated entries: generic out-of-scope negatives for the re-ranker.
    junk_fraction: float = 0.1
    min_junk_queries: int = 50
    # Per-retriever candidate depth; the union (≤ 5×) is re-ranked.  With a classifier
    # (intent-style KBs) the right entry is nearly always in the first three of some view;
    # without one (FAQ-style: one question per entry, paraphrases that share few words) the
    # lexical views need to go deeper.  Fewer candidates is less work per question.
    candidates_per_view: int = 3
    candidates_per_view_lexical: int = 8
    # LinearSVC is one-vs-rest: cost grows with entries × questions, and with ~1 question per
    # entry it adds nothing the cosine features do not already give.
    classifier_min_questions_per_entry: float = 2.0
    classifier_max_cost: float = 3e7
    svc_c: float = 1.0
    rerank_c: float = 1.0
    knn_k: int = 10
    # Share of questions above which a feature is left out of the cosine scan (see _Stage1).
    retrieval_max_df: float = 0.02
    # The same for the BM25 scans (1.0: nothing pruned): see _Stage1.
    bm25_max_df: float = 0.05
    # The same two limits for KBs without a classifier (see _Stage1).
    lexical_retrieval_max_df: float = 0.05
    lexical_bm25_max_df: float = 1.0
    # Folds of entries held out to calibrate the threshold on unknown topics (0: off).
    oos_folds: int = 3
    # Share of the questions asked that no entry answers, assumed when the threshold is tuned
    # on the held-out-entry stages (it weighs declining unknown topics against answering
    # known ones).  A third: chat traffic mixes greetings, order and product questions the
    # KB does not cover; Banking77-OOS has 35 %.
    oos_prior: float = 0.33
    # Two per-question channels instead of four where a classifier is fitted (see _Stage1).
    compact_scan: bool = True
    # Also train on each held-out paraphrase with its own entry's scores zeroed.
    exclude_twins: bool = True
    bm25_k1: float = 1.5
    bm25_b: float = 0.75
    bm25_epsilon: float = 0.25
    threshold_bounds: tuple[float, float] = (0.05, 0.95)
    # Chinese ↔ English word pairs learned from entries asked in both (crosslingual.py): each
    # question also gets up to this many translations per word. 0 turns it off.
    translations_per_word: int = 2
    translation_min_dice: float = 0.2


FEATURE_NAMES: tuple[str, ...] = (
    "cls",
    "cls_gap",
    "cls_rank",
    "bm25w_norm",
    "bm25w_rel",
    "bm25w_rank",
    "bm25c_norm",
    "bm25c_rel",
    "cosw",
    "cosc",
    "cos_gap",
    "cos_rank",
    "centroid",
    "knn_share",
    "bigram_dice",
    "cover_query",
    "cover_candidate",
    "exact",
    "len_ratio",
    "log_questions",
    "oov_rate",
)
_N_FEATURES = len(FEATURE_NAMES)
_EPS = 1e-9


# ---------------------------------------------------------------------------------------------
# Stage 1: retrieval and classification over one set of questions
# ---------------------------------------------------------------------------------------------


@dataclass
class _Query:
    norm: str
    tokens: list[str]
    char_tokens: list[str]
    units: list[str]
    word_vec: tuple[np.ndarray, np.ndarray]
    char_vec: tuple[np.ndarray, np.ndarray]


@dataclass
class _Scores:
    """Per-entry stage-1 scores for one query."""

    bm25w: np.ndarray
    bm25c: np.ndarray
    cosw: np.ndarray
    cosc: np.ndarray
    cos: np.ndarray
    centroid: np.ndarray
    cls: np.ndarray | None
    knn: np.ndarray
    q_cos: np.ndarray  # per question, for the best-matching question of a candidate
    mass_w: float
    mass_c: float


def _rows_dot(matrix_t: sp.csr_matrix, vec: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """``matrix_t.T @ v`` for a sparse query ``v``, reading only the query's posting rows.

    Gathers the postings with numpy and accumulates with ``bincount``: about twice as fast as
    scipy's fancy row indexing for one short query, whose cost is mostly validation/copies.
    """
    idx, val = vec
    n_cols = matrix_t.shape[1]
    if len(idx) == 0:
        return np.zeros(n_cols)
    indptr = matrix_t.indptr
    begin = indptr[idx]
    lengths = indptr[idx + 1] - begin
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(n_cols)
    # Position of every posting: its row start plus its offset within the row.
    offsets = np.repeat(begin - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
    weights = matrix_t.data[offsets] * np.repeat(val, lengths)
    return np.bincount(matrix_t.indices[offsets], weights=weights, minlength=n_cols)


def _prune_common_rows(matrix_t: sp.csr_matrix, max_df: float) -> sp.csr_matrix:
    """Empty the rows (features) present in more than ``max_df`` of the columns (questions)."""
    n_docs = matrix_t.shape[1]
    limit = max(int(max_df * n_docs), 50)
    df = np.diff(matrix_t.indptr)
    common = df > limit
    if not common.any():
        return matrix_t
    keep = sp.diags((~common).astype(np.float64))
    pruned = (keep @ matrix_t).tocsr()
    pruned.eliminate_zeros()
    return pruned


class _Stage1:
    def __init__(
        self,
        queries: list[_Query],
        q_entry: np.ndarray,
        n_entries: int,
        config: TrainConfig,
        word_view: TfidfView | None = None,
        char_view: TfidfView | None = None,
    ) -> None:
        if len(q_entry) and np.any(np.diff(q_entry) < 0):
            raise ValueError("questions must be grouped by entry")
        self.n_entries = n_entries
        self.q_entry = q_entry
        self.starts = np.searchsorted(q_entry, np.arange(n_entries))
        self.ends = np.searchsorted(q_entry, np.arange(n_entries), side="right")
        if np.any(self.ends <= self.starts):
            raise ValueError("every entry needs at least one question")
        self.q_norm = [q.norm for q in queries]
        self.q_units = [q.units for q in queries]
        self.q_unit_sets = [frozenset(u) for u in self.q_units]
        # Adjacent unit pairs: a cheap stand-in for difflib's ratio (word order matters,
        # "退货运费" vs "运费退货"), at a microsecond per candidate instead of 20.
        self.q_bigram_sets = [frozenset(itertools.pairwise(u)) for u in self.q_units]
        # With one question per entry (FAQ-style KBs) the centroid is that question: its
        # cosine is ``cos`` and the centroid scan can be skipped at query time.
        self.single_question = bool(np.all(self.ends - self.starts == 1))
        self.n_questions_log = np.log1p(self.ends - self.starts).astype(np.float64)
        self.knn_k = config.knn_k

        kw = {"k1": config.bm25_k1, "b": config.bm25_b, "epsilon": config.bm25_epsilon}
        self.bm25w = BM25([q.tokens for q in queries], **kw)
        # Character BM25 only where it is scanned (no classifier; see ``compact`` below).
        self.bm25c: BM25 | None = None

        # Vectorisers may be supplied (already fitted on all questions) so that held-out and
        # production stages share one feature space; otherwise they are fitted here.
        if word_view is None or char_view is None:
            word_view, char_view = TfidfView(), TfidfView()
            xw = word_view.fit_transform([word_ngrams(q.tokens) for q in queries])
            xc = char_view.fit_transform([char_ngrams(q.norm) for q in queries])
        else:
            xw = word_view.transform_many(word_ngrams(q.tokens) for q in queries)
            xc = char_view.transform_many(char_ngrams(q.norm) for q in queries)
        self.word_view = word_view
        self.char_view = char_view
        # Posting lists for the exhaustive cosine scan.  Features found in a large share of the
        # questions (English char 2-grams like " i", Chinese 的/什么) make up most postings while
        # moving every question's cosine by about the same amount; dropping them from the scan
        # (not from the classifier) cuts query time several-fold.
        # With a classifier (and dense centroids) the common features still count through
        # them, so the scans can drop more; a lexical-only KB (one question per entry) has
        # nothing else and keeps them (pruning there cost LCQMC 1.3 points of top-1).
        n_q = len(q_entry)
        with_classifier = (
            n_entries >= 2
            and n_q / max(n_entries, 1) >= config.classifier_min_questions_per_entry
            and n_entries * n_q <= config.classifier_max_cost
        )
        if with_classifier:
            retrieval_max_df, bm25_max_df = config.retrieval_max_df, config.bm25_max_df
        else:
            retrieval_max_df = getattr(config, "lexical_retrieval_max_df", 0.05)
            bm25_max_df = getattr(config, "lexical_bm25_max_df", 1.0)
        self.xw_t = _prune_common_rows(xw.T.tocsr(), retrieval_max_df)
        self.xc_t = _prune_common_rows(xc.T.tocsr(), retrieval_max_df)

        # Centroid of each entry's questions in the joint (word ⊕ char) space.
        joint = sp.hstack([xw, xc], format="csr") * np.sqrt(0.5)
        membership = sp.csr_matrix(
            (np.ones(len(q_entry)), (q_entry, np.arange(len(q_entry)))),
            shape=(n_entries, len(q_entry)),
        )
        centroids = (membership @ joint).tocsr()
        norms = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel())
        centroids = sp.diags(1.0 / np.maximum(norms, _EPS)) @ centroids
        self.centroid_t = centroids.T.tocsr()
        self.n_word = xw.shape[1]

        # The per-question scans (BM25 words, BM25 characters, tf-idf words, tf-idf
        # characters) as ONE term × (channels · questions) matrix, block-diagonal: a query
        # gathers all its postings and sums them with a single bincount.  Separate scans cost
        # numpy's per-call overhead each, which is most of the time for a short question.
        # BM25's most common terms ("my", "card", 的) are pruned from the scan like the
        # tf-idf ones: their low idf moves every question by about the same amount, and their
        # posting lists were three quarters of the postings a query read.
        self.n_q = len(q_entry)
        # With a classifier, two channels: BM25 on words and the joint (word ⊕ char) tf-idf
        # cosine, which is exactly the mean of the word and character cosines.  Character
        # BM25 and the separate cosines add little where the classifier and the centroids
        # already read both spaces, and every channel is a pass over all the questions.
        self.compact = with_classifier and getattr(config, "compact_scan", True)
        bm25c = None if self.compact else BM25([q.char_tokens for q in queries], **kw)
        self.bm25c = bm25c
        bm25w_rows = _prune_common_rows(self.bm25w.matrix, bm25_max_df)
        if self.compact:
            joint_t = (sp.vstack([self.xw_t, self.xc_t]) * np.sqrt(0.5)).tocsr()
            self.offsets = np.asarray([0, len(self.bm25w.vocabulary)])
            blocks = [bm25w_rows, joint_t]
        elif bm25c is not None:
            self.offsets = np.cumsum(
                [0, len(self.bm25w.vocabulary), len(bm25c.vocabulary), xw.shape[1]]
            )
            blocks = [
                bm25w_rows,
                _prune_common_rows(bm25c.matrix, bm25_max_df),
                self.xw_t,
                self.xc_t,
            ]
        self.n_channels = len(blocks)
        self.postings = sp.block_diag(blocks, format="csr")
        # Kept only inside ``postings``: the separate copies would double the artifact.
        self.bm25w.matrix = None  # type: ignore[assignment]
        if self.bm25c is not None:
            self.bm25c.matrix = None  # type: ignore[assignment]
        self.xw_t = self.xc_t = None  # type: ignore[assignment]

        self.cls_intercept: np.ndarray | None = None
        self.dense: np.ndarray | None = None
        if with_classifier:
            self._fit_classifier(joint, q_entry, config)

    def _fit_classifier(
        self, joint: sp.csr_matrix, q_entry: np.ndarray, config: TrainConfig
    ) -> None:
        from sklearn.svm import LinearSVC

        clf = LinearSVC(C=config.svc_c, random_state=config.random_state)
        clf.fit(joint, q_entry)
        coef = np.asarray(clf.coef_, dtype=np.float64)
        intercept = np.asarray(clf.intercept_, dtype=np.float64)
        if coef.shape[0] == 1:  # binary: scikit-learn stores only the positive class
            coef = np.vstack([-coef, coef])
            intercept = np.array([-intercept[0], intercept[0]])
        # Stored transposed (features × entries) and row-sliced by the query's features.
        full = np.zeros((coef.shape[1], self.n_entries))
        full[:, clf.classes_] = coef.T
        bias = np.full(self.n_entries, -10.0)
        bias[clf.classes_] = intercept
        # float32: this dense features × entries matrix is most of the stored model (24 MB in
        # float64 for the demo KB), and every process loads it after each publish.
        self.cls_intercept = bias
        # The centroids beside the coefficients, dense too: one row gather and one small
        # matrix product give both the classifier's and the centroid's scores, where the sparse
        # centroid scan alone cost as much as the rest of stage 1.
        self.dense = np.hstack(
            [full.astype(np.float32), self.centroid_t.toarray().astype(np.float32)]
        )

    def score(self, query: _Query, exclude: int | None = None) -> _Scores:
        starts = self.starts
        n_q = self.n_q
        widx, wval = query.word_vec
        cidx, cval = query.char_vec
        bw_idx, bw_val, mass_w = self.bm25w.query_terms_mass(query.tokens)
        mass_c = mass_w
        off = self.offsets
        reduce = np.maximum.reduceat
        joint_idx = joint_val = None
        if self.compact:
            # The classifier was fitted on the joint space (word ⊕ char) · √½, in which the
            # centroids are unit vectors and the cosine is the mean of the two cosines.
            joint_idx = np.concatenate([widx, cidx + self.n_word])
            joint_val = np.concatenate([wval, cval]) * np.sqrt(0.5)
            all_q = _rows_dot(
                self.postings,
                (np.concatenate([bw_idx, joint_idx + off[1]]), np.concatenate([bw_val, joint_val])),
            ).reshape(2, n_q)
            q_cos = all_q[1]
            if exclude is not None:
                all_q[:, starts[exclude] : self.ends[exclude]] = 0.0
            best_w, cos = reduce(all_q, starts, axis=1)
            best_c, best_cosw, best_cosc = best_w, cos, cos
        else:
            bm25c = self.bm25c
            if bm25c is None:  # only a compact stage has none
                raise RuntimeError("stage without its character BM25 index")
            bc_idx, bc_val, mass_c = bm25c.query_terms_mass(query.char_tokens)
            all_q = _rows_dot(
                self.postings,
                (
                    np.concatenate([bw_idx, bc_idx + off[1], widx + off[2], cidx + off[3]]),
                    np.concatenate([bw_val, bc_val, wval, cval]),
                ),
            ).reshape(4, n_q)
            q_cos = 0.5 * (all_q[2] + all_q[3])
            if exclude is not None:
                all_q[:, starts[exclude] : self.ends[exclude]] = 0.0
                q_cos[starts[exclude] : self.ends[exclude]] = 0.0
            if self.single_question:
                best_w, best_c, best_cosw, best_cosc = all_q
                cos = q_cos.copy()
            else:
                best_w, best_c, best_cosw, best_cosc = reduce(all_q, starts, axis=1)
                cos = reduce(q_cos, starts)

        cls = None
        if self.single_question:
            centroid = cos.copy()
        else:
            if joint_idx is None or joint_val is None:
                joint_idx = np.concatenate([widx, cidx + self.n_word])
                joint_val = np.concatenate([wval, cval]) * np.sqrt(0.5)
            if self.dense is not None and self.cls_intercept is not None:
                n_e = self.n_entries
                prod = joint_val @ self.dense[joint_idx] if len(joint_idx) else np.zeros(2 * n_e)
                cls = self.cls_intercept + prod[:n_e]
                centroid = prod[n_e:].astype(np.float64)
            else:
                centroid = _rows_dot(self.centroid_t, (joint_idx, joint_val))

        # kNN vote: cosine mass of the k nearest questions that belongs to each entry.
        k = min(self.knn_k, len(q_cos))
        # On the negated scores: with most cosines exactly 0, selecting the k-th largest from
        # the top end of the order degenerates and costs ten times as much.
        top = np.argpartition(-q_cos, k - 1)[:k] if k < len(q_cos) else np.arange(len(q_cos))
        knn = np.bincount(self.q_entry[top], weights=q_cos[top], minlength=self.n_entries)
        knn /= max(float(q_cos[top].sum()), _EPS)

        if exclude is not None:
            centroid[exclude] = 0.0
            knn[exclude] = 0.0
            if cls is not None:
                cls = cls.copy()
                cls[exclude] = -10.0
        return _Scores(
            bm25w=best_w,
            bm25c=best_c,
            cosw=best_cosw,
            cosc=best_cosc,
            cos=cos,
            centroid=centroid,
            cls=cls,
            knn=knn,
            q_cos=q_cos,
            mass_w=mass_w,
            mass_c=mass_c,
        )

    def depth(self, config: TrainConfig) -> int:
        """Candidates per retriever for this stage (see ``TrainConfig.candidates_per_view``)."""
        if self.dense is not None:
            return config.candidates_per_view
        return getattr(config, "candidates_per_view_lexical", config.candidates_per_view)

    def candidates(self, s: _Scores, depth: int, exclude: int | None = None) -> np.ndarray:
        # With one question per entry the centroid is the cosine: the same pool twice.
        # A compact stage's character BM25 is its word BM25: the same pool twice too.
        if self.single_question:
            pools = [s.bm25w, s.bm25c, s.cos]
        elif self.compact:
            pools = [s.bm25w, s.cos, s.centroid]
        else:
            pools = [s.bm25w, s.bm25c, s.cos, s.centroid]
        if s.cls is not None:
            pools.append(s.cls)
        n = self.n_entries
        depth = min(depth, n)
        if depth < n:
            # One partition of all the pools at once (rows), not one numpy call per pool.
            picked = np.argpartition(-np.vstack(pools), depth - 1, axis=1)[:, :depth]
        else:
            picked = np.arange(n)
        # A handful of ids: a Python set is cheaper than np.unique's wrapper.
        cand = np.asarray(sorted(set(picked.ravel().tolist())), dtype=np.int64)
        if exclude is not None:
            cand = cand[cand != exclude]
        return cand

    def best_questions(self, s: _Scores, cand: np.ndarray) -> np.ndarray:
        """Index of each candidate entry's question most similar to the query (cosine).

        Vectorised over the candidates' question ranges: a Python loop of one argmax per
        candidate cost more than the rest of the features together."""
        starts = self.starts[cand]
        if self.single_question:
            return starts
        # Every question at its entry's maximum, then the first of them at or after each
        # candidate's first question: that one is inside the candidate (its maximum is).
        hits = np.flatnonzero(s.q_cos >= s.cos[self.q_entry])
        return hits[np.searchsorted(hits, starts)]

    def features(
        self, query: _Query, s: _Scores, cand: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Feature matrix (len(cand) × n_features) and each candidate's best question index."""
        n_c = len(cand)
        # Filled feature by feature, so each write is one contiguous row; the transposed view
        # is what callers see (the re-ranker's matrix product does not mind the layout).
        f = np.zeros((_N_FEATURES, n_c))
        if n_c == 0:
            return f.T, np.zeros(0, dtype=np.int64)

        def rank_in(values: np.ndarray) -> np.ndarray:
            # Rank among candidates only: cheap, and the union holds every strong contender.
            ranks = np.argsort(np.argsort(-values, kind="stable"), kind="stable")
            return 1.0 / (1.0 + ranks)

        if s.cls is not None:
            c = s.cls[cand]
            f[0] = c
            f[1] = c - s.cls.max()
            f[2] = rank_in(c)
        bw = s.bm25w[cand]
        f[3] = bw * (1.0 / max(s.mass_w, _EPS))
        f[4] = bw * (1.0 / max(float(s.bm25w.max()), _EPS))
        f[5] = rank_in(bw)
        bc = s.bm25c[cand]
        f[6] = bc * (1.0 / max(s.mass_c, _EPS))
        f[7] = bc * (1.0 / max(float(s.bm25c.max()), _EPS))
        f[8] = s.cosw[cand]
        f[9] = s.cosc[cand]
        cos = s.cos[cand]
        f[10] = cos - s.cos.max()
        f[11] = rank_in(cos)
        f[12] = s.centroid[cand]
        f[13] = s.knn[cand]
        f[19] = self.n_questions_log[cand]
        if query.tokens:
            vocab = self.bm25w.vocabulary
            f[20] = sum(t not in vocab for t in query.tokens) / len(query.tokens)

        best = self.best_questions(s, cand)
        q_units = query.units
        q_set = frozenset(q_units)
        q_bigrams = frozenset(itertools.pairwise(q_units))
        n_q = max(len(q_units), 1)
        n_qset = max(len(q_set), 1)
        unit_sets, bigram_sets, all_units = self.q_unit_sets, self.q_bigram_sets, self.q_units
        rows = []
        for j in best.tolist():
            c_set = unit_sets[j]
            c_bigrams = bigram_sets[j]
            n_c = len(all_units[j])
            shared = len(q_set & c_set)
            pairs = len(q_bigrams) + len(c_bigrams)
            rows.append(
                (
                    2.0 * len(q_bigrams & c_bigrams) / pairs if pairs else float(shared > 0),
                    shared / n_qset,
                    shared / max(len(c_set), 1),
                    1.0 if q_units == all_units[j] else 0.0,
                    min(n_q, n_c) / max(n_q, n_c, 1),
                )
            )
        f[14:19] = np.asarray(rows).T
        return f.T, best


# ---------------------------------------------------------------------------------------------
# Synthetic paraphrases (for KBs without enough similar questions)
# ---------------------------------------------------------------------------------------------

# Generic question-word variation in customer chats; not data-set specific.
_PARAPHRASE_SWAPS: dict[str, tuple[str, ...]] = {
    "怎么": ("如何", "怎样", "咋"),
    "如何": ("怎么", "怎样"),
    "怎样": ("怎么", "如何"),
    "什么": ("啥",),
    "为什么": ("为啥", "怎么"),
    "吗": ("么", "呢", ""),
    "可以": ("能", "能够"),
    "能": ("可以",),
    "哪个": ("什么",),
    "哪里": ("哪儿", "什么地方"),
    "多少": ("几",),
    "how": ("what",),
    "can": ("could",),
    "i": ("we",),
    "my": ("the",),
    "want": ("need",),
}
_FILLERS = ("请问", "我想问", "想知道", "please", "hi", "help")


def _synthetic_paraphrase(
    text: str,
    tokenizer: Tokenizer,
    rng: np.random.Generator,
    donors: Sequence[list[str]] = (),
) -> str:
    """Perturb a KB question the way users rephrase one: drop words, swap question words,
    move a chunk, add a word or two of context (borrowed from another question)."""
    pieces = tokenizer.segment(text)
    if not pieces:
        return text
    out: list[str] = []
    for piece in pieces:
        if rng.random() < 0.15 and len(pieces) > 2:
            continue  # drop a word
        alts = _PARAPHRASE_SWAPS.get(piece)
        if alts and rng.random() < 0.5:
            piece = alts[int(rng.integers(len(alts)))]
        out.append(piece)
    if len(out) > 2 and rng.random() < 0.4:
        # Move a chunk to the other end ("退货怎么办理" → "怎么办理退货").
        cut = int(rng.integers(1, len(out)))
        out = out[cut:] + out[:cut]
    if donors and rng.random() < 0.4:
        donor = donors[int(rng.integers(len(donors)))]
        if donor:
            word = donor[int(rng.integers(len(donor)))]
            out.insert(int(rng.integers(len(out) + 1)), word)
    if rng.random() < 0.2:
        out.insert(0, _FILLERS[int(rng.integers(len(_FILLERS)))])
    joined = ""
    for piece in out:
        if joined and piece and (piece[0].isascii() or joined[-1].isascii()):
            joined += " "
        joined += piece
    return joined or text


_CONSONANTS = "bcdfghjklmnprstvwz"
_VOWEL_LETTERS = "aeiou"


def _pseudo_word(rng: np.random.Generator, chinese: bool) -> str:
    """A word the KB has never seen: random common-range CJK characters or a pronounceable
    Latin string.  Real out-of-scope messages are full of such words."""
    if chinese:
        return "".join(
            chr(int(rng.integers(0x4E00, 0x9FA6))) for _ in range(int(rng.integers(1, 3)))
        )
    length = int(rng.integers(2, 4))
    return "".join(
        _CONSONANTS[int(rng.integers(len(_CONSONANTS)))]
        + _VOWEL_LETTERS[int(rng.integers(len(_VOWEL_LETTERS)))]
        for _ in range(length)
    )


def _junk_query(segmented: list[list[str]], entry_arr: np.ndarray, rng: np.random.Generator) -> str:
    """Words drawn from questions of different entries mixed with unseen words: lexically close
    to the KB but answerable by none of its entries, like most real out-of-scope messages."""
    n = len(segmented)
    picks = rng.choice(n, size=min(int(rng.integers(1, 4)), n), replace=False)
    words: list[str] = []
    used_entries: set[int] = set()
    chinese = False
    for qi in picks:
        if int(entry_arr[qi]) in used_entries or not segmented[qi]:
            continue
        used_entries.add(int(entry_arr[qi]))
        word = segmented[qi][int(rng.integers(len(segmented[qi])))]
        chinese = chinese or not word.isascii()
        words.append(word)
    words.extend(_pseudo_word(rng, chinese) for _ in range(int(rng.integers(1, 4))))
    order = rng.permutation(len(words))
    return " ".join(words[i] for i in order)


# ---------------------------------------------------------------------------------------------
# Re-ranker
# ---------------------------------------------------------------------------------------------


class _Reranker:
    """Standardised logistic regression over candidate features: P(candidate is the answer)."""

    def __init__(self, c: float, random_state: int) -> None:
        self.c = c
        self.random_state = random_state
        self.mean = np.zeros(_N_FEATURES)
        self.scale = np.ones(_N_FEATURES)
        self.coef = np.zeros(_N_FEATURES)
        self.intercept = 0.0
        self.weights: np.ndarray | None = None
        self.bias = 0.0
        self.fallback = False

    def fit(self, x: np.ndarray, y: np.ndarray) -> _Reranker:
        if len(np.unique(y)) < 2:
            # Degenerate KB (one entry, or nothing retrievable): rank by cosine instead.
            self.fallback = True
            return self
        from sklearn.linear_model import LogisticRegression

        self.mean = x.mean(axis=0)
        self.scale = np.where(x.std(axis=0) > _EPS, x.std(axis=0), 1.0)
        lr = LogisticRegression(C=self.c, max_iter=2000, random_state=self.random_state)
        lr.fit((x - self.mean) / self.scale, y)
        self.coef = lr.coef_.ravel().astype(np.float64)
        self.intercept = float(lr.intercept_[0])
        # The standardisation folded into the weights: one matrix product per question.
        self.weights = self.coef / self.scale
        self.bias = self.intercept - float(self.mean @ self.weights)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        if self.fallback:
            return np.clip(0.5 * (x[:, 8] + x[:, 9]), 0.0, 1.0)
        weights = getattr(self, "weights", None)
        if weights is None:  # fitted before the weights were folded
            z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        else:
            z = x @ weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def _tune_threshold(
    in_prob: np.ndarray,
    in_correct: np.ndarray,
    oos_prob: np.ndarray,
    bounds: tuple[float, float],
    oos_prior: float | None = None,
) -> float:
    """Threshold maximising decision accuracy.

    Right decisions: answer an in-scope query whose top-1 is correct; decline an in-scope query
    whose top-1 is wrong; decline a (simulated) out-of-scope query.  With ``oos_prior`` the two
    kinds of query are weighted as if that share of the questions asked were out of scope
    (``None``: each simulated query counts once, whatever their numbers).
    """
    lo, hi = bounds
    if len(in_prob) == 0:
        return 0.5
    w_in = w_oos = 1.0
    if oos_prior is not None and len(oos_prob):
        w_in = (1.0 - oos_prior) / len(in_prob)
        w_oos = oos_prior / len(oos_prob)
    grid = np.unique(np.clip(np.concatenate([in_prob, oos_prob, [lo, hi]]), lo, hi))
    best_t, best_acc = 0.5, -1.0
    for t in grid:
        answered = in_prob >= t
        right_in = np.sum(answered & in_correct) + np.sum(~answered & ~in_correct)
        acc = w_in * right_in + w_oos * np.sum(oos_prob < t)
        if acc > best_acc:
            best_t, best_acc = float(t), float(acc)
    # Midpoint to the next grid value: less sensitive to the exact held-out scores.
    above = grid[grid > best_t]
    if len(above):
        best_t = 0.5 * (best_t + float(above[0]))
    return float(np.clip(best_t, lo, hi))


# ---------------------------------------------------------------------------------------------
# Public model
# ---------------------------------------------------------------------------------------------


@dataclass
class _RerankSet:
    """Candidate feature blocks for the re-ranker, one block per (query, stage).

    ``role`` says what a block teaches and what tunes the threshold:

    * ``rank``: a held-out paraphrase scored against every entry (label: is it the target);
    * ``twin``: the same paraphrase with its target removed from the scores (all labels 0);
    * ``cal_in`` / ``cal_oos``: the paraphrase scored by a stage trained without a third of
      the entries, in which its entry is present (``cal_in``) or absent with everything
      learned from it (``cal_oos``): a real unknown question, as far as the KB can tell;
    * ``junk``: word salad (all labels 0).

    ``group`` ties the blocks of one source query together so they share a CV fold.
    """

    x: list[np.ndarray] = field(default_factory=list)
    y: list[np.ndarray] = field(default_factory=list)
    group: list[int] = field(default_factory=list)
    role: list[str] = field(default_factory=list)

    def add(self, x: np.ndarray, y: np.ndarray, group: int, role: str) -> None:
        self.x.append(x)
        self.y.append(y)
        self.group.append(group)
        self.role.append(role)


class AnswerModel:
    """A trained, immutable answer model. Thread-safe for concurrent ``answer`` calls."""

    def __init__(self) -> None:  # use AnswerModel.train / AnswerModel.loads
        self.entry_ids: list[str] = []
        self.answers: list[str] = []
        self.categories: list[str] = []
        self.languages: list[str] = []
        self.questions: list[str] = []
        self.tokenizer = Tokenizer()
        self.stage: _Stage1 | None = None
        self.reranker = _Reranker(1.0, 0)
        self.threshold = 0.5
        self.config = TrainConfig()
        self.metadata: dict[str, Any] = {}
        # Chinese ↔ English translations of words, from this knowledge base (crosslingual.py).
        self.translations: dict[str, tuple[str, ...]] = {}
        # What update() reuses: a signature of what each entry was trained on, and the tokens
        # of each question (aligned with ``questions``).
        self.entry_signatures: dict[str, str] = {}
        self.question_tokens: list[list[str]] = []

    # -- training ------------------------------------------------------------------------------

    @classmethod
    def train(
        cls,
        entries: Sequence[EntrySpec],
        synonyms: Mapping[str, str] | None = None,
        custom_words: Sequence[str] = (),
        config: TrainConfig | None = None,
    ) -> AnswerModel:
        started = time.perf_counter()
        config = config or TrainConfig()
        rng = np.random.default_rng(config.random_state)
        model = cls()
        model.config = config
        model.tokenizer = Tokenizer(synonyms or {}, custom_words)

        queries, q_entry, q_is_standard = model._add_entries(entries)
        model._learn_translations(queries, q_entry)
        entry_arr = np.asarray(q_entry, dtype=np.int64)
        n_entries = len(model.entry_ids)

        # Vectorisers fitted once on every question: held-out and production stages then share
        # one feature space, so the re-ranker sees the same feature scales at serve time.
        word_view, char_view = TfidfView(), TfidfView()
        word_view.fit_transform([word_ngrams(q.tokens) for q in queries])
        char_view.fit_transform([char_ngrams(q.norm) for q in queries])
        for q in queries:
            q.word_vec = word_view.transform_one(word_ngrams(q.tokens))
            q.char_vec = char_view.transform_one(char_ngrams(q.norm))

        holdout = _choose_holdout(entry_arr, np.asarray(q_is_standard), config, rng)
        keep = np.ones(len(queries), dtype=bool)
        keep[holdout] = False

        def build(mask: np.ndarray) -> _Stage1:
            idx = np.flatnonzero(mask)
            return _Stage1(
                [queries[i] for i in idx],
                entry_arr[idx],
                n_entries,
                config,
                word_view,
                char_view,
            )

        full_stage: _Stage1 | None = None
        if len(holdout):
            train_stage = build(keep)
        else:
            full_stage = train_stage = build(keep)
        model.stage = train_stage

        # The re-ranker's queries: held-out paraphrases, topped up with synthetic ones.
        rerank_queries: list[tuple[_Query, int]] = [
            (queries[qi], int(entry_arr[qi])) for qi in holdout
        ]
        # Sampling with replacement is fine: every draw is perturbed differently.
        n_synthetic = max(config.min_rerank_queries - len(holdout), 0)
        segmented = [model.tokenizer.segment(q.norm) for q in queries]
        if n_synthetic:
            kept_idx = np.flatnonzero(keep)
            sources = rng.choice(kept_idx, size=n_synthetic, replace=len(kept_idx) < n_synthetic)
            for qi in sources:
                text = _synthetic_paraphrase(queries[qi].norm, model.tokenizer, rng, segmented)
                synthetic = model._prepare_query_norm(normalize(text))
                rerank_queries.append((synthetic, int(entry_arr[qi])))

        rerank = _RerankSet()
        depth = train_stage.depth(config)
        for group, (query, target) in enumerate(rerank_queries):
            model._add_rerank_query(train_stage, query, target, rerank, group)

        # Held-out entries: stages trained without a fold of the entries score the same
        # queries, so the threshold sees what a question of an unknown topic really looks like
        # (the classifier and the centroids never saw anything of it), not only the same
        # question with its entry's scores zeroed.
        n_folds = config.oos_folds if n_entries >= 3 * max(config.oos_folds, 1) else 0
        if n_folds >= 2:
            entry_fold = rng.permutation(n_entries) % n_folds
            for k in range(n_folds):
                in_stage = entry_fold != k
                compact = np.cumsum(in_stage) - 1  # entry index → index within the stage
                idx = np.flatnonzero(keep & in_stage[entry_arr])
                stage_k = _Stage1(
                    [queries[i] for i in idx],
                    compact[entry_arr[idx]],
                    int(in_stage.sum()),
                    config,
                    word_view,
                    char_view,
                )
                for group, (query, target) in enumerate(rerank_queries):
                    if entry_fold[target] == k:
                        role, label = "cal_oos", -1
                    elif entry_fold[target] == (k + 1) % n_folds:
                        role, label = "cal_in", int(compact[target])
                    else:
                        continue
                    scores = stage_k.score(query)
                    cand = stage_k.candidates(scores, depth)
                    x, _ = stage_k.features(query, scores, cand)
                    rerank.add(x, (cand == label).astype(np.int64), group, role)

        n_rank = rerank.role.count("rank")
        n_junk = max(config.min_junk_queries, int(config.junk_fraction * n_rank))
        for j in range(n_junk):
            text = _junk_query(segmented, entry_arr, rng)
            junk = model._prepare_query_norm(normalize(text))
            scores = train_stage.score(junk)
            cand = train_stage.candidates(scores, depth)
            x = train_stage.features(junk, scores, cand)[0]
            rerank.add(x, np.zeros(len(cand), dtype=np.int64), len(rerank_queries) + j, "junk")

        model._fit_reranker(rerank, config)
        model.stage = full_stage if full_stage is not None else build(np.ones(len(queries), bool))

        n_real, n_syn = len(holdout), int(n_synthetic)
        n_cal = rerank.role.count("cal_oos")
        model.metadata = {
            "format_version": FORMAT_VERSION,
            "engine_version": ENGINE_VERSION,
            "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "n_entries": n_entries,
            "n_questions": len(queries),
            "threshold": model.threshold,
            "classifier": model.stage.dense is not None,
            "rerank_queries": {"held_out": n_real, "synthetic": n_syn},
            "oos_calibration": {"folds": n_folds, "unknown_topic_queries": n_cal},
            "train_seconds": round(time.perf_counter() - started, 3),
            "random_state": config.random_state,
            "libraries": _library_versions(),
            "changed_since_full": 0,
        }
        return model

    def _add_entries(
        self, entries: Sequence[EntrySpec], known_tokens: Mapping[str, list[str]] | None = None
    ) -> tuple[list[_Query], list[int], list[bool]]:
        """Entries → flat question list grouped by entry, duplicates (after normalisation)
        removed: (queries, entry index of each, whether it is the standard question). Tokens
        found in ``known_tokens`` (by normalised text) are reused instead of segmenting again."""
        known = known_tokens or {}
        seen_ids: set[str] = set()
        queries: list[_Query] = []
        q_entry: list[int] = []
        q_is_standard: list[bool] = []
        for spec in entries:
            if spec.entry_id in seen_ids:
                raise ValueError(f"duplicate entry_id {spec.entry_id!r}")
            seen_ids.add(spec.entry_id)
            norms_seen: set[str] = set()
            kept = 0
            for question in spec.questions:
                norm = normalize(question)
                if not norm or norm in norms_seen:
                    continue
                norms_seen.add(norm)
                queries.append(
                    self._prepare_query_norm(norm, vectors=False, tokens=known.get(norm))
                )
                self.questions.append(question)
                q_entry.append(len(self.entry_ids))
                q_is_standard.append(kept == 0)
                kept += 1
            if kept == 0:
                raise ValueError(f"entry {spec.entry_id!r} has no usable question")
            self.entry_ids.append(spec.entry_id)
            self.answers.append(spec.answer)
            self.categories.append(spec.category)
            self.languages.append(spec.language or detect_language(spec.questions[0]))
        if not self.entry_ids:
            raise ValueError("cannot train an answer model on zero entries")
        self.question_tokens = [q.tokens for q in queries]
        self.entry_signatures = {spec.entry_id: _signature(spec) for spec in entries}
        return queries, q_entry, q_is_standard

    @classmethod
    def update(
        cls,
        previous: AnswerModel,
        entries: Sequence[EntrySpec],
        synonyms: Mapping[str, str] | None = None,
        custom_words: Sequence[str] = (),
        *,
        max_changed_fraction: float = 0.1,
    ) -> AnswerModel | None:
        """``previous`` brought up to date with ``entries`` at a fraction of the cost of
        :meth:`train`, or ``None`` when only a full training will do.

        Only stage 1 (BM25, tf-idf, centroids, classifier) is rebuilt on the new questions, with
        the tokens of every question ``previous`` already had. The re-ranker and the threshold
        are kept: they map stage-1 scores, which are relative measures (ranks, shares of the
        best score, cosines), to a probability, and a few entries more or less barely move
        them. That skips building the re-ranker's training set (thousands of scored
        paraphrases) and its cross-validated fit, most of a training. Changes add up over
        successive updates; past ``max_changed_fraction`` of the entries since the last full
        training (or with another dictionary, or a degenerate re-ranker) the answer is
        ``None``: train afresh.
        """
        started = time.perf_counter()
        tokenizer = Tokenizer(synonyms or {}, custom_words)
        old_tokenizer = previous.tokenizer
        old_signatures = getattr(previous, "entry_signatures", None)
        old_tokens = getattr(previous, "question_tokens", None)
        if (
            not old_signatures
            or old_tokens is None
            or previous.stage is None
            or previous.reranker.fallback
            # Trained before translations were learned: its re-ranker never saw them.
            or not hasattr(previous, "translations")
            or previous.metadata.get("format_version") != FORMAT_VERSION
            or tokenizer.synonyms != old_tokenizer.synonyms
            or set(tokenizer.user_words) != set(old_tokenizer.user_words)
        ):
            return None
        signatures = {spec.entry_id: _signature(spec) for spec in entries}
        changed = sum(old_signatures.get(k) != v for k, v in signatures.items()) + sum(
            k not in signatures for k in old_signatures
        )
        changed_since_full = int(previous.metadata.get("changed_since_full", 0)) + changed
        if changed_since_full > max_changed_fraction * max(len(signatures), len(old_signatures)):
            return None

        model = cls()
        model.config = previous.config
        # Same dictionary: the previous tokenizer is reused, with its jieba overlay built.
        model.tokenizer = old_tokenizer
        known = dict(zip(previous.stage.q_norm, old_tokens, strict=True))
        queries, q_entry, _ = model._add_entries(entries, known)
        model._learn_translations(queries, q_entry)
        model.stage = _Stage1(
            queries, np.asarray(q_entry, dtype=np.int64), len(model.entry_ids), model.config
        )
        model.reranker = previous.reranker
        model.threshold = previous.threshold
        model.metadata = {
            **previous.metadata,
            "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "n_entries": len(model.entry_ids),
            "n_questions": len(queries),
            "classifier": model.stage.dense is not None,
            "train_seconds": round(time.perf_counter() - started, 3),
            "updated": {
                "changed_entries": changed,
                # When the re-ranker was trained: the last full training.
                "reranker_from": previous.metadata.get("updated", {}).get("reranker_from")
                or previous.metadata.get("trained_at"),
            },
            "changed_since_full": changed_since_full,
        }
        return model

    def _add_rerank_query(
        self, stage: _Stage1, query: _Query, target: int, out: _RerankSet, group: int
    ) -> None:
        depth = stage.depth(self.config)
        scores = stage.score(query)
        cand = stage.candidates(scores, depth)
        x, _ = stage.features(query, scores, cand)
        out.add(x, (cand == target).astype(np.int64), group, "rank")
        if not self.config.exclude_twins:
            return
        # The same query with its entry removed: what an unanswerable on-topic question scores.
        oos_scores = stage.score(query, exclude=target)
        oos_cand = stage.candidates(oos_scores, depth, exclude=target)
        oos_x, _ = stage.features(query, oos_scores, oos_cand)
        out.add(oos_x, np.zeros(len(oos_cand), dtype=np.int64), group, "twin")

    def _fit_reranker(self, data: _RerankSet, config: TrainConfig) -> None:
        reranker = _Reranker(config.rerank_c, config.random_state)
        if not data.x or "rank" not in data.role:
            reranker.fallback = True
            self.reranker = reranker
            self.threshold = 0.5
            return
        # Rows: every candidate of every block.  Blocks without their target (twins, unknown
        # topics, junk) are all negatives: they teach that "best of a weak field" is not an
        # answer, which is what makes the probability usable for out-of-scope detection.
        x = np.vstack(data.x)
        y = np.concatenate(data.y)
        groups = np.concatenate(
            [np.full(len(b), g) for b, g in zip(data.x, data.group, strict=True)]
        )
        reranker.fit(x, y)
        self.reranker = reranker

        # Out-of-fold probabilities for threshold tuning: in-sample ones would be optimistic.
        prob = np.empty(len(y))
        n_groups = len(set(data.group))
        n_folds = 3 if n_groups >= 30 and not reranker.fallback else 1
        if n_folds > 1:
            fold = groups % n_folds
            for k in range(n_folds):
                part = _Reranker(config.rerank_c, config.random_state).fit(
                    x[fold != k], y[fold != k]
                )
                prob[fold == k] = part.predict(x[fold == k])
        else:
            prob = reranker.predict(x)
        # The threshold is tuned on the held-out-entry stages when there are some: they
        # answer known questions and meet unknown ones the way the served model will.
        calibrated = "cal_oos" in data.role
        in_roles = ("cal_in",) if calibrated else ("rank",)
        oos_roles = ("cal_oos", "junk") if calibrated else ("twin", "junk")
        in_prob: list[float] = []
        in_correct: list[bool] = []
        oos_prob: list[float] = []
        offsets = np.concatenate([[0], np.cumsum([len(b) for b in data.x])])
        for i, role in enumerate(data.role):
            p = prob[offsets[i] : offsets[i + 1]]
            if role in in_roles:
                top = int(np.argmax(p)) if len(p) else -1
                in_prob.append(float(p[top]) if len(p) else 0.0)
                in_correct.append(bool(len(p)) and bool(data.y[i][top]))
            elif role in oos_roles:
                oos_prob.append(float(p.max(initial=0.0)))
        self.threshold = _tune_threshold(
            np.asarray(in_prob),
            np.asarray(in_correct, dtype=bool),
            np.asarray(oos_prob),
            config.threshold_bounds,
            getattr(config, "oos_prior", None) if calibrated else None,
        )

    # -- inference -----------------------------------------------------------------------------

    def _learn_translations(self, queries: list[_Query], q_entry: Sequence[int]) -> None:
        """Learn the lexicon from the questions' own tokens, then add each question's
        translations to its tokens (``question_tokens`` keeps them without, for update())."""
        per_word = getattr(self.config, "translations_per_word", 0)  # older configs: none
        if per_word <= 0:
            return
        self.translations = crosslingual.learn(
            [q.tokens for q in queries],
            q_entry,
            per_word=per_word,
            min_dice=self.config.translation_min_dice,
        )
        for query in queries:
            query.tokens = crosslingual.expand(query.tokens, self.translations)

    def _prepare_query_norm(
        self, norm: str, vectors: bool = True, tokens: list[str] | None = None
    ) -> _Query:
        if tokens is None:
            # Models stored before the lexicon existed have no attribute: no translations.
            lexicon = getattr(self, "translations", None) or {}
            tokens = crosslingual.expand(self.tokenizer.tokenize(norm), lexicon)
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
        unit_list = units(norm)
        query = _Query(
            norm=norm,
            tokens=tokens,
            # BM25 over characters for Chinese (robust to segmentation differences), words for
            # Latin script: exactly the units, so one list serves both (neither is modified).
            char_tokens=unit_list,
            units=unit_list,
            word_vec=empty,
            char_vec=empty,
        )
        if vectors and self.stage is not None:
            query.word_vec = self.stage.word_view.transform_one(word_ngrams(tokens))
            query.char_vec = self.stage.char_view.transform_one(char_ngrams(norm))
        return query

    def rank(self, question: str, top_k: int = 3) -> list[tuple[int, float, int]]:
        """(entry index, confidence, best question index) for the ``top_k`` best entries."""
        result = self._rank(normalize(question), top_k)
        return result[0]

    def _rank(self, norm: str, top_k: int) -> tuple[list[tuple[int, float, int]], float]:
        stage = self.stage
        if stage is None:
            raise RuntimeError("model is not trained")
        t0 = time.perf_counter()
        query = self._prepare_query_norm(norm)
        scores = stage.score(query)
        cand = stage.candidates(scores, stage.depth(self.config))
        t1 = time.perf_counter()
        x, best = stage.features(query, scores, cand)
        prob = self.reranker.predict(x) if len(cand) else np.zeros(0)
        order = np.argsort(-prob, kind="stable")[:top_k]
        ranked = [(int(cand[i]), float(prob[i]), int(best[i])) for i in order]
        return ranked, (t1 - t0) * 1000.0

    def answer(self, question: str, top_k: int = 3, threshold: float | None = None) -> AnswerResult:
        """Answer one user question.

        ``entry_id``/``answer`` are ``None`` when the confidence is below ``threshold`` (default:
        the threshold tuned at training time).  ``alternatives`` always lists the ``top_k`` best
        entries with their confidences, so a UI can offer "did you mean …" either way.
        """
        t_start = time.perf_counter()
        norm = normalize(question)
        t_norm = time.perf_counter()
        language = detect_language(question)
        if not norm:
            ranked: list[tuple[int, float, int]] = []
            retrieve_ms = 0.0
        else:
            ranked, retrieve_ms = self._rank(norm, max(top_k, 1))
        t_end = time.perf_counter()
        limit = self.threshold if threshold is None else threshold
        normalize_ms = (t_norm - t_start) * 1000.0
        total_ms = (t_end - t_start) * 1000.0
        timings = {
            "normalize": round(normalize_ms, 3),
            "retrieve": round(retrieve_ms, 3),
            "rank": round(max(total_ms - normalize_ms - retrieve_ms, 0.0), 3),
            "total": round(total_ms, 3),
        }
        alternatives = [(self.entry_ids[e], round(p, 4)) for e, p, _ in ranked[:top_k]]
        if not ranked:
            return AnswerResult(None, None, 0.0, alternatives, language, timings, None, limit)
        best_entry, confidence, best_q = ranked[0]
        matched = self.questions[best_q]
        if confidence < limit:
            return AnswerResult(
                None, None, confidence, alternatives, language, timings, matched, limit
            )
        return AnswerResult(
            self.entry_ids[best_entry],
            self.answers[best_entry],
            confidence,
            alternatives,
            language,
            timings,
            matched,
            limit,
        )

    def warm_up(self) -> None:
        """Load lazy resources (jieba dictionary) before the model starts serving traffic."""
        self.answer("你好 hello")

    # -- persistence ---------------------------------------------------------------------------

    def dumps(self) -> bytes:
        """Serialise to bytes. Only ever ``loads`` artifacts this project produced (pickle)."""
        return pickle.dumps(
            {"format_version": FORMAT_VERSION, "metadata": self.metadata, "model": self},
            protocol=pickle.HIGHEST_PROTOCOL,
        )

    @classmethod
    def loads(cls, data: bytes) -> AnswerModel:
        payload = pickle.loads(data)
        if not isinstance(payload, dict) or payload.get("format_version") != FORMAT_VERSION:
            raise ValueError("not an answer model artifact of a supported format version")
        model = payload["model"]
        if not isinstance(model, cls):
            raise ValueError("artifact does not contain an AnswerModel")
        return model

    @property
    def version(self) -> dict[str, Any]:
        return dict(self.metadata)


def _choose_holdout(
    entry_arr: np.ndarray, is_standard: np.ndarray, config: TrainConfig, rng: np.random.Generator
) -> np.ndarray:
    """Similar questions (never the standard one, never an entry's last one) to hold out."""
    chosen: list[int] = []
    if len(entry_arr) == 0:
        return np.zeros(0, dtype=np.int64)
    n_entries = int(entry_arr.max()) + 1
    starts = np.searchsorted(entry_arr, np.arange(n_entries))
    ends = np.searchsorted(entry_arr, np.arange(n_entries), side="right")
    for e in np.flatnonzero(ends - starts >= 2):
        a, b = int(starts[e]), int(ends[e])
        similar = a + np.flatnonzero(~is_standard[a:b])
        k = min(max(1, round(config.holdout_fraction * (b - a))), b - a - 1, len(similar))
        chosen.extend(rng.choice(similar, size=k, replace=False).tolist())
    picked = np.asarray(sorted(chosen), dtype=np.int64)
    if len(picked) > config.max_holdout:
        picked = np.sort(rng.choice(picked, size=config.max_holdout, replace=False))
    return picked


def _signature(spec: EntrySpec) -> str:
    """What an entry was trained on, to tell unchanged entries from changed ones."""
    payload = "\x1f".join(
        [spec.entry_id, spec.answer, spec.language, spec.category, *spec.questions]
    )
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()


def _library_versions() -> dict[str, str]:
    import jieba
    import scipy
    import sklearn

    return {
        "engine": ENGINE_VERSION,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "jieba": getattr(jieba, "__version__", "unknown"),
    }


def train_model(
    entries: Sequence[EntrySpec],
    synonyms: Mapping[str, str] | None = None,
    custom_words: Sequence[str] = (),
    config: TrainConfig | None = None,
) -> AnswerModel:
    """Convenience alias of :meth:`AnswerModel.train`."""
    return AnswerModel.train(entries, synonyms, custom_words, config)
