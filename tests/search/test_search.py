"""Search over the encrypted transcript: what is stored, what is found, by whom."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from audit.models import AuditEvent
from conversations.models import Conversation, ConversationStatus
from profiles.models import Customer, Order
from profiles.privacy import erase_customer
from search.models import SearchContact, SearchEntry
from search.services import Filters, SearchError, search
from tests.search.conftest import conversation, say

pytestmark = pytest.mark.django_db(transaction=True)


def found(user, query, **filters):
    return [r.conversation.pk for r in search(user, query, Filters(**filters)).results]


def test_the_index_holds_no_plaintext_token(org):
    shop, ann = org["shop"], org["ann"]
    customer = Customer.objects.create(
        shop=shop, display_name="Zhang Weiming", phone="+8613800138000", email="zw@example.com"
    )
    Order.objects.create(
        shop=shop,
        customer=customer,
        number="LM20269999",
        status="paid",
        total=10,
        placed_at=timezone.now(),
    )
    conv = conversation(shop, agent=ann, team=org["presales"], customer=customer)
    text = "我想申请退款 refund please, order LM20261001, phone 13800138000"
    say(conv, text)
    assert SearchEntry.objects.count() == 1 and SearchContact.objects.count() == 1
    needles = [
        "退款",
        "申请",
        "refund",
        "please",
        "LM20261001",
        "lm20261001",
        "13800138000",
        "8613800138000",
        "Zhang",
        "zhang",
        "Weiming",
        "weiming",
        "zw@example.com",
        "LM20269999",
        "lm20269999",
        text,
    ]
    with connection.cursor() as cursor:
        for table in ("search_searchentry", "search_searchcontact"):
            cursor.execute(f"SELECT * FROM {table}")
            for row in cursor.fetchall():
                dumped = repr(row)
                raw = b"".join(str(v).encode() for v in row)
                for needle in needles:
                    assert needle not in dumped and needle.encode() not in raw, (table, needle)
            cursor.execute(f"SELECT tokens::text FROM {table}")
            for (tokens,) in cursor.fetchall():
                assert set(tokens) <= set("{},-0123456789"), tokens


@pytest.mark.parametrize(
    "query",
    [
        "申请退款",
        "申請退款",
        "REFUND",
        "LM20261001",
        "lm-20261001",
        "138 0013 8000",
        "+86 138-0013-8000",
        "申请退款 refund",
    ],
)
def test_a_message_is_found_by_its_words_order_number_and_phone(org, query):
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(conv, "我想申请退款 refund please, order LM20261001, phone 13800138000")
    other = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(other, "运费多少钱")
    assert found(org["ann"], query) == [conv.pk]


def test_every_word_must_match(org):
    both = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(both, "refund for the blue lamp")
    one = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(one, "refund for the red chair")
    assert set(found(org["ann"], "refund")) == {both.pk, one.pk}
    assert found(org["ann"], "refund lamp") == [both.pk]
    assert found(org["ann"], "refund sofa") == []


def test_words_in_two_different_messages_do_not_make_a_hit(org):
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(conv, "the lamp")
    say(conv, "a refund")
    assert found(org["ann"], "refund lamp") == []


def test_chinese_characters_in_another_order_are_no_hit(org):
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(conv, "款退和退款")  # has the bigram 退款 and 款退
    say(conv, "款退了")
    other = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(other, "退了款")  # bigrams 退了 了款: not 退款
    page = search(org["ann"], "退款")
    assert [r.conversation.pk for r in page.results] == [conv.pk]
    assert len(page.results[0].hits) == 1


def test_a_conversation_is_found_by_its_customers_phone_email_name_and_orders(org):
    customer = Customer.objects.create(
        shop=org["shop"],
        display_name="Zhang Weiming",
        phone="138 0013 8000",
        email="ZW@example.com",
    )
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"], customer=customer)
    say(conv, "你好")
    Order.objects.create(
        shop=org["shop"],
        customer=customer,
        number="LM-2026-777",
        status="paid",
        total=10,
        placed_at=timezone.now(),
    )
    for query in ("+8613800138000", "138-0013-8000", "zw@example.com", "weiming", "LM2026777"):
        page = search(org["ann"], query)
        assert [r.conversation.pk for r in page.results] == [conv.pk], query
        assert page.results[0].contact_match
    customer.phone = "13900139000"
    customer.save()
    assert found(org["ann"], "13800138000") == []
    assert found(org["ann"], "139 0013 9000") == [conv.pk]


def test_search_stays_within_the_searchers_scope(org):
    mine = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(mine, "退款 LM20261001")
    theirs = conversation(org["shop"], agent=org["bob"], team=org["aftersales"])
    say(theirs, "退款 LM20261001")
    assert found(org["ann"], "LM20261001") == [mine.pk]
    assert found(org["bob"], "退款") == [theirs.pk]
    assert set(found(org["boss"], "退款 LM20261001")) == {mine.pk, theirs.pk}


def test_filters_narrow_the_search(org):
    ann, bob = org["ann"], org["boss"]
    web = conversation(org["shop"], agent=ann, team=org["presales"], channel="web")
    say(web, "refund")
    mail = conversation(
        org["shop"],
        agent=None,
        team=org["presales"],
        channel="email",
        status=ConversationStatus.CLOSED,
    )
    say(mail, "refund")
    Conversation.objects.filter(pk=mail.pk).update(created_at=timezone.now() - dt.timedelta(days=9))
    assert set(found(bob, "refund")) == {web.pk, mail.pk}
    assert found(bob, "refund", channel="email") == [mail.pk]
    assert found(bob, "refund", status="assigned") == [web.pk]
    assert found(bob, "refund", agent=ann.pk) == [web.pk]
    today = timezone.localdate()
    assert found(bob, "refund", date_from=today - dt.timedelta(days=1)) == [web.pk]
    assert found(bob, "refund", date_to=today - dt.timedelta(days=5)) == [mail.pk]
    # Filters alone list conversations.
    assert found(bob, "", channel="email") == [mail.pk]


def test_label_filter(org):
    from desk.models import ConversationLabel, CustomerLabel, Label

    urgent = Label.objects.create(shop=org["shop"], name="urgent")
    vip = Label.objects.create(shop=org["shop"], name="vip")
    a = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(a, "refund")
    customer = Customer.objects.create(shop=org["shop"], display_name="V")
    b = conversation(org["shop"], agent=org["ann"], team=org["presales"], customer=customer)
    say(b, "refund")
    ConversationLabel.objects.create(conversation=a, label=urgent)
    CustomerLabel.objects.create(customer=customer, label=vip)
    assert found(org["ann"], "refund", label=urgent.pk) == [a.pk]
    assert found(org["ann"], "refund", label=vip.pk) == [b.pk]


def test_snippets_are_escaped_and_highlighted(org):
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(conv, '<img src=x onerror="alert(1)"> 我要退款')
    hit = search(org["ann"], "退款").results[0].hits[0]
    assert "<img" not in hit.snippet and "&lt;img" in hit.snippet
    assert "<mark>退款</mark>" in hit.snippet


def test_snippets_of_conversations_nobody_holds_mask_contact_details(org):
    conv = conversation(org["shop"], team=org["presales"], status=ConversationStatus.CLOSED)
    say(conv, "退款 请打 13800138000 联系我")
    hit = search(org["boss"], "退款").results[0].hits[0]
    assert "13800138000" not in hit.snippet and "<mark>退款</mark>" in hit.snippet


def test_an_erased_customers_messages_are_no_longer_found(org):
    customer = Customer.objects.create(shop=org["shop"], phone="13800138000")
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"], customer=customer)
    say(conv, "我要退款")
    assert found(org["ann"], "退款") == [conv.pk]
    erase_customer(customer, by=org["boss"], reason="customer asked to be forgotten")
    assert found(org["ann"], "退款") == []
    assert found(org["ann"], "13800138000") == []


def test_a_search_is_audited_without_its_words(org):
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(conv, "refund 13800138000")
    search(org["ann"], "13800138000", Filters(channel="web"))
    event = AuditEvent.objects.get(action="search.performed")
    assert event.actor_id == org["ann"].pk
    assert event.changes["conversations"] == [conv.pk]
    assert "13800138000" not in str(event.changes)


@pytest.mark.parametrize(
    ("query", "filters"),
    [("", {}), ("，。！", {}), ("x" * 201, {}), (" ".join(f"w{i}" for i in range(20)), {})],
)
def test_bad_queries_get_a_clear_error(org, query, filters):
    with pytest.raises(SearchError):
        search(org["ann"], query, Filters(**filters))


def test_indexing_failure_keeps_the_message(org, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("tokeniser bug")

    monkeypatch.setattr("search.indexing.index_tokens", broken)
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    message = say(conv, "still stored")
    assert message.pk and not SearchEntry.objects.filter(message_id=message.pk).exists()
