"""Issue 17 M3, database side: the app's role owns nothing and can only read and append the
audit trail; `migrate` runs as the owner role (`manage.py db_roles` sets both up)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="roles are a PostgreSQL feature",
)


def _url(user: str, password: str, database: str) -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{user}:{password}@{db['HOST']}:{db['PORT'] or 5432}/{database}"


@pytest.fixture
def scratch():
    """An empty database and two role names of its own, all dropped afterwards."""
    suffix = secrets.token_hex(4)
    database, owner, app = f"cs_roles_{suffix}", f"cs_owner_{suffix}", f"cs_app_{suffix}"
    db = settings.DATABASES["default"]
    admin = _url(db["USER"], db.get("PASSWORD") or "", "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    try:
        yield database, owner, app
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for role in (app, owner):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_app_role_can_append_to_the_audit_trail_and_nothing_more(scratch):
    database, owner, app = scratch
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "ENV_FILE": "",
        "DATABASE_URL": _url(app, "app-pw", database),
        "DATABASE_OWNER_URL": _url(owner, "owner-pw", database),
    }
    superuser = _url(db["USER"], db.get("PASSWORD") or "", database)
    _manage(env, "db_roles", "--superuser-url", superuser)
    _manage(env, "migrate", "--noinput", "-v0")

    with psycopg.connect(superuser) as conn:
        owners = conn.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    assert owners == [(owner,)]  # migrate ran as the owner: the app owns no table

    with psycopg.connect(_url(app, "app-pw", database), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO audit_auditevent (created_at, actor_repr, actor_role, action, "
            "object_type, object_id, object_repr, changes, prev_hash, hash) "
            "VALUES (now(), '', '', 'test.append', '', '', '', '{}', %s, %s)",
            ["0" * 64, "f" * 64],
        )
        assert conn.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] >= 1
        refused = [
            "DELETE FROM audit_auditevent",
            "TRUNCATE audit_auditevent",
            "UPDATE audit_auditevent SET action = 'x'",
            "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
            "DROP TABLE audit_auditevent",
            "CREATE TABLE sneaky (x int)",
        ]
        for statement in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        # Everything else is the app's to read and write.
        conn.execute("DELETE FROM django_session")
        conn.execute("SELECT count(*) FROM knowledge_entry")


def test_without_an_owner_url_db_roles_changes_nothing():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("db_roles", stdout=out)
    assert "nothing to do" in out.getvalue()
