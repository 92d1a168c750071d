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


# What the web tier needs to serve: without these it is not ready (503). Celery only runs
# background work (deliveries, retraining, reports); a slow or absent worker is reported as
# "degraded" but must not take every web process out of the load balancer.
ESSENTIAL = ("database", "redis")


def run_checks() -> dict[str, Any]:
    checks = {"database": _timed(_database), "redis": _timed(_redis), "celery": _timed(_celery)}
    ok = all(checks[name]["ok"] for name in ESSENTIAL)
    return {"ok": ok, "degraded": not all(c["ok"] for c in checks.values()), "checks": checks}


def public_view(report: dict[str, Any]) -> dict[str, Any]:
    """The report for anyone: up or down per service, no host names, errors, worker names or
    versions (an error text names hosts and ports)."""
    return {
        "ok": report["ok"],
        "degraded": report["degraded"],
        "checks": {name: {"ok": check["ok"]} for name, check in report["checks"].items()},
    }
