"""Chinese ↔ English word pairs learned from the knowledge base's own bilingual entries, and
what they do for a question asked in the language an entry has few paraphrases in."""

from __future__ import annotations

from knowledge.engine import crosslingual
from knowledge.engine.evaluation import cross_validate
from knowledge.engine.model import AnswerModel, EntrySpec, TrainConfig


def test_words_that_keep_meeting_in_the_same_entries_are_paired_both_ways() -> None:
    tokens = [
        ["退款", "多久", "到账"],
        ["how", "long", "refund", "take"],  # entry 0
        ["退款", "退", "别的", "卡"],
        ["refund", "another", "card"],  # entry 1
        ["发票", "怎么", "开"],
        ["how", "get", "invoice"],  # entry 2
        ["发票", "下载"],
        ["download", "invoice"],  # entry 3
        ["运费", "多少"],
        ["how", "much", "shipping"],  # entry 4
    ]
    entries = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    lexicon = crosslingual.learn(tokens, entries, max_entry_share=0.5)
    assert lexicon["退款"][0] == "refund" and lexicon["refund"][0] == "退款"
    assert lexicon["发票"][0] == "invoice" and lexicon["invoice"][0] == "发票"
    # Seen together once only: chance, not a translation.
    assert "运费" not in lexicon and "shipping" not in lexicon
    # In most entries: says nothing about any of them.
    assert "how" not in lexicon
    assert crosslingual.expand(["refund", "card"], lexicon)[:2] == ["refund", "card"]
    assert "退款" in crosslingual.expand(["refund", "card"], lexicon)


ENTRIES = [
    # Many Chinese paraphrases, one English question: an English customer's wording differs.
    EntrySpec(
        "refund_time",
        [
            "退款多久到账",
            "退款什么时候到",
            "退款要几天",
            "钱多久退回来",
            "How long does a refund take?",
        ],
        "1-3 days",
        "zh-Hans",
    ),
    EntrySpec(
        "refund_card",
        [
            "退款能退到别的卡吗",
            "退款退到哪里",
            "退款会退到原账户吗",
            "Can a refund go to another card?",
        ],
        "original method",
        "zh-Hans",
    ),
    EntrySpec(
        "invoice_get",
        ["怎么开发票", "可以开发票吗", "要发票", "How do I get an invoice?"],
        "at checkout",
        "zh-Hans",
    ),
    EntrySpec(
        "invoice_download",
        ["发票在哪下载", "电子发票去哪里下载", "发票pdf", "Where do I download the invoice?"],
        "order page",
        "zh-Hans",
    ),
    EntrySpec(
        "delivery_time",
        ["快递几天到", "多久能收到货", "发货后几天到", "How many days is delivery?"],
        "2-4 days",
        "zh-Hans",
    ),
    EntrySpec(
        "payment",
        ["支持哪些付款方式", "能用支付宝吗", "怎么付款", "Which payment methods do you accept?"],
        "alipay",
        "zh-Hans",
    ),
    EntrySpec(
        "password",
        ["忘记密码怎么办", "密码忘了", "重置密码", "I forgot my password"],
        "reset it",
        "zh-Hans",
    ),
    EntrySpec(
        "store",
        ["你们有实体店吗", "有没有门店", "线下店在哪", "Do you have a physical store?"],
        "online only",
        "zh-Hans",
    ),
    EntrySpec(
        "exchange",
        ["可以换尺码吗", "想换颜色", "换货怎么弄", "Can I exchange for another size?"],
        "within 7 days",
        "zh-Hans",
    ),
    EntrySpec(
        "shipping_fee",
        ["运费多少钱", "包邮吗", "邮费怎么算", "How much is shipping?"],
        "free over 99",
        "zh-Hans",
    ),
]


def test_the_model_learns_translations_and_uses_them_only_when_enabled() -> None:
    model = AnswerModel.train(ENTRIES, config=TrainConfig(translation_min_dice=0.2))
    assert model.translations.get("refund", ())[:1] == ("退款",)
    off = AnswerModel.train(ENTRIES, config=TrainConfig(translations_per_word=0))
    assert off.translations == {}
    # A reloaded model keeps its lexicon.
    assert AnswerModel.loads(model.dumps()).translations == model.translations


def test_cross_validate_answers_every_similar_question_once_with_a_model_trained_without_it() -> (
    None
):
    report = cross_validate(ENTRIES, folds=3)
    assert report["n"] == sum(len(e.questions) - 1 for e in ENTRIES)
    assert report["n_en"] == len(ENTRIES)  # every entry's English question is a similar one
    assert report["n_cross"] == report["n_en"]  # English asked of Chinese entries
    assert 0.0 <= report["top1"] <= 1.0 and report["folds"] == 3
