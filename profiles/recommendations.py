"""Recommendations for a shop's customers: nightly training and the look-ups chat uses.

Training reads purchases (weight 3) and product views (weight 1) and stores one
``RecommenderModel`` per shop; every process loads the newest one and notices a newer one by
its id, so a nightly retrain reaches all daphnes and workers without a restart.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db.models import Count
from django.utils.html import escape

from knowledge import texts
from profiles.models import (
    Customer,
    OrderItem,
    OrderStatus,
    Product,
    ProductView,
    RecommenderModel,
)
from profiles.recommender import Interaction, ProductText, Recommender
from shops.models import Shop

PURCHASE_WEIGHT = 3.0
VIEW_WEIGHT = 1.0
SUGGESTION_WORDS = (
    "推荐",
    "推薦",
    "有什么好",
    "有咩好",
    "买什么",
    "買咩",
    "suggest",
    "recommend",
    "what should i buy",
    "gift idea",
)


def customer_key(customer_id: int) -> str:
    return f"c{customer_id}"


def interactions_for(shop: Shop) -> list[Interaction]:
    rows: list[Interaction] = []
    items = OrderItem.objects.filter(order__shop=shop, order__customer__isnull=False).exclude(
        order__status=OrderStatus.CANCELLED
    )
    for customer_id, sku in items.values_list("order__customer_id", "sku"):
        rows.append(Interaction(customer_key(customer_id), sku, PURCHASE_WEIGHT))
    views = ProductView.objects.filter(shop=shop).values_list("customer_id", "visitor_key", "sku")
    for customer_id, visitor_key, sku in views:
        who = customer_key(customer_id) if customer_id else f"v{visitor_key}"
        if customer_id or visitor_key:
            rows.append(Interaction(who, sku, VIEW_WEIGHT))
    return rows


def train_shop(shop: Shop) -> RecommenderModel | None:
    products = [
        ProductText(p.sku, f"{p.name} {p.category} {p.description}")
        for p in Product.objects.filter(shop=shop)
    ]
    if not products:
        return None
    interactions = interactions_for(shop)
    started = time.perf_counter()
    model = Recommender.train(interactions, products)
    return RecommenderModel.objects.create(
        shop=shop,
        n_customers=model.metadata["n_customers"],
        n_products=len(products),
        n_interactions=len(interactions),
        train_seconds=round(time.perf_counter() - started, 3),
        artifact=model.dumps(),
    )


def train_all() -> list[RecommenderModel]:
    trained = [m for shop in Shop.objects.filter(is_active=True) if (m := train_shop(shop))]
    # Older artifacts are never read again; keep the last few for comparison only.
    for shop_id in {m.shop_id for m in trained}:
        stale = RecommenderModel.objects.filter(shop_id=shop_id).values_list("pk", flat=True)[3:]
        RecommenderModel.objects.filter(pk__in=list(stale)).delete()
    return trained


_loaded: dict[int, tuple[int, Recommender]] = {}
_lock = threading.Lock()


def model_for(shop: Shop) -> Recommender | None:
    newest = (
        RecommenderModel.objects.filter(shop=shop).order_by("-id").values_list("pk", flat=True)
    ).first()
    if newest is None:
        return None
    with _lock:
        cached = _loaded.get(shop.pk)
        if cached and cached[0] == newest:
            return cached[1]
    artifact = RecommenderModel.objects.values_list("artifact", flat=True).get(pk=newest)
    model = Recommender.loads(bytes(artifact))
    with _lock:
        _loaded[shop.pk] = (newest, model)
    return model


def _in_stock(shop: Shop, skus: list[str]) -> list[Product]:
    products = {p.sku: p for p in Product.objects.filter(shop=shop, sku__in=skus, stock__gt=0)}
    return [products[s] for s in skus if s in products]


def recommend(shop: Shop, customer: Customer | None, k: int = 3) -> list[Product]:
    """Products for this customer (best sellers for an unknown one), in stock only."""
    model = model_for(shop)
    if model is not None:
        key = customer_key(customer.pk) if customer else ""
        return _in_stock(shop, [sku for sku, _ in model.recommend(key, k * 3)])[:k]
    # Before the first training: best sellers straight from the orders.
    best = (
        OrderItem.objects.filter(order__shop=shop)
        .values("sku")
        .annotate(n=Count("id"))
        .order_by("-n", "sku")[: k * 3]
    )
    return _in_stock(shop, [row["sku"] for row in best])[:k]


def asks_for_suggestions(text: str) -> bool:
    lowered = text.casefold()
    return any(word in lowered for word in SUGGESTION_WORDS)


def product_card(product: Product) -> dict[str, str]:
    return {
        "sku": product.sku,
        "name": product.name,
        "price": str(product.price),
        "currency": product.currency,
    }


def suggestion_answer(products: list[Product], language: str) -> str:
    head = texts.text("suggestions_head", language)
    items = "".join(
        f"<li>{escape(p.name)} ({escape(p.currency)} {escape(str(p.price))})</li>" for p in products
    )
    return f"<p>{head}</p><ul>{items}</ul>"


@dataclass(frozen=True)
class Proactive:
    text: str
    products: list[Product]


def proactive_for(customer: Customer, language: str) -> Proactive | None:
    """ "Last time you looked at X; Y goes with it" — from the customer's latest view, or their
    latest purchase, and the recommender's neighbours of that product. None when there is
    nothing worth saying, or the customer opted out."""
    if not customer.wants_proactive_suggestions:
        return None
    model = model_for(customer.shop)
    if model is None:
        return None
    last_view = ProductView.objects.filter(customer=customer).order_by("-at", "-id").first()
    if last_view is not None:
        anchor_sku, looked = last_view.sku, True
    else:
        last_item = (
            OrderItem.objects.filter(order__customer=customer)
            .order_by("-order__placed_at", "-id")
            .first()
        )
        if last_item is None:
            return None
        anchor_sku, looked = last_item.sku, False
    anchor = Product.objects.filter(shop=customer.shop, sku=anchor_sku).first()
    if anchor is None:
        return None
    bought = set(OrderItem.objects.filter(order__customer=customer).values_list("sku", flat=True))
    neighbours = [sku for sku, _ in model.similar(anchor_sku, 10) if sku not in bought]
    products = _in_stock(customer.shop, neighbours)[:2]
    if not products:
        return None
    names = texts.text("list_separator", language).join(p.name for p in products)
    key = "proactive_looked" if looked else "proactive_bought"
    return Proactive(texts.text(key, language, anchor=anchor.name, names=names), products)
