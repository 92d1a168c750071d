"""``manage.py evaluate_answers --kb KB.csv --queries Q.csv [--threshold auto|0.6] [--json]``.

Thin wrapper: all logic (and the metric definitions) lives in ``knowledge.engine.evaluation``.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from knowledge.engine.evaluation import EvaluationInputError, evaluate_files, parse_threshold


class Command(BaseCommand):
    help = "Train the answer engine on a KB CSV and evaluate it on a query CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kb",
            required=True,
            help="id,question,answer[,similar][,category] or text,category CSV",
        )
        parser.add_argument(
            "--queries",
            required=True,
            help="query,expected_id or text,category CSV (empty/oos = unanswerable)",
        )
        parser.add_argument(
            "--threshold",
            default="auto",
            help="'auto' (tuned at training) or a confidence in [0, 1]",
        )
        parser.add_argument("--json", action="store_true", help="print compact JSON only")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            threshold = parse_threshold(options["threshold"])
            report = evaluate_files(options["kb"], options["queries"], threshold)
        except EvaluationInputError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
