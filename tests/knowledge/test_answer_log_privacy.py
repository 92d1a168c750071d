"""Issue 17 H2: the questions customers type are personal data in the answer logs too.

Encrypted at rest, part of the customer's export, erasure and the retention purge, and shown
to editors with the contact details masked."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from accounts.roles import Role
from conversations.models import Conversation, ConversationStatus, Message, Sender
from knowledge.answering import answer_question
from knowledge.models import AnswerLog
from profiles import privacy
from profiles.models import Customer
from tests.factories import make_shop

pytestmark = pytest.mark.django_db

PHONE = "13800138000"
QUESTION = f"我的电话是{PHONE}, 寄到北京市朝阳区建国路88号3栋501室 要多久"


@pytest.fixture
def asked():
    """A customer's closed conversation with two questions: one logged with its conversation,
    one (as the bot's turn logged them before the link existed) found through the reply."""
    shop = make_shop()
    customer = Customer.objects.create(shop=shop, external_id="c-1", phone="+86" + PHONE)
    conversation = Conversation.objects.create(
        shop=shop, customer=customer, visitor_token_hash="v", status=ConversationStatus.CLOSED
    )
    Message.objects.create(conversation=conversation, seq=1, sender=Sender.CUSTOMER, text=QUESTION)
    linked = answer_question(QUESTION, channel="web", conversation=conversation)
    unlinked = answer_question("my card is 4111 1111 1111 1111, refund please", channel="web")
    Message.objects.create(
        conversation=conversation,
        seq=2,
        sender=Sender.BOT,
        text="…",
        payload={"answer_log_id": unlinked.log_id},
    )
    return customer, conversation, [linked.log_id, unlinked.log_id]


def test_the_stored_question_is_encrypted(asked):
    _, _, log_ids = asked
    with connection.cursor() as cursor:
        cursor.execute("SELECT question FROM knowledge_answerlog WHERE id = %s", [log_ids[0]])
        (stored,) = cursor.fetchone()
    assert PHONE not in stored and "建国路" not in stored
    assert AnswerLog.objects.get(pk=log_ids[0]).question == QUESTION


def test_the_export_holds_the_questions_to_the_bot(asked, make_user):
    customer, _, _ = asked
    data = privacy.export_customer(customer, by=make_user("dpo", Role.ADMINISTRATOR))
    (conversation,) = data["conversations"]
    assert [q["text"] for q in conversation["questions_to_the_bot"]] == [
        QUESTION,
        "my card is 4111 1111 1111 1111, refund please",
    ]


def test_erasure_reaches_the_answer_logs(asked, make_user):
    customer, conversation, log_ids = asked
    counts = privacy.erase_customer(customer, by=make_user("dpo"), reason="request #7")
    assert counts["questions"] == 2
    assert {log.question for log in AnswerLog.objects.filter(pk__in=log_ids)} == {privacy.ERASED}
    # The logs stay, anonymous, so the knowledge report still counts the questions.
    assert AnswerLog.objects.filter(conversation=conversation).count() == 2


def test_retention_purges_old_questions_of_closed_conversations_only(asked):
    customer, _, log_ids = asked
    shop = customer.shop
    shop.message_retention_days = 30
    shop.save()
    old = timezone.now() - dt.timedelta(days=40)
    AnswerLog.objects.filter(pk__in=log_ids).update(created_at=old)
    Message.objects.update(created_at=old)
    still_open = Conversation.objects.create(shop=shop, visitor_token_hash="w")
    kept = answer_question("还在聊 13900139000", conversation=still_open).log_id
    AnswerLog.objects.filter(pk=kept).update(created_at=old)
    privacy.purge_expired_messages()
    assert {log.question for log in AnswerLog.objects.filter(pk__in=log_ids)} == {privacy.EXPIRED}
    assert AnswerLog.objects.get(pk=kept).question == "还在聊 13900139000"
    privacy.purge_expired_messages()  # nothing twice: the audit record counts each once
    events = [e.changes for e in _purge_events()]
    assert [e["questions"] for e in events] == [2]


def _purge_events():
    from audit.models import AuditEvent

    return AuditEvent.objects.filter(action="chatbot.messages_purged")


def test_editors_see_the_question_masked_in_the_admin(asked, client, make_user):
    _, _, log_ids = asked
    client.force_login(make_user("editor", Role.KNOWLEDGE_EDITOR))
    listing = client.get("/admin/knowledge/answerlog/").content.decode()
    detail = client.get(f"/admin/knowledge/answerlog/{log_ids[0]}/change/").content.decode()
    assert "[phone]" in listing and "[card]" in listing
    for page in (listing, detail):
        assert PHONE not in page and "建国路88号" not in page
        assert "4111 1111 1111 1111" not in page
    assert "[phone]" in detail and "[address]" in detail


def test_searching_the_log_does_not_break_the_page(asked, client, make_user):
    # The question is ciphertext: the admin offers no search on it rather than a 500.
    client.force_login(make_user("editor", Role.KNOWLEDGE_EDITOR))
    page = client.get("/admin/knowledge/answerlog/", {"q": PHONE})
    assert page.status_code == 200
