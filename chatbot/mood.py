"""The customer's mood in a conversation: sentiment of every customer message, a smoothed
trajectory, and escalation when it drops sharply or anger persists (rule in sentiment.mood)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chatbot import live
from conversations import signals as events
from conversations.models import Conversation, ConversationStatus
from routing.services import enqueue
from sentiment.model import Sentiment, load_model
from sentiment.mood import MoodTracker, MoodUpdate


def analyze(text: str) -> Sentiment:
    return load_model().analyze(text)


def sentiment_payload(sentiment: Sentiment) -> dict[str, Any]:
    return {
        "polarity": round(sentiment.polarity, 3),
        "emotion": sentiment.emotion,
        "confidence": round(sentiment.confidence, 3),
    }


@dataclass
class MoodFold:
    """One customer message folded into the conversation's mood, before it is stored: the
    columns to write with the message, and whether this message raised the alert."""

    update: MoodUpdate
    updates: dict[str, Any]
    newly_alerted: bool


def fold(conversation: Conversation, sentiment: Sentiment) -> MoodFold:
    """The conversation's mood after this message, from the socket's copy of its state. Two
    sockets of one conversation writing at the same instant can lose one step of the mood,
    which is advisory; reading it under a row lock cost a transaction per message."""
    tracker = MoodTracker.from_state(conversation.mood_state or None)
    update = tracker.add(sentiment.polarity, angry=sentiment.emotion == "angry")
    return MoodFold(
        update=update,
        updates={
            "mood": round(update.mood, 3),
            "mood_state": tracker.to_state(),
            "mood_alert": conversation.mood_alert or update.escalate,
        },
        newly_alerted=update.escalate and not conversation.mood_alert,
    )


def announce(conversation: Conversation, sentiment: Sentiment, folded: MoodFold) -> None:
    """After the message is stored: on the first escalation raise the routing priority (if
    waiting) and alert the supervisors."""
    if not folded.newly_alerted:
        return
    if conversation.status == ConversationStatus.WAITING:
        enqueue(conversation)  # recomputes the priority, now with the mood boost
    events.send_on_commit(
        events.mood_alert,
        sender=Conversation,
        conversation=conversation,
        mood=conversation.mood,
        emotion=sentiment.emotion,
        reason=folded.update.reason,
    )
    live.publish(
        live.watcher_groups(conversation.team_id, conversation.assigned_agent_id),
        {
            "type": "alert",
            "conversation_id": conversation.pk,
            "kind": "mood",
            "mood": conversation.mood,
            "emotion": sentiment.emotion,
            "reason": folded.update.reason,
        },
    )
