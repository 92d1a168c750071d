"""The console's one-line previews (issue 18 item 3): the conversation lists show the last
message as plain text, a bot answer's HTML included, and the customer profile's past
conversations show their first question, also in the demo's seeded history."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from chatbot import console, frames
from conversations.models import Conversation, ConversationStatus, Message, Sender
from profiles.models import Customer
from tests.factories import make_shop

pytestmark = pytest.mark.django_db

RECOMMENDATION = (
    "<p>为您推荐：</p><ul><li>北欧落地灯 &yen;399</li><li>茶壶&nbsp;¥89</li></ul>"
    "<p>好的，我来帮您<b>办理退货</b>…</p>"
)


def _conversation(shop, status, *said: tuple[str, str], customer=None) -> Conversation:
    conversation = Conversation.objects.create(
        shop=shop,
        visitor_token_hash=f"t{Conversation.objects.count()}",
        status=status,
        customer=customer,
    )
    for seq, (sender, text) in enumerate(said, 1):
        Message.objects.create(conversation=conversation, seq=seq, sender=sender, text=text)
    Conversation.objects.filter(pk=conversation.pk).update(last_seq=len(said))
    return conversation


def test_a_bot_answer_is_previewed_as_its_text_not_its_markup(make_user):
    shop = make_shop()
    answered = _conversation(
        shop, ConversationStatus.BOT, (Sender.CUSTOMER, "有什么推荐"), (Sender.BOT, RECOMMENDATION)
    )
    waiting = _conversation(
        shop, ConversationStatus.WAITING, (Sender.CUSTOMER, "x"), (Sender.BOT, RECOMMENDATION)
    )
    typed = _conversation(shop, ConversationStatus.BOT, (Sender.CUSTOMER, "is <p>\n a  tag?"))
    expected = "为您推荐： 北欧落地灯 ¥399 茶壶\xa0¥89 好的，我来帮您办理退货…".replace("\xa0", " ")

    snapshot = console.snapshot(make_user("sam", Role.SUPERVISOR))
    previews = {c["id"]: c["last_message"] for c in snapshot["conversations"]}
    assert previews[answered.pk] == expected
    assert previews[typed.pk] == "is <p> a tag?"  # the customer's words, as typed
    assert [c["last_message"] for c in snapshot["queue"]] == [expected]
    # The same preview without the list's annotation (a single conversation's summary).
    assert frames.conversation_summary(waiting)["last_message"] == expected
    assert (
        frames.conversation_summary(answered, RECOMMENDATION, Sender.BOT)["last_message"]
        == expected
    )


def test_the_demo_history_gives_past_conversations_a_real_first_question():
    from demo.history import UNANSWERED, seed_history

    shop = make_shop()
    regular = Customer.objects.create(shop=shop, external_id="regular")
    assert seed_history(shop) > 1000
    said = Message.objects.filter(conversation__shop=shop).values_list("text", flat=True)
    assert "…" not in set(said)  # the placeholder every seeded message used to have

    today = _conversation(shop, ConversationStatus.BOT, (Sender.CUSTOMER, "hi"), customer=regular)
    past = console.customer_profile(today)["past_conversations"]
    assert past
    for conversation in past:
        # No knowledge base in this test: every question is one of the unanswered ones.
        assert conversation["first_message"] in UNANSWERED
