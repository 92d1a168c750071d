"""Masking of personal data inside free text written by customers.

Customer messages end up outside the conversation they were written in: in answer logs the
knowledge editors read, in report examples, in the clusters of unanswered questions, in queue
previews. Those readers need the *question* ("my parcel to [address] is late"), never the
contact details inside it, so every such place passes the text through
:func:`mask_personal_data` first.

Each kind of detail becomes a fixed token (``[phone]``, ``[email]``, ``[card]``, ``[id-card]``,
``[address]``) rather than a partial mask: a token tells the reader what was there, gives away
nothing about its length or digits, and makes "call me on [phone]" questions group together in
the topic clusters. Numbers that only look like personal data are left alone where a checksum
can tell them apart (card numbers must pass Luhn, ID-card numbers their ISO 7064 check digit),
so order numbers and amounts stay readable.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PHONE = "[phone]"
EMAIL = "[email]"
CARD = "[card]"
ID_CARD = "[id-card]"
ADDRESS = "[address]"

# Digits glued to letters are order numbers, SKUs, tracking codes ("LM20261000"), not contacts:
# every numeric pattern below refuses to start or end inside such a word. \b cannot be used
# because CJK characters count as word characters ("电话13800138000" must still match).
_NOT_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_AFTER = r"(?![0-9A-Za-z])"

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)

# Resident ID card (GB 11643): 6-digit area, birth date, sequence, check digit (0-9 or X).
_ID_CARD = re.compile(
    _NOT_BEFORE + r"\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx]" + _NOT_AFTER
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# Payment cards: 13-19 digits, contiguous or in the groups printed on cards (4-4-4-4[-3],
# Amex 4-6-5). Requiring those groups keeps two unrelated numbers separated by a space from
# being read as one card.
_CARD = re.compile(
    _NOT_BEFORE
    + r"(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{4,5})"
    + _NOT_AFTER
)

_SEP = r"[ \-.]?"
# Chinese mobile numbers, with or without +86 / 0086 and the usual 3-4-4 separators.
_CN_MOBILE = re.compile(
    _NOT_BEFORE
    + r"(?:(?:\+|00)\s?86[ \-]?)?1[3-9]\d"
    + _SEP
    + r"\d{4}"
    + _SEP
    + r"\d{4}"
    + _NOT_AFTER
)
# International numbers written with their country code: +44 20 7946 0958, 001-415-555-0100.
_INTERNATIONAL = re.compile(
    r"(?<![0-9A-Za-z+])(?:\+|00)\s?\d{1,3}(?:[ \-.]?\(?\d{1,5}\)?){2,6}" + _NOT_AFTER
)
# Chinese landlines (010-12345678, (0755) 8765 4321) and North-American local forms.
_LANDLINE = re.compile(
    _NOT_BEFORE
    + r"(?:\(0\d{2,3}\)\s?\d{3,4}[ \-]?\d{4}|0\d{2,3}[ \-]\d{7,8}"
    + r"|\(\d{3}\)\s?\d{3}[ \-.]\d{4}|\d{3}[\-.]\d{3}[\-.]\d{4})"
    + _NOT_AFTER
)
# Any other number the customer announces as a phone number (Hong Kong's 8 digits, say).
_ANNOUNCED_PHONE = re.compile(
    r"(?i)(电话|電話|手机|手機|号码|號碼|联系方式|聯繫方式"
    r"|phone|tel|mobile|cell|whatsapp|call me(?: on| at)?)"
    r"(\s*(?:是|係|:|：|#|no\.?|number|is)?\s*)"
    r"(\+?\d[\d \-().]{5,18}\d)" + _NOT_AFTER
)

# Addresses. Chinese ones are recognised by a street (路, 街, 道 …) followed by a house number
# (号/號), optionally preceded by province/city/district names and followed by the building,
# unit and room; residential compounds by building + room numbers. Function words a customer
# writes before an address (住在, 寄到, 地址是) are excluded from the street name so the
# question itself stays readable.
_CJK_NAME = r"[\u4e00-\u9fff\u3400-\u4dbf]"
_LEAD_IN = "在是到寄送住址的了我你他她请請把给給往从從和与與及或"
_PLACE_CHAR = rf"(?:(?![{_LEAD_IN}]){_CJK_NAME}|\d)"
_CN_UNIT = r"(?:\s*[\dA-Za-z\-]+\s*(?:号楼|號樓|栋|棟|幢|座|单元|單元|楼|樓|层|層|室|房|号|號))"
_CN_ADDRESS = re.compile(
    rf"(?:{_PLACE_CHAR}{{1,8}}?(?:省|自治区|自治區|市|区|區|县|縣|镇|鎮|乡|鄉))*"
    rf"{_PLACE_CHAR}{{1,12}}?(?:大道|路|街|道|巷|胡同|弄|里)\s*\d+(?:-\d+)?\s*(?:号|號)"
    rf"{_CN_UNIT}*"
    rf"|{_PLACE_CHAR}{{1,10}}?(?:小区|小區|花园|花園|公寓|大厦|大廈|苑|村)\s*\d+\s*(?:号楼|號樓|栋|棟|幢|座){_CN_UNIT}*"
)
_EN_ADDRESS = re.compile(
    r"(?i)(?<![0-9A-Za-z])\d{1,5}[A-Za-z]?\s+(?:[A-Za-z][A-Za-z'.-]*\s+){1,4}"
    r"(?:street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl"
    r"|terrace|crescent|close|square|sq|highway|hwy)\b\.?"
    r"(?:,?\s*(?:apt|apartment|suite|ste|unit|flat|room|#)\.?\s*[#\w-]+)?"
)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _id_card_ok(text: str) -> bool:
    body, check = text[:17], text[17].upper()
    total = sum(int(char) * weight for char, weight in zip(body, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == check


def _digit_count(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _replace_if(
    pattern: re.Pattern[str], token: str, test: Callable[[str], bool]
) -> Callable[[str], str]:
    def apply(text: str) -> str:
        return pattern.sub(lambda match: token if test(match.group(0)) else match.group(0), text)

    return apply


def _card(match_text: str) -> bool:
    digits = re.sub(r"\D", "", match_text)
    return 13 <= len(digits) <= 19 and _luhn_ok(digits)


def _announced(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if not 7 <= _digit_count(match.group(3)) <= 15:
            return match.group(0)
        return match.group(1) + match.group(2) + PHONE

    return _ANNOUNCED_PHONE.sub(replace, text)


# Order matters: e-mails first (their local part may be a phone number), then the checksummed
# numbers, which are longer than any phone number and would otherwise be half-read as one.
_STEPS: tuple[Callable[[str], str], ...] = (
    lambda text: _EMAIL.sub(EMAIL, text),
    _replace_if(_ID_CARD, ID_CARD, _id_card_ok),
    _replace_if(_CARD, CARD, _card),
    lambda text: _CN_MOBILE.sub(PHONE, text),
    _replace_if(_INTERNATIONAL, PHONE, lambda found: 7 <= _digit_count(found) <= 15),
    lambda text: _LANDLINE.sub(PHONE, text),
    _announced,
    lambda text: _CN_ADDRESS.sub(ADDRESS, text),
    lambda text: _EN_ADDRESS.sub(ADDRESS, text),
)


def mask_personal_data(text: str) -> str:
    """``text`` with phone numbers, e-mail addresses, card numbers (Luhn-checked), Chinese
    ID-card numbers (check digit verified) and recognisable addresses replaced by tokens.

    ``"我的电话13800138000, 寄到北京市朝阳区建国路88号3栋501室"`` →
    ``"我的电话[phone], 寄到[address]"``. Anything else is returned unchanged."""
    if not text:
        return ""
    for step in _STEPS:
        text = step(text)
    return text
