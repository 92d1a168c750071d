"""Catalogue and order look-ups the bot uses to answer price, stock and order questions."""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.html import escape
from django.utils.timezone import localtime

from audit.services import record
from knowledge import texts
from knowledge.engine.normalize import normalize
from profiles.models import Customer, Order, Product, ProductView
from shops.models import Shop

ORDER_NUMBER_RE = re.compile(r"\b([A-Za-z]{1,4}-?\d{3,12})\b")
PRICE_WORDS = ("多少钱", "价格", "价钱", "几钱", "售价", "price", "how much", "cost")


def _aliases(product: Product) -> list[str]:
    """Ways a customer may name a product: its name, each script part of a bilingual name
    ("北欧落地灯 Floor lamp"), its sku, and any ``attributes["aliases"]``."""
    names = [product.name, product.sku]
    names += re.findall(r"[\u3400-\u9fff]+", product.name)
    latin = re.sub(r"[\u3400-\u9fff]+", " ", product.name).strip()
    if len(latin) >= 3:
        names.append(latin)
    extra = product.attributes.get("aliases", []) if isinstance(product.attributes, dict) else []
    names += [a for a in extra if isinstance(a, str)]
    return [n for n in {normalize(n) for n in names} if len(n) >= 2]


# Per shop: (catalogue version, [(alias, product pk, sku)]). Normalising every product's names
# for every question cost ~25 ms per message with a few hundred products; the index is rebuilt
# only when the catalogue changes. Each process keeps its own.
_alias_index: dict[int, tuple[tuple[Any, ...], list[tuple[str, int, str]]]] = {}

# How often a process asks whether a shop's catalogue changed. The check is an aggregate over
# the shop's products: run for every question it was a quarter of the chat's CPU per message
# (issue 15). A product saved in this process is seen at once (``forget_catalogue``); one
# added or renamed elsewhere (the shop's data API, another daphne) within this many seconds.
CATALOGUE_CHECK_SECONDS = 10.0
_checked_at: dict[int, float] = {}


def forget_catalogue(shop_id: int) -> None:
    """The shop's products changed in this process: check the version on the next question."""
    _checked_at.pop(shop_id, None)


def _catalogue_version(shop: Shop) -> tuple[Any, ...]:
    """Changes whenever a product of the shop is added, saved or deleted."""
    row = Product.objects.filter(shop=shop).aggregate(
        n=Count("id"), changed=Max("updated_at"), ids=Sum("id")
    )
    return (row["n"], row["changed"], row["ids"])


def _aliases_of_shop(shop: Shop) -> list[tuple[str, int, str]]:
    cached = _alias_index.get(shop.pk)
    now = time.monotonic()
    if cached is not None and now - _checked_at.get(shop.pk, -math.inf) < CATALOGUE_CHECK_SECONDS:
        return cached[1]
    version = _catalogue_version(shop)
    _checked_at[shop.pk] = now
    if cached is None or cached[0] != version:
        index = [
            (alias, product.pk, product.sku)
            for product in Product.objects.filter(shop=shop).only("name", "sku", "attributes")
            for alias in _aliases(product)
        ]
        _alias_index[shop.pk] = cached = (version, index)
    return cached[1]


def find_products(shop: Shop, text: str, limit: int = 3) -> list[Product]:
    """Products named in ``text``, longest match first (so 落地灯罩 beats 落地灯)."""
    question = normalize(text)
    best: dict[int, tuple[int, str]] = {}
    for alias, pk, sku in _aliases_of_shop(shop):
        if alias in question and len(alias) > best.get(pk, (0, ""))[0]:
            best[pk] = (len(alias), sku)
    if not best:
        return []
    chosen = sorted(best, key=lambda pk: (-best[pk][0], best[pk][1]))[:limit]
    products = Product.objects.in_bulk(chosen)
    return [products[pk] for pk in chosen if pk in products]


def record_views(conversation, products: list[Product]) -> None:  # type: ignore[no-untyped-def]
    """Asking about a product in chat is a browsing signal, like opening its page."""
    now = timezone.now()
    ProductView.objects.bulk_create(
        ProductView(
            shop_id=conversation.shop_id,
            customer_id=conversation.customer_id,
            visitor_key="" if conversation.customer_id else conversation.visitor_token_hash,
            sku=product.sku,
            at=now,
        )
        for product in products
    )


def mentions_price(text: str) -> bool:
    question = normalize(text)
    return any(word in question for word in PRICE_WORDS)


def price_answer(products: list[Product], language: str) -> str:
    """Price and stock of ``products`` in ``language`` (zh-Hans, zh-Hant or en)."""
    lines = []
    for p in products:
        stock = (
            texts.text("in_stock", language, count=p.stock)
            if p.stock > 0
            else texts.text("out_of_stock", language)
        )
        price = f"{p.currency} {p.price}"
        lines.append(texts.text("price_line", language, name=p.name, price=price, stock=stock))
    return "<br>".join(escape(line) for line in lines)


@dataclass
class OrderLookup:
    order: Order | None
    refused: bool = False


def find_order(customer: Customer | None, shop: Shop, text: str) -> OrderLookup:
    """The order the customer asks about: the number they gave, else their latest order.
    A number that belongs to someone else is refused (and audited), never revealed."""
    match = ORDER_NUMBER_RE.search(text)
    if match and customer is not None:
        number = match.group(1).upper()
        order = Order.objects.filter(shop=shop, number__iexact=number).first()
        if order is None:
            return OrderLookup(None)
        if order.customer_id != customer.pk:
            record(
                "profiles.order_access_refused",
                object_type="profiles.order",
                object_id=order.pk,
                changes={"customer": customer.external_id, "number": number},
            )
            return OrderLookup(None, refused=True)
        return OrderLookup(order)
    if customer is None:
        return OrderLookup(None)
    return OrderLookup(customer.orders.filter(shop=shop).order_by("-placed_at").first())


def order_answer(order: Order, language: str) -> str:
    """The order's status and timeline in ``language`` (zh-Hans, zh-Hant or en)."""
    steps = [
        f"{localtime(event.at):%Y-%m-%d %H:%M} {texts.order_status(event.status, language)}"
        for event in order.events.all()
    ]
    tracking = f"{order.carrier} {order.tracking_number}".strip() if order.tracking_number else ""
    status = texts.order_status(order.status, language)
    head = texts.text("order_head", language, number=order.number, status=status)
    tail = texts.text("order_tracking", language, tracking=tracking) if tracking else ""
    # Shop-supplied values go into HTML that the widget renders: escape them.
    timeline = "".join(f"<li>{escape(step)}</li>" for step in steps)
    return f"<p>{escape(head + tail)}</p>" + (f"<ul>{timeline}</ul>" if timeline else "")
