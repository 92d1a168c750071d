"""Product and order cards (docs/chat-protocol.md, "Cards"): built from the shop's data for
the bot's price, stock, recommendation and order answers, and for agents' ``send_card``
(``chatbot.services.cards``).

Every card message also has its text (the bot's answer, or a one-line summary), which is what
SMS, voice and any client that does not draw cards shows.
"""

from __future__ import annotations

from typing import Any

from django.utils.timezone import localtime

from knowledge import texts
from profiles.models import Order, Product


def _web_url(value: Any) -> str:
    """Only plain web links from the shop's data reach a card (never ``javascript:``)."""
    text = value if isinstance(value, str) else ""
    return text if text.startswith(("https://", "http://")) and len(text) <= 500 else ""


def product_card(product: Product, language: str = "") -> dict[str, Any]:
    attributes = product.attributes if isinstance(product.attributes, dict) else {}
    card: dict[str, Any] = {
        "type": "product",
        "sku": product.sku,
        "name": product.name,
        "price": str(product.price),
        "currency": product.currency,
        "stock": product.stock,
    }
    if image := _web_url(attributes.get("image_url") or attributes.get("image")):
        card["image_url"] = image
    if url := _web_url(attributes.get("url")):
        card["url"] = url
    return card


def order_card(order: Order, language: str) -> dict[str, Any]:
    """The order and its status timeline: one step per status event the shop sent, or the
    current status at the time it was placed when it sent none."""
    steps = [(event.status, event.at) for event in order.events.all()] or [
        (order.status, order.placed_at)
    ]
    return {
        "type": "order",
        "number": order.number,
        "status": order.status,
        "status_label": texts.order_status(order.status, language),
        "total": str(order.total),
        "currency": order.currency,
        "timeline": [
            {
                "status": status,
                "label": texts.order_status(status, language),
                "at": localtime(at).isoformat(),
            }
            for status, at in steps
        ],
    }


def card_text(card: dict[str, Any], language: str) -> str:
    """One line saying what the card shows, in the customer's language."""
    if card["type"] == "order":
        return texts.text(
            "card_order", language, number=card["number"], status=card["status_label"]
        )
    stock = (
        texts.text("in_stock", language, count=card["stock"])
        if card["stock"] > 0
        else texts.text("out_of_stock", language)
    )
    return texts.text(
        "card_product",
        language,
        name=card["name"],
        currency=card["currency"],
        price=card["price"],
        stock=stock,
    )
