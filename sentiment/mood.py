"""Conversation mood: an exponentially smoothed trajectory of customer-message polarities.

Escalation rule (what ``MoodUpdate.escalate`` means):

* **sharp drop** — the smoothed mood is at least ``DROP_THRESHOLD`` (0.6) below its highest value
  after either of the two previous customer messages (a conversation starts at a neutral 0.0),
  i.e. it fell that far within the last two messages: a satisfied customer suddenly angry; or
* **sustained anger** — two consecutive angry messages (the caller says which are angry, e.g.
  the model's "angry" emotion; by default a polarity at or below ``ANGRY_POLARITY``, -0.5), or
  the smoothed mood itself at or below ``SUSTAINED_MOOD`` (-0.5). An anxious "where is my
  order?" asked twice is negative but not angry: it does not escalate by itself.

One mildly negative message never escalates: with ``alpha=0.5`` a single message at -0.6 moves
the mood from 0 to -0.3, which is neither a 0.6 drop nor below -0.5.

The state is a small JSON-able dict (``to_state`` / ``from_state``) so it can live on the
conversation row; only the last few polarities are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DROP_THRESHOLD = 0.6
DROP_WINDOW = 2  # messages
ANGRY_POLARITY = -0.5
ANGRY_STREAK = 2
SUSTAINED_MOOD = -0.5
_KEEP = 8  # polarities kept in the state (enough for the window and for a short report)


@dataclass(frozen=True)
class MoodUpdate:
    mood: float  # smoothed mood after this message, -1..1
    drop: float  # how far the mood fell over the last DROP_WINDOW messages (>= 0)
    sustained_anger: bool
    escalate: bool
    reason: str  # "" when not escalating, else a short English explanation for the agent


class MoodTracker:
    """Smoothed mood over one conversation's customer messages (not thread-safe; one per chat)."""

    def __init__(self, alpha: float = 0.5, history: list[float] | None = None) -> None:
        if not 0.0 < alpha <= 1.0:
            raise ValueError("alpha must be in (0, 1]")
        self.alpha = alpha
        self.history: list[float] = []  # raw polarities, oldest first (last _KEEP)
        self.moods: list[float] = []  # smoothed mood after each of those messages
        self.angry: list[bool] = []  # whether each of those messages was angry
        for polarity in history or []:
            self.add(polarity)

    @property
    def mood(self) -> float:
        return self.moods[-1] if self.moods else 0.0

    def add(self, polarity: float, *, angry: bool | None = None) -> MoodUpdate:
        polarity = max(-1.0, min(1.0, float(polarity)))
        if angry is None:
            angry = polarity <= ANGRY_POLARITY
        previous = self.mood
        mood = self.alpha * polarity + (1.0 - self.alpha) * previous
        # Highest mood over the window before this message; a conversation starts neutral (0.0).
        window = self.moods[-DROP_WINDOW:]
        if len(window) < DROP_WINDOW:
            window = [0.0, *window]
        drop = max(0.0, max(window) - mood)
        self.history = [*self.history, polarity][-_KEEP:]
        self.moods = [*self.moods, mood][-_KEEP:]
        self.angry = [*self.angry, angry][-_KEEP:]
        recent = self.angry[-ANGRY_STREAK:]
        angry_streak = len(recent) == ANGRY_STREAK and all(recent)
        sustained = angry_streak or mood <= SUSTAINED_MOOD

        reasons = []
        if drop >= DROP_THRESHOLD:
            reasons.append(f"mood dropped by {drop:.2f} within {DROP_WINDOW} messages")
        if angry_streak:
            reasons.append(f"{ANGRY_STREAK} consecutive angry messages")
        elif mood <= SUSTAINED_MOOD:
            reasons.append(f"mood {mood:.2f} at or below {SUSTAINED_MOOD}")
        return MoodUpdate(
            mood=round(mood, 4),
            drop=round(drop, 4),
            sustained_anger=sustained,
            escalate=bool(reasons),
            reason="; ".join(reasons),
        )

    # -- persistence ----------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        return {
            "v": 1,
            "alpha": self.alpha,
            "history": [round(p, 4) for p in self.history],
            "moods": [round(m, 4) for m in self.moods],
            "angry": list(self.angry),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any] | None) -> MoodTracker:
        """Rebuild from ``to_state()`` output; an empty/None state gives a fresh tracker."""
        if not state:
            return cls()
        tracker = cls(alpha=float(state.get("alpha", 0.5)))
        history = [float(p) for p in state.get("history", [])][-_KEEP:]
        moods = [float(m) for m in state.get("moods", [])][-_KEEP:]
        if len(moods) != len(history):  # hand-edited or truncated state: recompute the moods
            for p in history:
                tracker.add(p)
            return tracker
        angry = [bool(a) for a in state.get("angry", [p <= ANGRY_POLARITY for p in history])]
        tracker.history, tracker.moods = history, moods
        tracker.angry = angry[-_KEEP:]
        return tracker
