"""``migrate`` as the owner role (issue 17 M3).

With ``DATABASE_OWNER_URL`` set, the schema changes run as that role, so the role the app
connects as (``DATABASE_URL``) never needs to own a table; afterwards the app role gets its
privileges on whatever the migrations created (``core.db_roles.apply_grants``). Without it
(SQLite, the test suite, a single-role setup) this is Django's ``migrate`` unchanged.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS, connections

from core.db_roles import apply_grants, role_from_url


class Command(DjangoMigrate):
    def handle(self, *args: Any, **options: Any) -> None:
        owner_url = getattr(settings, "DATABASE_OWNER_URL", "")
        alias = options.get("database") or DEFAULT_DB_ALIAS
        connection = connections[alias]
        if not owner_url or alias != DEFAULT_DB_ALIAS or connection.vendor != "postgresql":
            super().handle(*args, **options)
            return
        owner = role_from_url(owner_url)
        app = connection.settings_dict["USER"]
        saved = {k: connection.settings_dict[k] for k in ("USER", "PASSWORD")}
        connection.close()
        connection.settings_dict.update(USER=owner.name, PASSWORD=owner.password)
        try:
            super().handle(*args, **options)
            with connection.cursor() as cursor:
                apply_grants(cursor, owner.name, app)
        finally:
            connection.close()
            connection.settings_dict.update(saved)
