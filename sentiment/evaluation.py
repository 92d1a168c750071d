"""Evaluate the model on a labelled CSV (``label,review``; 1 positive, 0 negative).

Used by ``manage.py evaluate_sentiment`` and ``benchmarks/sentiment.py``.  A message counts as
predicted positive when the *user-visible* polarity of :meth:`SentimentModel.analyze` is > 0, so
the figures include the emotion rule layer's polarity adjustments.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import SentimentModel

if TYPE_CHECKING:
    from .training import TrainConfig

REQUIRED_COLUMNS = ("label", "review")


class EvaluationDataError(ValueError):
    """The evaluation file is missing or malformed; the message says what to fix."""


@dataclass(frozen=True)
class Example:
    label: int
    review: str


def read_labelled_csv(path: Path, limit: int | None = None) -> list[Example]:
    path = Path(path)
    if not path.is_file():
        raise EvaluationDataError(f"data file not found: {path}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            columns = [c.strip() for c in (reader.fieldnames or [])]
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise EvaluationDataError(
                    f"{path}: expected a CSV header with columns 'label,review' "
                    f"(label 1 = positive, 0 = negative); missing {', '.join(missing)}; "
                    f"found {', '.join(columns) or 'no header'}"
                )
            reader.fieldnames = columns
            examples: list[Example] = []
            for lineno, row in enumerate(reader, start=2):
                raw = (row.get("label") or "").strip()
                if raw not in ("0", "1"):
                    raise EvaluationDataError(f"{path}:{lineno}: label must be 0 or 1, got {raw!r}")
                examples.append(Example(int(raw), row.get("review") or ""))
                if limit is not None and len(examples) >= limit:
                    break
    except UnicodeDecodeError as exc:
        raise EvaluationDataError(f"{path}: not UTF-8 text ({exc})") from exc
    except csv.Error as exc:
        raise EvaluationDataError(f"{path}: malformed CSV ({exc})") from exc
    if not examples:
        raise EvaluationDataError(f"{path}: no data rows after the header")
    return examples


def _percentile(sorted_values: list[float], q: float) -> float:
    # Nearest-rank percentile: with 100 samples p99 is the 99th value, not an interpolation.
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), round(q / 100.0 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def evaluate(model: SentimentModel, examples: list[Example]) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-message latency (single thread) of ``model.analyze``."""
    tp = tn = fp = fn = 0
    latencies: list[float] = []
    emotions: dict[str, int] = {}
    clock = time.perf_counter
    for ex in examples:
        started = clock()
        result = model.analyze(ex.review)
        latencies.append(clock() - started)
        emotions[result.emotion] = emotions.get(result.emotion, 0) + 1
        predicted = 1 if result.polarity > 0 else 0
        if predicted == 1:
            tp += ex.label == 1
            fp += ex.label == 0
        else:
            tn += ex.label == 0
            fn += ex.label == 1
    n = len(examples)
    f1_pos = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    f1_neg = 2 * tn / (2 * tn + fn + fp) if tn + fn + fp else 1.0
    latencies.sort()
    return {
        "n": n,
        "accuracy": round((tp + tn) / n, 4),
        "macro_f1": round((f1_pos + f1_neg) / 2, 4),
        "latency_ms_p50": round(_percentile(latencies, 50) * 1000, 4),
        "latency_ms_p99": round(_percentile(latencies, 99) * 1000, 4),
        "emotions": dict(sorted(emotions.items())),
    }


def evaluate_heldout(
    config: TrainConfig | None = None, holdout: float = 0.1, seed: int = 13
) -> dict[str, Any]:
    """Accuracy on a held-out part of the training corpus: a model trained on the rest of it
    (same features, lexicons and config as production) scores the held-out tenth through
    ``analyze``, exactly as :func:`evaluate` scores a labelled file.  This is the figure that
    choices of the training config were made on; waimai_10k is only ever measured."""
    from .training import TrainConfig, fit, load_corpus, split

    texts, labels = load_corpus()
    train_x, train_y, test_x, test_y = split(texts, labels, holdout, seed)
    model = SentimentModel(fit(train_x, train_y, config or TrainConfig()))
    report = evaluate(model, [Example(y, t) for t, y in zip(test_x, test_y, strict=True)])
    report["holdout"] = holdout
    report["n_train"] = len(train_x)
    return report


# -- neutral questions -------------------------------------------------------------------------
# A neutral question counts as "scored negative" when the customer would see it labelled with a
# negative emotion, or when its polarity is as low as a negative emotion's (NEGATIVE_MAX).
NEGATIVE_EMOTIONS = ("angry", "anxious", "disappointed")


def read_questions(path: Path) -> list[str]:
    """One question per line (UTF-8); blank lines and lines starting with # are skipped."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationDataError(f"questions file not found: {path}")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise EvaluationDataError(f"{path}: not UTF-8 text ({exc})") from exc
    questions = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not questions:
        raise EvaluationDataError(f"{path}: no questions (one per line)")
    return questions


def scored_negative(model: SentimentModel, question: str) -> bool:
    from .model import NEGATIVE_MAX

    sentiment = model.analyze(question)
    return sentiment.emotion in NEGATIVE_EMOTIONS or sentiment.polarity <= NEGATIVE_MAX


def false_escalations(model: SentimentModel, questions: list[str]) -> tuple[int, int]:
    """Feed the questions two at a time into a fresh conversation's mood, as two customers'
    openers would be; returns (conversations escalated, conversations)."""
    from .mood import MoodTracker

    escalated = conversations = 0
    for first, second in zip(questions[0::2], questions[1::2], strict=False):
        conversations += 1
        tracker = MoodTracker()
        for text in (first, second):
            sentiment = model.analyze(text)
            if tracker.add(sentiment.polarity, angry=sentiment.emotion == "angry").escalate:
                escalated += 1
                break
    return escalated, conversations


def evaluate_neutral(model: SentimentModel, questions: list[str]) -> dict[str, Any]:
    negative = [q for q in questions if scored_negative(model, q)]
    escalated, conversations = false_escalations(model, questions)
    return {
        "n": len(questions),
        "scored_negative": len(negative),
        "scored_negative_share": round(len(negative) / len(questions), 4),
        "conversations": conversations,
        "false_escalations": escalated,
        "false_escalation_share": round(escalated / conversations, 4) if conversations else 0.0,
        "examples_scored_negative": negative[:20],
    }
