"""Topic clustering of unanswered questions (Chinese and English, no tokenizer)."""

from __future__ import annotations

import random

import pytest

from analytics import clustering
from analytics.clustering import Topic, cluster_questions, normalize_text

INVOICE = [
    "发票怎么开",
    "可以开发票吗",
    "怎么开发票？",
    "能开发票吗?",
    "我要开发票",
    "发票怎么申请",
    "请问可以开具发票吗",
    "开发票怎么操作",
    "需要发票怎么弄",
    "能不能开个发票",
    "发票在哪里开",
]
ADDRESS_ZH = [
    "修改收货地址",
    "怎么修改收货地址",
    "收货地址填错了怎么改",
    "我想改一下收货地址",
    "能修改收货地址吗",
    "收货地址写错了可以改吗",
    "下单后还能改收货地址吗",
    "如何更改收货地址",
    "收货地址怎么修改",
    "帮我改下收货地址",
]
ADDRESS_EN = [
    "change my delivery address",
    "How do I change my delivery address?",
    "can I change the delivery address",
    "I need to update my delivery address",
    "wrong delivery address",
    "how to change the delivery address",
    "Change delivery address please",
    "update the delivery address",
    "I want to change my delivery address!",
    "can you change the delivery address on my order",
]
SINGLETONS = [
    "你们几点下班",
    "这个颜色有货吗",
    "do you ship to Canada",
    "what is your refund policy?",
    "优惠券怎么用",
    "尺码偏大还是偏小",
    "is this product waterproof",
    "客服电话多少",
    "how do I track my parcel",
    "为什么还没发货",
]


def interleaved() -> tuple[list[str], dict[str, set[int]]]:
    """The planted questions mixed together, plus where each topic's members ended up."""
    tagged = (
        [("invoice", t) for t in INVOICE]
        + [("address_zh", t) for t in ADDRESS_ZH]
        + [("address_en", t) for t in ADDRESS_EN]
        + [("single", t) for t in SINGLETONS]
    )
    random.Random(42).shuffle(tagged)
    texts = [text for _, text in tagged]
    where: dict[str, set[int]] = {}
    for index, (tag, _) in enumerate(tagged):
        where.setdefault(tag, set()).add(index)
    return texts, where


def test_planted_topics_are_recovered_with_the_right_members():
    texts, where = interleaved()
    topics = cluster_questions(texts)
    assert {frozenset(t.indices) for t in topics} == {
        frozenset(where["invoice"]),
        frozenset(where["address_zh"]),
        frozenset(where["address_en"]),
    }
    assert len(topics) == 3
    assert topics[0].size == len(INVOICE)  # the largest topic comes first
    assert {t.size for t in topics[1:]} == {10}
    singles = where["single"]
    assert not any(singles & set(t.indices) for t in topics)


def test_topic_fields_are_consistent():
    texts, _ = interleaved()
    for topic in cluster_questions(texts):
        assert isinstance(topic, Topic)
        assert topic.size == len(topic.indices)
        assert topic.indices == sorted(topic.indices)
        members = {texts[i] for i in topic.indices}
        assert topic.label == topic.examples[0]
        assert topic.label in members
        assert set(topic.examples) <= members
        assert 1 <= len(topic.examples) <= 5
        assert len(set(topic.examples)) == len(topic.examples)


def test_label_is_the_most_asked_question():
    texts, _ = interleaved()
    labels = {t.label for t in cluster_questions(texts)}
    # Three customers asked to 开发票 in these words, more than any other invoice question;
    # among the wordings asked equally often, the most central one leads.
    invoice = labels & {"可以开发票吗", "怎么开发票？", "能开发票吗?"}
    assert len(invoice) == 1
    assert labels - invoice == {"修改收货地址", "change my delivery address"}


def test_duplicates_are_counted_but_shown_once():
    texts = [*INVOICE, *SINGLETONS, "发票怎么开？", "发票怎么开", "发票怎么开！！"]
    topics = cluster_questions(texts)
    assert len(topics) == 1
    topic = topics[0]
    assert topic.size == len(INVOICE) + 3
    assert {len(INVOICE) + len(SINGLETONS) + k for k in range(3)} <= set(topic.indices)
    # "发票怎么开" now occurs 4 times (different punctuation): one example, most common spelling.
    assert topic.label == "发票怎么开"
    assert sum(1 for e in topic.examples if normalize_text(e) == "发票怎么开") == 1


def test_exact_duplicates_alone_form_a_topic():
    topics = cluster_questions(["退货运费谁出？", "退货运费谁出", "hello"])
    assert [(t.size, t.indices) for t in topics] == [(2, [0, 1])]


