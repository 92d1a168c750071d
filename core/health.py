"""Reachability checks for the services the product depends on, reported by ``/healthz``."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection

Check = dict[str, Any]


def _timed(probe: Callable[[], Check]) -> Check:
    started = time.perf_counter()
    try:
        result = probe()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable", reported as such
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    result["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def _redis() -> Check:
    if not settings.REDIS_URL:
        return {"ok": True, "mode": "embedded (in-memory channel layer)"}
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    finally:
        client.close()
    return {"ok": True, "mode": "redis"}


def _celery() -> Check:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager (tasks run in the web process)"}
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=1)
    replies = app.control.ping(timeout=0.5) or []
    workers = sorted(name for reply in replies for name in reply)
    if not workers:
        return {"ok": False, "mode": "worker", "workers": [], "error": "no worker answered"}
    return {"ok": True, "mode": "worker", "workers": workers}


def run_checks() -> dict[str, Any]:
    checks = {"database": _timed(_database), "redis": _timed(_redis), "celery": _timed(_celery)}
    return {"ok": all(c["ok"] for c in checks.values()), "checks": checks}
