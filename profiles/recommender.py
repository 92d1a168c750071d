"""Product recommendations from purchase/view history blended with product-text similarity.

Pure Python + numpy/scipy/scikit-learn (no Django): the service layer feeds it plain
``Interaction``/``ProductText`` rows and stores ``Recommender.dumps()`` wherever it likes.

Model
-----
* Collaborative filtering, item-item: a customer x item sparse matrix of summed weights
  (purchase 3.0, view 1.0 — the caller decides), damped with ``log1p`` so one customer who
  viewed an item 40 times does not outweigh 40 customers who bought it once, and each
  customer's row scaled by a BM25/IDF-style factor so heavy users (or crawlers) that touch half
  the catalogue carry less co-purchase evidence than focused shoppers.  Item-item cosine
  similarity comes from sparse products, computed in row blocks so memory stays bounded.
* Content: TF-IDF over character 1-3-grams of the NFKC-normalised, lowercased product text.
  Character n-grams need no tokenizer and work for Chinese ("落地灯") and English alike,
  and they link brand-new products that nobody has bought yet.
* Blend: ``(1 - content_weight) * cf + content_weight * content``; only the top
  ``n_neighbours`` per item are kept (sparse), which is also what ``similar`` returns.
* ``recommend``: score = damped history row x similarity matrix ("more like what you
  bought"), excluding everything the customer already interacted with; gaps are filled with
  popular items, and unknown customers (cold start) get the popular list.

Everything is deterministic: ties are broken by popularity and then by sku.
"""

from __future__ import annotations

import io
import json
import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

FORMAT_VERSION = 1
# Upper bound on the dense float32 block (rows x n_items) materialised while computing
# similarities: ~16 MB, independent of catalogue size.
_BLOCK_CELLS = 4_000_000


@dataclass(frozen=True)
class Interaction:
    customer_id: str
    sku: str
    weight: float = 1.0  # purchase = 3.0, view = 1.0 (caller decides)


@dataclass(frozen=True)
class ProductText:
    sku: str
    text: str  # name + description + category, may be Chinese and/or English


