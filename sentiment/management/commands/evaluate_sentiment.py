"""``manage.py evaluate_sentiment --data FILE``: accuracy / macro-F1 / latency as JSON.
``--neutral FILE`` (one neutral question per line): the share scored negative and the share of
two-question conversations that would escalate, as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sentiment.evaluation import (
    EvaluationDataError,
    evaluate,
    evaluate_neutral,
    read_labelled_csv,
    read_questions,
)
from sentiment.lexicon import LexiconDataMissing
from sentiment.model import ModelFormatError, load_model


class Command(BaseCommand):
    help = (
        "Evaluate the sentiment model on a CSV with columns label,review (1 positive, "
        "0 negative) and print accuracy, macro_f1, n, latency_ms_p50/p99 and "
        "model_load_seconds as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--data", type=Path, help="CSV file: label,review")
        source.add_argument(
            "--neutral",
            type=Path,
            help="text file, one neutral customer question per line: prints the share scored "
            "negative and the false escalations",
        )
        parser.add_argument(
            "--model", type=Path, default=None, help="model artifact (default var/...)"
        )
        parser.add_argument("--limit", type=int, default=None, help="only the first N rows")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit must be a positive number")
        try:
            if options["neutral"] is not None:
                questions = read_questions(options["neutral"])[: options["limit"]]
            else:
                examples = read_labelled_csv(options["data"], limit=options["limit"])
        except EvaluationDataError as exc:
            raise CommandError(str(exc)) from exc
        try:
            model = load_model(options["model"])
        except (LexiconDataMissing, ModelFormatError, OSError) as exc:
            raise CommandError(f"cannot load the sentiment model: {exc}") from exc
        if options["neutral"] is not None:
            report = evaluate_neutral(model, questions)
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        report = evaluate(model, examples)
        report["model_load_seconds"] = round(model.load_seconds or 0.0, 4)
        if model.training_seconds is not None:
            report["training_seconds"] = round(model.training_seconds, 2)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
