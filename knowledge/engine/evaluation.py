"""Offline evaluation contract of the answer engine.

This module's public functions are a stable interface: the ``evaluate_answers`` management
command and ``benchmarks/answer_engine.py`` are thin wrappers around :func:`evaluate_files`.

Metrics (all fractions in [0, 1]; ``None`` when the denominator is empty):

* ``top1`` / ``top3`` — over **in-scope** queries (non-empty ``expected_id`` other than ``oos``):
  fraction whose expected entry is ranked first / within the first three.  Ranking ignores the
  confidence threshold (it is the engine's ordering, answered or not).
* ``mrr`` — mean reciprocal rank of the expected entry within the top ``MRR_DEPTH`` (10)
  candidates over in-scope queries; 0 when it is not among them.
* ``oos_precision`` — among queries the engine declined to answer, the fraction that really were
  out of scope.  ``oos_recall`` — among out-of-scope queries, the fraction declined.  ("Declined"
  = best confidence below the threshold.)
* ``answered_accuracy`` — among queries the engine chose to answer, the fraction answered with
  the expected entry (an answered out-of-scope query counts as wrong).
* ``answered_rate`` — fraction of all queries answered.
* ``in_scope_accuracy`` — among in-scope queries, the fraction answered (not declined) with the
  expected entry: the figure published for intent sets with out-of-scope queries (declining an
  in-scope question counts as wrong).
* ``n`` (all queries), ``n_in_scope``, ``n_oos``, ``threshold`` (the one applied),
  ``train_seconds`` (wall clock of training exactly as in production),
  ``latency_ms_p50`` / ``latency_ms_p99`` (wall clock of ``AnswerModel.answer`` per query,
  sequential, in ms), ``peak_rss_mb`` (peak resident memory of this process so far, MiB).

:func:`cross_validate` measures a knowledge base on its own paraphrases ("held-out paraphrase
top-1"): every similar question is answered once by a model trained without it.
"""

from __future__ import annotations

import csv
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .model import AnswerModel, EntrySpec, TrainConfig
from .normalize import detect_language

MRR_DEPTH = 10
# Thresholds of ``--sweep``: 0.05, 0.10, ... 0.95.
SWEEP_THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(1, 20))
OOS_LABELS = frozenset({"", "oos", "out_of_scope", "none"})
METRIC_KEYS: tuple[str, ...] = (
    "top1",
    "top3",
    "mrr",
    "oos_precision",
    "oos_recall",
    "answered_accuracy",
    "answered_rate",
    "in_scope_accuracy",
    "n",
    "n_in_scope",
    "n_oos",
    "threshold",
    "train_seconds",
    "latency_ms_p50",
    "latency_ms_p99",
    "peak_rss_mb",
)


class EvaluationInputError(ValueError):
    """A knowledge-base or query file is missing, unreadable or has the wrong columns."""


@dataclass(frozen=True)
class QuerySpec:
    query: str
    expected_id: str | None  # None: the engine should not answer