def _normalise_text(text: str) -> str:
    # NFKC folds full-width letters/digits ("ＬＥＤ" -> "LED") so they share n-grams.
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _top_n_block(
    block: np.ndarray, row_offset: int, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top-``n`` positive entries per row of a dense block, diagonal (self) removed."""
    rows = np.arange(block.shape[0])
    block[rows, rows + row_offset] = 0.0
    if n < block.shape[1]:
        cols = np.argpartition(-block, n - 1, axis=1)[:, :n]
    else:
        cols = np.broadcast_to(np.arange(block.shape[1]), block.shape)
    vals = np.take_along_axis(block, cols, axis=1)
    keep = vals > 1e-9
    row_idx = np.broadcast_to(rows[:, None] + row_offset, cols.shape)
    return row_idx[keep], cols[keep], vals[keep]


class Recommender:
    """Trained recommender; build with :meth:`train` or :meth:`loads`."""

    def __init__(
        self,
        *,
        skus: np.ndarray,
        customers: np.ndarray,
        history: sp.csr_matrix,
        similarity: sp.csr_matrix,
        popularity: np.ndarray,
        metadata: dict[str, Any],
    ) -> None:
        self._skus = skus  # sorted, so item index order == sku order (stable tie-break)
        self._sku_index = {s: i for i, s in enumerate(skus.tolist())}
        self._customers = customers
        self._customer_index = {c: i for i, c in enumerate(customers.tolist())}
        self._history = history  # customers x items, log1p-damped weights
        self._similarity = similarity  # items x items, top-N neighbours per row
        self._popularity = popularity
        # Popularity order with sku as the tie-break; computed once, reused by every call.
        self._pop_order = np.lexsort((np.arange(len(skus)), -popularity))
        self.metadata = metadata

    # ------------------------------------------------------------------ training
    @classmethod
    def train(
        cls,
        interactions: Sequence[Interaction],
        products: Sequence[ProductText],
        *,
        content_weight: float = 0.3,
        random_state: int = 0,
        n_neighbours: int = 50,
    ) -> Recommender:
        """Fit on interactions and product texts.

        ``random_state`` is recorded only: the algorithm uses no randomness, so two trainings
        on the same data give identical results.  Weights must be finite and > 0.
        """
        if not 0.0 <= content_weight <= 1.0:
            raise ValueError("content_weight must be in [0, 1]")
        if n_neighbours < 1:
            raise ValueError("n_neighbours must be >= 1")
        texts: dict[str, str] = {}
        for p in products:
            # Later rows win, like an upsert; several texts for a sku are not merged.
            texts[p.sku] = p.text
        skus = np.array(sorted(set(texts) | {it.sku for it in interactions}), dtype=str)
        customers = np.array(sorted({it.customer_id for it in interactions}), dtype=str)
        sku_index = {s: i for i, s in enumerate(skus.tolist())}
        cust_index = {c: i for i, c in enumerate(customers.tolist())}
        n_items, n_customers = len(skus), len(customers)

        weights = np.fromiter((it.weight for it in interactions), dtype=np.float64)
        if weights.size and (not np.all(np.isfinite(weights)) or np.any(weights <= 0)):
            raise ValueError("interaction weights must be finite and > 0")
        rows = np.fromiter((cust_index[it.customer_id] for it in interactions), dtype=np.int64)
        cols = np.fromiter((sku_index[it.sku] for it in interactions), dtype=np.int64)
        # coo -> csr sums duplicate (customer, sku) pairs: repeated views/purchases add up.
        raw = sp.csr_matrix((weights, (rows, cols)), shape=(n_customers, n_items))
        raw.sum_duplicates()
        history = raw.copy()
        history.data = np.log1p(history.data)
        history = history.astype(np.float32)

        # Popularity = number of distinct customers, weighted by damped weight.
        popularity = np.asarray(history.sum(axis=0)).ravel().astype(np.float64)

        similarity = cls._similarity_matrix(
            history, [texts.get(s, "") for s in skus.tolist()], content_weight, n_neighbours
        )
        metadata = {
            "format_version": FORMAT_VERSION,
            "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "n_customers": n_customers,
            "n_items": n_items,
            "n_interactions": len(interactions),
            "content_weight": content_weight,
            "n_neighbours": n_neighbours,
            "random_state": random_state,
        }
        return cls(
            skus=skus,
            customers=customers,
            history=history,
            similarity=similarity,
            popularity=popularity,
            metadata=metadata,
        )

    @staticmethod
    def _similarity_matrix(
        history: sp.csr_matrix, texts: list[str], content_weight: float, n_neighbours: int
    ) -> sp.csr_matrix:
        n_items = history.shape[1]
        # BM25/IDF-style customer weight: a customer who touched most of the catalogue says
        # little about which items belong together.
        per_customer = np.diff(history.indptr).astype(np.float64)
        idf = np.log((n_items + 1.0) / (per_customer + 1.0)) + 1e-3
        cf = sp.diags(idf.astype(np.float32)) @ history
        norms = np.sqrt(np.asarray(cf.multiply(cf).sum(axis=0)).ravel())
        norms[norms == 0] = 1.0
        cf = (cf @ sp.diags((1.0 / norms).astype(np.float32))).tocsc()
        cf_t = cf.T.tocsr()  # items x customers, rows unit-norm

        content: sp.csr_matrix | None = None
        if content_weight > 0 and any(t.strip() for t in texts):
            vec = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(1, 3),
                lowercase=False,  # done by _normalise_text together with NFKC
                sublinear_tf=True,
                dtype=np.float32,
            )
            content = vec.fit_transform([_normalise_text(t) for t in texts]).tocsr()
            content_t = content.T.tocsc()

        n = min(n_neighbours, max(n_items - 1, 1))
        block_rows = max(1, _BLOCK_CELLS // max(n_items, 1))
        all_r, all_c, all_v = [], [], []
        for start in range(0, n_items, block_rows):
            stop = min(start + block_rows, n_items)
            block = np.asarray((cf_t[start:stop] @ cf).toarray(), dtype=np.float32)
            block *= 1.0 - content_weight
            if content is not None:
                block += content_weight * (content[start:stop] @ content_t).toarray()
            r, c, v = _top_n_block(block, start, n)
            all_r.append(r)
            all_c.append(c)
            all_v.append(v)
        if not all_r:
            return sp.csr_matrix((n_items, n_items), dtype=np.float32)
        sim = sp.csr_matrix(
            (np.concatenate(all_v), (np.concatenate(all_r), np.concatenate(all_c))),
            shape=(n_items, n_items),
            dtype=np.float32,
        )
        sim.sort_indices()
        return sim

    # ------------------------------------------------------------------ queries
    def _ranked(self, scores: np.ndarray, banned: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Top-k by score, ties by popularity then sku; fill with popular items."""
        cand = np.flatnonzero((scores > 0) & ~banned)
        if cand.size > k:
            # Keep everything tied with the k-th score so the tie-break below is exact.
            kth = np.partition(scores[cand], cand.size - k)[cand.size - k]
            cand = cand[scores[cand] >= kth]
        order = cand[np.lexsort((cand, -self._popularity[cand], -scores[cand]))][:k]
        out = [(self._skus[i].item(), float(scores[i])) for i in order]
        if len(out) < k:
            taken = set(order.tolist())
            for i in self._pop_order:
                if len(out) >= k or self._popularity[i] <= 0:
                    break
                if not banned[i] and i not in taken:
                    out.append((self._skus[i].item(), 0.0))
        return out

    def _banned(self, exclude: Iterable[str]) -> np.ndarray:
        banned = np.zeros(len(self._skus), dtype=bool)
        idx = [self._sku_index[s] for s in exclude if s in self._sku_index]
        banned[idx] = True
        return banned

    def recommend(
        self, customer_id: str, k: int = 10, exclude: Iterable[str] = ()
    ) -> list[tuple[str, float]]:
        """(sku, score) best first; never an item the customer already interacted with.

        Unknown customers get :meth:`popular`.  Popular fill-ins carry score 0.0.
        """
        if k <= 0:
            return []
        row = self._customer_index.get(customer_id)
        if row is None:
            return self.popular(k, exclude)
        banned = self._banned(exclude)
        user = self._history[row]
        banned[user.indices] = True
        scores = np.asarray((user @ self._similarity).toarray(), dtype=np.float64).ravel()
        return self._ranked(scores, banned, k)

    def similar(self, sku: str, k: int = 10) -> list[tuple[str, float]]:
        """Items that go with ``sku`` (bought together / similar text); unknown sku -> []."""
        i = self._sku_index.get(sku)
        if i is None or k <= 0:
            return []
        start, stop = self._similarity.indptr[i], self._similarity.indptr[i + 1]
        cols = self._similarity.indices[start:stop]
        vals = self._similarity.data[start:stop].astype(np.float64)
        order = np.lexsort((cols, -self._popularity[cols], -vals))[:k]
        return [(self._skus[cols[j]].item(), float(vals[j])) for j in order]

    def popular(self, k: int = 10, exclude: Iterable[str] = ()) -> list[tuple[str, float]]:
        """Best sellers (distinct customers, damped-weighted), skipping ``exclude``."""
        if k <= 0:
            return []
        banned = self._banned(exclude)
        out: list[tuple[str, float]] = []
        for i in self._pop_order:
            if len(out) >= k or self._popularity[i] <= 0:
                break
            if not banned[i]:
                out.append((self._skus[i].item(), float(self._popularity[i])))
        return out

    # ------------------------------------------------------------------ persistence
    def dumps(self) -> bytes:
        """Serialise to ``.npz`` bytes (no pickle, so loading untrusted-ish bytes is safe)."""
        buf = io.BytesIO()
        arrays: dict[str, np.ndarray] = {
            "skus": self._skus,
            "customers": self._customers,
            "popularity": self._popularity,
            "metadata": np.array(json.dumps(self.metadata, ensure_ascii=False)),
        }
        for name, m in (("history", self._history), ("similarity", self._similarity)):
            arrays[f"{name}_data"] = m.data
            arrays[f"{name}_indices"] = m.indices
            arrays[f"{name}_indptr"] = m.indptr
            arrays[f"{name}_shape"] = np.array(m.shape, dtype=np.int64)
        np.savez_compressed(buf, **arrays)
        return buf.getvalue()

    @classmethod
    def loads(cls, data: bytes) -> Recommender:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            metadata = json.loads(z["metadata"].item())
            if metadata.get("format_version") != FORMAT_VERSION:
                raise ValueError(f"unsupported format {metadata.get('format_version')!r}")

            def matrix(name: str) -> sp.csr_matrix:
                shape = tuple(int(x) for x in z[f"{name}_shape"])
                return sp.csr_matrix(
                    (z[f"{name}_data"], z[f"{name}_indices"], z[f"{name}_indptr"]), shape=shape
                )

            return cls(
                skus=z["skus"],
                customers=z["customers"],
                history=matrix("history"),
                similarity=matrix("similarity"),
                popularity=z["popularity"],
                metadata=metadata,
            )


# ---------------------------------------------------------------------- synthetic data
_ZH_STYLE = ["北欧", "简约", "复古", "现代", "日式", "工业风", "田园", "轻奢"]
_ZH_NOUN = [
    "台灯", "灯泡", "灯罩", "沙发", "抱枕", "茶几", "地毯", "窗帘", "书架", "衣架",
    "收纳盒", "花瓶", "相框", "挂钟", "床单", "枕套", "毛巾", "餐盘", "水杯", "咖啡机",
]  # fmt: skip
_ZH_COLOR = ["白色", "黑色", "灰色", "蓝色", "红色", "原木色"]
_EN_NOUN = [
    "lamp", "bulb", "shade", "sofa", "cushion", "table", "rug", "curtain", "shelf", "hanger",
    "box", "vase", "frame", "clock", "sheet", "pillowcase", "towel", "plate", "cup", "coffee",
]  # fmt: skip


def synthetic_shop(
    n_products: int = 300, n_customers: int = 2000, n_bundles: int = 30, seed: int = 0
) -> tuple[list[Interaction], list[ProductText], dict[str, set[str]]]:
    """Synthetic shop with planted co-purchase bundles.

    * A few best sellers (``max(3, n_products // 50)``, in no bundle) that many customers buy.
    * The other products are split into ``n_bundles`` bundles (lamp + bulbs + shade ...).
    * Each customer prefers 1-2 bundles (bundle popularity is skewed), buys 2-4 and views 1-3
      of their items (purchase weight 3.0, view 1.0), plus 1-3 random views as noise.
    * Product texts are random and independent of the bundles, so any bundle recovery comes
      from the interactions, not from leaked labels.

    Returns ``(interactions, products, bundle_of)``, where ``bundle_of[sku]`` is the set of skus
    in that sku's bundle (itself included; empty for best sellers).
    """
    rng = np.random.default_rng(seed)
    skus = [f"SKU-{i:05d}" for i in range(n_products)]
    n_best = min(max(3, n_products // 50), n_products // 2)
    best, rest = skus[:n_best], skus[n_best:]
    perm = rng.permutation(len(rest))
    bundles = [[rest[j] for j in part] for part in np.array_split(perm, n_bundles) if part.size]
    bundle_of: dict[str, set[str]] = {s: set() for s in best}
    for members in bundles:
        for s in members:
            bundle_of[s] = set(members)

    products = []
    for s in skus:
        text = (
            f"{rng.choice(_ZH_STYLE)}{rng.choice(_ZH_NOUN)} {rng.choice(_ZH_COLOR)} "
            f"{rng.choice(_EN_NOUN)} 型号{rng.integers(100, 999)}"
        )
        products.append(ProductText(sku=s, text=text))

    bundle_p = 1.0 / np.arange(1, len(bundles) + 1) ** 0.7
    bundle_p /= bundle_p.sum()
    best_p = 0.5 * 0.75 ** np.arange(n_best)
    interactions: list[Interaction] = []
    for c in range(n_customers):
        cid = f"C{c:06d}"
        n_pref = int(rng.integers(1, 3))
        for b in rng.choice(len(bundles), size=n_pref, replace=False, p=bundle_p):
            members = bundles[b]
            n_buy = min(int(rng.integers(2, 5)), len(members))
            for s in rng.choice(members, size=n_buy, replace=False):
                interactions.append(Interaction(cid, str(s), 3.0))
            for s in rng.choice(members, size=min(int(rng.integers(1, 4)), len(members))):
                interactions.append(Interaction(cid, str(s), 1.0))
        for j in np.flatnonzero(rng.random(n_best) < best_p):
            interactions.append(Interaction(cid, best[j], 3.0))
        for s in rng.choice(skus, size=int(rng.integers(1, 4))):
            interactions.append(Interaction(cid, str(s), 1.0))
    return interactions, products, bundle_of


# ---------------------------------------------------------------------- evaluation
def leave_one_out(
    interactions: Sequence[Interaction],
    products: Sequence[ProductText],
    k: int = 10,
    seed: int = 0,
    train: Callable[..., Recommender] | None = None,
) -> dict[str, float | int]:
    """Hold out one purchase per customer, train on the rest, report hit-rate@k.

    For every customer with >= 2 distinct skus, one of their purchases (summed weight >= 3.0; if
    none, one of their highest-weighted skus) is removed with all its interactions.  A hit
    is the held-out sku appearing in ``recommend(customer, k)``; the baseline is
    ``popular(k, exclude=<customer's remaining skus>)`` from the same trained model.
    ``train(interactions, products)`` defaults to ``Recommender.train``.
    """
    rng = np.random.default_rng(seed)
    per_customer: dict[str, dict[str, float]] = {}
    for it in interactions:
        skus = per_customer.setdefault(it.customer_id, {})
        skus[it.sku] = skus.get(it.sku, 0.0) + it.weight
    held: dict[str, str] = {}
    for cid in sorted(per_customer):
        skus = per_customer[cid]
        if len(skus) < 2:
            continue
        top = max(skus.values())
        candidates = sorted(s for s, w in skus.items() if math.isclose(w, top) or w >= 3.0)
        held[cid] = candidates[int(rng.integers(len(candidates)))]
    kept = [it for it in interactions if held.get(it.customer_id) != it.sku]
    model = (train or Recommender.train)(kept, products)
    hits = pop_hits = 0
    for cid, sku in held.items():
        if sku in {s for s, _ in model.recommend(cid, k)}:
            hits += 1
        seen = [s for s in per_customer[cid] if s != sku]
        if sku in {s for s, _ in model.popular(k, exclude=seen)}:
            pop_hits += 1
    n = len(held)
    return {
        "k": k,
        "n": n,
        "hit_rate_recommender": hits / n if n else 0.0,
        "hit_rate_popularity": pop_hits / n if n else 0.0,
    }
