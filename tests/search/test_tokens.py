"""The tokeniser alone (no database): what a query must share with a text to find it."""

from html import escape

import pytest

from search.tokens import (
    Hasher,
    derive_key,
    highlight,
    index_tokens,
    normalize,
    query_phrases,
    query_tokens,
    spans,
)


def finds(text: str, query: str) -> bool:
    return set(query_tokens(query)) <= index_tokens(text)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("我想申请退款，衣服太小了", "退款"),
        ("我想申请退款，衣服太小了", "申请退款"),
        ("我想申請退款", "申请退款"),  # Traditional text, Simplified query
        ("我想申请退款", "申請退款"),  # and the other way round
        ("ｒｅｆｕｎｄ please", "REFUND"),  # full-width, case
        ("Where is my REFUND?", "refund"),
        ("订单号LM20261001还没到", "LM20261001"),
        ("订单号LM20261001还没到", "lm-20261001"),
        ("order LM-20261001 is late", "LM20261001"),
        ("SKU LM-001 is out of stock", "lm001"),
        ("call me at 138 0013 8000", "+86 138-0013-8000"),
        ("call me at +8613800138000", "138 0013 8000"),
        ("我的电话是13800138000", "008613800138000"),
        ("mail Alice@Example.com please", "alice@example.COM"),
        ("灯坏了", "灯"),  # one character that is a word of its own
    ],
)
def test_a_query_finds_the_text(text, query):
    assert finds(text, query), (sorted(index_tokens(text)), query_tokens(query))


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("我想申请退货", "退款"),
        ("refunded", "refund"),  # whole words, no stemming
        ("order LM20261002", "LM20261001"),
        ("call 138 0013 8001", "13800138000"),
        ("alice@example.org", "alice@example.com"),
    ],
)
def test_a_query_does_not_find_other_text(text, query):
    assert not finds(text, query)


def test_tokens_are_hashed_per_shop_and_version_into_signed_64_bits():
    a, b = Hasher(derive_key("master", 1, 1)), Hasher(derive_key("master", 2, 1))
    c = Hasher(derive_key("master", 1, 2))
    assert a("w:refund") == a("w:refund")
    assert len({a("w:refund"), b("w:refund"), c("w:refund")}) == 3
    assert all(-(2**63) <= a(t) < 2**63 for t in ("w:x", "b:退款", "p:+8613800138000"))


def test_index_tokens_and_spans_agree():
    text = "您好，我的訂單 LM-20261003 還沒到，電話 +86 138 0013 8000，a@b.cn"
    assert index_tokens(text) == {s.token for s in spans(normalize(text))}


def test_a_phrase_query_keeps_its_chinese_runs_for_the_exact_check():
    assert query_phrases("申請 退款 refund") == ["申请", "退款"]


def test_highlight_escapes_html_and_marks_the_words_found():
    html, complete = highlight(
        '<script>alert("退款")</script> 退款 LM-20261001',
        {"b:退款", "c:LM20261001"},
        escape=escape,
    )
    assert complete
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<mark>退款</mark>") == 2
    assert "<mark>LM-20261001</mark>" in html


def test_highlight_maps_normalised_matches_back_to_the_original_characters():
    html, complete = highlight(
        "請幫我辦理退款ＬＭ２０２６１００１", {"b:退款", "c:LM20261001"}, escape=escape
    )
    assert complete
    assert "<mark>退款ＬＭ２０２６１００１</mark>" in html or (
        "<mark>退款</mark>" in html and "<mark>ＬＭ２０２６１００１</mark>" in html
    )


def test_highlight_reports_a_missing_token():
    _, complete = highlight("只有退款", {"b:退款", "w:refund"}, escape=escape)
    assert not complete
