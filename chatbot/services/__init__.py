"""The conversation, one module per kind of action: ``customer`` (who is asking, their messages,
settings, rating), ``transcript`` (storing and reading messages), ``bot`` (the bot's turn),
``handoff`` (to the queue, to closed) and ``agent`` (what staff may see and do).

Plain synchronous functions: the websocket consumers call them through
``database_sync_to_async``, other channels (``gateway``) directly. Every message is stored in
PostgreSQL, with its per-conversation sequence number, before anyone is told about it. The
names below are the chat layer's entry points for the consumers and the channel gateway.
"""

from chatbot.services.agent import (
    QUEUE_BROADCAST_LIMIT,
    accept,
    post_agent_message,
    require_assigned,
    require_view,
    transfer,
    with_last_text,
)
from chatbot.services.bot import UNANSWERED_BEFORE_HANDOFF, awaits_bot, bot_turn
from chatbot.services.customer import (
    CustomerSession,
    customer_handoff,
    ensure_conversation,
    open_session,
    post_customer_message,
    proactive_suggestion,
    receive_customer_message,
    record_feedback,
    request_code,
    save_preferences,
    submit_csat,
    token_hash,
    verify_code,
)
from chatbot.services.handoff import close_conversation, request_handoff
from chatbot.services.transcript import append_message, history
from chatbot.services.validation import MAX_COMMENT_CHARS, MAX_TEXT_CHARS, ChatError

__all__ = [
    "MAX_COMMENT_CHARS",
    "MAX_TEXT_CHARS",
    "QUEUE_BROADCAST_LIMIT",
    "UNANSWERED_BEFORE_HANDOFF",
    "ChatError",
    "CustomerSession",
    "accept",
    "append_message",
    "awaits_bot",
    "bot_turn",
    "close_conversation",
    "customer_handoff",
    "ensure_conversation",
    "history",
    "open_session",
    "post_agent_message",
    "post_customer_message",
    "proactive_suggestion",
    "receive_customer_message",
    "record_feedback",
    "request_code",
    "request_handoff",
    "require_assigned",
    "require_view",
    "save_preferences",
    "submit_csat",
    "token_hash",
    "transfer",
    "verify_code",
    "with_last_text",
]
