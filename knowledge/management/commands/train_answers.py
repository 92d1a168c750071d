from django.core.management.base import BaseCommand
from tqdm import tqdm

from knowledge.training import train_and_store

STEPS = ["reading", "training", "storing"]


class Command(BaseCommand):
    help = "Train the answer engine on the published knowledge base and put it in service."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--force", action="store_true", help="Train even if nothing changed.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, force: bool, no_progress: bool, **options) -> None:  # type: ignore[no-untyped-def]
        with tqdm(total=len(STEPS), disable=no_progress, file=self.stderr, unit="step") as bar:

            def progress(message: str) -> None:
                bar.set_description(message)
                if any(message.startswith(step) for step in STEPS):
                    bar.update(1)

            stored = train_and_store("manage.py train_answers", force=force, progress=progress)
        if stored is None:
            self.stdout.write(
                "Nothing to do: the model in service is up to date (or nothing is published)."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Answer model v{stored.pk}: {stored.n_entries} entries, "
                    f"{stored.n_questions} questions, threshold {stored.threshold:.2f}, "
                    f"trained in {stored.train_seconds:.1f}s."
                )
            )
