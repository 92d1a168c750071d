from django.core.management.base import BaseCommand, CommandParser

from analytics.rollups import recent_days, rollup_day


class Command(BaseCommand):
    help = "Recompute the analytics rollups for the last N days (backfill after an import)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=2)

    def handle(self, *args: object, days: int, **options: object) -> None:
        rows = 0
        for day in recent_days(days):
            rows += rollup_day(day)
        self.stdout.write(f"Rolled up {days} day(s): {rows} shop/channel rows.")
