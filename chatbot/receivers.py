"""What chat does when routing announces a decision (``routing.signals``): tell the customer
who serves them, tell the agents' consoles. Routing sends these inside its transaction, so the
messages written here commit or roll back with the assignment, and every live event goes out
after commit (``chatbot.events``)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from chatbot import events
from chatbot.models import Conversation, Sender
from chatbot.services import (
    append_message,
    bot_text,
    conversation_summary,
    publish_console_state,
    status_frame,
)
from routing.signals import conversation_assigned, conversation_requeued


@receiver(conversation_assigned, sender=Conversation)
def tell_who_serves(
    sender: type[Conversation], conversation: Conversation, agent: Any, **_: Any
) -> None:
    """Post "客服 X 为您服务" in the transcript, send the customer their new status and
    refresh the consoles' queue."""
    name = agent.get_short_name() or agent.get_username()
    append_message(
        conversation, Sender.SYSTEM, bot_text("assigned", conversation.language, name=name)
    )
    # The system message above already told the consoles (its summary carries the new status).
    events.publish(events.customer_group(conversation.pk), status_frame(conversation))
    publish_console_state()


@receiver(conversation_requeued, sender=Conversation)
def tell_back_in_queue(
    sender: type[Conversation], conversation: Conversation, previous_agent: Any, **_: Any
) -> None:
    """The agent who lost it sees it leave their list; the customer sees the queue again."""
    if previous_agent is not None:
        events.publish(
            events.agent_group(previous_agent.pk),
            {"type": "conversation", **conversation_summary(conversation)},
        )
    events.publish(events.customer_group(conversation.pk), status_frame(conversation))
    publish_console_state()
