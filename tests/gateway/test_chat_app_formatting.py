"""Answers (safe HTML) in each chat app's own markup, choices, cards, and the reply windows."""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from gateway import formatting, window

ANSWER = (
    "<p>为您推荐：</p><ul><li><strong>灯罩 </strong>(CNY 59.00)</li>"
    '<li>Floor &amp; <em>lamp</em> <a href="https://shop.test/lamp">details</a></li></ul>'
    "<p>1 &lt; 2</p>"
)


def test_whatsapp_gets_its_markdown_subset_with_marks_hugging_the_words():
    assert formatting.for_whatsapp(ANSWER) == (
        "为您推荐：\n- *灯罩* (CNY 59.00)\n- Floor & _lamp_ details (https://shop.test/lamp)\n1 < 2"
    )


def test_telegram_gets_balanced_html_with_everything_else_escaped():
    assert formatting.for_telegram(ANSWER) == (
        "为您推荐：\n• <b>灯罩</b> (CNY 59.00)\n"
        '• Floor &amp; <i>lamp</i> <a href="https://shop.test/lamp">details</a>\n1 &lt; 2'
    )
    assert formatting.for_telegram("<b>never <i>closed") == "<b>never <i>closed</i></b>"
    long = formatting.for_telegram("<b>" + "很" * 5000 + "</b>")
    assert len(long) == formatting.TELEGRAM_LIMIT and "<b>" not in long


def test_messenger_and_instagram_get_plain_text_within_their_limits():
    assert formatting.for_messenger(ANSWER) == (
        "为您推荐：\n- 灯罩 (CNY 59.00)\n- Floor & lamp details (https://shop.test/lamp)\n1 < 2"
    )
    assert len(formatting.for_messenger("很" * 5000)) == formatting.MESSENGER_LIMIT
    instagram = formatting.for_messenger("很" * 5000, formatting.INSTAGRAM_LIMIT)
    assert len(instagram) == 1000 and instagram.endswith("…")


def test_choices_come_back_as_what_the_customer_tapped():
    payload = {
        "suggestions": [{"entry_id": 1, "question": "运费多少钱"}],
        "quick_replies": ["多久发货"],
        "handoff_offered": True,
    }
    options = formatting.options(payload, "en")
    assert options == [("q:运费多少钱", "运费多少钱"), ("handoff", "Talk to a person")]
    assert formatting.options({"quick_replies": ["多久发货"]}, "zh-Hans") == [
        ("q:多久发货", "多久发货")
    ]
    assert formatting.options({"quick_replies": ["多久发货"]}, "zh-Hans", related=False) == []
    assert formatting.chosen("q:运费多少钱", "运费…") == ("运费多少钱", "")
    assert formatting.chosen("handoff", "Talk to a person") == ("Talk to a person", "handoff")
    assert formatting.chosen("someone-elses-id", "Yes") == ("Yes", "")


def test_cards_become_text_plus_their_image():
    product = {
        "type": "product",
        "sku": "L-1",
        "name": "Desk lamp",
        "price": "59.00",
        "currency": "CNY",
        "stock": 0,
        "image_url": "https://shop.test/l.jpg",
        "url": "https://shop.test/p/L-1",
    }
    order = {
        "type": "order",
        "number": "SO-1001",
        "status": "shipped",
        "status_label": "已发货",
        "total": "118.00",
        "currency": "CNY",
        "timeline": [
            {"status": "paid", "label": "已付款", "at": "2026-11-30T10:00:00+08:00"},
            {"status": "shipped", "label": "已发货", "at": "2026-12-01T09:00:00+08:00"},
        ],
    }
    assert formatting.cards({"cards": [product, order, "junk"]}, "en") == [
        ("Desk lamp · CNY 59.00\nIn stock: 0\nhttps://shop.test/p/L-1", "https://shop.test/l.jpg"),
        ("#SO-1001 已发货\nCNY 118.00\n2026-11-30 已付款\n2026-12-01 已发货", ""),
    ]


def thread(kind: str, hours_ago: float) -> SimpleNamespace:
    return SimpleNamespace(
        account=SimpleNamespace(kind=kind),
        last_inbound_at=timezone.now() - timedelta(hours=hours_ago),
    )


def test_the_platforms_windows():
    assert window.permission(thread("whatsapp", 23), "bot").allowed
    closed = window.permission(thread("whatsapp", 25), "agent")
    assert closed.allowed and closed.template
    assert not window.permission(thread("whatsapp", 25), "bot").allowed
    assert window.permission(thread("messenger", 23), "bot") == window.Permission(True)
    assert window.permission(thread("messenger", 48), "agent").tag == "HUMAN_AGENT"
    assert not window.permission(thread("instagram", 48), "system").allowed
    assert not window.permission(thread("messenger", 24 * 8), "agent").allowed
    assert window.permission(thread("telegram", 24 * 30), "bot") == window.Permission(True)