def _read_csv(path: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    p = Path(path)
    if not p.is_file():
        raise EvaluationInputError(f"{p}: file not found")
    try:
        with p.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            columns = [c.strip().lower() for c in (reader.fieldnames or [])]
            rows = [
                {k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
                for row in reader
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationInputError(f"{p}: cannot read CSV ({exc})") from exc
    if not columns:
        raise EvaluationInputError(f"{p}: empty file or missing header row")
    return columns, rows


def load_kb_csv(path: str | Path) -> list[EntrySpec]:
    """Knowledge base from ``id,question,answer[,similar][,category]`` or an intent set
    ``text,category`` (each category becomes one entry whose questions are its texts)."""
    columns, rows = _read_csv(path)
    cols = set(columns)
    if {"id", "question", "answer"} <= cols:
        entries: list[EntrySpec] = []
        seen: set[str] = set()
        for line, row in enumerate(rows, start=2):
            entry_id, question = row.get("id", ""), row.get("question", "")
            if not entry_id or not question:
                raise EvaluationInputError(f"{path}:{line}: empty id or question")
            if entry_id in seen:
                raise EvaluationInputError(f"{path}:{line}: duplicate id {entry_id!r}")
            seen.add(entry_id)
            similar = [s.strip() for s in row.get("similar", "").split("|") if s.strip()]
            entries.append(
                EntrySpec(
                    entry_id=entry_id,
                    questions=[question, *similar],
                    answer=row.get("answer", ""),
                    category=row.get("category", ""),
                )
            )
    elif {"text", "category"} <= cols:
        grouped: dict[str, list[str]] = {}
        for line, row in enumerate(rows, start=2):
            text, category = row.get("text", ""), row.get("category", "")
            if not category:
                raise EvaluationInputError(f"{path}:{line}: empty category")
            if text:
                grouped.setdefault(category, []).append(text)
        entries = [
            EntrySpec(entry_id=c, questions=q, answer=c, category=c) for c, q in grouped.items()
        ]
    else:
        raise EvaluationInputError(
            f"{path}: expected columns id,question,answer[,similar][,category] or text,category;"
            f" found {','.join(columns)}"
        )
    if not entries:
        raise EvaluationInputError(f"{path}: no entries")
    return entries


def load_queries_csv(path: str | Path) -> list[QuerySpec]:
    """Queries from ``query,expected_id`` or ``text,category``; an empty or ``oos`` expected id
    means the query should not be answered."""
    columns, rows = _read_csv(path)
    cols = set(columns)
    if {"query", "expected_id"} <= cols:
        text_col, id_col = "query", "expected_id"
    elif {"text", "category"} <= cols:
        text_col, id_col = "text", "category"
    else:
        raise EvaluationInputError(
            f"{path}: expected columns query,expected_id or text,category;"
            f" found {','.join(columns)}"
        )
    queries = []
    for row in rows:
        text = row.get(text_col, "")
        if not text:
            continue
        expected = row.get(id_col, "")
        queries.append(QuerySpec(text, None if expected.lower() in OOS_LABELS else expected))
    if not queries:
        raise EvaluationInputError(f"{path}: no queries")
    return queries


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def _answer_all(
    model: AnswerModel, queries: Sequence[QuerySpec], limit: float
) -> tuple[list[tuple[list[str], float]], np.ndarray]:
    """Each query's ranking (top ``MRR_DEPTH`` entry ids) and best confidence, and latencies."""
    records: list[tuple[list[str], float]] = []
    latencies: list[float] = []
    for q in queries:
        t0 = time.perf_counter()
        result = model.answer(q.query, top_k=MRR_DEPTH, threshold=limit)
        latencies.append((time.perf_counter() - t0) * 1000.0)
        ranked = [entry_id for entry_id, _ in result.alternatives]
        records.append((ranked, float(result.confidence)))
    return records, np.asarray(latencies) if latencies else np.zeros(1)


def _decision_metrics(
    queries: Sequence[QuerySpec], records: Sequence[tuple[list[str], float]], limit: float
) -> dict[str, Any]:
    """The figures that depend on the threshold: what was answered and what was declined.

    A query is answered when its best confidence is at least ``limit`` (as in
    ``AnswerModel.answer``), with its top-ranked entry."""
    n_in = n_oos = 0
    answered = answered_correct = 0
    declined = declined_oos = 0
    for q, (ranked, confidence) in zip(queries, records, strict=True):
        in_scope = q.expected_id is not None
        n_in += in_scope
        n_oos += not in_scope
        if not ranked or confidence < limit:
            declined += 1
            declined_oos += 0 if in_scope else 1
        else:
            answered += 1
            answered_correct += int(in_scope and ranked[0] == q.expected_id)
    return {
        "oos_precision": _ratio(declined_oos, declined),
        "oos_recall": _ratio(declined_oos, n_oos),
        "answered_accuracy": _ratio(answered_correct, answered),
        "answered_rate": _ratio(answered, len(queries)),
        # Only in-scope queries can be answered correctly, so answered_correct counts them.
        "in_scope_accuracy": _ratio(answered_correct, n_in),
    }


def sweep_records(
    queries: Sequence[QuerySpec],
    records: Sequence[tuple[list[str], float]],
    thresholds: Sequence[float] = SWEEP_THRESHOLDS,
) -> list[dict[str, Any]]:
    """in_scope_accuracy, oos_recall (and the rest of the decision figures) per threshold."""
    return [{"threshold": t, **_decision_metrics(queries, records, t)} for t in thresholds]


def evaluate_model(
    model: AnswerModel,
    queries: Sequence[QuerySpec],
    threshold: float | None = None,
    *,
    sweep: bool = False,
) -> dict[str, Any]:
    """Answer every query with an already trained model and compute the metrics (no training
    figures: ``train_seconds`` is left out).  With ``sweep``, ``report["sweep"]`` holds the
    decision figures for every threshold of :data:`SWEEP_THRESHOLDS` (one answering pass: the
    ranking does not depend on the threshold)."""
    limit = model.threshold if threshold is None else float(threshold)
    records, lat = _answer_all(model, queries, limit)
    hits1 = hits3 = 0
    rr_sum = 0.0
    n_in = 0
    for q, (ranked, _) in zip(queries, records, strict=True):
        if q.expected_id is None:
            continue
        # An expected id missing from the KB still counts (as a miss), so a stale query file
        # cannot inflate the figures.
        n_in += 1
        if ranked[:1] == [q.expected_id]:
            hits1 += 1
        if q.expected_id in ranked[:3]:
            hits3 += 1
        if q.expected_id in ranked:
            rr_sum += 1.0 / (ranked.index(q.expected_id) + 1)
    report: dict[str, Any] = {
        "top1": _ratio(hits1, n_in),
        "top3": _ratio(hits3, n_in),
        "mrr": _ratio(rr_sum, n_in),
        **_decision_metrics(queries, records, limit),
        "n": len(queries),
        "n_in_scope": n_in,
        "n_oos": len(queries) - n_in,
        "threshold": round(limit, 4),
        "latency_ms_p50": round(float(np.percentile(lat, 50)), 3),
        "latency_ms_p99": round(float(np.percentile(lat, 99)), 3),
        "peak_rss_mb": peak_rss_mb(),
    }
    if sweep:
        report["sweep"] = sweep_records(queries, records)
    return report


def parse_threshold(value: str | float | None) -> float | None:
    """``"auto"``/``None`` → ``None`` (use the tuned threshold); otherwise a float in [0, 1]."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "auto"):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise EvaluationInputError(f"threshold must be 'auto' or a number, got {value!r}") from exc
    if not 0.0 <= number <= 1.0:
        raise EvaluationInputError(f"threshold must be within [0, 1], got {number}")
    return number


def evaluate(
    entries: Sequence[EntrySpec],
    queries: Sequence[QuerySpec],
    threshold: str | float | None = "auto",
    *,
    synonyms: dict[str, str] | None = None,
    custom_words: Sequence[str] = (),
    config: TrainConfig | None = None,
    sweep: bool = False,
) -> dict[str, Any]:
    """Train exactly as production does, answer every query, return the metrics dict (keys
    :data:`METRIC_KEYS`, then ``sweep`` when asked for)."""
    limit = parse_threshold(threshold)
    t0 = time.perf_counter()
    model = AnswerModel.train(entries, synonyms, custom_words, config)
    train_seconds = time.perf_counter() - t0
    report = evaluate_model(model, queries, limit, sweep=sweep)
    report["train_seconds"] = round(train_seconds, 3)
    out = {key: report.get(key) for key in METRIC_KEYS}
    if sweep:
        out["sweep"] = report["sweep"]
    return out


def evaluate_files(
    kb_path: str | Path,
    queries_path: str | Path,
    threshold: str | float | None = "auto",
    *,
    config: TrainConfig | None = None,
    sweep: bool = False,
) -> dict[str, Any]:
    """File-based entry point used by the ``evaluate_answers`` command and the benchmark."""
    entries = load_kb_csv(kb_path)
    queries = load_queries_csv(queries_path)
    return evaluate(entries, queries, threshold, config=config, sweep=sweep)


def cross_validate(
    entries: Sequence[EntrySpec],
    *,
    folds: int = 5,
    synonyms: dict[str, str] | None = None,
    custom_words: Sequence[str] = (),
    config: TrainConfig | None = None,
) -> dict[str, Any]:
    """Held-out paraphrase top-1 of a knowledge base.

    Each entry's similar questions (``questions[1:]``; the standard question always stays in)
    are dealt into ``folds`` parts by position: the i-th goes to part ``i % folds``. For each
    part, a model trained on everything else ranks every question of that part; top-1 is the
    share ranked first on their own entry. Deterministic: no sampling.

    Returns ``top1`` and ``n`` overall, per question language (``top1_zh``, ``top1_en``; mixed
    questions count in neither) and for ``cross_language`` questions (English asked of an
    entry whose language is Chinese, or the other way round), with their counts."""
    if folds < 2:
        raise EvaluationInputError("cross-validation needs at least 2 folds")
    hits: dict[str, list[int]] = {}

    def count(key: str, hit: bool) -> None:
        tally = hits.setdefault(key, [0, 0])
        tally[0] += hit
        tally[1] += 1

    for fold in range(folds):
        training: list[EntrySpec] = []
        held_out: list[tuple[str, EntrySpec]] = []
        for spec in entries:
            similar = spec.questions[1:]
            held_out += [(q, spec) for i, q in enumerate(similar) if i % folds == fold]
            kept = [q for i, q in enumerate(similar) if i % folds != fold]
            training.append(
                EntrySpec(
                    spec.entry_id,
                    [spec.questions[0], *kept],
                    spec.answer,
                    spec.language,
                    spec.category,
                )
            )
        if not held_out:
            continue
        model = AnswerModel.train(training, synonyms, custom_words, config)
        for question, spec in held_out:
            ranked = model.answer(question, top_k=1).alternatives
            hit = bool(ranked) and ranked[0][0] == spec.entry_id
            asked = detect_language(question)
            count("all", hit)
            if asked in ("zh", "en"):
                count(asked, hit)
                entry_english = (spec.language or detect_language(spec.questions[0])).startswith(
                    "en"
                )
                if (asked == "en") != entry_english:
                    count("cross_language", hit)
    report: dict[str, Any] = {"folds": folds}
    for key, name in (("all", ""), ("zh", "_zh"), ("en", "_en"), ("cross_language", "_cross")):
        right, total = hits.get(key, [0, 0])
        report[f"top1{name}"] = _ratio(right, total)
        report[f"n{name}"] = total
    return report
