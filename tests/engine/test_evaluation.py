from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from knowledge.engine.evaluation import (
    METRIC_KEYS,
    SWEEP_THRESHOLDS,
    EvaluationInputError,
    QuerySpec,
    evaluate_files,
    evaluate_model,
    load_kb_csv,
    load_queries_csv,
    parse_threshold,
)
from knowledge.engine.model import AnswerResult

from .kb_fixture import ENTRIES


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class _ScriptedModel:
    """Stands in for AnswerModel: returns a fixed ranking per query."""

    rankings: dict[str, list[tuple[str, float]]]
    threshold: float = 0.5

    def answer(self, question: str, top_k: int = 3, threshold: float | None = None) -> AnswerResult:
        limit = self.threshold if threshold is None else threshold
        ranked = self.rankings[question][:top_k]
        best_id, best_conf = ranked[0]
        chosen = best_id if best_conf >= limit else None
        return AnswerResult(chosen, chosen, best_conf, ranked, "en", {"total": 0.1})


def test_metrics_hand_checked() -> None:
    model = _ScriptedModel(
        {
            "q1": [("a", 0.9), ("b", 0.1), ("c", 0.0)],  # in scope, rank 1, answered, correct
            "q2": [("b", 0.8), ("a", 0.3), ("c", 0.1)],  # expects a: rank 2, answered wrongly
            "q3": [("a", 0.4), ("b", 0.3), ("c", 0.2)],  # expects c: rank 3, declined
            "q4": [("c", 0.2), ("a", 0.1), ("b", 0.0)],  # out of scope, declined
            "q5": [("b", 0.7), ("a", 0.1), ("c", 0.0)],  # out of scope, answered
        }
    )
    queries = [
        QuerySpec("q1", "a"),
        QuerySpec("q2", "a"),
        QuerySpec("q3", "c"),
        QuerySpec("q4", None),
        QuerySpec("q5", None),
    ]
    report = evaluate_model(model, queries)  # type: ignore[arg-type]
    assert report["n"] == 5 and report["n_in_scope"] == 3 and report["n_oos"] == 2
    assert report["top1"] == pytest.approx(1 / 3, abs=1e-4)
    assert report["top3"] == 1.0
    assert report["mrr"] == pytest.approx((1 + 1 / 2 + 1 / 3) / 3, abs=1e-4)
    # Declined: q3 (in scope) and q4 (oos) → precision 1/2; oos declined 1 of 2 → recall 1/2.
    assert report["oos_precision"] == 0.5
    assert report["oos_recall"] == 0.5
    # Answered: q1 (right), q2 (wrong), q5 (oos → wrong).
    assert report["answered_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert report["answered_rate"] == 0.6
    assert report["threshold"] == 0.5
    # An explicit threshold changes only the answer/decline figures, not the ranking ones.
    strict = evaluate_model(model, queries, threshold=0.95)  # type: ignore[arg-type]
    assert strict["top1"] == report["top1"]
    assert strict["oos_recall"] == 1.0 and strict["answered_accuracy"] is None


def _write_fixture_kb(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "question", "answer", "similar", "category"])
        for entry in ENTRIES:
            writer.writerow(
                [
                    entry.entry_id,
                    entry.questions[0],
                    entry.answer,
                    "|".join(entry.questions[1:]),
                    "faq",
                ]
            )
    return path


def test_evaluate_files_end_to_end(tmp_path: Path) -> None:
    kb = _write_fixture_kb(tmp_path / "kb.csv")
    queries = _write(
        tmp_path / "q.csv",
        "query,expected_id\n退貨要點樣做,return_policy\n運費幾多錢,shipping_fee\n"
        "I can't remember my password,password_reset\n"
        "what's the weather on Mars,\n火星上的天气怎么样,oos\n",
    )
    report = evaluate_files(kb, queries)
    assert tuple(report) == METRIC_KEYS
    json.dumps(report)  # the command prints it as JSON
    assert report["n"] == 5 and report["n_in_scope"] == 3 and report["n_oos"] == 2
    assert report["top1"] == 1.0 and report["top3"] == 1.0 and report["mrr"] == 1.0
    assert report["oos_recall"] == 1.0 and report["oos_precision"] == 1.0
    assert report["answered_accuracy"] == 1.0 and report["answered_rate"] == 0.6
    assert report["train_seconds"] > 0 and report["latency_ms_p99"] >= report["latency_ms_p50"]
    assert report["peak_rss_mb"] > 0
    manual = evaluate_files(kb, queries, threshold="0")
    assert manual["threshold"] == 0.0 and manual["answered_rate"] == 1.0
    assert manual["oos_recall"] == 0.0 and manual["top1"] == 1.0


