"""mask_personal_data: what editors, reports and supervisors' previews see of customer text."""

import pytest

from core.masking import mask_personal_data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我的电话13800138000", "我的电话[phone]"),
        ("手机 138-0013-8000 谢谢", "手机 [phone] 谢谢"),
        ("+86 138 0013 8000", "[phone]"),
        ("008613800138000", "[phone]"),
        ("call me on +44 20 7946 0958", "call me on [phone]"),
        ("tel (415) 555-0100 today", "tel [phone] today"),
        ("电话：(0755) 8765 4321", "电话：[phone]"),
        ("打010-12345678找我", "打[phone]找我"),
        ("電話 9123 4567", "電話 [phone]"),
        ("13800138000的订单", "[phone]的订单"),
    ],
)
def test_phone_numbers_are_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail alice.b@example.co.uk please", "mail [email] please"),
        ("我的邮箱是13800138000@qq.com", "我的邮箱是[email]"),
        ("A+B_c%d@sub.mail-host.com", "[email]"),
    ],
)
def test_email_addresses_are_masked(text, expected):
    assert mask_personal_data(text) == expected


def test_card_numbers_are_masked_only_when_they_pass_luhn():
    assert mask_personal_data("card 4111 1111 1111 1111") == "card [card]"
    assert mask_personal_data("卡号4111-1111-1111-1111") == "卡号[card]"
    assert mask_personal_data("amex 3782 822463 10005") == "amex [card]"
    assert mask_personal_data("unionpay 6212260200012345670") == "unionpay [card]"
    # One digit off: not a card, so it stays readable (a tracking number, say).
    assert mask_personal_data("tracking 4111111111111112") == "tracking 4111111111111112"


def test_chinese_id_card_numbers_are_masked_only_with_a_valid_check_digit():
    assert mask_personal_data("身份证 11010519491231002X 谢谢") == "身份证 [id-card] 谢谢"
    assert mask_personal_data("身份证 110105194912310021") == "身份证 110105194912310021"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("寄到北京市朝阳区建国路88号3栋501室", "寄到[address]"),
        ("我住在上海市浦东新区世纪大道100号", "我住在[address]"),
        ("香港九龍彌敦道123號", "[address]"),
        ("阳光花园5栋2单元301室 thanks", "[address] thanks"),
        ("I live at 221B Baker Street, London", "I live at [address], London"),
        ("ship to 1600 Amphitheatre Parkway Way, Apt 4", "ship to [address]"),
    ],
)
def test_addresses_are_masked_where_detectable(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "where is order LM20261000?",
        "我的订单LM20261000到哪了",
        "北欧落地灯多少钱? 399.00",
        "买了3件退2件",
        "我想寄到杭州",
        "2026-12-01 delivered",
        "SKU LM-001 x 2",
        "",
    ],
)
def test_ordinary_questions_are_left_alone(text):
    assert mask_personal_data(text) == text


def test_several_details_in_one_message():
    masked = mask_personal_data(
        "我叫张三, 电话 13800138000, 邮箱 zs@example.com, 卡 4111111111111111, "
        "地址 广州市天河区天河路385号"
    )
    assert masked == "我叫张三, 电话 [phone], 邮箱 [email], 卡 [card], 地址 [address]"
    for secret in ("13800138000", "zs@example.com", "4111111111111111", "天河路385号"):
        assert secret not in masked
