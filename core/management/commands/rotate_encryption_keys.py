from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from audit.services import record
from core import crypto
from core.rotation import count_rows, rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt all encrypted personal data under the first key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, batch_size: int, no_progress: bool, **options) -> None:  # type: ignore[no-untyped-def]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        with tqdm(total=count_rows(), unit="row", disable=no_progress, file=self.stderr) as bar:
            try:
                report = rotate_all(batch_size=batch_size, on_rows=bar.update)
            except crypto.DecryptionError as exc:
                raise CommandError(str(exc)) from exc
        record(
            "security.encryption_keys_rotated",
            changes={"values_rotated": report.values_rotated, "per_model": report.per_model},
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Rotated {report.values_rotated} values in {report.rows_seen} rows "
                f"({', '.join(f'{k}: {v}' for k, v in report.per_model.items()) or 'no models'})."
            )
        )
