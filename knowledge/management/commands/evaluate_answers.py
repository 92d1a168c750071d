"""``manage.py evaluate_answers --kb KB.csv --queries Q.csv [--threshold auto|0.6] [--sweep]
[--json]``, or ``manage.py evaluate_answers --demo [--folds 5] [--json]`` for the demo knowledge
base: top-1 over its regression set (``demo.kb_regression``) and its held-out paraphrase top-1.

``--sweep`` adds the decision figures (``in_scope_accuracy``, ``oos_recall``, ...) for every
threshold 0.05 ... 0.95 under ``"sweep"``, and without ``--json`` prints them as a table too.

Thin wrapper: all logic (and the metric definitions) lives in ``knowledge.engine.evaluation``.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from knowledge.engine.evaluation import (
    EvaluationInputError,
    cross_validate,
    evaluate,
    evaluate_files,
    parse_threshold,
)


class Command(BaseCommand):
    help = "Train the answer engine on a KB CSV and evaluate it on a query CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kb",
            help="id,question,answer[,similar][,category] or text,category CSV",
        )
        parser.add_argument(
            "--queries",
            help="query,expected_id or text,category CSV (empty/oos = unanswerable)",
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help="the demo knowledge base: its regression set and held-out paraphrase top-1",
        )
        parser.add_argument("--folds", type=int, default=5, help="folds of --demo's held-out run")
        parser.add_argument(
            "--threshold",
            default="auto",
            help="'auto' (tuned at training) or a confidence in [0, 1]",
        )
        parser.add_argument(
            "--sweep",
            action="store_true",
            help="also report in_scope_accuracy and oos_recall for thresholds 0.05..0.95",
        )
        parser.add_argument("--json", action="store_true", help="print compact JSON only")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["demo"] == bool(options["kb"] or options["queries"]):
            raise CommandError("Give either --kb and --queries, or --demo.")
        try:
            threshold = parse_threshold(options["threshold"])
            if options["demo"]:
                report = self.demo_report(threshold, options["folds"])
            elif not (options["kb"] and options["queries"]):
                raise CommandError("--kb and --queries go together.")
            else:
                report = evaluate_files(
                    options["kb"], options["queries"], threshold, sweep=options["sweep"]
                )
        except EvaluationInputError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            if report.get("sweep"):
                self.stdout.write(self.sweep_table(report["sweep"]))

    @staticmethod
    def sweep_table(rows: list[dict[str, Any]]) -> str:
        def fmt(value: float | None) -> str:
            return "   -  " if value is None else f"{value:6.4f}"

        lines = ["threshold  in_scope_accuracy  oos_recall  answered_accuracy"]
        for row in rows:
            lines.append(
                f"{row['threshold']:9.2f}  {fmt(row['in_scope_accuracy']):>17}  "
                f"{fmt(row['oos_recall']):>10}  {fmt(row['answered_accuracy']):>17}"
            )
        return "\n".join(lines)

    @staticmethod
    def demo_report(threshold: float | None, folds: int) -> dict[str, Any]:
        from demo.kb_regression import demo_dictionary, demo_specs, regression_queries

        specs = demo_specs()
        synonyms, words = demo_dictionary()
        return {
            "regression": evaluate(
                specs, regression_queries(), threshold, synonyms=synonyms, custom_words=words
            ),
            "held_out_paraphrases": cross_validate(
                specs, folds=folds, synonyms=synonyms, custom_words=words
            ),
        }
