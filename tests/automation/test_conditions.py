"""Each condition a rule can ask, its schema errors, and all/any."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from automation.conditions import ConditionError, Facts, contains, holds, validate
from conversations.models import Conversation, Message, Sender
from desk.models import ConversationLabel, CustomerLabel, Label
from knowledge.models import Category, Entry, Language, Status
from profiles.models import Customer, Order
from tests.factories import make_shop

pytestmark = pytest.mark.django_db


def one(field: str, op: str, value) -> dict:
    return {"all": [{"field": field, "op": op, "value": value}]}


@pytest.fixture
def conversation():
    shop = make_shop()
    customer = Customer.objects.create(shop=shop, external_id="7", segments=["vip"])
    conversation = Conversation.objects.create(
        shop=shop,
        customer=customer,
        visitor_token_hash="h",
        channel="wechat",
        language="zh-Hans",
        mood=-0.6,
        mood_alert=True,
    )
    return conversation


def customer_says(conversation, text: str) -> Message:
    seq = conversation.messages.count() + 1
    return Message.objects.create(
        conversation=conversation, seq=seq, sender=Sender.CUSTOMER, text=text
    )


def facts(conversation, message=None, **extra) -> Facts:
    return Facts(conversation, "customer_message", message, extra)


# --- keywords through the answer engine's tokeniser ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["我要退款", "我要退款！！", "請問怎麼退款", "退款进度怎么样", "退款"],
)
def test_a_keyword_matches_the_word_in_any_wording_or_script(text):
    assert contains(text, "退款")


@pytest.mark.parametrize("text", ["我要退货", "款式有哪些", "运费多少"])
def test_a_keyword_does_not_match_other_words_sharing_a_character(text):
    assert not contains(text, "退款")


def test_english_keywords_match_words_not_substrings():
    assert contains("Refunds please", "refund")
    assert not contains("Let's start", "art")


def test_the_text_condition_reads_the_triggering_message_or_the_last_customer_message(
    conversation,
):
    message = customer_says(conversation, "我要退款")
    assert holds(one("text", "contains", "退款"), facts(conversation, message))
    assert holds(one("text", "contains", ["发票", "退款"]), facts(conversation, message))
    assert not holds(one("text", "not_contains", "退款"), facts(conversation, message))
    assert holds(one("text", "contains", "退款"), facts(conversation))  # no message: last one


# --- each field ---------------------------------------------------------------------------------


def test_channel_shop_and_language(conversation):
    f = facts(conversation)
    assert holds(one("channel", "is", "WeChat"), f)  # case does not matter
    assert not holds(one("channel", "is_not", "wechat"), f)
    assert holds(one("channel", "in", ["web", "wechat"]), f)
    assert holds(one("channel", "not_in", ["web", "email"]), f)
    assert holds(one("shop", "is", conversation.shop_id), f)
    assert not holds(one("shop", "is", conversation.shop_id + 1), f)
    assert holds(one("language", "is", "zh-Hans"), f)
    assert not holds(one("language", "in", ["en", "zh-Hant"]), f)


def test_intent_and_knowledge_category_of_the_last_bot_answer(conversation):
    parent = Category.objects.create(name="After-sales")
    returns = Category.objects.create(name="Returns", parent=parent)
    entry = Entry.objects.create(
        question="怎么退货",
        answer="…",
        category=returns,
        language=Language.ZH_HANS,
        status=Status.PUBLISHED,
    )
    Message.objects.create(
        conversation=conversation,
        seq=1,
        sender=Sender.BOT,
        text="…",
        payload={"entry_id": entry.pk, "intent": "return_request"},
    )
    f = facts(conversation)
    assert holds(one("intent", "is", "return_request"), f)
    assert not holds(one("intent", "is", "order_status"), f)
    assert holds(one("kb_category", "is", "Returns"), f)
    assert holds(one("kb_category", "is", "after-sales"), f)  # its parent counts too
    assert holds(one("kb_category", "in", [returns.pk]), f)
    assert not holds(one("kb_category", "is", "Shipping"), f)
    assert holds(one("kb_category", "is_not", "Shipping"), f)


def test_labels_of_the_conversation_and_of_its_customer(conversation):
    shop = conversation.shop
    urgent = Label.objects.create(shop=shop, name="urgent")
    loyal = Label.objects.create(shop=shop, name="loyal")
    f = facts(conversation)
    assert holds(one("label", "has_not", "urgent"), f)
    ConversationLabel.objects.create(conversation=conversation, label=urgent)
    CustomerLabel.objects.create(customer=conversation.customer, label=loyal)
    f = facts(conversation)
    assert holds(one("label", "has", "urgent"), f)
    assert holds(one("label", "has", "Loyal"), f)
    assert not holds(one("label", "has", "spam"), f)


def test_segment_and_vip(conversation):
    f = facts(conversation)
    assert holds(one("segment", "has", "vip"), f)
    assert holds(one("vip", "is", True), f)
    conversation.customer.segments = ["wholesale"]
    f = facts(conversation)
    assert holds(one("segment", "has", ["wholesale", "b2b"]), f)
    assert holds(one("vip", "is", False), f)
    conversation.customer = None
    assert holds(one("vip", "is", False), facts(conversation))


def test_mood_and_mood_alert(conversation):
    f = facts(conversation)
    assert holds(one("mood", "lt", -0.5), f)
    assert not holds(one("mood", "gte", 0), f)
    assert holds(one("mood_alert", "is", True), f)


def test_business_hours_window_in_the_shops_time_zone(conversation):
    window = {
        "days": [0, 1, 2, 3, 4],
        "start": "09:00",
        "end": "18:00",
        "timezone": "Asia/Shanghai",
    }
    shanghai = ZoneInfo("Asia/Shanghai")
    monday_10 = dt.datetime(2026, 11, 30, 10, 0, tzinfo=shanghai)
    monday_20 = dt.datetime(2026, 11, 30, 20, 0, tzinfo=shanghai)
    saturday_10 = dt.datetime(2026, 12, 5, 10, 0, tzinfo=shanghai)
    rule = one("business_hours", "in", window)
    assert holds(rule, Facts(conversation, "x", now=monday_10.astimezone(dt.UTC)))
    assert not holds(rule, Facts(conversation, "x", now=monday_20))
    assert not holds(rule, Facts(conversation, "x", now=saturday_10))
    assert holds(one("business_hours", "not_in", window), Facts(conversation, "x", now=monday_20))
    night = one("business_hours", "in", {"start": "22:00", "end": "06:00"})
    assert holds(night, Facts(conversation, "x", now=monday_20.replace(hour=23)))
    assert holds(night, Facts(conversation, "x", now=monday_20.replace(hour=5)))
    assert not holds(night, Facts(conversation, "x", now=monday_10))


def test_order_status_of_the_identified_customers_latest_order(conversation):
    f = facts(conversation)
    assert not holds(one("order_status", "is", "shipped"), f)
    now = timezone.now()
    for number, status, days in (("A1", "delivered", 9), ("A2", "shipped", 1)):
        Order.objects.create(
            shop=conversation.shop,
            customer=conversation.customer,
            number=number,
            status=status,
            total=10,
            placed_at=now - dt.timedelta(days=days),
        )
    f = facts(conversation)
    assert holds(one("order_status", "is", "shipped"), f)
    assert holds(one("order_status", "in", ["paid", "shipped"]), f)
    assert not holds(one("order_status", "is", "delivered"), f)


def test_event_details_status_rating_and_label_added(conversation):
    f = facts(conversation, old="waiting", new="assigned", score=2, label_name="退款")
    assert holds(one("status", "is", "assigned"), f)
    assert holds(one("previous_status", "is", "waiting"), f)
    assert holds(one("csat_score", "lte", 2), f)
    assert not holds(one("csat_score", "gt", 3), f)
    assert holds(one("added_label", "is", "退款"), f)


# --- all / any ----------------------------------------------------------------------------------


def test_all_needs_every_condition_and_any_needs_one(conversation):
    web = {"field": "channel", "op": "is", "value": "web"}
    wechat = {"field": "channel", "op": "is", "value": "wechat"}
    vip = {"field": "vip", "op": "is", "value": True}
    f = facts(conversation)
    assert holds({"all": [wechat, vip]}, f)
    assert not holds({"all": [web, vip]}, f)
    assert holds({"any": [web, vip]}, f)
    assert not holds({"any": [web, {"field": "vip", "op": "is", "value": False}]}, f)
    assert holds({"all": [vip, {"any": [web, wechat]}]}, f)  # nested
    assert holds({}, f)  # no conditions: always


# --- the schema ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("conditions", "message"),
    [
        ({"every": []}, "a group is"),
        ({"all": []}, "needs a list"),
        ({"all": [{"field": "colour", "op": "is", "value": "red"}]}, "unknown field 'colour'"),
        ({"all": [{"field": "channel", "op": "contains", "value": "x"}]}, "takes the operators"),
        ({"all": [{"field": "channel", "op": "in", "value": "web"}]}, "take a list"),
        ({"all": [{"field": "vip", "op": "is", "value": "yes"}]}, "true or false"),
        ({"all": [{"field": "mood", "op": "lt", "value": "low"}]}, "a number"),
        ({"all": [{"field": "text", "op": "contains", "value": ""}]}, "keyword"),
        (
            {"all": [{"field": "business_hours", "op": "in", "value": {"start": "9"}}]},
            '"start": "09:00"',
        ),
        (
            {
                "all": [
                    {
                        "field": "business_hours",
                        "op": "in",
                        "value": {"start": "09:00", "end": "18:00", "timezone": "Mars/Base"},
                    }
                ]
            },
            "time zone",
        ),
        (
            {"all": [{"any": [{"all": [{"any": [{"field": "vip", "op": "is", "value": True}]}]}]}]},
            "nest",
        ),
        ({"all": [{"field": "vip", "op": "is", "value": True, "extra": 1}]}, "a condition is"),
    ],
)
def test_bad_conditions_are_refused_with_their_place(conditions, message):
    with pytest.raises(ConditionError) as caught:
        validate(conditions)
    assert message in str(caught.value)
    assert "conditions" in str(caught.value)


def test_good_conditions_pass_unchanged():
    good = {
        "any": [
            {"field": "text", "op": "contains", "value": ["退款", "refund"]},
            {"all": [{"field": "vip", "op": "is", "value": True}]},
        ]
    }
    assert validate(good) == good
    assert validate({}) == {} and validate(None) == {}
