"""Simplified ↔ Traditional Chinese, shared by the answer engine, the sentiment model and the
bot's answers in Traditional Chinese.

Pure Python, no Django: the callers sit in a per-message hot path and must import cheaply.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencc import OpenCC

_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# OpenCC maps Cantonese 係 ("to be") onto 系, which is also an ordinary Simplified character
# (系统), so it is rewritten *before* t2s, except in 關係/聯係 ("relation") and 係數/係統.
_HAI_RE = re.compile("(?<![關关聯联])係(?![數数统統])")

_converter: OpenCC | None = None
_to_traditional_converter: OpenCC | None = None
_traditional_re: re.Pattern[str] | None = None
_simplified_re: re.Pattern[str] | None = None
_lock = threading.Lock()


def _get_converter() -> OpenCC:
    global _converter
    if _converter is None:
        with _lock:
            if _converter is None:
                from opencc import OpenCC

                _converter = OpenCC("t2s")
    return _converter


def _get_to_traditional_converter() -> OpenCC:
    global _to_traditional_converter
    if _to_traditional_converter is None:
        with _lock:
            if _to_traditional_converter is None:
                from opencc import OpenCC

                # Hong Kong standard characters: the shop's Traditional-writing customers are
                # mostly in Hong Kong (HKD site), and s2hk differs from Taiwan's only in details.
                _to_traditional_converter = OpenCC("s2hk")
    return _to_traditional_converter


def _get_simplified_re() -> re.Pattern[str]:
    """Characters only Simplified Chinese uses (发, 们; not 么 or 干, which Traditional uses
    too, nor 床, which OpenCC turns into 牀 although Taiwan and Hong Kong write 床 as well)."""
    global _simplified_re
    if _simplified_re is None:
        import importlib.util

        spec = importlib.util.find_spec("opencc")
        chars: set[str] = set()
        if spec is not None and spec.submodule_search_locations:
            base = Path(next(iter(spec.submodule_search_locations))) / "dictionary"

            def table(name: str) -> list[tuple[str, str]]:
                path = base / name
                if not path.is_file():
                    return []
                lines = path.read_text(encoding="utf-8").splitlines()
                return [(src, dst) for src, _, dst in (ln.partition("\t") for ln in lines)]

            # Phrase tables are left out: 里 becomes 裏 only in some words, and is Traditional
            # elsewhere (公里).
            chars = {src for src, dst in table("STCharacters.txt") if src not in dst.split()}
            chars.difference_update(src for src, _ in table("TSCharacters.txt"))
            for variants in ("TWVariants.txt", "HKVariants.txt"):
                for _, dst in table(variants):
                    chars.difference_update(dst.split())
        _simplified_re = (
            re.compile(f"[{''.join(sorted(re.escape(c) for c in chars))}]") if chars else _CJK_RE
        )
    return _simplified_re


def _get_traditional_re() -> re.Pattern[str]:
    """Characters that OpenCC's t2s would change, read from OpenCC's own dictionaries.

    opencc-python-reimplemented is pure Python and costs ~0.3 ms for a 70-character message,
    while most messages are already Simplified: one regex search lets those skip it.
    """
    global _traditional_re
    if _traditional_re is None:
        import importlib.util

        spec = importlib.util.find_spec("opencc")
        chars: set[str] = set()
        if spec is not None and spec.submodule_search_locations:
            base = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
            for name in ("TSCharacters.txt", "TSPhrases.txt"):
                path = base / name
                if path.is_file():
                    for line in path.read_text(encoding="utf-8").splitlines():
                        src, _, dst = line.partition("\t")
                        chars.update(a for a in src if a not in dst)
            # A character that is itself Simplified (么, 干) must not trigger the converter.
            st = base / "STCharacters.txt"
            if st.is_file():
                chars.difference_update(
                    line.partition("\t")[0] for line in st.read_text(encoding="utf-8").splitlines()
                )
        if not chars:  # dictionaries not found: always convert rather than never
            _traditional_re = _CJK_RE
        else:
            _traditional_re = re.compile(f"[{''.join(sorted(re.escape(c) for c in chars))}]")
    return _traditional_re


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """``text`` in Simplified characters (cached: greetings and retries repeat a lot)."""
    if not _CJK_RE.search(text):
        return text
    if "係" in text:
        text = _HAI_RE.sub("是", text)
    if _get_traditional_re().search(text) is None:
        return text
    return _get_converter().convert(text)


@lru_cache(maxsize=4096)
def to_traditional(text: str) -> str:
    """``text`` in Traditional characters (Hong Kong standard). Cached: the same few hundred
    knowledge-base answers are converted again and again."""
    if not _CJK_RE.search(text):
        return text
    return _get_to_traditional_converter().convert(text)


def chinese_script(text: str) -> str:
    """``"hant"`` when ``text`` has characters only Traditional Chinese uses, else ``"hans"``
    when it has characters only Simplified uses, else ``""`` (no Chinese, or only characters
    both scripts share, as in 你好 or 可以吗)."""
    if not _CJK_RE.search(text):
        return ""
    if _get_traditional_re().search(text) is not None:
        return "hant"
    if _get_simplified_re().search(text) is not None:
        return "hans"
    return ""
