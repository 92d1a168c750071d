"""Which language the bot answers in: zh-Hans, zh-Hant or en.

The question's own language first (its script decides between Simplified and Traditional), then
the conversation's (what the widget or channel said), then the shop's default. Plain functions
without Django, called for every customer message.
"""

from __future__ import annotations

import re

from core.chinese import chinese_script
from knowledge.engine.normalize import detect_language

ZH_HANS, ZH_HANT, EN = "zh-Hans", "zh-Hant", "en"
LANGUAGES: tuple[str, ...] = (ZH_HANS, ZH_HANT, EN)
DEFAULT_LANGUAGE = ZH_HANS
# Question languages besides the three codes: Chinese written only with characters both
# scripts share (你好), and "" when the text does not tell (an order number, mixed languages).
CHINESE = "zh"

_TRADITIONAL_REGIONS = ("tw", "hk", "mo")
# A word of letters only: "LM20261000" or "SF123" alone are order and tracking numbers, which
# say nothing about the customer's language.
_LATIN_WORD_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])")
# Characters of written Cantonese that Mandarin does not use. Cantonese is written in
# Traditional characters (Hong Kong, Macau), so "寄唔寄香港", whose characters are the same in
# both scripts, is taken as Traditional.
_CANTONESE_RE = re.compile("[唔冇咩嘅咗喺哋嘢啲佢乜嚟揾搵睇]")


def column_suffix(language: str) -> str:
    """``zh_hans`` for zh-Hans: how a language appears in column and snapshot names
    (``answer_zh_hant``, ``question_en``)."""
    return language.lower().replace("-", "_")


def normalize_code(value: str | None) -> str:
    """``zh-Hans``, ``zh-Hant``, ``en`` or ``""`` from what browsers, channels and older rows
    send: ``zh-hant``, ``zh-TW``, ``zh-HK``, ``zh-CN``, ``zh``, ``en-GB`` …"""
    code = (value or "").strip().replace("_", "-").lower()
    if not code:
        return ""
    if code.startswith("en"):
        return EN
    if code.startswith("zh"):
        parts = code.split("-")[1:]
        if "hant" in parts or any(p in _TRADITIONAL_REGIONS for p in parts):
            return ZH_HANT
        return ZH_HANS
    return ""


def question_language(text: str) -> str:
    """``zh-Hans``, ``zh-Hant``, ``en``, ``zh`` (Chinese in characters both scripts share) or
    ``""`` (nothing to tell by: digits, emoji, a mix of Chinese and English)."""
    language = detect_language(text)
    if language == "en":
        return EN if _LATIN_WORD_RE.search(text) else ""
    if language != "zh":
        return ""
    script = chinese_script(text)
    if not script and _CANTONESE_RE.search(text):
        return ZH_HANT
    return {"hant": ZH_HANT, "hans": ZH_HANS}.get(script, CHINESE)


def choose_language(text: str, *fallbacks: str | None) -> str:
    """The language to answer ``text`` in. ``fallbacks`` are the conversation's and the shop's
    languages, in that order; the first usable one decides when the question does not.

    A Chinese question whose characters do not tell the script keeps the Chinese script of the
    first Chinese fallback (a Hong Kong conversation stays Traditional)."""
    asked = question_language(text)
    if asked in LANGUAGES:
        return asked
    candidates = [c for c in (normalize_code(f) for f in fallbacks) if c]
    if asked == CHINESE:
        return next((c for c in candidates if c != EN), ZH_HANS)
    return candidates[0] if candidates else DEFAULT_LANGUAGE
