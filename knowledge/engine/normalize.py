"""Text normalisation for the per-message hot path.

Everything is compiled once at import time (regexes, the Cantonese table) or lazily once
(the OpenCC converter), because ``normalize`` runs for every incoming chat message and for every
knowledge-base question at training time.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from core.chinese import to_simplified

Language = Literal["zh", "en", "mixed"]

URL_TOKEN = " urltoken "
EMOJI_TOKEN = " "

# CJK Unified Ideographs + extension A + compatibility ideographs. Used both to decide whether
# the (comparatively slow, ~40 µs) OpenCC conversion is needed and for language detection.
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK_CLASS}]")
_LATIN_RE = re.compile(r"[a-zA-Z]")

_URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s\u3000-\u303f\uff00-\uffef" + _CJK_CLASS + r"]+"
    r"|\b[a-z0-9.-]+\.(?:com|cn|net|org|hk|tw|io)(?:/[^\s" + _CJK_CLASS + r"]*)?",
    re.IGNORECASE,
)
_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")

# Pictographs, dingbats, symbols, flags, skin-tone modifiers, variation selectors and ZWJ.
# Emoji carry sentiment but not intent, and they would otherwise become rare n-grams.
_EMOJI_RE = re.compile(
    "["
    "\U0001f000-\U0001faff"  # mahjong .. symbols & pictographs extended-A
    "\U00002600-\U000027bf"  # misc symbols + dingbats
    "\U0001f1e6-\U0001f1ff"  # regional indicators (flags)
    "\U00002b00-\U00002bff"  # arrows/stars often used as emoji
    "\U0000fe00-\U0000fe0f"  # variation selectors
    "\U0000200d"  # zero width joiner
    "\U000020e3"  # combining keycap
    "\U0000231a-\U0000231b\U000023e9-\U000023fa"
    "]+"
)
_WS_RE = re.compile(r"\s+")

# Typographic quotes survive NFKC; unify them so "don’t" and "don't" tokenise alike.
_PUNCT_TRANSLATION = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

# Cantonese → Mandarin, keyed on the *post-t2s* spelling (t2s already turned 幾→几, 邊→边 ...).
# Kept deliberately small: only words that are frequent in written Cantonese chat and whose
# Mandarin equivalent is unambiguous.  Longest keys are tried first by the alternation order.
_CANTONESE_MAP: dict[str, str] = {
    "唔该": "谢谢",
    "唔好意思": "不好意思",
    "几多钱": "多少钱",
    "几多": "多少",
    "几时": "什么时候",
    "点样": "怎么",
    "点解": "为什么",
    "喺边度": "在哪里",
    "喺边": "在哪里",
    "边度": "哪里",
    "边个": "谁",
    "乜嘢": "什么",
    "点算": "怎么办",
    "点计": "怎么算",
    "几耐": "多久",
    "几多日": "几天",
    "得唔得": "可以吗",
    "使唔使": "需要",
    "落单": "下单",
    "咩嘢": "什么",
    "而家": "现在",
    "冇": "没有",
    "咩": "什么",
    "嘅": "的",
    "唔": "不",
    "佢哋": "他们",
    "你哋": "你们",
    "我哋": "我们",
    "佢": "他",
    "俾": "给",
    "畀": "给",
    "睇": "看",
    "攞": "拿",
    "揾": "找",
    "搵": "找",
    "嘢": "东西",
    "啲": "些",
    "咗": "了",
    "喺": "在",
    "是咪": "是不是",  # 係咪 after the pre-t2s 係→是 rewrite
}
_CANTONESE_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_CANTONESE_MAP, key=len, reverse=True))
)


def _cantonese_to_mandarin(text: str) -> str:
    return _CANTONESE_RE.sub(lambda m: _CANTONESE_MAP[m.group(0)], text)


# "A-not-A" questions ask the same as "A…吗": 有没有发票 = 有发票吗, 可不可以 = 可以吗,
# 包不包邮 = 包邮吗, 能不能改 = 能改吗 (Cantonese 有冇 and 可唔可以 arrive here as 有没有 and
# 可不可以). Keeping only A makes them one wording; otherwise "没有发票" in 有没有发票 reads like
# "without an invoice".
_A_NOT_A_RE = re.compile(f"([{_CJK_CLASS}]{{2}})不\\1|([{_CJK_CLASS}])[不没]\\2")


def _collapse_a_not_a(text: str) -> str:
    return _A_NOT_A_RE.sub(lambda m: m.group(1) or m.group(2), text)


def normalize(text: str) -> str:
    """Return a canonical form of ``text`` used for both indexing and querying.

    Steps: NFKC (full-width → half-width), URL/e-mail → ``urltoken``, emoji → space, case
    folding, Traditional → Simplified (only when CJK is present), Cantonese → Mandarin,
    A-not-A questions → A, whitespace collapsing.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_PUNCT_TRANSLATION)
    text = _EMAIL_RE.sub(URL_TOKEN, text)
    text = _URL_RE.sub(URL_TOKEN, text)
    text = _EMOJI_RE.sub(EMOJI_TOKEN, text)
    text = text.casefold()
    if _CJK_RE.search(text):
        text = to_simplified(text)
        text = _cantonese_to_mandarin(text)
        text = _collapse_a_not_a(text)
    return _WS_RE.sub(" ", text).strip()


def detect_language(text: str) -> Language:
    """Classify ``text`` as Chinese, English or mixed.

    A CJK character carries roughly as much meaning as a short English word, so it is weighted
    as three Latin letters; a side below 20 % of the weighted total is treated as noise (an order
    number or brand name inside a Chinese sentence does not make it "mixed").
    """
    cjk = len(_CJK_RE.findall(text))
    latin = len(_LATIN_RE.findall(unicodedata.normalize("NFKC", text)))
    if cjk == 0:
        return "en"
    total = cjk * 3 + latin
    if latin / total < 0.2:
        return "zh"
    if cjk * 3 / total < 0.2:
        return "en"
    return "mixed"


def contains_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None
