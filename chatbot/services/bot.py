"""The bot's turn: answer from the knowledge base, the shop's data, or hand over to a person."""

from __future__ import annotations

from typing import Any

from chatbot.actions import try_answer
from chatbot.services import attachments as rich
from chatbot.services.handoff import request_handoff
from chatbot.services.transcript import append_message
from conversations.models import Conversation, ConversationStatus, Message, Sender
from knowledge import texts
from knowledge.answering import answer_question
from knowledge.models import Intent
from webhooks.bots import external_bot

# After this many unanswered questions in a row the bot stops guessing and hands off.
UNANSWERED_BEFORE_HANDOFF = 2


def awaits_bot(customer_message: Message) -> bool:
    """True when nothing followed this customer message in a conversation still with the bot."""
    conversation = customer_message.conversation
    return (
        conversation.status == ConversationStatus.BOT
        and not conversation.messages.filter(seq__gt=customer_message.seq).exists()
    )


def bot_turn(conversation: Conversation, customer_message: Message) -> list[Message]:
    """The bot answers while the conversation is with the bot; once a person is involved it
    stays quiet. ``conversation`` is the socket's copy, as the customer's message just left it
    (``append_message`` keeps its status): the bot's message is stored only if the status is
    still "bot" at that instant, so an agent who took over meanwhile is never talked over."""
    if conversation.status != ConversationStatus.BOT:
        return []
    if external_bot(conversation.shop_id):
        # The shop's own bot answers: it got the message as a message.created webhook and
        # replies through POST /api/v1/conversations/<id>/messages/ (webhooks.bots).
        return []
    # An upset customer still gets the answer; the apology and the offer of a person come with
    # it, never instead of it (escalation used to swallow plain questions' answers).
    upset = bool(customer_message.payload.get("escalated"))
    if rich.only_attachments(customer_message):
        # Nothing to look up: a photo is acknowledged, never "answered" by a guess.
        return rich.attachment_turn(conversation, customer_message)
    outcome = answer_question(
        customer_message.text,
        channel=conversation.channel,
        languages=(conversation.language, conversation.shop.default_language),
        conversation=conversation,  # the log goes with the customer's export and erasure
        store_log=False,  # stored by the statement that stores the reply (``say``)
    )
    # The question's language (else the conversation's, else the shop's): every text of this
    # turn is in it, and so are later notices (handoff, agent assigned, closed).
    language = outcome.language

    def say(text: str, payload: dict[str, Any], *, streak: int) -> list[Message]:
        """Store the bot's reply, with the question's log (its id becomes the payload's
        ``answer_log_id``), in one statement."""
        updates: dict[str, Any] = {}
        if streak != conversation.unanswered_streak:
            updates["unanswered_streak"] = streak
        if language != conversation.language:
            updates["language"] = language
        message, _ = append_message(
            conversation,
            Sender.BOT,
            text,
            payload=payload,
            statuses=(ConversationStatus.BOT,),
            updates=updates,
            answer_log=outcome.log,
        )
        outcome.log_id = outcome.log.pk if outcome.log else None
        return [message] if message is not None else []

    computed = try_answer(conversation, customer_message.text, outcome, language)
    if computed is not None:
        text, payload = computed
        if upset:
            text, payload = _with_apology(text, payload, language, html=False)
        return say(text, payload, streak=0)
    if outcome.answered and outcome.intent == Intent.HUMAN_HANDOFF:
        outcome.store_log()  # no reply of the bot's carries it
        if language != conversation.language:  # the handoff notice is read back from the row
            Conversation.objects.filter(pk=conversation.pk).update(language=language)
            conversation.language = language
        return request_handoff(conversation, "customer_asked")
    if outcome.answered:
        payload = {
            "entry_id": outcome.entry.pk if outcome.entry else None,
            "confidence": outcome.confidence,
            "feedback_allowed": True,
            "quick_replies": [s.question for s in outcome.related],
            "intent": outcome.intent,
        }
        text = outcome.answer
        if upset:
            text, payload = _with_apology(text, payload, language, html=True)
        return say(text, payload, streak=0)
    streak = conversation.unanswered_streak + 1
    if upset:
        # Nothing to answer and the customer is upset: offer a person at once, in words.
        payload = {
            "handoff_offered": True,
            "feedback_allowed": False,
            "mood_escalation": True,
        }
        return say(texts.text("sorry", language), payload, streak=streak)
    if outcome.suggestions and streak < UNANSWERED_BEFORE_HANDOFF:
        payload = {
            "suggestions": [
                {"entry_id": s.entry_id, "question": s.question} for s in outcome.suggestions
            ],
            "handoff_offered": True,
            "feedback_allowed": False,
        }
        return say(texts.text("unsure", language), payload, streak=streak)
    # Say why a person takes over before the handoff notice.
    said = say(
        texts.text("cannot_answer", language),
        {"feedback_allowed": False},
        streak=streak,
    )
    if not said:
        return []
    return [*said, *request_handoff(conversation, "low_confidence")]


def _with_apology(
    text: str, payload: dict[str, Any], language: str, *, html: bool
) -> tuple[str, dict[str, Any]]:
    """The answer with an apology before it and the "talk to a person" button under it."""
    apology = texts.text("apology", language)
    text = f"<p>{apology}</p>{text}" if html else f"{apology}\n{text}"
    return text, {**payload, "handoff_offered": True, "mood_escalation": True}
