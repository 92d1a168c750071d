import json

from sentiment.model import SentimentModel
from sentiment.mood import MoodTracker


def test_one_mildly_negative_message_does_not_escalate() -> None:
    update = MoodTracker().add(-0.6)
    assert update.mood < 0
    assert not update.escalate
    assert not update.sustained_anger
    assert update.reason == ""


def test_sharp_drop_escalates() -> None:
    tracker = MoodTracker()
    assert not tracker.add(0.9).escalate
    assert not tracker.add(0.8).escalate
    update = tracker.add(-0.9)
    assert update.drop >= 0.6
    assert update.escalate
    assert "dropped" in update.reason


def test_sustained_anger_escalates() -> None:
    tracker = MoodTracker()
    first = tracker.add(-0.7)
    assert not first.escalate
    second = tracker.add(-0.7)
    assert second.sustained_anger
    assert second.escalate
    assert "consecutive" in second.reason


def test_recovery_after_complaint_does_not_escalate() -> None:
    tracker = MoodTracker(history=[-0.6, 0.2])
    update = tracker.add(0.8)
    assert not update.escalate
    assert update.mood > 0


def test_state_round_trip_is_json() -> None:
    tracker = MoodTracker(alpha=0.4)
    for p in (0.5, -0.2, -0.6):
        tracker.add(p)
    state = json.loads(json.dumps(tracker.to_state()))
    restored = MoodTracker.from_state(state)
    assert restored.mood == tracker.mood
    assert restored.alpha == 0.4
    assert restored.add(-0.7) == tracker.add(-0.7)
    assert len(json.dumps(restored.to_state())) < 300


def test_state_keeps_only_recent_messages() -> None:
    tracker = MoodTracker(history=[0.1] * 50)
    assert len(tracker.to_state()["history"]) <= 8


def test_from_empty_state() -> None:
    assert MoodTracker.from_state(None).mood == 0.0
    assert MoodTracker.from_state({}).add(0.5).mood > 0


def test_conversation_with_the_model(model: SentimentModel) -> None:
    tracker = MoodTracker()
    calm = tracker.add(model.analyze("你好，我想查一下订单").polarity)
    assert not calm.escalate
    tracker.add(model.analyze("我的快递到底什么时候到？都一周了").polarity)
    angry = tracker.add(model.analyze("你们是骗子！马上退款！").polarity)
    assert angry.escalate


def test_an_anxious_question_asked_twice_is_not_anger_but_two_angry_messages_are():
    anxious = MoodTracker()
    assert not anxious.add(-0.6, angry=False).escalate
    assert not anxious.add(-0.6, angry=False).escalate
    angry = MoodTracker.from_state(MoodTracker().to_state())
    angry.add(-0.6, angry=True)
    update = angry.add(-0.6, angry=True)
    assert update.escalate and "consecutive angry" in update.reason
    # The flags survive the round trip through the conversation row.
    restored = MoodTracker.from_state(anxious.to_state())
    assert restored.angry == [False, False]
