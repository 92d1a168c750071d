"""Over the customer websocket: every bot text in the question's language, related-question
chips from the same topic only, and a word of why before the bot hands over."""

import pytest
from channels.db import database_sync_to_async

from conversations.models import Conversation
from knowledge.answering import holder
from knowledge.models import Category, EntryAnswer, Status
from knowledge.training import train_and_store
from tests.chatbot.conftest import ask, customer, until
from tests.knowledge.conftest import make_entry

pytestmark = pytest.mark.django_db(transaction=True)

RETURN_EN = "You can return items within 7 days of delivery."


def entry(category, question, answer, similar, english=None, intent=""):
    made = make_entry(category, question, answer, "zh-Hans", similar, Status.PUBLISHED)
    if intent:
        made.intent = intent
        made.save()
    if english:
        EntryAnswer.objects.create(
            entry=made, language="en", question=english[0], answer=english[1]
        )
    return made


@pytest.fixture
def kb(shop):
    returns = Category.objects.create(name="Returns & refunds")
    how = Category.objects.create(name="How to return", parent=returns)
    privacy = Category.objects.create(name="Account / Privacy")
    shipping = Category.objects.create(name="Shipping")
    entries = {
        "return": entry(
            how,
            "怎么退货",
            "签收 7 天内可以无理由退货。",
            ["退货流程是什么", "如何申请退货", "how do i return an item", "return policy"],
            ("How do I return an item?", RETURN_EN),
        ),
        "address": entry(
            how,
            "退货寄到哪里",
            "退货寄回上海仓。",
            ["退货地址", "寄回哪个地址", "where do i send my return"],
            ("Where do I send my return?", "Send returns to the Shanghai warehouse."),
        ),
        "marketing": entry(
            privacy,
            "怎么退订营销短信",
            "在设置里关闭营销消息。",
            ["不想收到促销短信", "退订广告", "stop marketing sms", "unsubscribe from emails"],
            ("How do I stop marketing SMS?", "Turn marketing messages off in Settings."),
        ),
        "fee": entry(
            shipping,
            "运费多少钱",
            "满 99 元包邮。",
            ["邮费怎么算", "包邮吗", "how much is shipping", "is delivery free"],
            ("How much is shipping?", "Shipping is free over CNY 99."),
        ),
        "sale": entry(
            shipping,
            "618",
            "618 大促 6 月 1 日开始。",
            ["６１８", "618!"],
            ("When is 618?", "The 618 sale starts on 1 June."),
        ),
    }
    EntryAnswer.objects.create(
        entry=entries["sale"], language="zh-Hant", answer="618 大促 6 月 1 日開始。"
    )
    train_and_store("chat languages")
    holder.refresh_now()
    return entries


@pytest.fixture
def unsure_bot(kb):
    """The bot in doubt about every question: it answers with "did you mean"."""
    _, engine = holder.current()
    tuned = engine.threshold
    engine.threshold = 1.01
    yield kb
    engine.threshold = tuned


async def test_an_english_question_in_a_chinese_widget_gets_an_english_answer(kb, shop):
    cust, _ = await customer(shop, hello={"language": "zh-hans"})
    reply = await ask(cust, "how do i return an item?", "e1")
    assert reply["text"] == RETURN_EN
    chinese = await ask(cust, "退货流程是什么？", "z1")
    assert chinese["text"] == "签收 7 天内可以无理由退货。"
    await cust.disconnect()


async def test_did_you_mean_is_wholly_in_english_for_an_english_question(unsure_bot, shop):
    cust, _ = await customer(shop, hello={"language": "zh-hans"})
    reply = await ask(cust, "how do i return an item", "e1")
    assert reply["text"] == "Sorry, I'm not sure I understood. Did you mean:"
    labels = [s["question"] for s in reply["payload"]["suggestions"]]
    assert labels and "How do I return an item?" in labels
    assert all(label.isascii() for label in labels), labels
    await cust.disconnect()


async def test_related_question_chips_never_come_from_an_unrelated_topic(kb, shop):
    from knowledge.models import AnswerLog
    from knowledge.variants import RELATED_FLOOR

    labels = {
        kb["address"].pk: ("退货寄到哪里", "Where do I send my return?"),
        kb["marketing"].pk: ("怎么退订营销短信", "How do I stop marketing SMS?"),
        kb["fee"].pk: ("运费多少钱", "How much is shipping?"),
        kb["sale"].pk: ("618", "When is 618?"),
    }
    cust, _ = await customer(shop)
    asked = (("z1", "退货流程是怎样的", 0), ("e1", "return policy?", 1))
    for client_id, question, language in asked:
        reply = await ask(cust, question, client_id)
        assert reply["payload"]["entry_id"] == kb["return"].pk
        log = await database_sync_to_async(AnswerLog.objects.get)(
            pk=reply["payload"]["answer_log_id"]
        )
        ranked = dict(log.alternatives)
        # The engine's runners-up include another topic's entry it is unsure of …
        assert any(
            pk not in (kb["return"].pk, kb["address"].pk) and p < RELATED_FLOOR
            for pk, p in ranked.items()
        ), ranked
        # … which is never offered: only the other returns question, in the question's
        # language, and a runner-up only if the engine finds it likely.
        chips = reply["payload"]["quick_replies"]
        assert labels[kb["address"].pk][language] in chips
        for pk, names in labels.items():
            if names[language] in chips and pk != kb["address"].pk:
                assert ranked.get(pk, 0) >= RELATED_FLOOR, (chips, ranked)
    await cust.disconnect()


async def test_a_question_without_language_falls_back_to_the_conversation_then_the_shop(kb, shop):
    shop.default_language = "en"
    await database_sync_to_async(shop.save)()
    # The widget says nothing: the shop's default.
    cust, _ = await customer(shop)
    assert (await ask(cust, "618", "d1"))["text"] == "The 618 sale starts on 1 June."
    await cust.disconnect()
    # The widget says Traditional Chinese: the conversation's language.
    other, _ = await customer(shop, hello={"language": "zh-hant"})
    assert (await ask(other, "618", "d2"))["text"] == "618 大促 6 月 1 日開始。"
    await other.disconnect()


async def test_before_handing_over_the_bot_says_why_in_the_question_language(kb, shop):
    cust, _ = await customer(shop, hello={"language": "zh-hans"})

    # Questions the knowledge base cannot answer: at the latest the second one in a row goes to
    # a person, and the customer is told why first, in English like the question.
    bot = await ask(cust, "what's the weather like on Mars?", "x1")
    if bot["text"] == "Sorry, I'm not sure I understood. Did you mean:":
        bot = await ask(cust, "tell me about the moon landing", "x2")
    assert bot["text"] == (
        "Sorry, I can't answer that one myself, so I'm asking a colleague to help you."
    )
    notice = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "system")
    assert notice["text"] == "Let me connect you with a person. Please wait a moment."
    conversation = await database_sync_to_async(Conversation.objects.get)()
    assert conversation.language == "en" and conversation.handoff_reason == "low_confidence"
    await cust.disconnect()
