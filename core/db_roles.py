"""PostgreSQL roles: the application owns nothing (issue 17 M3).

Two roles, named by the two connection URLs:

* the **owner** (``DATABASE_OWNER_URL``) owns the database, the ``public`` schema, every table,
  sequence and function. Only ``manage.py migrate`` connects as it.
* the **app** (``DATABASE_URL``) is what daphne, Celery and every other command connect as. It
  may read and write the tables, but on the audit trail only ``SELECT`` and ``INSERT``: no
  ``UPDATE``, ``DELETE`` or ``TRUNCATE``, and, not being the owner, it can neither disable the
  append-only trigger nor drop the table.

``manage.py db_roles`` creates both roles with a superuser connection and hands everything
that exists to the owner; :func:`apply_grants` (run by it and after every ``migrate``) gives the
app role its privileges, including default privileges for the tables later migrations create.
Every statement is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from psycopg import sql

AUDIT_TABLES = ("audit_auditevent",)
APP_TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"


@dataclass(frozen=True)
class Role:
    name: str
    password: str


def role_from_url(url: str) -> Role:
    """The user and password of a ``postgres://user:password@host/db`` URL."""
    parts = urlsplit(url)
    if not parts.username:
        raise ValueError(f"{url.split('@')[-1]!r}: the URL names no user.")
    return Role(unquote(parts.username), unquote(parts.password or ""))


def _create_or_update(cursor: Any, role: Role) -> None:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role.name])
    verb = "ALTER" if cursor.fetchone() else "CREATE"
    # Neither role may create roles or databases, nor bypass row security: only the superuser
    # that runs this command can change who may do what.
    options = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS"
    statement = sql.SQL(f"{verb} ROLE {{}} WITH {options} PASSWORD {{}}").format(
        sql.Identifier(role.name), sql.Literal(role.password or None)
    )
    cursor.execute(statement)


def ensure_roles(cursor: Any, database: str, owner: Role, app: Role) -> None:
    """With a superuser ``cursor`` connected to ``database``: create or update both roles and
    make the owner own the database and everything in its ``public`` schema."""
    if owner.name == app.name:
        raise ValueError("The owner and the app must be different roles.")
    _create_or_update(cursor, owner)
    _create_or_update(cursor, app)
    owner_id, app_id = sql.Identifier(owner.name), sql.Identifier(app.name)
    cursor.execute(
        sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(database), owner_id)
    )
    cursor.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(owner_id))
    # Everything the superuser created so far (earlier migrations run as it) moves to the owner.
    cursor.execute(
        """
        SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND pg_get_userbyid(c.relowner) <> %s
        """,
        [owner.name],
    )
    kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    for name, kind in cursor.fetchall():
        # Sequences owned by a column follow their table and may not be moved alone.
        if kind == "S" and _owned_by_column(cursor, name):
            continue
        cursor.execute(
            sql.SQL(f"ALTER {kinds[kind]} {{}} OWNER TO {{}}").format(
                sql.Identifier("public", name), owner_id
            )
        )
    cursor.execute(
        """
        SELECT p.oid::regprocedure::text FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> %s
        """,
        [owner.name],
    )
    for (signature,) in cursor.fetchall():
        cursor.execute(
            sql.SQL("ALTER FUNCTION {} OWNER TO {}").format(sql.SQL(signature), owner_id)
        )
    cursor.execute(
        sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(
            sql.Identifier(database), app_id
        )
    )


def _owned_by_column(cursor: Any, sequence: str) -> bool:
    cursor.execute(
        """
        SELECT 1 FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
        JOIN pg_namespace n ON n.oid = s.relnamespace
        WHERE s.relname = %s AND n.nspname = 'public' AND d.deptype IN ('a', 'i')
          AND d.refobjsubid > 0
        """,
        [sequence],
    )
    return cursor.fetchone() is not None


def apply_grants(cursor: Any, owner: str, app: str) -> None:
    """The app role's privileges, as the owner (or a superuser). Runs after every migration,
    so a table a migration just created is covered too."""
    owner_id, app_id = sql.Identifier(owner), sql.Identifier(app)
    statements = [
        "GRANT USAGE ON SCHEMA public TO {app}",
        "REVOKE CREATE ON SCHEMA public FROM {app}",
        f"GRANT {APP_TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA public TO {{app}}",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT {APP_TABLE_PRIVILEGES} ON TABLES TO {{app}}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        "GRANT USAGE, SELECT ON SEQUENCES TO {app}",
        "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {app}",
    ]
    for statement in statements:
        cursor.execute(sql.SQL(statement).format(owner=owner_id, app=app_id))
    for table in AUDIT_TABLES:
        cursor.execute("SELECT to_regclass(%s)", [f"public.{table}"])
        if cursor.fetchone()[0] is None:
            continue  # not migrated yet; the grants after migrate cover it
        # The audit trail: read and append, nothing else.
        cursor.execute(
            sql.SQL("REVOKE ALL ON {} FROM {}").format(sql.Identifier("public", table), app_id)
        )
        cursor.execute(
            sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(
                sql.Identifier("public", table), app_id
            )
        )
