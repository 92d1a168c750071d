"""profiles.recommender on synthetic shops with planted co-purchase bundles (no database)."""

from __future__ import annotations

import pytest

from profiles.recommender import (
    Interaction,
    ProductText,
    Recommender,
    leave_one_out,
    synthetic_shop,
)

Shop = tuple[list[Interaction], list[ProductText], dict[str, set[str]]]


@pytest.fixture(scope="module")
def shop() -> Shop:
    return synthetic_shop(n_products=150, n_customers=600, n_bundles=15, seed=1)


@pytest.fixture(scope="module")
def model(shop: Shop) -> Recommender:
    interactions, products, _ = shop
    return Recommender.train(interactions, products)


def test_similar_recovers_planted_bundles(shop: Shop, model: Recommender) -> None:
    _, _, bundle_of = shop
    bundled = sorted(s for s, members in bundle_of.items() if members)
    fractions = []
    for sku in bundled:
        top = model.similar(sku, k=5)
        assert len(top) == 5
        assert sku not in {s for s, _ in top}
        fractions.append(sum(s in bundle_of[sku] for s, _ in top) / 5)
    assert sum(fractions) / len(fractions) >= 0.6
    # Not just on average: the large majority of items individually pass.
    assert sum(f >= 0.6 for f in fractions) / len(fractions) >= 0.9


def test_leave_one_out_beats_popularity(shop: Shop) -> None:
    interactions, products, _ = shop
    result = leave_one_out(interactions, products, k=10, seed=0)
    assert result["n"] == 600
    assert result["hit_rate_recommender"] >= result["hit_rate_popularity"] + 0.2


def test_unknown_customer_gets_popular(model: Recommender) -> None:
    assert model.recommend("nobody", k=5) == model.popular(k=5)
    popular = model.popular(k=5)
    assert len(popular) == 5
    scores = [score for _, score in popular]
    assert scores == sorted(scores, reverse=True)
    assert model.recommend("nobody", k=5, exclude=[popular[0][0]]) == model.popular(k=6)[1:]


def test_already_seen_items_are_excluded(shop: Shop, model: Recommender) -> None:
    interactions, _, _ = shop
    cid = interactions[0].customer_id
    seen = {it.sku for it in interactions if it.customer_id == cid}
    recs = model.recommend(cid, k=20)
    assert len(recs) == 20
    assert not seen & {s for s, _ in recs}
    assert len({s for s, _ in recs}) == 20


def test_exclude_argument(shop: Shop, model: Recommender) -> None:
    cid = shop[0][0].customer_id
    first = model.recommend(cid, k=10)
    dropped = {first[0][0], first[3][0]}
    again = model.recommend(cid, k=10, exclude=dropped | {"no-such-sku"})
    assert not dropped & {s for s, _ in again}
    assert [s for s, _ in again][:8] == [s for s, _ in first if s not in dropped]


def test_content_links_new_products_without_interactions(shop: Shop) -> None:
    interactions, products, _ = shop
    new = [
        ProductText("NEW-WHITE", "北欧落地灯 白色 客厅照明"),
        ProductText("NEW-BLACK", "北欧落地灯 黑色 客厅照明"),
    ]
    model = Recommender.train(interactions, [*products, *new])
    assert model.similar("NEW-WHITE", k=3)[0][0] == "NEW-BLACK"
    assert model.similar("NEW-BLACK", k=3)[0][0] == "NEW-WHITE"
    # Products nobody bought are not "popular".
    assert "NEW-WHITE" not in {s for s, _ in model.popular(k=1000)}


def test_unknown_sku_similar_is_empty(model: Recommender) -> None:
    assert model.similar("no-such-sku") == []


def test_dumps_loads_round_trip(shop: Shop, model: Recommender) -> None:
    restored = Recommender.loads(model.dumps())
    assert restored.metadata == model.metadata
    for cid in ("C000000", "C000123", "nobody"):
        assert restored.recommend(cid) == model.recommend(cid)
    sku = sorted(shop[2])[10]
    assert restored.similar(sku) == model.similar(sku)
    assert restored.popular() == model.popular()


def test_training_is_deterministic(shop: Shop, model: Recommender) -> None:
    interactions, products, _ = shop
    other = Recommender.train(interactions, products)
    customers = sorted({it.customer_id for it in interactions})[:50]
    assert [other.recommend(c) for c in customers] == [model.recommend(c) for c in customers]
    skus = sorted(shop[2])
    assert [other.similar(s) for s in skus] == [model.similar(s) for s in skus]


def test_metadata(shop: Shop, model: Recommender) -> None:
    interactions = shop[0]
    assert model.metadata["n_customers"] == 600
    assert model.metadata["n_items"] == 150
    assert model.metadata["n_interactions"] == len(interactions)
    assert model.metadata["trained_at"]


def test_repeated_interactions_add_up() -> None:
    interactions = [
        Interaction("a", "x", 3.0),
        Interaction("a", "y", 1.0),
        Interaction("b", "x", 1.0),
        Interaction("b", "x", 1.0),
        Interaction("c", "y", 1.0),
    ]
    model = Recommender.train(interactions, [], content_weight=0.0)
    assert [s for s, _ in model.popular()] == ["x", "y"]
    # "b" only saw x; y co-occurs with x (customer "a"), so it is a scored recommendation.
    [(sku, score)] = model.recommend("b")
    assert sku == "y" and score > 0
    assert model.recommend("a") == []  # nothing left that "a" has not seen


def test_degenerate_inputs() -> None:
    empty = Recommender.train([], [])
    assert empty.recommend("a") == []
    assert empty.popular() == []
    assert empty.similar("x") == []
    assert Recommender.loads(empty.dumps()).popular() == []
    one = Recommender.train([Interaction("a", "x")], [ProductText("x", "灯")])
    assert one.similar("x") == []
    assert one.recommend("a") == []
    assert [s for s, _ in one.recommend("z")] == ["x"]


def test_invalid_weights_rejected() -> None:
    with pytest.raises(ValueError):
        Recommender.train([Interaction("a", "x", 0.0)], [])
    with pytest.raises(ValueError):
        Recommender.train([Interaction("a", "x")], [], content_weight=1.5)
