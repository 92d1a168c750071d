"""Answers computed from the shop's data rather than stored text: order status, price, stock.

Called by the bot's turn with the answer engine's outcome; returns None when the question is
not one of these, so the stored answer (or a handoff) follows as usual. ``language`` is the
question's (``knowledge.languages``): every text here is in it.
"""

from __future__ import annotations

from typing import Any

from chatbot import cards
from conversations.models import Conversation
from knowledge.answering import AnswerOutcome
from knowledge.models import Intent
from knowledge.texts import text as _t
from profiles import recommendations
from profiles import services as shop_data


def try_answer(
    conversation: Conversation, text: str, outcome: AnswerOutcome, language: str
) -> tuple[str, dict[str, Any]] | None:
    shop, customer = conversation.shop, conversation.customer
    asks_order = bool(shop_data.ORDER_NUMBER_RE.search(text)) or (
        outcome.answered and outcome.intent == Intent.ORDER_STATUS
    )
    if asks_order:
        payload: dict[str, Any] = {"intent": Intent.ORDER_STATUS, "feedback_allowed": True}
        if customer is None:
            return _t("identify", language), {**payload, "identification_required": True}
        lookup = shop_data.find_order(customer, shop, text)
        if lookup.refused:
            return _t("refused", language), {**payload, "refused": True}
        if lookup.order is None:
            return _t("no_order", language), {**payload, "handoff_offered": True}
        return shop_data.order_answer(lookup.order, language), {
            **payload,
            "order": lookup.order.number,
            "cards": [cards.order_card(lookup.order, language)],
        }
    wants_price = outcome.answered and outcome.intent == Intent.PRICE_QUERY
    products = shop_data.find_products(shop, text)
    if products and (wants_price or shop_data.mentions_price(text)):
        shop_data.record_views(conversation, products)
        return shop_data.price_answer(products, language), {
            "intent": Intent.PRICE_QUERY,
            "products": [p.sku for p in products],
            "cards": [cards.product_card(p, language) for p in products],
            "feedback_allowed": True,
        }
    if wants_price:
        return _t("which_product", language), {"intent": Intent.PRICE_QUERY}
    # The keywords only decide when the knowledge base has no confident answer of its own:
    # "推荐好友送积分" is about referrals, not a request for suggestions.
    wants_suggestions = (
        outcome.intent == Intent.PRODUCT_RECOMMENDATION
        if outcome.answered
        else recommendations.asks_for_suggestions(text)
    )
    if wants_suggestions:
        suggested = recommendations.recommend(shop, customer)
        if suggested:
            return recommendations.suggestion_answer(suggested, language), {
                "intent": Intent.PRODUCT_RECOMMENDATION,
                "products": [recommendations.product_card(p) for p in suggested],
                "cards": [cards.product_card(p, language) for p in suggested],
                "feedback_allowed": True,
            }
    return None
