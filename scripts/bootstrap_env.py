#!/usr/bin/env python3
"""Create the local ``.env`` for ``make run``: fresh random keys, DEBUG on, and the real
PostgreSQL / Redis when they answer on loopback (else the embedded SQLite + in-memory default).

An existing ``.env`` is never overwritten: its keys decrypt the data already stored.
Standard library only, because it runs before the virtualenv has anything installed.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ENV_PATH = Path(__file__).resolve().parent.parent / ".env"
DEMO_DATABASE = "cs_platform"


def fresh_keys() -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "BLIND_INDEX_KEY": secrets.token_urlsafe(32),
    }


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def unused_database_name(existing: set[str]) -> str:
    """``cs_platform``, or ``cs_platform_2``, ``_3``… when it is taken. A database that exists
    already belongs to another ``.env`` (another checkout, or one deleted): its data is
    encrypted with that file's keys, which the fresh keys written here cannot decrypt."""
    name, n = DEMO_DATABASE, 1
    while name in existing:
        n += 1
        name = f"{DEMO_DATABASE}_{n}"
    return name


def _postgres_url() -> str | None:
    if not _answers("127.0.0.1", 5432) or not shutil.which("psql"):
        return None
    base = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc"]
    try:
        existing = set(
            subprocess.run(
                [*base, "SELECT datname FROM pg_database"],
                capture_output=True,
                text=True,
                check=True,
                timeout=10,
            ).stdout.split()
        )
        name = unused_database_name(existing)
        subprocess.run(
            [*base, f"CREATE DATABASE {name}"], check=True, timeout=10, capture_output=True
        )
    except (subprocess.SubprocessError, OSError):
        return None
    if name != DEMO_DATABASE:
        print(
            f"Database {DEMO_DATABASE} exists already, encrypted with another .env's keys: "
            f"this checkout uses a new database, {name}."
        )
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def role_urls(superuser_url: str) -> list[str]:
    """The app connects as ``cs_app`` and migrations run as ``cs_owner`` (issue 17 M3: the app
    role owns nothing and cannot rewrite the audit trail); ``manage.py db_roles``, which
    ``make run`` calls next, creates both roles with these passwords."""
    host_and_db = superuser_url.split("@", 1)[1]
    return [
        f"DATABASE_URL=postgres://cs_app:{secrets.token_urlsafe(24)}@{host_and_db}",
        f"DATABASE_OWNER_URL=postgres://cs_owner:{secrets.token_urlsafe(24)}@{host_and_db}",
    ]


def upgrade_to_roles(path: Path) -> bool:
    """An older ``.env`` that connects as the local superuser gets the two roles instead;
    every other line (the keys above all) stays as it is."""
    lines = path.read_text().splitlines()
    current = [line for line in lines if line.startswith("DATABASE_URL=postgres://postgres@")]
    if not current or any(line.startswith("DATABASE_OWNER_URL=") for line in lines):
        return False
    superuser_url = current[0].partition("=")[2]
    kept = [line for line in lines if not line.startswith("DATABASE_URL=")]
    path.write_text("\n".join([*kept, *role_urls(superuser_url)]) + "\n")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--print", action="store_true", help="print fresh keys and exit")
    args = parser.parse_args()
    if args.print:
        for name, value in fresh_keys().items():
            print(f"{name}={value}")
        return 0
    if ENV_PATH.exists():
        if upgrade_to_roles(ENV_PATH):
            print(f"Using existing {ENV_PATH.name}, now with separate owner and app roles")
        else:
            print(f"Using existing {ENV_PATH.name}")
        return 0
    lines = [f"{k}={v}" for k, v in fresh_keys().items()]
    lines += ["DEBUG=1", "ALLOWED_HOSTS=localhost,127.0.0.1,[::1]"]
    database_url = os.environ.get("DATABASE_URL")
    if database_url:
        lines.append(f"DATABASE_URL={database_url}")
    elif superuser_url := _postgres_url():
        database_url = superuser_url
        lines += role_urls(superuser_url)
    redis_url = os.environ.get("REDIS_URL") or (
        "redis://127.0.0.1:6379/0" if _answers("127.0.0.1", 6379) else None
    )
    if redis_url:
        lines.append(f"REDIS_URL={redis_url}")
    ENV_PATH.write_text("\n".join(lines) + "\n")
    ENV_PATH.chmod(0o600)
    print(
        f"Wrote {ENV_PATH.name}: database={'PostgreSQL' if database_url else 'SQLite (embedded)'}, "
        f"channels/celery={'Redis' if redis_url else 'in-memory / eager (embedded)'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
