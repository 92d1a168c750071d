"""Okapi BM25 as a precomputed sparse term × document weight matrix.

Scores are identical to ``rank_bm25.BM25Okapi`` (same k1, b, epsilon, the ATIRE idf
``log(N - n + 0.5) - log(n + 0.5)`` and its floor: every negative idf is replaced by
``epsilon * mean(idf)``).  Unlike rank_bm25, which loops over every document in Python for every
query term, all per-(term, document) weights are computed once at build time, so a query is a
sparse vector-matrix product touching only the postings of its own terms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp


class BM25:
    def __init__(
        self,
        corpus: Sequence[Sequence[str]],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> None:
        if not corpus:
            raise ValueError("BM25 needs at least one document")
        self.k1 = k1
        self.b = b
        self.epsilon = epsilon
        self.n_docs = len(corpus)
        self.vocabulary: dict[str, int] = {}

        rows: list[int] = []
        cols: list[int] = []
        tfs: list[int] = []
        doc_len = np.empty(self.n_docs, dtype=np.float64)
        vocab = self.vocabulary
        for doc_id, doc in enumerate(corpus):
            doc_len[doc_id] = len(doc)
            for term, tf in Counter(doc).items():
                term_id = vocab.setdefault(term, len(vocab))
                rows.append(term_id)
                cols.append(doc_id)
                tfs.append(tf)

        self.doc_len = doc_len
        total = float(doc_len.sum())
        # rank_bm25 divides by zero here; an all-empty corpus simply scores 0 everywhere.
        self.avgdl = total / self.n_docs if total > 0 else 1.0

        row_arr = np.asarray(rows, dtype=np.int64)
        col_arr = np.asarray(cols, dtype=np.int64)
        tf_arr = np.asarray(tfs, dtype=np.float64)

        df = np.bincount(row_arr, minlength=len(vocab)).astype(np.float64)
        idf = np.log(self.n_docs - df + 0.5) - np.log(df + 0.5)
        self.average_idf = float(idf.mean()) if len(idf) else 0.0
        idf[idf < 0] = self.epsilon * self.average_idf
        self.idf = idf

        norm = k1 * (1 - b + b * doc_len / self.avgdl)
        weights = idf[row_arr] * tf_arr * (k1 + 1) / (tf_arr + norm[col_arr])
        # Term-major CSR: a query only reads the rows (posting lists) of its terms.
        self.matrix = sp.csr_matrix(
            (weights, (row_arr, col_arr)), shape=(len(vocab), self.n_docs), dtype=np.float64
        )
        self.matrix.sum_duplicates()

    def query_vector(self, query: Sequence[str]) -> sp.csr_matrix:
        """Term-count vector of ``query``; repeated terms count repeatedly, as in rank_bm25."""
        counts = Counter(t for t in query if t in self.vocabulary)
        idx = np.fromiter((self.vocabulary[t] for t in counts), dtype=np.int64, count=len(counts))
        val = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        return sp.csr_matrix((val, idx, np.array([0, len(idx)])), shape=(1, len(self.vocabulary)))

    def query_terms(self, query: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Row ids of ``matrix`` for the query's known terms and their counts: the query as a
        sparse vector, for callers that gather postings of several indexes at once."""
        vocab = self.vocabulary
        counts = Counter(t for t in query if t in vocab)
        rows = np.fromiter((vocab[t] for t in counts), dtype=np.int64, count=len(counts))
        weights = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        return rows, weights

    def query_terms_mass(self, query: Sequence[str]) -> tuple[np.ndarray, np.ndarray, float]:
        """:meth:`query_terms` and :meth:`idf_mass` from one pass over the query."""
        vocab = self.vocabulary
        counts: dict[int, int] = {}
        unknown = 0
        for term in query:
            i = vocab.get(term)
            if i is None:
                unknown += 1
            else:
                counts[i] = counts.get(i, 0) + 1
        rows = np.fromiter(counts, dtype=np.int64, count=len(counts))
        weights = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        unseen = float(np.log(self.n_docs + 0.5) - np.log(0.5))
        mass = float(self.idf[rows] @ weights) + unseen * unknown
        return rows, weights, mass

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """BM25 score of every document for one tokenised query (dense, length ``n_docs``):
        ``counts @ matrix[query_terms]``, reading only the query terms' posting lists."""
        vocab = self.vocabulary
        counts = Counter(t for t in query if t in vocab)
        if not counts:
            return np.zeros(self.n_docs)
        rows = np.fromiter((vocab[t] for t in counts), dtype=np.int64, count=len(counts))
        weights = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        # The postings of the query's terms gathered with numpy and summed per document with
        # bincount: scipy's row slicing costs more in validation than the sum itself for a
        # short query, and training scores thousands of them.
        matrix = self.matrix
        begin = matrix.indptr[rows]
        lengths = matrix.indptr[rows + 1] - begin
        total = int(lengths.sum())
        offsets = np.repeat(begin - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        return np.bincount(
            matrix.indices[offsets],
            weights=matrix.data[offsets] * np.repeat(weights, lengths),
            minlength=self.n_docs,
        )

    def get_batch_scores(self, queries: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """Scores for many queries at once as a sparse (n_queries × n_docs) matrix."""
        if not queries:
            return sp.csr_matrix((0, self.n_docs))
        q = sp.vstack([self.query_vector(query) for query in queries], format="csr")
        return (q @ self.matrix).tocsr()

    def idf_mass(self, query: Sequence[str]) -> float:
        """Sum of the idf of the query's terms (repeats counted).

        This is the score the query would get against an average-length document containing each
        of its terms once, so ``score / idf_mass`` says how much of the query matched, in
        roughly [0, 1.5].  Terms unknown to the corpus count with the idf of a term seen in no
        document: a question about something the KB never mentions must not look fully matched.
        """
        vocab = self.vocabulary
        idf = self.idf
        unseen = float(np.log(self.n_docs + 0.5) - np.log(0.5))
        return float(sum(idf[vocab[t]] if t in vocab else unseen for t in query))
