"""Build the search index for stored messages and customers.

    manage.py search_backfill

Indexes every message and customer that has no index row under the current search key, and
re-indexes rows of older keys. Key rotation: raise ``SEARCH_KEY_VERSION`` (or change
``BLIND_INDEX_KEY``), restart the processes, run this; searches keep finding rows of the old
key (while ``BLIND_INDEX_KEY`` is unchanged) until it is retired at the end.

Resumable: stopped midway (Ctrl-C, a crash), the next run goes on after the last batch done.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from search import backfill, keys


class Command(BaseCommand):
    help = "Build or rebuild the keyed search index (resumable, with a progress bar)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        batch = options["batch_size"]
        if batch < 1:
            raise CommandError("--batch-size must be at least 1.")
        key = keys.current_key()
        with tqdm(
            total=backfill.pending_messages(),
            unit="msg",
            desc="messages",
            disable=options["no_progress"],
            file=self.stderr,
        ) as bar:
            report = backfill.run(batch, on_batch=bar.update)
        if report.resumed_from:
            self.stdout.write(f"Went on after message {report.resumed_from}.")
        self.stdout.write(
            f"Indexed {report.messages_indexed} of {report.messages_seen} messages read and "
            f"{report.customers_indexed} customers under search key version {key.version}."
            + (f" Retired keys: {', '.join(map(str, report.retired))}." if report.retired else "")
        )
