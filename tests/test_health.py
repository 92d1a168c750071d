"""/healthz reports the real services. A real Celery worker is started for the green case."""

import os
import subprocess
import time

import pytest

from tests.processes import celery_worker

pytestmark = pytest.mark.django_db


def test_without_a_worker_the_web_tier_stays_up_and_loopback_sees_why(client):
    # Design decision (issue 17): Celery runs background work only; a missing or slow worker
    # is "degraded", not a reason for the load balancer to drop every web process.
    response = client.get("/healthz")
    body = response.json()
    assert body["checks"]["database"] == {
        **body["checks"]["database"],
        "ok": True,
        "vendor": "postgresql",
    }
    assert body["checks"]["redis"]["ok"] is True
    if body["checks"]["celery"]["ok"]:
        pytest.fail("a Celery worker is already running against the test broker; stop it")
    assert response.status_code == 200 and body["ok"] is True and body["degraded"] is True
    assert body["checks"]["celery"]["error"] == "no worker answered"


@pytest.mark.multiprocess
def test_health_is_green_with_a_worker_running(client):
    with celery_worker(os.environ.copy(), "healthcheck", subprocess.DEVNULL):
        deadline = time.monotonic() + 60
        while True:
            response = client.get("/healthz")
            if not response.json()["degraded"] or time.monotonic() > deadline:
                break
            time.sleep(1)
        body = response.json()
        assert response.status_code == 200, body
        assert body["ok"] is True
        assert any(name.startswith("healthcheck@") for name in body["checks"]["celery"]["workers"])


def test_health_reports_an_unreachable_redis(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    body = client.get("/healthz").json()
    assert body["ok"] is False
    assert body["checks"]["redis"]["ok"] is False
    assert "Connection" in body["checks"]["redis"]["error"]


def test_the_public_sees_up_or_down_but_no_hosts_or_errors(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.HEALTHZ_TOKEN = "monitor-token"
    public = client.get("/healthz", REMOTE_ADDR="203.0.113.5")
    assert public.status_code == 503
    assert public.json()["checks"]["redis"] == {"ok": False}
    assert "127.0.0.1" not in public.content.decode() and "error" not in public.json()["checks"]
    # A local proxy forwarding an outside request is not "loopback".
    forwarded = client.get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert "error" not in forwarded.json()["checks"]["redis"]
    wrong = client.get("/healthz", REMOTE_ADDR="203.0.113.5", HTTP_AUTHORIZATION="Bearer nope")
    assert "error" not in wrong.json()["checks"]["redis"]
    monitor = client.get(
        "/healthz", REMOTE_ADDR="203.0.113.5", HTTP_AUTHORIZATION="Bearer monitor-token"
    )
    assert "Connection" in monitor.json()["checks"]["redis"]["error"]
