"""Word segmentation for Chinese and English, on top of :func:`normalize` output.

Chinese runs go through a private ``jieba.Tokenizer`` (never the global one, so models with
different user dictionaries can live in one process).  All private tokenizers share one base
dictionary that is loaded once per process; each model only overlays its own user words, which
keeps model loading cheap (no 0.7 s dictionary rebuild, no 40 MB dictionary copy per model).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import ChainMap
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .normalize import normalize

if TYPE_CHECKING:
    import jieba

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of CJK characters, or an alphanumeric word (keeping in-word apostrophes so contractions
# can be expanded).  Everything else (punctuation, symbols) is a separator.
_RUN_RE = re.compile(f"([{_CJK}]+)|([a-z0-9]+(?:'[a-z]+)*)")
_CJK_RUN_RE = re.compile(f"^[{_CJK}]+$")

_CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "can't": ("can", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "wont": ("will", "not"),
    "i'm": ("i", "am"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
}
# Chat users drop the apostrophe ("didnt"); these are the common ones.
_NT_WORDS = frozenset(
    "dont didnt doesnt isnt arent wasnt werent havent hasnt hadnt couldnt wouldnt shouldnt".split()
)
_APOS_SUFFIXES: dict[str, str | None] = {
    "n't": "not",
    "'re": "are",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
    "'m": "am",
    "'s": None,
}

# Small on purpose: question words, negations and pronouns that change intent ("how" vs "when",
# "not working") are kept; only pure function words go.
STOPWORDS_EN = frozenset(
    "a an the is am are was were be been being to of in on at for by with from and or as it its "
    "this that these those there here so just please pls plz hi hello hey thanks thank dear "
    "would could should shall may might also very really some any".split()
)
STOPWORDS_ZH = frozenset(
    "的 了 吗 呢 啊 吧 呀 哦 嘛 啦 哈 么 请问 一下 你好 您好 谢谢 麻烦 请 个 和 与 及 地 得 着 "
    "呃 嗯 哎 诶 哟 喔 噢".split()
)
STOPWORDS = STOPWORDS_EN | STOPWORDS_ZH

_IRREGULAR: dict[str, str] = {
    "using": "use",
    "used": "use",
    "uses": "use",
    "does": "do",
    "did": "do",
    "done": "do",
    "doing": "do",
    "has": "have",
    "had": "have",
    "having": "have",
    "paid": "pay",
    "sent": "send",
    "got": "get",
    "gotten": "get",
    "bought": "buy",
    "lost": "lose",
    "stolen": "steal",
    "stole": "steal",
    "money": "money",
    "news": "news",
}
_VOWELS = frozenset("aeiouy")
_NO_UNDOUBLE = frozenset("lsz")


def stem(word: str) -> str:
    """A deliberately light English suffix stripper.

    Porter would conflate more, but the char n-gram features already cover morphology; this only
    has to make "cards/card", "charged/charge/charging", "refunds/refunded" meet for BM25 and word
    tf-idf without mangling short words.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    irregular = _IRREGULAR.get(word)
    if irregular is not None:
        return irregular
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6 and _VOWELS.intersection(word[:-3]):
        word = _undouble(word[:-3])
    elif word.endswith("ed") and len(word) >= 5 and word[-3] != "e":
        word = _undouble(word[:-2])
    elif word.endswith("ly") and len(word) >= 7:
        word = word[:-2]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _undouble(word: str) -> str:
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in _VOWELS | _NO_UNDOUBLE:
        return word[:-1]
    return word


def _expand_english(word: str) -> tuple[str, ...]:
    expanded = _CONTRACTIONS.get(word)
    if expanded is not None:
        return expanded
    if word in _NT_WORDS:
        return (word[:-2], "not")
    if "'" in word:
        for suffix, replacement in _APOS_SUFFIXES.items():
            if word.endswith(suffix):
                head = word[: -len(suffix)]
                if suffix == "n't" and head == "ca":
                    head = "can"
                return (head,) if replacement is None else (head, replacement)
        return (word.replace("'", ""),)
    return (word,)


_jieba_base: jieba.Tokenizer | None = None
_jieba_lock = threading.Lock()


def _silence_jieba() -> None:
    logging.getLogger("jieba").setLevel(logging.WARNING)


def _get_jieba_base() -> jieba.Tokenizer:
    """The process-wide initialised jieba dictionary (built once, ~0.7 s)."""
    global _jieba_base
    if _jieba_base is None:
        with _jieba_lock:
            if _jieba_base is None:
                import jieba

                _silence_jieba()
                jieba.setLogLevel(logging.WARNING)
                base = jieba.Tokenizer()
                base.initialize()
                _jieba_base = base
    return _jieba_base


def _new_jieba_overlay() -> jieba.Tokenizer:
    """A private tokenizer whose dictionary is the shared base plus an empty overlay.

    ``ChainMap`` writes go to the first map, so ``add_word`` never mutates the shared base.
    """
    import jieba

    base = _get_jieba_base()
    tok = jieba.Tokenizer()
    tok.FREQ = ChainMap({}, base.FREQ)
    tok.total = base.total
    tok.initialized = True
    return tok


