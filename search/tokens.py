"""Search tokens and their keyed hashes. Pure Python, no Django: it runs on the message hot
path, in the benchmark and in the backfill alike.

A text becomes a set of tokens, each prefixed with its kind so equal strings of different
kinds never meet:

- ``w:`` words: lower-cased Latin/digit words, and jieba's words of each Chinese run;
- ``b:`` character bigrams of each Chinese run (and the lone character of a one-character run);
- ``c:`` codes such as order numbers and SKUs (letters and digits, separators dropped,
  upper-cased: ``lm-20261001`` and ``LM20261001`` are one token);
- ``p:`` phone numbers in E.164 (``138 0013 8000`` and ``+86 138-0013-8000`` are one token);
- ``e:`` e-mail addresses, case-folded.

Text is normalised the way the answer engine does it: NFKC (full-width → half-width), case
folding, Traditional → Simplified (``core.chinese``), so ``退款``/``退款`` and a zh-Hant
query find the same messages.

A query keeps fewer tokens than the index has: each Chinese run is matched by its bigrams only
(jieba may cut a phrase differently inside a longer sentence than on its own, bigrams do not
depend on context), and a code, phone or e-mail is matched by its own token only, not by the
words it is made of. Bigrams can match a text that has the characters in another order; the
caller checks the decrypted text (``spans``) before showing a hit.

Each token is hashed with HMAC-SHA256 under a key of the shop's own and truncated to 64 bits,
read as a signed integer (a PostgreSQL ``bigint``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from core.chinese import to_simplified

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Chinese run, or a Latin/digit word.
_RUN_RE = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")
_LATIN_WORD_RE = re.compile(r"[a-z0-9]+")
_EMAIL_RE = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+")
# Order numbers, SKUs, tracking numbers: letters and digits, maybe split by - _ /.
# Lookarounds instead of \b: a Chinese character is a word character too (订单LM20261001).
_CODE_RE = re.compile(r"(?<![a-z0-9])[a-z0-9]+(?:[-_/][a-z0-9]+)*(?![a-z0-9])")
_HAS_LETTER = re.compile(r"[a-z]")
_HAS_DIGIT = re.compile(r"\d")
_SEPARATORS = re.compile(r"[-_/]")
# Cheap test before asking phonenumbers: seven digits, maybe split by spaces, dots, dashes.
_PHONE_HINT = re.compile(r"\d(?:[\s().-]*\d){6,}")

MAX_TEXT = 4000  # longer texts are indexed by their first 4,000 characters
MAX_TOKENS = 600


@dataclass(frozen=True)
class Span:
    token: str
    start: int  # in the normalised text
    end: int


def _jieba() -> Any:
    # The answer engine's process-wide dictionary: one copy in memory, loaded once.
    from knowledge.engine.tokenize import _get_jieba_base

    return _get_jieba_base()


def normalize(text: str) -> str:
    """NFKC, case folding, Traditional → Simplified. Used for indexing and queries."""
    text = unicodedata.normalize("NFKC", text[:MAX_TEXT]).casefold()
    return to_simplified(text)


_FOLDED: dict[str, str] = {}


def normalize_mapped(text: str) -> tuple[str, list[int]]:
    """``normalize`` with, for each character of the result, its position in ``text`` (for
    highlighting the original). Character by character (each character's folding is
    remembered), so a little slower; used on shown hits only."""
    text = text[:MAX_TEXT]
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        folded = _FOLDED.get(char)
        if folded is None:
            folded = unicodedata.normalize("NFKC", char).casefold()
            if len(_FOLDED) < 100_000:
                _FOLDED[char] = folded
        out.append(folded)
        if len(folded) == 1:
            where.append(i)
        else:
            where.extend([i] * len(folded))
    joined = "".join(out)
    simplified = to_simplified(joined)
    if len(simplified) != len(joined):  # a phrase conversion changed the length
        simplified = "".join(to_simplified(c) for c in joined)
    return simplified, where


def _phones(text: str, region: str) -> list[tuple[str, int, int]]:
    if not _PHONE_HINT.search(text):
        return []
    import phonenumbers

    found = []
    valid = phonenumbers.Leniency.VALID
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=valid):
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        found.append((e164, match.start, match.end))
    return found


def spans(normalized: str, *, region: str = "CN", query: bool = False) -> list[Span]:
    """The tokens of already normalised text, with where each one is.

    With ``query`` the reduced query set described in the module docstring."""
    out: list[Span] = []
    covered: list[tuple[int, int]] = []  # code/phone/e-mail spans: a query skips their words
    for match in _EMAIL_RE.finditer(normalized):
        out.append(Span("e:" + match.group(), match.start(), match.end()))
        covered.append(match.span())
    for e164, start, end in _phones(normalized, region):
        out.append(Span("p:" + e164, start, end))
        covered.append((start, end))
    for match in _CODE_RE.finditer(normalized):
        code = match.group()
        if _HAS_LETTER.search(code) and _HAS_DIGIT.search(code):
            out.append(Span("c:" + _SEPARATORS.sub("", code).upper(), match.start(), match.end()))
            covered.append(match.span())

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in covered)

    for match in _RUN_RE.finditer(normalized):
        run, word = match.group(1), match.group(2)
        base = match.start()
        if run is not None:
            if len(run) == 1:
                # A lone character is a word; a one-character query asks for that word.
                out.append(Span("w:" + run, base, base + 1))
                if not query:
                    out.append(Span("b:" + run, base, base + 1))
                continue
            for i in range(len(run) - 1):
                out.append(Span("b:" + run[i : i + 2], base + i, base + i + 2))
            if not query:
                for piece, start, end in _jieba().tokenize(run, HMM=False):
                    out.append(Span("w:" + piece, base + start, base + end))
        else:
            # Letters of other scripts (kana, hangul, Cyrillic...) are words as they stand.
            if query and inside(base, match.end()):
                continue
            out.append(Span("w:" + word, base, match.end()))
    return out


def index_tokens(text: str, *, region: str = "CN") -> set[str]:
    """Every token of ``text`` (for the index). The same tokens as ``spans`` without their
    positions, in one lean pass: this runs for every stored message."""
    if not text:
        return set()
    normalized = normalize(text)
    found: set[str] = set()
    add = found.add
    if "@" in normalized:
        for email in _EMAIL_RE.findall(normalized):
            add("e:" + email)
    for e164, _, _ in _phones(normalized, region):
        add("p:" + e164)
    jieba_cut = None
    for run, word in _RUN_RE.findall(normalized):
        if run:
            if len(run) == 1:
                add("w:" + run)
                add("b:" + run)
                continue
            for i in range(len(run) - 1):
                add("b:" + run[i : i + 2])
            if jieba_cut is None:
                jieba_cut = _jieba().cut
            for piece in jieba_cut(run, HMM=False):
                add("w:" + piece)
        else:
            add("w:" + word)
            if not word.isalpha() and not word.isdigit():
                for code in _CODE_RE.findall(word):
                    if _HAS_LETTER.search(code) and _HAS_DIGIT.search(code):
                        add("c:" + code.upper())
    if "-" in normalized or "_" in normalized or "/" in normalized:
        for code in _CODE_RE.findall(normalized):
            if _HAS_LETTER.search(code) and _HAS_DIGIT.search(code):
                add("c:" + _SEPARATORS.sub("", code).upper())
    if len(found) > MAX_TOKENS:
        found = set(sorted(found)[:MAX_TOKENS])
    return found


def field_tokens(value: str, kind: str, *, region: str = "CN") -> set[str]:
    """Tokens of a contact field: its words, plus the whole value as a phone (``p:``) or
    e-mail (``e:``) so a search by any spelling of it finds it."""
    tokens = index_tokens(value, region=region)
    value = value.strip()
    if not value:
        return tokens
    if kind == "phone":
        tokens.add("p:" + normalize_phone(value, region))
    elif kind == "email":
        tokens.add("e:" + value.casefold())
    elif kind == "code":
        tokens.add("c:" + _SEPARATORS.sub("", normalize(value)).upper())
    return tokens


def normalize_phone(value: str, region: str) -> str:
    """E.164 like ``core.crypto.normalize_phone`` (which needs Django settings)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return re.sub(r"[^\d+]", "", value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def query_phrases(query: str) -> list[str]:
    """The Chinese runs of a query: a hit must contain each as it stands (its bigrams alone
    would also match the characters in another order)."""
    return [run for run, _ in _RUN_RE.findall(normalize(query)) if len(run) > 1]


def query_tokens(query: str, *, region: str = "CN") -> list[str]:
    """The tokens a text must all have to match ``query`` (sorted, without repeats)."""
    normalized = normalize(query)
    return sorted({s.token for s in spans(normalized, region=region, query=True)})


# -- keyed hashes -----------------------------------------------------------------------------


def derive_key(master: str | bytes, shop_id: int, version: int) -> bytes:
    """The shop's key for one key version: HMAC(master, "search:<version>:<shop>")."""
    secret = master.encode() if isinstance(master, str) else master
    return hmac.new(secret, f"search:{version}:{shop_id}".encode(), hashlib.sha256).digest()


class Hasher:
    """HMAC-SHA256 of tokens under one shop key, truncated to a signed 64-bit integer.

    The HMAC is computed from SHA-256 states primed with the padded key (what ``hmac`` does
    inside, minus its per-call set-up): half the cost per token, on the message hot path."""

    def __init__(self, key: bytes) -> None:
        if len(key) > 64:
            key = hashlib.sha256(key).digest()
        key = key.ljust(64, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def __call__(self, token: str) -> int:
        inner = self._inner.copy()
        inner.update(token.encode())
        outer = self._outer.copy()
        outer.update(inner.digest())
        return int.from_bytes(outer.digest()[:8], "big", signed=True)

    def many(self, tokens: Iterable[str]) -> list[int]:
        return sorted({self(t) for t in tokens})


def highlight(
    text: str,
    wanted: set[str],
    *,
    region: str = "CN",
    escape: Callable[[str], str],
    limit: int = 240,
) -> tuple[str, bool]:
    """``text`` as HTML with the spans whose token is in ``wanted`` wrapped in ``<mark>``,
    cut to about ``limit`` characters around the first one. Returns (html, every wanted token
    found): a bigram match whose characters are in another order is no real match."""
    normalized, where = normalize_mapped(text)
    ranges: list[tuple[int, int]] = []
    seen: set[str] = set()
    for span in spans(normalized, region=region):
        if span.token in wanted and span.end <= len(where):
            seen.add(span.token)
            ranges.append((where[span.start], where[span.end - 1] + 1))
    ranges.sort()
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    source = text[:MAX_TEXT]
    first = merged[0][0] if merged else 0
    begin = max(0, first - limit // 3)
    finish = min(len(source), begin + limit)
    parts = ["…" if begin else ""]
    cursor = begin
    for start, end in merged:
        if end <= begin or start >= finish:
            continue
        start, end = max(start, begin), min(end, finish)
        parts.append(escape(source[cursor:start]))
        parts.append("<mark>" + escape(source[start:end]) + "</mark>")
        cursor = end
    parts.append(escape(source[cursor:finish]))
    if finish < len(text):
        parts.append("…")
    return "".join(parts), seen >= wanted
