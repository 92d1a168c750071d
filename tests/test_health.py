"""/healthz reports the real services. A real Celery worker is started for the green case."""

import os
import subprocess
import time

import pytest

from tests.processes import celery_worker

pytestmark = pytest.mark.django_db


def test_health_is_503_and_names_celery_when_no_worker_answers(client):
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
    assert response.status_code == 503
    assert body["checks"]["celery"]["error"] == "no worker answered"


@pytest.mark.multiprocess
def test_health_is_green_with_a_worker_running(client):
    with celery_worker(os.environ.copy(), "healthcheck", subprocess.DEVNULL):
        deadline = time.monotonic() + 60
        while True:
            response = client.get("/healthz")
            if response.status_code == 200 or time.monotonic() > deadline:
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
