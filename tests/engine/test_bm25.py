from __future__ import annotations

import numpy as np
from rank_bm25 import BM25Okapi

from knowledge.engine.bm25 import BM25

CORPUS = [
    ["退货", "怎么", "操作"],
    ["退货", "流程"],
    ["运费", "多少", "钱"],
    ["how", "do", "i", "return", "an", "item"],
    ["return", "policy"],
    ["运费", "运费", "险"],
    ["怎么", "查询", "物流"],
    ["怎么", "开", "发票"],
    ["怎么", "取消", "订单"],
    [],
]
QUERIES = [
    ["退货", "怎么"],
    ["运费"],
    ["怎么", "怎么"],  # repeated term, and a term in more than half of... some documents
    ["return", "item", "unknown"],
    ["nothing", "matches"],
]


def test_scores_equal_rank_bm25() -> None:
    for params in [{}, {"k1": 1.2, "b": 0.5, "epsilon": 0.5}]:
        ours = BM25(CORPUS, **params)
        reference = BM25Okapi(CORPUS, **params)
        for query in QUERIES:
            np.testing.assert_allclose(
                ours.get_scores(query), reference.get_scores(query), rtol=1e-12, atol=1e-12
            )
        batch = ours.get_batch_scores(QUERIES).toarray()
        for row, query in zip(batch, QUERIES, strict=True):
            np.testing.assert_allclose(row, reference.get_scores(query), atol=1e-12)


def test_negative_idf_floor_matches_rank_bm25() -> None:
    # "a" is in 4 of 5 documents: its raw idf is negative and must be floored to eps*mean(idf).
    corpus = [["a", "b"], ["a", "c"], ["a", "d"], ["a"], ["e"]]
    ours, reference = BM25(corpus), BM25Okapi(corpus)
    assert ours.idf[ours.vocabulary["a"]] == reference.idf["a"]
    np.testing.assert_allclose(ours.get_scores(["a", "e"]), reference.get_scores(["a", "e"]))
