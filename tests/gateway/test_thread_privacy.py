"""Issue 17 H2 (schema audit): an e-mail's subject and Message-ID are the customer's data:
encrypted at rest and gone with an erasure, like the address replies went to."""

import pytest
from django.db import connection

from conversations.models import Conversation, Message
from gateway.models import ChannelThread, OutboundDelivery
from profiles import privacy
from profiles.models import Customer
from tests.factories import make_shop
from tests.gateway.conftest import account

pytestmark = pytest.mark.django_db

SUBJECT = "Refund for order LM1001 — 李雷, 13800138000"
MESSAGE_ID = "<CAF=xyz@mail.lilei-home.example>"


@pytest.fixture
def thread(make_user):
    shop = make_shop()
    mailbox = account(shop, "email", settings={"address": "help@shop.test"}, secrets={})
    customer = Customer.objects.create(shop=shop, email="lilei@example.com")
    conversation = Conversation.objects.create(
        shop=shop, customer=customer, visitor_token_hash="v", channel="email"
    )
    reply = Message.objects.create(conversation=conversation, seq=1, sender="bot", text="好的")
    OutboundDelivery.objects.create(message=reply, account=mailbox, recipient="lilei@example.com")
    return ChannelThread.objects.create(
        conversation=conversation,
        account=mailbox,
        recipient="lilei@example.com",
        reference=MESSAGE_ID,
        subject=SUBJECT,
    )


def test_subject_and_message_id_are_stored_encrypted(thread):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT subject, reference FROM gateway_channelthread WHERE id = %s", [thread.pk]
        )
        subject, reference = cursor.fetchone()
    assert "李雷" not in subject and "13800138000" not in subject
    assert "lilei-home" not in reference
    stored = ChannelThread.objects.get(pk=thread.pk)
    assert (stored.subject, stored.reference) == (SUBJECT, MESSAGE_ID)


def test_erasure_removes_the_thread_and_the_delivery_recipient(thread, make_user):
    customer = thread.conversation.customer
    privacy.erase_customer(customer, by=make_user("dpo"), reason="request #9")
    assert not ChannelThread.objects.exists()
    assert {d.recipient for d in OutboundDelivery.objects.all()} == {privacy.ERASED}
