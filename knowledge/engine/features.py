"""Vectorisers with a fast single-document path.

scikit-learn's ``TfidfVectorizer.transform`` costs ~0.3 ms per call on one short question, mostly
input validation.  Chat answers one question at a time, so the views here fit with scikit-learn
(batch, correct idf) and then transform single questions with plain dict look-ups.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from .tokenize import STOPWORDS_EN

# Documents up to this many terms are transformed in plain Python (see _transform_small).
_SMALL_DOC = 48
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNIT_RE = re.compile(f"[{_CJK}]|[a-z0-9]+")
_WORD_OR_RUN_RE = re.compile(f"[{_CJK}]+|[a-z0-9]+")


def identity(terms: list[str]) -> list[str]:
    """Analyzer for pre-computed term lists (module level so models pickle)."""
    return terms


@functools.lru_cache(maxsize=65536)
def _run_ngrams(run: str) -> tuple[str, ...]:
    """The n-grams of one word or CJK run (see :func:`char_ngrams`).

    Cached: customers reuse the same words all day, and building the ~40 n-grams of a word
    was a tenth of the time to answer a question."""
    out: list[str] = []
    if run[0] > "\u2fff":
        n_run = len(run)
        out.extend(run)
        out.extend(run[i : i + 2] for i in range(n_run - 1))
        out.extend(run[i : i + 3] for i in range(n_run - 2))
    else:
        padded = f" {run} "
        n_pad = len(padded)
        for n in range(2, 6):
            if n > n_pad:
                break
            out.extend(padded[i : i + n] for i in range(n_pad - n + 1))
    return tuple(out)


def char_ngrams(text: str) -> list[str]:
    """Character n-grams adapted to the script.

    Chinese runs give 1–3-grams: single characters already carry meaning and paraphrases often
    differ by one function character.  Latin words give padded 2–5-grams (like ``char_wb``),
    which absorb typos and inflection that the light stemmer misses.
    """
    out: list[str] = []
    for run in _WORD_OR_RUN_RE.findall(text):
        out.extend(_run_ngrams(run))
    return out


def units(text: str) -> list[str]:
    """Comparison units for sequence similarity: CJK characters and Latin content words.

    English function words are dropped: two unrelated questions share "is", "the", "my" all the
    time, while Chinese function characters are rarer and part of the phrasing.
    """
    return [u for u in _UNIT_RE.findall(text) if u not in STOPWORDS_EN]


def word_ngrams(tokens: Sequence[str]) -> list[str]:
    """Unigrams plus adjacent bigrams of an already tokenised question."""
    out = list(tokens)
    out.extend(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return out


class TfidfView:
    """Sublinear tf-idf with l2 norm; fitted by scikit-learn, single docs transformed by hand."""

    def __init__(self, *, min_df: int = 1) -> None:
        self.min_df = min_df
        self.vocabulary: dict[str, int] = {}
        self.idf: np.ndarray = np.zeros(0)

    @property
    def n_features(self) -> int:
        return len(self.vocabulary)

    def fit_transform(self, docs: Sequence[list[str]]) -> sp.csr_matrix:
        vec = TfidfVectorizer(
            analyzer=identity, sublinear_tf=True, min_df=self.min_df, dtype=np.float64
        )
        matrix = vec.fit_transform(docs)
        self.vocabulary = {term: int(i) for term, i in vec.vocabulary_.items()}
        self.idf = vec.idf_.astype(np.float64)
        return matrix.tocsr()

    def transform_many(self, docs: Iterable[list[str]]) -> sp.csr_matrix:
        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for doc in docs:
            idx, val = self.transform_one(doc)
            indices.append(idx)
            data.append(val)
            indptr.append(indptr[-1] + len(idx))
        return sp.csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0),
                np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
                np.asarray(indptr),
            ),
            shape=(len(indptr) - 1, self.n_features),
        )

    def transform_one(self, doc: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Sorted feature indices and l2-normalised weights of one document."""
        get = self.vocabulary.get
        if len(doc) <= _SMALL_DOC:
            return self._transform_small(doc)
        # Look-ups in one list comprehension, counting and sorting in numpy: a Counter and a
        # Python sort cost three times as much for a question's ~150 character n-grams.
        ids = np.fromiter([get(t, -1) for t in doc], dtype=np.int64, count=len(doc))
        ids = np.sort(ids[ids >= 0])
        if len(ids) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        # np.unique(return_counts=True) by hand: its Python wrapper costs more than the work.
        first = np.empty(len(ids), dtype=bool)
        first[0] = True
        np.not_equal(ids[1:], ids[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        idx = ids[starts]
        tf = np.diff(starts, append=len(ids))
        val = (np.log(tf) + 1.0) * self.idf[idx]
        val /= np.sqrt(val @ val)
        return idx, val

    def _transform_small(self, doc: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`transform_one` in plain Python: for the twenty-odd word n-grams of a question
        a dozen numpy calls cost more than the arithmetic they do."""
        get = self.vocabulary.get
        counts: dict[int, int] = {}
        for term in doc:
            i = get(term)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idf = self.idf
        keys = sorted(counts)
        weights = [(math.log(counts[i]) + 1.0) * float(idf[i]) for i in keys]
        scale = 1.0 / math.sqrt(sum(w * w for w in weights))
        return np.asarray(keys, dtype=np.int64), np.asarray(weights) * scale
