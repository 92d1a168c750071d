"""Customer text outside a conversation an agent holds is masked (issue 17 H2): the queue's
previews hide phone numbers and e-mail addresses; the agent who holds the conversation reads
them as written. And the bot's answer log goes with the conversation (export, erasure)."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from chatbot import frames, services
from conversations.models import Conversation, ConversationStatus, Message, Sender
from knowledge.models import AnswerLog
from tests.factories import make_shop

pytestmark = pytest.mark.django_db

SAID = "我的电话 13800138000，邮箱 lilei@example.com，快点回我"


def _conversation(status, agent=None) -> Conversation:
    conversation = Conversation.objects.create(
        shop=make_shop(), visitor_token_hash="t", status=status, assigned_agent=agent
    )
    Message.objects.create(conversation=conversation, seq=1, sender=Sender.CUSTOMER, text=SAID)
    return conversation


def test_a_waiting_conversations_preview_masks_contact_details():
    preview = frames.conversation_summary(_conversation(ConversationStatus.WAITING))["last_message"]
    assert "13800138000" not in preview and "lilei@example.com" not in preview
    assert "[phone]" in preview and "[email]" in preview and "快点回我" in preview


def test_the_agent_holding_the_conversation_reads_the_preview_as_written(make_user):
    agent = make_user("holder", Role.AGENT)
    summary = frames.conversation_summary(_conversation(ConversationStatus.ASSIGNED, agent))
    assert summary["last_message"] == SAID


@pytest.mark.django_db(transaction=True)
def test_the_bots_answer_log_belongs_to_the_conversation(trained):
    session = services.open_session(make_shop())
    conversation, message, _ = services.receive_customer_message(session, "q1", "多久发货")
    services.bot_turn(conversation, message)
    log = AnswerLog.objects.get()
    assert log.conversation_id == conversation.pk
