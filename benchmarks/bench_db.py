"""What the database-backed benchmarks share: a throw-away database, recreated each run, and
the environment that points Django at it."""

from __future__ import annotations

import os


def recreate_database(database_url: str, **environment: str) -> None:
    """Drop and create the database in ``database_url`` (never another one), then set the
    Django environment for it; ``environment`` adds or overrides variables."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ.update(
        ENV_FILE="",
        DEBUG="1",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DB_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
        **environment,
    )
