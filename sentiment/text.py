"""Text normalisation and n-gram extraction for the sentiment model (no Django, no sklearn).

This deliberately does not import ``knowledge.engine.normalize``: importing anything under
``knowledge.engine`` runs that package's ``__init__``, which imports scikit-learn (~2 s), and the
sentiment model has to load in well under a second.  The steps mirror that function (NFKC, case
fold, Traditional → Simplified, Cantonese → Mandarin) but the Cantonese table here also covers
words that carry *sentiment* (嬲, 好正, 呃人 ...), and emoji are mapped to sentiment words instead
of being dropped, because 😡 and 👍 are exactly what this model is about.
"""

from __future__ import annotations

import re
import unicodedata

from core.chinese import to_simplified

CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK_CLASS}]")

_URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s\u3000-\u303f\uff00-\uffef" + CJK_CLASS + r"]+"
    r"|\b[\w.+-]+@[\w-]+\.[\w.-]+\b",
    re.IGNORECASE,
)
_WS_RE = re.compile(r"\s+")
_PUNCT_TRANSLATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u3002": ".", "\u3001": ","}
)

# Emoji → a word the lexicons know.  Chinese words are used for all languages because the
# lexicon scorer is language-agnostic once a word is matched; the rest of the emoji are dropped.
_EMOJI_WORDS: dict[str, str] = {
    "😡": " 生气 ", "😠": " 生气 ", "🤬": " 生气 ", "💢": " 生气 ", "😤": " 生气 ",
    "👍": " 赞 ", "👌": " 赞 ", "💯": " 赞 ", "❤": " 喜欢 ", "😍": " 喜欢 ", "🥰": " 喜欢 ",
    "😊": " 开心 ", "😀": " 开心 ", "😄": " 开心 ", "😁": " 开心 ", "🙂": " 开心 ",
    "👎": " 差 ", "💩": " 垃圾 ", "😭": " 失望 ", "😢": " 失望 ", "😞": " 失望 ",
    "😔": " 失望 ", "😩": " 失望 ", "😰": " 着急 ", "😟": " 担心 ", "😱": " 担心 ",
}  # fmt: skip
_EMOJI_WORD_RE = re.compile("|".join(re.escape(k) for k in _EMOJI_WORDS))
_EMOJI_RE = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\U0001f1e6-\U0001f1ff\u2b00-\u2bff"
    "\ufe00-\ufe0f\u200d\u20e3\u231a-\u231b\u23e9-\u23fa]+"
)

# Cantonese → Mandarin, keyed on the post-t2s spelling; longest keys win.  Besides the grammar
# words (唔/冇/咗/嘅 ...) it maps the sentiment-bearing ones so the Mandarin lexicons apply:
# 嬲 = angry, 好正 = great, 呃人 = to cheat, 好耐 = a long time, 搞错 stays (有冇搞错 is the angry
# "are you kidding me", which is also idiomatic Mandarin once 冇 → 没有).
_CANTONESE_MAP: dict[str, str] = {
    # 唔该 is "please" before a request (唔该帮我查下) and "thanks" for a service done; only the
    # emphatic 唔该晒 is unambiguous thanks.  A request should not read as "satisfied".
    "唔该晒": "谢谢",
    "多谢晒": "谢谢",
    "唔该": "请",
    "多谢": "谢谢",
    "唔好意思": "不好意思",
    "唔得": "不行",
    "唔掂": "不行",
    "搞掂": "搞定",
    "几多钱": "多少钱",
    "几多": "多少",
    "几时": "什么时候",
    "几好": "挺好",
    "几正": "挺棒",
    "好正": "很棒",
    "超正": "超棒",
    "正嘢": "好东西",
    "好劲": "很棒",
    "好抵": "很划算",
    "超抵": "超划算",
    "抵买": "划算",
    "好靓": "很漂亮",
    "好衰": "很差",
    "衰人": "坏人",
    "呃人": "骗人",
    "呃钱": "骗钱",
    "俾人呃": "被骗",
    "激气": "气人",
    "火滚": "生气",
    "嬲": "生气",
    "好食": "好吃",
    "难食": "难吃",
    "好耐": "很久",
    "咁耐": "这么久",
    "咁": "这么",
    "点样": "怎么",
    "点解": "为什么",
    "喺边度": "在哪里",
    "喺边": "在哪里",
    "边度": "哪里",
    "边个": "谁",
    "乜嘢": "什么",
    "咩嘢": "什么",
    "乜": "什么",
    "咩": "什么",
    "而家": "现在",
    "仲未": "还没",
    "仲唔": "还不",
    "仲有": "还有",
    "仲要": "还要",
    "仲是": "还是",
    "快啲": "快点",
    "冇": "没有",
    "唔": "不",
    "嘅": "的",
    "佢哋": "他们",
    "你哋": "你们",
    "我哋": "我们",
    "佢": "他",
    "俾": "给",
    "畀": "给",
    "睇": "看",
    "谂": "想",
    "攞": "拿",
    "揾": "找",
    "搵": "找",
    "攰": "累",
    "嘢": "东西",
    "啲": "些",
    "咗": "了",
    "喺": "在",
    "是咪": "是不是",
}
_CANTONESE_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_CANTONESE_MAP, key=len, reverse=True))
)


def normalize(text: str) -> str:
    """NFKC, URLs dropped, emoji → sentiment words, case fold, t2s, Cantonese → Mandarin."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_TRANSLATION)
    text = _URL_RE.sub(" ", text)
    text = _EMOJI_WORD_RE.sub(lambda m: _EMOJI_WORDS[m.group(0)], text)
    text = _EMOJI_RE.sub(" ", text)
    text = text.casefold()
    if _CJK_RE.search(text):
        text = to_simplified(text)
        text = _CANTONESE_RE.sub(lambda m: _CANTONESE_MAP[m.group(0)], text)
    return _WS_RE.sub(" ", text).strip()


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


# A CJK run, an English word (keeping in-word apostrophes: don't, isn't), or a ! / ? mark.
_PIECE_RE = re.compile(f"([{CJK_CLASS}]+)|([a-z]+(?:'[a-z]+)?)|([!?])")
NGRAM_MAX = 3


def ngrams(text: str) -> list[str]:
    """Features for the TF-IDF part, from *normalised* text.

    Character 1..NGRAM_MAX-grams inside each CJK run (Chinese words are mostly 1-2 characters,
    and character grams need no segmenter: jieba costs ~1 s to load, which would blow the 1 s
    load budget on its own), English word unigrams and bigrams prefixed ``w:``, and ``!``/``?``.
    The same function is the sklearn analyzer at training time and the feature extractor at
    inference time, so the two cannot drift apart.
    """
    out: list[str] = []
    prev_word: str | None = None
    for m in _PIECE_RE.finditer(text):
        run, word, mark = m.groups()
        if run is not None:
            prev_word = None
            n = len(run)
            for size in range(1, NGRAM_MAX + 1):
                for i in range(n - size + 1):
                    out.append(run[i : i + size])
        elif word is not None:
            out.append("w:" + word)
            if prev_word is not None:
                out.append(f"w:{prev_word} {word}")
            prev_word = word
        else:
            prev_word = None
            out.append(mark)
    return out
