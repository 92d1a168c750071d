"""The customer's mood in a conversation: sentiment of every customer message, a smoothed
trajectory, and escalation when it drops sharply or anger persists (rule in sentiment.mood)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from chatbot import events
from chatbot.models import Conversation, ConversationStatus
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


def track(conversation: Conversation, sentiment: Sentiment) -> MoodUpdate:
    """Fold one customer message into the conversation's mood; on the first escalation, raise
    the routing priority (if waiting) and alert supervisors."""
    from routing.services import enqueue

    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        tracker = MoodTracker.from_state(locked.mood_state or None)
        update = tracker.add(sentiment.polarity, angry=sentiment.emotion == "angry")
        newly_alerted = update.escalate and not locked.mood_alert
        locked.mood = round(update.mood, 3)
        locked.mood_state = tracker.to_state()
        locked.mood_alert = locked.mood_alert or update.escalate
        locked.save(update_fields=["mood", "mood_state", "mood_alert", "updated_at"])
        conversation.mood, conversation.mood_alert = locked.mood, locked.mood_alert
        if newly_alerted:
            if locked.status == ConversationStatus.WAITING:
                enqueue(locked)  # recomputes the priority, now with the mood boost
            events.publish(
                events.watcher_groups(locked.team_id, locked.assigned_agent_id),
                {
                    "type": "alert",
                    "conversation_id": locked.pk,
                    "kind": "mood",
                    "mood": locked.mood,
                    "emotion": sentiment.emotion,
                    "reason": update.reason,
                },
            )
    return update
