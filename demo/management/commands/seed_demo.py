from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import ROLE_LABELS
from demo.seed import seed_all
from demo.users import DEMO_USERS


class Command(BaseCommand):
    help = (
        "Create the demo data: staff for every role, a demo shop, its knowledge base. Idempotent."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--list", action="store_true", help="Only print the demo log-ins.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow seeding with DEBUG off (never in production).",
        )

    def handle(self, *args, list: bool, force: bool, **options) -> None:  # type: ignore[no-untyped-def]
        if list:
            for demo in DEMO_USERS:
                self.stdout.write(
                    f"{demo.username:<11} {demo.password:<22} {ROLE_LABELS[demo.role]}"
                )
            return
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo users with known passwords while DEBUG is off. "
                "Use --force only on a throw-away installation."
            )
        report = seed_all()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {report.users} users, {report.entries} knowledge entries and "
                f"{report.history} past conversations created; answer model "
                f"{'v' + str(report.model_version) if report.model_version else 'unchanged'}."
            )
        )
