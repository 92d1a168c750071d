from __future__ import annotations

import pytest

from knowledge.engine.normalize import detect_language, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＨＥＬＬＯ　Ｗｏｒｌｄ１２３！", "hello world123!"),  # full-width → half-width, case
        ("退貨要怎麼辦理？", "退货要怎么办理?"),  # Traditional → Simplified
        ("運費幾多錢", "运费多少钱"),  # Cantonese (and Traditional)
        ("退貨要點樣做", "退货要怎么做"),
        ("唔該，你哋幾時發貨？", "谢谢,你们什么时候发货?"),
        ("佢冇收到嘢", "他没有收到东西"),
        ("我哋嘅關係", "我们的关系"),  # 係 inside 關係 is not the Cantonese copula
        ("你係咪客服", "你是客服"),  # 係咪 = 是不是, an A-not-A question: "是…吗"
        ("有没有发票", "有发票"),  # not "没有发票" ("without an invoice")
        ("可唔可以換尺碼", "可以换尺码"),
        ("包不包邮", "包邮"),
        ("我没有发票", "我没有发票"),  # a plain negation stays
        ("點計運費？幾耐到？", "怎么算运费?多久到?"),
        ("see https://shop.example.com/a?b=1 now", "see urltoken now"),
        ("mail john@example.com please", "mail urltoken please"),
        ("thanks 😀👍🏻 a lot", "thanks a lot"),
        ("Don’t   WORRY\n\tabout it", "don't worry about it"),
        ("", ""),
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent() -> None:
    for text in ["運費幾多錢？", "ＡＢＣ　ｄｅｆ", "How do I return an item? 😀"]:
        once = normalize(text)
        assert normalize(once) == once


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("退货怎么操作", "zh"),
        ("退貨怎麼操作", "zh"),
        ("How do I return an item?", "en"),
        ("我的订单号 AB123 查不到", "zh"),
        ("my order 还没有到 yet, where is it", "mixed"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language