def test_intent_set_format(tmp_path: Path) -> None:
    kb = _write(
        tmp_path / "train.csv",
        "text,category\nwhere is my card,card_arrival\nmy card has not arrived,card_arrival\n"
        "how do I top up,top_up\ncan I add money to my account,top_up\n",
    )
    entries = load_kb_csv(kb)
    assert [e.entry_id for e in entries] == ["card_arrival", "top_up"]
    assert entries[1].questions == ["how do I top up", "can I add money to my account"]
    queries = load_queries_csv(_write(tmp_path / "test.csv", "text,category\nhi,top_up\n"))
    assert queries == [QuerySpec("hi", "top_up")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("question,answer\nq,a\n", "expected columns"),
        ("", "empty file"),
        ("id,question,answer\n1,q,a\n1,r,b\n", "duplicate id"),
    ],
)
def test_bad_kb_raises_clear_error(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(EvaluationInputError, match=message):
        load_kb_csv(_write(tmp_path / "kb.csv", content))


def test_bad_queries_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(EvaluationInputError, match="expected columns"):
        load_queries_csv(_write(tmp_path / "q.csv", "question,id\nx,1\n"))
    with pytest.raises(EvaluationInputError, match="not found"):
        evaluate_files(tmp_path / "missing.csv", tmp_path / "q.csv")


def test_parse_threshold() -> None:
    assert parse_threshold("auto") is None and parse_threshold(None) is None
    assert parse_threshold("0.25") == 0.25
    for bad in ["high", "1.5"]:
        with pytest.raises(EvaluationInputError):
            parse_threshold(bad)


def _oos_fixture() -> tuple[_ScriptedModel, list[QuerySpec]]:
    model = _ScriptedModel(
        {
            "q1": [("a", 0.9), ("b", 0.1)],  # in scope, right
            "q2": [("b", 0.6), ("a", 0.3)],  # in scope (expects a), wrong
            "q3": [("c", 0.3), ("a", 0.2)],  # in scope, right but unsure
            "q4": [("c", 0.2), ("a", 0.1)],  # out of scope, unsure
            "q5": [("b", 0.7), ("a", 0.1)],  # out of scope, confident
        }
    )
    queries = [
        QuerySpec("q1", "a"),
        QuerySpec("q2", "a"),
        QuerySpec("q3", "c"),
        QuerySpec("q4", None),
        QuerySpec("q5", None),
    ]
    return model, queries


def test_in_scope_accuracy_counts_a_declined_known_question_as_wrong() -> None:
    model, queries = _oos_fixture()
    report = evaluate_model(model, queries)  # type: ignore[arg-type]
    # Threshold 0.5: q1 answered right, q2 answered wrong, q3 declined → 1 of 3.
    assert report["in_scope_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert report["top1"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["oos_recall"] == 0.5  # q4 declined, q5 answered
    low = evaluate_model(model, queries, threshold=0.25)  # type: ignore[arg-type]
    assert low["in_scope_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert low["oos_recall"] == 0.5
    assert "sweep" not in report


def test_sweep_reports_every_threshold_from_one_pass() -> None:
    model, queries = _oos_fixture()
    report = evaluate_model(model, queries, sweep=True)  # type: ignore[arg-type]
    rows = report["sweep"]
    assert [row["threshold"] for row in rows] == list(SWEEP_THRESHOLDS)
    assert SWEEP_THRESHOLDS[0] == 0.05 and SWEEP_THRESHOLDS[-1] == 0.95 and len(rows) == 19
    by_t = {row["threshold"]: row for row in rows}
    assert by_t[0.25]["in_scope_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert by_t[0.5]["in_scope_accuracy"] == report["in_scope_accuracy"]
    assert by_t[0.95]["in_scope_accuracy"] == 0.0 and by_t[0.95]["oos_recall"] == 1.0
    # A stricter threshold never declines fewer out-of-scope questions.
    recalls = [row["oos_recall"] for row in rows]
    assert recalls == sorted(recalls)


def test_evaluate_files_sweep(tmp_path: Path) -> None:
    kb = _write_fixture_kb(tmp_path / "kb.csv")
    queries = _write(
        tmp_path / "q.csv", "query,expected_id\n包邮吗,shipping_fee\n火星天气如何,oos\n"
    )
    report = evaluate_files(kb, queries, sweep=True)
    assert tuple(report)[: len(METRIC_KEYS)] == METRIC_KEYS
    assert len(report["sweep"]) == len(SWEEP_THRESHOLDS)
    assert 0.0 <= report["in_scope_accuracy"] <= 1.0
