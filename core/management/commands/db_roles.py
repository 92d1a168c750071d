"""Create the PostgreSQL owner and app roles and hand the schema to the owner (issue 17 M3)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from audit.models import AuditEvent
from audit.services import record
from core.db_roles import apply_grants, ensure_roles, role_from_url


def _default_superuser_url(app_url: str) -> str:
    """The same server and database as the app, as the local ``postgres`` superuser."""
    parts = urlsplit(app_url)
    netloc = f"postgres@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class Command(BaseCommand):
    help = (
        "PostgreSQL only: create the owner role (DATABASE_OWNER_URL, used by migrate) and the "
        "app role (DATABASE_URL), make the owner own everything, and give the app role read/"
        "write on the tables but only SELECT and INSERT on the audit trail. Idempotent; "
        "`make run` calls it. Does nothing on SQLite or when DATABASE_OWNER_URL is not set."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--superuser-url",
            help="a superuser connection to the same database "
            "(default: user postgres on the DATABASE_URL's host and database)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        app_url, owner_url = settings.DATABASE_URL, settings.DATABASE_OWNER_URL
        if not app_url or not owner_url:
            self.stdout.write(
                "db_roles: nothing to do (needs PostgreSQL with DATABASE_URL and "
                "DATABASE_OWNER_URL; the app connects as whatever DATABASE_URL says)."
            )
            return
        try:
            owner, app = role_from_url(owner_url), role_from_url(app_url)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        database = settings.DATABASES["default"]["NAME"]
        superuser_url = options["superuser_url"] or _default_superuser_url(app_url)
        try:
            with psycopg.connect(superuser_url, autocommit=False) as conn, conn.cursor() as cur:
                cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                if not cur.fetchone()[0]:
                    raise CommandError("--superuser-url must connect as a superuser.")
                ensure_roles(cur, database, owner, app)
                apply_grants(cur, owner.name, app.name)
        except psycopg.Error as exc:
            raise CommandError(f"db_roles failed: {exc}") from exc
        if AuditEvent._meta.db_table in connection.introspection.table_names():
            # (Before the first migrate there is no trail to write to yet.)
            self._record(database, owner.name, app.name)
        self.stdout.write(
            self.style.SUCCESS(
                f"Roles ready: {owner.name} owns {database}; {app.name} reads and writes, "
                "and may only SELECT and INSERT on the audit trail."
            )
        )

    def _record(self, database: str, owner: str, app: str) -> None:
        record(
            "core.db_roles_applied",
            object_type="database",
            object_id=database,
            changes={"owner": owner, "app": app},
        )
