"""An agent sends a product or order card from the console (the ``send_card`` frame)."""

from __future__ import annotations

from typing import Any

from audit.services import record
from chatbot.cards import card_text, order_card, product_card
from chatbot.services.agent import post_agent_message, require_assigned
from chatbot.services.validation import ChatError
from conversations.models import Message
from profiles.models import Order, Product

MAX_SKU_CHARS = 64


def send_card(user: Any, conversation_id: Any, client_id: Any, card: Any) -> tuple[Message, bool]:
    """An agent sends a product (by sku, from the conversation's shop) or an order (by number,
    only one of the conversation's own customer) as a card."""
    if not isinstance(card, dict) or card.get("type") not in ("product", "order"):
        raise ChatError("invalid_field", 'card must be {"type": "product"|"order", ...}.')
    conversation = require_assigned(user, conversation_id)
    language = conversation.language or conversation.shop.default_language
    if card["type"] == "product":
        sku = card.get("sku")
        if not isinstance(sku, str) or not sku.strip() or len(sku) > MAX_SKU_CHARS:
            raise ChatError("invalid_field", "A product card needs the product's sku.")
        product = Product.objects.filter(shop=conversation.shop, sku=sku.strip()).first()
        if product is None:
            raise ChatError("not_found", "The shop has no product with that sku.")
        built = product_card(product, language)
    else:
        number = card.get("number")
        if not isinstance(number, str) or not number.strip() or len(number) > 64:
            raise ChatError("invalid_field", "An order card needs the order number.")
        order = (
            Order.objects.filter(shop=conversation.shop, number__iexact=number.strip())
            .prefetch_related("events")
            .first()
        )
        if order is None or conversation.customer_id is None or (
            order.customer_id != conversation.customer_id
        ):
            if order is not None:
                record(
                    "profiles.order_access_refused",
                    object_type="profiles.order",
                    object_id=order.pk,
                    actor=user,
                    changes={"conversation": conversation.pk, "via": "send_card"},
                )
            # Another customer's order looks exactly like a missing one.
            raise ChatError("not_found", "This customer has no order with that number.")
        built = order_card(order, language)
        record(
            "profiles.order_shared",
            object_type="profiles.order",
            object_id=order.pk,
            actor=user,
            changes={"conversation": conversation.pk},
        )
    return post_agent_message(
        user,
        conversation.pk,
        client_id,
        card_text(built, language),
        private=False,
        payload={"cards": [built]},
    )
