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
import pickle
import platform
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import crosslingual
from .bm25 import BM25
from .features import TfidfView, char_ngrams, units, word_ngrams
from .normalize import detect_language, normalize
from .tokenize import Tokenizer

FORMAT_VERSION = 1
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
    # Per-retriever candidate depth; the union (≤ 4×) is re-ranked.
    candidates_per_view: int = 8
    # LinearSVC is one-vs-rest: cost grows with entries × questions, and with ~1 question per
    # entry it adds nothing the cosine features do not already give.
    classifier_min_questions_per_entry: float = 2.0
    classifier_max_cost: float = 3e7
    svc_c: float = 1.0
    rerank_c: float = 1.0
    knn_k: int = 10
    # Share of questions above which a feature is left out of the cosine scan (see _Stage1).
    retrieval_max_df: float = 0.05
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
    "seq_ratio",
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


def _char_tokens(norm: str) -> list[str]:
    # Characters for Chinese (robust to segmentation differences), words for Latin script.
    return units(norm)


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
        self.n_questions_log = np.log1p(self.ends - self.starts).astype(np.float64)
        self.knn_k = config.knn_k

        kw = {"k1": config.bm25_k1, "b": config.bm25_b, "epsilon": config.bm25_epsilon}
        self.bm25w = BM25([q.tokens for q in queries], **kw)
        self.bm25c = BM25([q.char_tokens for q in queries], **kw)

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
        self.xw_t = _prune_common_rows(xw.T.tocsr(), config.retrieval_max_df)
        self.xc_t = _prune_common_rows(xc.T.tocsr(), config.retrieval_max_df)

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

        self.cls_coef: np.ndarray | None = None
        self.cls_intercept: np.ndarray | None = None
        n_q = len(q_entry)
        per_entry = n_q / max(n_entries, 1)
        if (
            n_entries >= 2
            and per_entry >= config.classifier_min_questions_per_entry
            and n_entries * n_q <= config.classifier_max_cost
        ):
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
        self.cls_coef = (full * np.sqrt(0.5)).astype(np.float32)
        self.cls_intercept = bias

    def score(self, query: _Query, exclude: int | None = None) -> _Scores:
        starts = self.starts
        q_bm25w = self.bm25w.get_scores(query.tokens)
        q_bm25c = self.bm25c.get_scores(query.char_tokens)
        q_cosw = _rows_dot(self.xw_t, query.word_vec)
        q_cosc = _rows_dot(self.xc_t, query.char_vec)
        q_cos = 0.5 * (q_cosw + q_cosc)
        if exclude is not None:
            sl = slice(starts[exclude], self.ends[exclude])
            for arr in (q_bm25w, q_bm25c, q_cosw, q_cosc, q_cos):
                arr[sl] = 0.0
        reduce = np.maximum.reduceat
        cos = reduce(q_cos, starts)

        widx, wval = query.word_vec
        cidx, cval = query.char_vec
        joint_idx = np.concatenate([widx, cidx + self.n_word])
        joint_val = np.concatenate([wval, cval]) * np.sqrt(0.5)
        centroid = _rows_dot(self.centroid_t, (joint_idx, joint_val))

        cls = None
        if self.cls_coef is not None and self.cls_intercept is not None:
            cls = self.cls_intercept + (
                joint_val @ self.cls_coef[joint_idx] if len(joint_idx) else 0.0
            )

        # kNN vote: cosine mass of the k nearest questions that belongs to each entry.
        k = min(self.knn_k, len(q_cos))
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
            bm25w=reduce(q_bm25w, starts),
            bm25c=reduce(q_bm25c, starts),
            cosw=reduce(q_cosw, starts),
            cosc=reduce(q_cosc, starts),
            cos=cos,
            centroid=centroid,
            cls=cls,
            knn=knn,
            q_cos=q_cos,
            mass_w=self.bm25w.idf_mass(query.tokens),
            mass_c=self.bm25c.idf_mass(query.char_tokens),
        )

    def candidates(self, s: _Scores, depth: int, exclude: int | None = None) -> np.ndarray:
        pools = [s.bm25w, s.bm25c, s.cos, s.centroid]
        if s.cls is not None:
            pools.append(s.cls)
        n = self.n_entries
        depth = min(depth, n)
        picked: list[np.ndarray] = []
        for arr in pools:
            if depth < n:
                picked.append(np.argpartition(-arr, depth - 1)[:depth])
            else:
                picked.append(np.arange(n))
        cand = np.unique(np.concatenate(picked))
        if exclude is not None:
            cand = cand[cand != exclude]
        return cand

    def features(
        self, query: _Query, s: _Scores, cand: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Feature matrix (len(cand) × n_features) and each candidate's best question index."""
        f = np.zeros((len(cand), _N_FEATURES))
        if len(cand) == 0:
            return f, np.zeros(0, dtype=np.int64)

        def rank_in(values: np.ndarray) -> np.ndarray:
            # Rank among candidates only: cheap, and the union holds every strong contender.
            order = np.argsort(-values, kind="stable")
            ranks = np.empty(len(values))
            ranks[order] = np.arange(len(values))
            return 1.0 / (1.0 + ranks)

        if s.cls is not None:
            c = s.cls[cand]
            f[:, 0] = c
            f[:, 1] = c - s.cls.max()
            f[:, 2] = rank_in(c)
        bw = s.bm25w[cand]
        f[:, 3] = bw / max(s.mass_w, _EPS)
        f[:, 4] = bw / max(float(s.bm25w.max()), _EPS)
        f[:, 5] = rank_in(bw)
        bc = s.bm25c[cand]
        f[:, 6] = bc / max(s.mass_c, _EPS)
        f[:, 7] = bc / max(float(s.bm25c.max()), _EPS)
        f[:, 8] = s.cosw[cand]
        f[:, 9] = s.cosc[cand]
        cos = s.cos[cand]
        f[:, 10] = cos - s.cos.max()
        f[:, 11] = rank_in(cos)
        f[:, 12] = s.centroid[cand]
        f[:, 13] = s.knn[cand]
        f[:, 19] = self.n_questions_log[cand]
        if query.tokens:
            vocab = self.bm25w.vocabulary
            f[:, 20] = sum(t not in vocab for t in query.tokens) / len(query.tokens)

        best = np.empty(len(cand), dtype=np.int64)
        q_units = query.units
        q_set = frozenset(q_units)
        n_q = max(len(q_units), 1)
        for i, e in enumerate(cand):
            a, b = self.starts[e], self.ends[e]
            j = a + int(np.argmax(s.q_cos[a:b])) if b - a > 1 else a
            best[i] = j
            c_units = self.q_units[j]
            c_set = self.q_unit_sets[j]
            f[i, 14] = SequenceMatcher(None, q_units, c_units, autojunk=False).ratio()
            f[i, 15] = len(q_set & c_set) / max(len(q_set), 1)
            f[i, 16] = len(q_set & c_set) / max(len(c_set), 1)
            f[i, 17] = 1.0 if q_units == c_units else 0.0
            f[i, 18] = min(n_q, len(c_units)) / max(n_q, len(c_units), 1)
        return f, best


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
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        if self.fallback:
            return np.clip(0.5 * (x[:, 8] + x[:, 9]), 0.0, 1.0)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def _tune_threshold(
    in_prob: np.ndarray, in_correct: np.ndarray, oos_prob: np.ndarray, bounds: tuple[float, float]
) -> float:
    """Threshold maximising decision accuracy.

    Right decisions: answer an in-scope query whose top-1 is correct; decline an in-scope query
    whose top-1 is wrong; decline a (simulated) out-of-scope query.
    """
    lo, hi = bounds
    if len(in_prob) == 0:
        return 0.5
    grid = np.unique(np.clip(np.concatenate([in_prob, oos_prob, [lo, hi]]), lo, hi))
    best_t, best_acc = 0.5, -1.0
    for t in grid:
        answered = in_prob >= t
        acc = np.sum(answered & in_correct) + np.sum(~answered & ~in_correct) + np.sum(oos_prob < t)
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
    x: list[np.ndarray] = field(default_factory=list)
    y: list[np.ndarray] = field(default_factory=list)
    groups: list[np.ndarray] = field(default_factory=list)
    oos_x: list[np.ndarray] = field(default_factory=list)
    junk_x: list[np.ndarray] = field(default_factory=list)


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

        rerank = _RerankSet()
        for qi in holdout:
            model._add_rerank_query(train_stage, queries[qi], int(entry_arr[qi]), rerank)
        # Sampling with replacement is fine: every draw is perturbed differently.
        n_synthetic = max(config.min_rerank_queries - len(holdout), 0)
        segmented = [model.tokenizer.segment(q.norm) for q in queries]
        if n_synthetic:
            kept_idx = np.flatnonzero(keep)
            sources = rng.choice(kept_idx, size=n_synthetic, replace=len(kept_idx) < n_synthetic)
            for qi in sources:
                text = _synthetic_paraphrase(queries[qi].norm, model.tokenizer, rng, segmented)
                synthetic = model._prepare_query_norm(normalize(text))
                model._add_rerank_query(train_stage, synthetic, int(entry_arr[qi]), rerank)

        n_junk = max(config.min_junk_queries, int(config.junk_fraction * len(rerank.x)))
        for _ in range(n_junk):
            text = _junk_query(segmented, entry_arr, rng)
            junk = model._prepare_query_norm(normalize(text))
            scores = train_stage.score(junk)
            cand = train_stage.candidates(scores, config.candidates_per_view)
            rerank.junk_x.append(train_stage.features(junk, scores, cand)[0])

        model._fit_reranker(rerank, config)
        model.stage = full_stage if full_stage is not None else build(np.ones(len(queries), bool))

        n_real, n_syn = len(holdout), int(n_synthetic)
        model.metadata = {
            "format_version": FORMAT_VERSION,
            "engine_version": ENGINE_VERSION,
            "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "n_entries": n_entries,
            "n_questions": len(queries),
            "threshold": model.threshold,
            "classifier": model.stage.cls_coef is not None,
            "rerank_queries": {"held_out": n_real, "synthetic": n_syn},
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
            "classifier": model.stage.cls_coef is not None,
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
        self, stage: _Stage1, query: _Query, target: int, out: _RerankSet
    ) -> None:
        depth = self.config.candidates_per_view
        scores = stage.score(query)
        cand = stage.candidates(scores, depth)
        x, _ = stage.features(query, scores, cand)
        group = len(out.x)
        out.x.append(x)
        out.y.append((cand == target).astype(np.int64))
        out.groups.append(np.full(len(cand), group))
        # The same query with its entry removed: what an unanswerable on-topic question scores.
        oos_scores = stage.score(query, exclude=target)
        oos_cand = stage.candidates(oos_scores, depth, exclude=target)
        oos_x, _ = stage.features(query, oos_scores, oos_cand)
        out.oos_x.append(oos_x)

    def _fit_reranker(self, data: _RerankSet, config: TrainConfig) -> None:
        reranker = _Reranker(config.rerank_c, config.random_state)
        if not data.x:
            reranker.fallback = True
            self.reranker = reranker
            self.threshold = 0.5
            return
        n_groups = len(data.x)
        # Rows: every candidate of every in-scope query (label: is it the target) followed by
        # every candidate of the same query with its target removed (label 0).  The second half
        # teaches the model that "best of a weak field" is not an answer, which is what makes
        # the probability usable for out-of-scope detection.
        blocks = data.x + data.oos_x + data.junk_x
        x = np.vstack(blocks)
        negatives = data.oos_x + data.junk_x
        y = np.concatenate(data.y + [np.zeros(len(b), dtype=np.int64) for b in negatives])
        # A query and its target-removed twin share a group so they land in the same fold.
        group_of_block = [g % n_groups for g in range(2 * n_groups)]
        group_of_block += [n_groups + j for j in range(len(data.junk_x))]
        groups = np.concatenate(
            [np.full(len(b), group_of_block[i]) for i, b in enumerate(blocks)]
        ).astype(np.int64)
        reranker.fit(x, y)
        self.reranker = reranker

        # Out-of-fold probabilities for threshold tuning: in-sample ones would be optimistic.
        prob = np.empty(len(y))
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
        in_prob = np.zeros(n_groups)
        in_correct = np.zeros(n_groups, dtype=bool)
        oos_prob = np.zeros(n_groups)
        offsets = np.concatenate([[0], np.cumsum([len(b) for b in blocks])])
        for g in range(n_groups):
            p = prob[offsets[g] : offsets[g + 1]]
            if len(p):
                top = int(np.argmax(p))
                in_prob[g] = p[top]
                in_correct[g] = bool(data.y[g][top])
            p_oos = prob[offsets[n_groups + g] : offsets[n_groups + g + 1]]
            oos_prob[g] = float(p_oos.max()) if len(p_oos) else 0.0
        junk_prob = [
            float(prob[offsets[i] : offsets[i + 1]].max(initial=0.0))
            for i in range(2 * n_groups, len(blocks))
        ]
        oos_prob = np.concatenate([oos_prob, junk_prob])
        self.threshold = _tune_threshold(in_prob, in_correct, oos_prob, config.threshold_bounds)

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
        query = _Query(
            norm=norm,
            tokens=tokens,
            char_tokens=_char_tokens(norm),
            units=units(norm),
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
        cand = stage.candidates(scores, self.config.candidates_per_view)
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