def test_min_size_and_max_clusters():
    texts, where = interleaved()
    big_only = cluster_questions(texts, min_size=11)
    assert [set(t.indices) for t in big_only] == [where["invoice"]]
    first = cluster_questions(texts, max_clusters=1)
    assert len(first) == 1 and set(first[0].indices) == where["invoice"]
    assert cluster_questions(texts, max_clusters=0) == []
    with_singles = cluster_questions(texts, max_clusters=50, min_size=1)
    assert len(with_singles) == 3 + len(SINGLETONS)


@pytest.mark.parametrize("texts", [[], [""], ["  ", "？？", "!!!"]])
def test_empty_input(texts):
    assert cluster_questions(texts) == []


def test_single_text():
    assert cluster_questions(["发票怎么开"]) == []
    assert cluster_questions(["发票怎么开"], min_size=1) == [
        Topic(label="发票怎么开", size=1, examples=["发票怎么开"], indices=[0])
    ]


def test_deterministic_and_independent_of_input_order():
    texts, _ = interleaved()
    assert cluster_questions(texts) == cluster_questions(list(texts))
    shuffled = list(texts)
    random.Random(7).shuffle(shuffled)

    def as_text_sets(ts: list[str]) -> set[frozenset[str]]:
        return {frozenset(ts[i] for i in t.indices) for t in cluster_questions(ts)}

    assert as_text_sets(shuffled) == as_text_sets(texts)


def test_sampled_path_assigns_the_rest_to_the_right_topic(monkeypatch):
    # Force the "large input" path: only 12 distinct texts go through linkage, the other 29
    # must be attached to the nearest sampled cluster (or left out if they match none).
    monkeypatch.setattr(clustering, "MAX_LINKAGE_TEXTS", 25)
    texts, where = interleaved()
    topics = cluster_questions(texts)
    found = [set(t.indices) for t in topics]
    for tag in ("invoice", "address_zh", "address_en"):
        best = max(found, key=lambda members, tag=tag: len(members & where[tag]))
        assert len(best & where[tag]) >= len(where[tag]) - 2
        assert not best & where["single"]
    assert cluster_questions(texts) == topics  # the sample is seeded


def make_large(n: int) -> tuple[list[str], dict[str, set[int]]]:
    """Planted topics with greetings, punctuation and order numbers around them, mixed with
    random strings of common characters; also returns which indices belong to each topic."""
    rng = random.Random(1)
    planted: dict[str, set[int]] = {"发票": set(), "收货地址": set(), "delivery address": set()}
    prefixes = ["", "你好，", "请问", "在吗？", "hi ", "hello, ", "亲，"]
    suffixes = ["", "？", "!", "谢谢", " thanks", "，急"]
    hanzi = "的一是在不了有和人这中大为上个国我以要他时来用们生到作于出就分对成会主年动同工也"
    texts = []
    for _ in range(n):
        if rng.random() < 0.6:
            key, pool = rng.choice(
                [("发票", INVOICE), ("收货地址", ADDRESS_ZH), ("delivery address", ADDRESS_EN)]
            )
            base = rng.choice(pool)
            planted[key].add(len(texts))
            order = f" 订单{rng.randint(1000, 99999)}" if rng.random() < 0.3 else ""
            texts.append(rng.choice(prefixes) + base + rng.choice(suffixes) + order)
        else:
            texts.append("".join(rng.choice(hanzi) for _ in range(rng.randint(4, 14))))
    return texts, planted


def test_twenty_thousand_texts_find_the_planted_topics():
    # How long it takes is measured by benchmarks/analytics.py, not asserted here.
    texts, planted = make_large(20_000)
    topics = cluster_questions(texts)
    assert 3 <= len(topics) <= 20
    # The three planted topics are the three largest, each recovered whole and nothing else.
    assert {frozenset(t.indices) for t in topics[:3]} == {frozenset(v) for v in planted.values()}
    # Anything else is a chance overlap of random strings, far smaller than a real topic.
    assert all(t.size < 200 for t in topics[3:])


def test_dominant_topic_is_not_split():
    # When most questions are about one thing its key word is everywhere; it must stay one topic.
    texts = [*INVOICE, *SINGLETONS]
    topics = cluster_questions(texts)
    assert [t.indices for t in topics] == [list(range(len(INVOICE)))]


def test_normalize_text():
    assert normalize_text("  Ｃhange MY address？！ ") == "change my address"
    assert normalize_text("发票，怎么开?") == "发票 怎么开"
    assert normalize_text("Straße") == "strasse"
    assert normalize_text("***") == ""
