"""``make run``'s first step, ``scripts/bootstrap_env.py``, on a machine where an earlier
checkout's demo database exists: its data is encrypted with that checkout's keys, so a new
checkout must not point its fresh keys at it (``seed_demo`` then failed with a traceback)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _databases() -> set[str]:
    with psycopg.connect(SERVER, autocommit=True) as db:
        return {row[0] for row in db.execute("SELECT datname FROM pg_database")}


def _drop(name: str) -> None:
    with psycopg.connect(SERVER, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(not shutil.which("psql"), reason="needs the psql client, as make run does")
def test_a_new_checkout_gets_its_own_database_when_the_demo_one_is_taken(tmp_path):
    before = _databases()
    made_demo = "cs_platform" not in before
    if made_demo:  # stands for an earlier checkout's database
        with psycopg.connect(SERVER, autocommit=True) as db:
            db.execute("CREATE DATABASE cs_platform")
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "bootstrap_env.py", checkout / "scripts")
    database = ""
    try:
        result = subprocess.run(
            [sys.executable, "scripts/bootstrap_env.py"],
            cwd=checkout,
            capture_output=True,
            text=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 0, result.stderr
        env = (checkout / ".env").read_text()
        [url] = [line for line in env.splitlines() if line.startswith("DATABASE_URL=")]
        database = url.rsplit("/", 1)[1]
        assert database != "cs_platform" and database.startswith("cs_platform_")
        assert database not in before and database in _databases()  # made for this checkout
        assert "uses a new database" in result.stdout
    finally:
        # Only what this test made: other workers create and drop their own test databases
        # meanwhile.
        if database.startswith("cs_platform_") and database not in before:
            _drop(database)
        if made_demo:
            _drop("cs_platform")
