"""Labelled question sets for measuring topic clusters (issue 18, item 9): the demo's
unanswered questions as the demo history asks them, and a planted set of ten topics asked in
Simplified Chinese, Traditional Chinese (Hong Kong and Taiwan wording) and English."""

from __future__ import annotations

from collections import Counter

# topic -> language -> paraphrases. The first Simplified question of each topic is the one
# customers ask most (it is repeated in ``planted_questions``): the most typical question.
PLANTED: dict[str, dict[str, list[str]]] = {
    "invoice": {
        "zh-Hans": ["可以开发票吗", "发票怎么开", "我需要开增值税发票", "能开公司抬头的发票吗"],
        "zh-Hant": ["可以開發票嗎", "發票要怎麼開", "我需要公司抬頭的發票", "請問有冇發票"],
        "en": [
            "can I get an invoice",
            "how do I request an invoice",
            "I need a VAT invoice for my company",
            "please send me an invoice",
        ],
    },
    "address": {
        "zh-Hans": [
            "下单后能改收货地址吗",
            "收货地址填错了怎么办",
            "怎么修改收货地址",
            "我想换个收货地址",
        ],
        "zh-Hant": [
            "下單後可以改收貨地址嗎",
            "收貨地址填錯了怎麼辦",
            "點樣改收貨地址",
            "我想更改送貨地址",
        ],
        "en": [
            "can I change my delivery address",
            "I entered the wrong delivery address",
            "how do I update the shipping address on my order",
            "please change the delivery address",
        ],
    },
    "ecny": {
        "zh-Hans": [
            "可以用数字人民币付款吗",
            "支持数字人民币支付吗",
            "能用数币付钱吗",
            "数字人民币怎么付款",
        ],
        "zh-Hant": [
            "可以用數字人民幣付款嗎",
            "支援數字人民幣支付嗎",
            "收唔收數字人民幣",
            "數字人民幣點樣俾錢",
        ],
        "en": [
            "can I pay with e-CNY",
            "do you accept digital yuan",
            "is e-CNY payment supported",
            "how to pay with the digital RMB",
        ],
    },
    "gift": {
        "zh-Hans": ["有礼品包装吗", "可以帮忙包装成礼物吗", "能加贺卡和礼盒吗", "礼品包装要加钱吗"],
        "zh-Hant": [
            "有禮品包裝嗎",
            "可以幫忙包裝成禮物嗎",
            "可唔可以加心意卡同禮盒",
            "禮品包裝要加錢嗎",
        ],
        "en": [
            "do you offer gift wrapping",
            "can you wrap it as a gift",
            "can I add a gift card and gift box",
            "is gift wrapping extra",
        ],
    },
    "warranty": {
        "zh-Hans": ["保修期多久", "灯坏了保修吗", "质保怎么申请", "过了保修期还能修吗"],
        "zh-Hant": ["保修期多久", "燈壞了有保養嗎", "保固要怎麼申請", "過了保修期還能修嗎"],
        "en": [
            "how long is the warranty",
            "is a broken lamp covered by warranty",
            "how do I make a warranty claim",
            "can you repair it after the warranty expires",
        ],
    },
    "overseas": {
        "zh-Hans": ["能寄到国外吗", "发不发海外", "可以寄到美国吗", "国际运费多少"],
        "zh-Hant": ["可以寄到國外嗎", "有冇海外寄送", "可以寄去美國嗎", "國際運費幾錢"],
        "en": [
            "do you ship internationally",
            "can you ship to the United States",
            "do you deliver overseas",
            "how much is international shipping",
        ],
    },
    "cancel": {
        "zh-Hans": ["怎么取消订单", "我想取消刚下的订单", "订单能取消吗", "取消订单后怎么退款"],
        "zh-Hant": ["怎麼取消訂單", "我想取消啱啱落嘅訂單", "訂單可以取消嗎", "取消訂單後怎麼退款"],
        "en": [
            "how do I cancel my order",
            "I want to cancel the order I just placed",
            "can the order still be cancelled",
            "cancel my order please",
        ],
    },
    "wholesale": {
        "zh-Hans": ["批发有优惠吗", "买一百个能打折吗", "企业大批量采购怎么联系", "团购价格多少"],
        "zh-Hant": ["批發有優惠嗎", "買一百個可以打折嗎", "企業大量採購怎麼聯絡", "團購價錢幾多"],
        "en": [
            "do you offer wholesale prices",
            "is there a discount for buying 100 units",
            "who do I contact for bulk orders",
            "what is the price for a bulk purchase",
        ],
    },
    "install": {
        "zh-Hans": [
            "提供上门安装吗",
            "灯具可以上门安装吗",
            "安装要另外收费吗",
            "师傅什么时候上门安装",
        ],
        "zh-Hant": ["有冇上門安裝", "燈具可以上門安裝嗎", "安裝要另外收費嗎", "師傅幾時上門安裝"],
        "en": [
            "do you provide installation",
            "can someone come to install the lamp",
            "is installation charged separately",
            "when will the technician come to install it",
        ],
    },
    "points": {
        "zh-Hans": ["会员积分怎么用", "积分可以抵现吗", "我的积分什么时候过期", "怎么查会员积分"],
        "zh-Hant": ["會員積分點樣用", "積分可以抵錢嗎", "我的積分幾時過期", "怎麼查會員積分"],
        "en": [
            "how do I use my member points",
            "can points be used as cash",
            "when do my loyalty points expire",
            "how can I check my membership points",
        ],
    },
}

# One-off questions: they belong to no topic and should not be pulled into one.
NOISE = [
    "你们几点下班",
    "这个颜色有货吗",
    "尺码偏大还是偏小",
    "is this product waterproof",
    "what are your opening hours",
    "可以用微信登入嗎",
]

# The demo's unanswered questions (demo.history.UNANSWERED) by topic.
DEMO_TOPICS = {
    "可以开增值税专用发票吗": "invoice",
    "专票怎么开": "invoice",
    "发票抬头写错了能改吗": "invoice",
    "下单后还能改收货地址吗": "address",
    "地址填错了怎么办": "address",
    "can I change my delivery address": "address",
    "有礼品包装吗": "gift",
    "可以帮忙包装成礼物吗": "gift",
    "do you offer gift wrapping": "gift",
    "灯泡坏了保修吗": "warranty",
    "保修期多久": "warranty",
}

TYPICAL_REPEATS = 4


def planted_questions() -> tuple[list[str], list[str]]:
    """(questions, topic of each); noise questions get a topic of their own each."""
    texts: list[str] = []
    topics: list[str] = []
    for topic, languages in PLANTED.items():
        for language, questions in languages.items():
            for i, question in enumerate(questions):
                repeats = TYPICAL_REPEATS if (language == "zh-Hans" and i == 0) else 1
                texts += [question] * repeats
                topics += [topic] * repeats
    for i, question in enumerate(NOISE):
        texts.append(question)
        topics.append(f"noise-{i}")
    return texts, topics


def purity(clusters: list[list[int]], topics: list[str]) -> float:
    """Share of the clustered questions that belong to their cluster's majority topic."""
    total = sum(len(c) for c in clusters)
    if not total:
        return 0.0
    return sum(Counter(topics[i] for i in c).most_common(1)[0][1] for c in clusters) / total