class Tokenizer:
    """Segment normalised text into index terms.

    ``synonyms`` maps a surface word to its canonical form (``{"快递": "物流"}``); both sides are
    normalised, and Chinese keys are added to the segmentation dictionary so they are never split.
    """

    def __init__(
        self,
        synonyms: Mapping[str, str] | None = None,
        words: Iterable[str] = (),
        *,
        remove_stopwords: bool = True,
    ) -> None:
        self.remove_stopwords = remove_stopwords
        self.user_words: list[str] = []
        self.synonyms: dict[str, str] = {}
        self._jieba: jieba.Tokenizer | None = None
        self._jieba_lock = threading.Lock()
        if synonyms:
            self.set_synonyms(synonyms)
        self.add_words(words)

    # -- configuration -------------------------------------------------------------------------

    def set_synonyms(self, synonyms: Mapping[str, str]) -> None:
        table: dict[str, str] = {}
        new_words: list[str] = []
        for raw_key, raw_value in synonyms.items():
            key, value = normalize(raw_key), normalize(raw_value)
            if not key or not value:
                continue
            is_english_word = value.isascii() and value.isalpha()
            canonical = stem(value) if is_english_word else value.replace(" ", "_")
            table[key] = canonical
            if " " not in key and key.isalpha() and key.isascii():
                table.setdefault(stem(key), canonical)
            new_words.extend(w for w in (key, value) if _CJK_RUN_RE.match(w))
        self.synonyms = table
        self.add_words(new_words)

    def add_words(self, words: Iterable[str]) -> None:
        """Add user-dictionary words (product names, KB jargon) so jieba keeps them whole."""
        fresh = []
        known = set(self.user_words)
        for raw in words:
            word = normalize(raw)
            if word and word not in known and _CJK_RUN_RE.match(word) and len(word) > 1:
                known.add(word)
                fresh.append(word)
        self.user_words.extend(fresh)
        if fresh:
            # Rebuilt on next use: the shared base may be in use and must never be mutated.
            self._jieba = None

    def _get_jieba(self) -> jieba.Tokenizer:
        if self._jieba is None:
            with self._jieba_lock:
                if self._jieba is None:
                    if not self.user_words:
                        # Read-only use of the shared dictionary: no overlay lookup cost.
                        self._jieba = _get_jieba_base()
                    else:
                        tok = _new_jieba_overlay()
                        for word in self.user_words:
                            tok.add_word(word)
                        self._jieba = tok
        return self._jieba

    # -- tokenisation --------------------------------------------------------------------------

    def tokenize(self, text: str, *, cjk_bigrams: bool = False) -> list[str]:
        """Tokenise *already normalised* text.

        With ``cjk_bigrams`` the character bigrams of every Chinese run are appended (prefixed
        with ``"_"`` so they never collide with two-character words); they make retrieval robust
        to segmentation disagreements between a paraphrase and the stored question.
        """
        out: list[str] = []
        bigrams: list[str] = []
        synonyms = self.synonyms
        stop = STOPWORDS if self.remove_stopwords else frozenset()
        for match in _RUN_RE.finditer(text):
            cjk_run, latin = match.group(1), match.group(2)
            if cjk_run is not None:
                pieces = self._get_jieba().lcut(cjk_run) if len(cjk_run) > 1 else [cjk_run]
                for piece in pieces:
                    piece = synonyms.get(piece, piece)
                    if piece not in stop:
                        out.append(piece)
                if cjk_bigrams:
                    if len(cjk_run) == 1:
                        bigrams.append("_" + cjk_run)
                    bigrams.extend("_" + cjk_run[i : i + 2] for i in range(len(cjk_run) - 1))
            else:
                for word in _expand_english(latin):
                    if not word or word in stop:
                        continue
                    canonical = synonyms.get(word)
                    if canonical is None:
                        stemmed = stem(word)
                        canonical = synonyms.get(stemmed, stemmed)
                    out.append(canonical)
        if bigrams:
            out.extend(bigrams)
        return out

    def segment(self, text: str) -> list[str]:
        """Surface words of normalised text (no stop-word removal, stemming or synonyms).

        Used to build synthetic paraphrases, where the original wording must be kept.
        """
        out: list[str] = []
        for match in _RUN_RE.finditer(text):
            cjk_run, latin = match.group(1), match.group(2)
            if cjk_run is not None:
                out.extend(self._get_jieba().lcut(cjk_run) if len(cjk_run) > 1 else [cjk_run])
            else:
                out.append(latin)
        return out

    def __call__(self, text: str) -> list[str]:
        return self.tokenize(normalize(text))

    # -- pickling: the jieba dictionary is rebuilt lazily from the shared base ---------------------

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_jieba"] = None
        state["_jieba_lock"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._jieba_lock = threading.Lock()
