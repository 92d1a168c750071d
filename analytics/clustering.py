"""Group the questions the bot could not answer into recognisable topics.

Knowledge-base editors cannot read thousands of unanswered questions one by one; they want
"these 240 people asked how to get an invoice, here is what they typed". This module finds such
groups without a tokenizer or a language model, so it works the same for Chinese and English:

1. normalise each text (NFKC, casefold, punctuation/symbols to spaces) and merge exact
   duplicates — they count towards a topic's size but are clustered once;
2. vectorise with scikit-learn's ``TfidfVectorizer`` over character 1-3-grams inside word
   boundaries (``char_wb``), sublinear TF, L2-normalised. A single Latin letter carries no
   meaning (unlike a single Hanzi), so one-character ASCII grams are dropped: without that, any
   two English questions look alike just for sharing letters. The IDF factor is switched off
   on purpose: the more people ask about one thing, the lower the IDF of its key word (发票), so
   with IDF the *biggest* topic — the one editors most need — was the one split into pieces,
   and the result depended on what else happened to be in the batch;
3. average-linkage agglomerative clustering on cosine distance, cut at a fixed distance
   (``DISTANCE_THRESHOLD``). A threshold instead of a fixed number of clusters lets one-off
   questions stay on their own and be dropped, rather than being forced into some topic;
4. for large inputs only a deterministic sample of distinct texts is clustered; every other
   text joins the sampled cluster with the highest average similarity if that is within the
   same threshold (the exact average-linkage criterion), keeping 20,000 texts to a few seconds.

Everything is deterministic: no random restarts, the sample uses a fixed seed, and ties are
broken by input position.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["DISTANCE_THRESHOLD", "Topic", "cluster_questions", "normalize_text"]

# Average cosine distance at which the hierarchy is cut (i.e. members of a topic have an
# average cosine similarity of at least 0.16). Tuned on short customer questions: Chinese
# paraphrases often share only a key word or two (发票, 收货地址), so their similarity is low.
# On the planted test data every value from 0.80 to 0.86 gives the same topics.
DISTANCE_THRESHOLD = 0.84

# At most this many distinct texts go through the O(n^2) linkage; the rest are assigned.
MAX_LINKAGE_TEXTS = 3000
# Rows per block when assigning the remaining texts (bounds memory of the dense similarities).
_ASSIGN_BLOCK = 2048
_MAX_EXAMPLES = 5
_SAMPLE_SEED = 0


@dataclass(frozen=True)
class Topic:
    """A group of similar questions.

    ``label`` is the question closest to the group's centroid (a real text, so editors
    recognise it); ``examples`` are up to five distinct texts, most central first; ``indices``
    point into the input list (duplicates included) and ``size == len(indices)``.
    """

    label: str
    size: int
    examples: list[str]
    indices: list[int]


def normalize_text(text: str) -> str:
    """NFKC + casefold, punctuation and symbols replaced by spaces, whitespace collapsed.

    NFKC folds full-width characters (common in Chinese input: ``？``, ``Ａ``) into their
    ordinary forms, so "发票怎么开？" and "发票怎么开?" are the same question.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    cleaned = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in folded)
    return " ".join(cleaned.split())


def _make_analyzer() -> Callable[[str], list[str]]:
    base = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).build_analyzer()

    def analyze(doc: str) -> list[str]:
        grams = []
        for gram in base(doc):
            core = gram.strip()
            if not core or (len(core) == 1 and core.isascii()):
                continue
            grams.append(gram)
        return grams

    return analyze


def cluster_questions(texts: list[str], max_clusters: int = 20, min_size: int = 2) -> list[Topic]:
    """Cluster ``texts`` into topics, largest first (ties: earliest first occurrence).

    Returns at most ``max_clusters`` topics, each with at least ``min_size`` texts (exact
    duplicates after normalisation count individually). Texts that are empty after
    normalisation are ignored. Same input, same output.
    """
    if max_clusters <= 0 or not texts:
        return []

    # 1. Distinct normalised texts, in order of first appearance.
    groups: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        norm = normalize_text(text)
        if norm:
            groups.setdefault(norm, []).append(index)
    if not groups:
        return []
    uniques = list(groups)
    members = [groups[u] for u in uniques]
    counts = np.array([len(m) for m in members], dtype=float)
    n = len(uniques)

    if n == 1:
        labels = np.zeros(1, dtype=int)
        vectors = csr_matrix(np.ones((1, 1)))
    else:
        vectors = _vectorize(uniques)
        labels = _cluster(vectors, counts)

    topics: list[tuple[int, Topic]] = []
    for cluster_id in np.unique(labels):
        if cluster_id < 0:
            continue
        rows = np.flatnonzero(labels == cluster_id)
        size = int(counts[rows].sum())
        if size < min_size:
            continue
        topic = _describe(texts, rows, vectors, counts, members)
        topics.append((min(topic.indices), topic))
    topics.sort(key=lambda item: (-item[1].size, item[0]))
    return [topic for _, topic in topics[:max_clusters]]


