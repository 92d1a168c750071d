"""Group the questions the bot could not answer into recognisable topics.

Knowledge-base editors cannot read thousands of unanswered questions one by one; they want
"these 240 people asked how to get an invoice, here is what they typed". This module finds such
groups without a language model, in the same way for Chinese (both scripts, Cantonese
wording included) and English:

1. normalise each text (NFKC, casefold, punctuation/symbols to spaces) and merge exact
   duplicates — they count towards a topic's size but are clustered once;
2. reduce each text to its content words with the answer engine's own text handling
   (``knowledge.engine``: Traditional → Simplified, Cantonese → Mandarin words, jieba
   segmentation, light English stemming, function words dropped) and then drop the scaffolding
   every question shares ("can I", "how do I", "my", 可以, 怎么, 吗 ...). Texts that reduce to
   the same words are one question asked differently. Without this step two English questions
   looked alike just for both starting "can I ... my" ("can I change my delivery address" and
   "can I pay with e-CNY" made one topic), and a Hong Kong customer's 收貨地址 never met
   收货地址;
3. vectorise the content words, each as itself plus its character 2-3-grams (so 地址 meets
   收货地址 and "install" meets "installation"), with scikit-learn's ``TfidfVectorizer``,
   sublinear TF, L2-normalised. A single Latin letter carries no meaning (unlike a single Hanzi),
   so one-character ASCII grams are dropped. The IDF factor is switched off on purpose: the more
   people ask about one thing, the lower the IDF of its key word (发票), so with IDF the
   *biggest* topic — the one editors most need — was the one split into pieces, and the result
   depended on what else happened to be in the batch;
4. average-linkage agglomerative clustering on cosine distance, cut at a fixed distance
   (``DISTANCE_THRESHOLD``). A threshold instead of a fixed number of clusters lets one-off
   questions stay on their own and be dropped, rather than being forced into some topic;
5. for large inputs only a deterministic sample of distinct texts is clustered; every other
   text joins the sampled cluster with the highest average similarity if that is within the
   same threshold (the exact average-linkage criterion), keeping 20,000 texts to a few seconds.

Everything is deterministic: no random restarts, the sample uses a fixed seed, and ties are
broken by input position.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge.engine.normalize import normalize as engine_normalize
from knowledge.engine.tokenize import Tokenizer

__all__ = ["DISTANCE_THRESHOLD", "Topic", "cluster_questions", "normalize_text"]

# Average cosine distance at which the hierarchy is cut (i.e. members of a topic have an
# average cosine similarity of at least 0.2). Tuned on short customer questions: paraphrases
# often share only a key word or two (发票, 收货地址). Measured on the planted ten topics in
# three languages (tests/analytics/topic_sets.py): purity 0.98 from 0.70 to 0.80, 0.93 at 0.84.
DISTANCE_THRESHOLD = 0.8

# Words that frame a question rather than say what it is about. They come after the engine's
# own stop words (articles, 的, 吗 ...), which keep question words because the engine needs
# them to tell "how" from "when"; grouping by topic does not.
_SCAFFOLD = frozenset(
    "can could my mine me you your we our us do does did how what when who where which why "
    "is are was be will there want wanna need get have has please still just ok okay pls "
    # One-character words are dropped anyway (``_content_words``).
    "可以 能否 能不能 不能 怎么 怎么办 怎样 如何 我们 你们 需要 什么 我想 我要 想要 多少 没有 "
    "还能 帮忙 帮我 一下 这个 那个 什么时候 哪里 在哪里 为什么 你好 您好 谢谢".split()
)

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


_tokenizer: Tokenizer | None = None
_tokenizer_lock = threading.Lock()


def _content_words(text: str) -> list[str]:
    """What a question is about, in a canonical spelling shared by its paraphrases."""
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                _tokenizer = Tokenizer(remove_stopwords=True)
    words = _tokenizer.tokenize(engine_normalize(text))
    # A word of one character (开, 也, a stray letter) is too weak to found a topic on: the
    # two-character words around it say what the question is about, and texts sharing only
    # such characters (也, 上, 对 ...) are noise that would otherwise gather into a "topic".
    # Words with digits (order numbers, amounts, phone numbers) differ from one customer to
    # the next and share digit grams by chance: they say nothing about the topic.
    return [
        w for w in words if len(w) > 1 and w not in _SCAFFOLD and not any(c.isdigit() for c in w)
    ]


def _features(key: str) -> list[str]:
    """A content-word key (words joined by spaces): each word, and its character 2-3-grams
    inside the word (padded, so a gram knows where a word starts and ends)."""
    features = []
    for word in key.split(" "):
        features.append(word)
        padded = f" {word} "
        for n in (2, 3):
            for i in range(len(padded) - n + 1):
                gram = padded[i : i + n]
                core = gram.strip()
                if core and not (len(core) == 1 and core.isascii()):
                    features.append("#" + gram)
    return features


def cluster_questions(texts: list[str], max_clusters: int = 20, min_size: int = 2) -> list[Topic]:
    """Cluster ``texts`` into topics, largest first (ties: earliest first occurrence).

    Returns at most ``max_clusters`` topics, each with at least ``min_size`` texts (exact
    duplicates after normalisation count individually). Texts that are empty after
    normalisation are ignored. Same input, same output.
    """
    if max_clusters <= 0 or not texts:
        return []

    # 1. Distinct questions (same content words), in order of first appearance.
    keys: dict[str, str] = {}  # normalize_text -> content-word key: each spelling read once
    groups: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        norm = normalize_text(text)
        if not norm:
            continue
        if norm not in keys:
            # Sorted: "收货地址怎么修改" and "怎么修改收货地址" ask the same thing.
            keys[norm] = " ".join(sorted(set(_content_words(norm))))
        if keys[norm]:
            groups.setdefault(keys[norm], []).append(index)
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
    vectorizer = TfidfVectorizer(analyzer=_features, sublinear_tf=True, use_idf=False)
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
    """Label and examples, the most typical question first: the question asked most often (its
    wordings counted together), then the one closest to the count-weighted centroid, i.e. with
    the highest summed similarity to every question of the topic (ties: earliest in the
    input). Counting first puts what most customers typed on top, rather than a terse
    wording that happens to contain only the words everyone used."""
    block = vectors[rows]
    centroid = np.asarray(block.multiply(counts[rows][:, None]).sum(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm > 0:
        centroid /= norm
    closeness = np.asarray(block @ centroid).ravel()
    first_seen = np.array([members[r][0] for r in rows])
    ranked = rows[np.lexsort((first_seen, -np.round(closeness, 12), -counts[rows]))]
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