def _vectorize(uniques: list[str]) -> csr_matrix:
    vectorizer = TfidfVectorizer(analyzer=_make_analyzer(), sublinear_tf=True, use_idf=False)
    try:
        return csr_matrix(vectorizer.fit_transform(uniques))
    except ValueError:  # empty vocabulary, e.g. only single Latin letters
        return csr_matrix((len(uniques), 1))


def _cluster(vectors: csr_matrix, counts: np.ndarray) -> np.ndarray:
    """Cluster ids per distinct text; -1 for texts that joined no cluster."""
    n = vectors.shape[0]
    sample = _sample(counts)
    labels = np.full(n, -1, dtype=int)
    labels[sample] = _linkage_labels(vectors[sample])
    if sample.size == n:
        return labels

    # Assign the rest: average similarity to a cluster = dot product with its mean vector.
    n_clusters = int(labels[sample].max()) + 1
    membership = csr_matrix(
        (np.ones(sample.size), (labels[sample], np.arange(sample.size))),
        shape=(n_clusters, sample.size),
    )
    sizes = np.asarray(membership.sum(axis=1)).ravel()
    means = csr_matrix(membership.multiply(1.0 / sizes[:, None])) @ vectors[sample]
    means_t = csr_matrix(means).T.tocsc()
    rest = np.setdiff1d(np.arange(n), sample)
    for start in range(0, rest.size, _ASSIGN_BLOCK):
        block = rest[start : start + _ASSIGN_BLOCK]
        sims = (vectors[block] @ means_t).toarray()
        best = sims.argmax(axis=1)  # argmax: ties go to the lowest cluster id
        ok = 1.0 - sims[np.arange(block.size), best] <= DISTANCE_THRESHOLD
        labels[block[ok]] = best[ok]
    return labels


def _sample(counts: np.ndarray) -> np.ndarray:
    """Indices of the distinct texts clustered by linkage: all when few enough, otherwise the
    repeated questions first (most frequent first) and a seeded random fill of the rest."""
    n = counts.size
    if n <= MAX_LINKAGE_TEXTS:
        return np.arange(n)
    order = np.lexsort((np.arange(n), -counts))
    repeated = order[counts[order] > 1][:MAX_LINKAGE_TEXTS]
    chosen = set(repeated.tolist())
    remaining = np.array([i for i in range(n) if i not in chosen], dtype=int)
    fill = MAX_LINKAGE_TEXTS - repeated.size
    rng = np.random.default_rng(_SAMPLE_SEED)
    extra = rng.choice(remaining, size=fill, replace=False) if fill > 0 else remaining[:0]
    return np.sort(np.concatenate([repeated, extra]))


def _linkage_labels(vectors: csr_matrix) -> np.ndarray:
    n = vectors.shape[0]
    if n == 1:
        return np.zeros(1, dtype=int)
    similarity = (vectors @ vectors.T).toarray()
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    condensed = distance[np.triu_indices(n, k=1)]
    tree = linkage(condensed, method="average")
    flat = fcluster(tree, t=DISTANCE_THRESHOLD, criterion="distance")
    # Renumber 0..k-1 in order of first appearance so ids do not depend on scipy internals.
    _, first = np.unique(flat, return_index=True)
    remap = {flat[i]: rank for rank, i in enumerate(sorted(first))}
    return np.array([remap[c] for c in flat], dtype=int)


def _describe(
    texts: list[str],
    rows: np.ndarray,
    vectors: csr_matrix,
    counts: np.ndarray,
    members: list[list[int]],
) -> Topic:
    """Label and examples: distinct texts ranked by cosine similarity to the count-weighted
    centroid (ties: earliest in the input)."""
    block = vectors[rows]
    centroid = np.asarray(block.multiply(counts[rows][:, None]).sum(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm > 0:
        centroid /= norm
    closeness = np.asarray(block @ centroid).ravel()
    first_seen = np.array([members[r][0] for r in rows])
    ranked = rows[np.lexsort((first_seen, -np.round(closeness, 12)))]
    examples = [_representative(texts, members[r]) for r in ranked[:_MAX_EXAMPLES]]
    indices = sorted(i for r in rows for i in members[r])
    return Topic(label=examples[0], size=len(indices), examples=examples, indices=indices)


def _representative(texts: list[str], indices: list[int]) -> str:
    """The original spelling to show for a group of duplicates: the most common one, and the
    earliest among equally common ones."""
    tally: dict[str, int] = {}
    for i in indices:
        original = texts[i].strip()
        tally[original] = tally.get(original, 0) + 1
    # dicts keep insertion order and max() returns the first maximum: earliest wins ties.
    return max(tally, key=tally.__getitem__)
