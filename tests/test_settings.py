"""Settings come from the environment: real services when configured, embedded otherwise, and
a clear refusal to start in production mode with a secret missing."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
    "'db': settings.DATABASES['default']['ENGINE'],"
    "'layer': settings.CHANNEL_LAYERS['default']['BACKEND'],"
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER,"
    "'broker': settings.CELERY_BROKER_URL,"
    "'ssl_redirect': settings.SECURE_SSL_REDIRECT,"
    "'session_secure': settings.SESSION_COOKIE_SECURE,"
    "'csrf_secure': settings.CSRF_COOKIE_SECURE,"
    "'hsts': settings.SECURE_HSTS_SECONDS}))"
)
SECRETS = {
    "SECRET_KEY": "x" * 50,
    "FIELD_ENCRYPTION_KEYS": "dGVzdC1rZXktb25lLW5vdC1mb3ItcHJvZHVjdGlvbiE=",
    "BLIND_INDEX_KEY": "index-key",
    "ALLOWED_HOSTS": "shop.example",
}


def run_settings(**overrides: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        # PYTEST_XDIST_WORKER too: the probe reads the settings a deployment gets, not a test
        # worker's (which add the worker's index to the Redis database number).
        if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "HTTPS", "PYTEST_XDIST_WORKER", *SECRETS}
    }
    env.update({"ENV_FILE": "", "DJANGO_SETTINGS_MODULE": "config.settings", **overrides})
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_without_service_urls_the_embedded_default_is_used():
    result = run_settings(**SECRETS)
    assert result.returncode == 0, result.stderr
    probed = json.loads(result.stdout)
    assert probed["db"] == "django.db.backends.sqlite3"
    assert probed["layer"] == "channels.layers.InMemoryChannelLayer"
    assert probed["eager"] is True


def test_service_urls_select_postgresql_and_redis():
    result = run_settings(
        **SECRETS,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/whatever",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.returncode == 0, result.stderr
    probed = json.loads(result.stdout)
    assert probed["db"] == "django.db.backends.postgresql"
    assert probed["layer"] == "config.channel_layer.BlockingPoolRedisChannelLayer"
    assert probed["eager"] is False
    assert probed["broker"] == "redis://127.0.0.1:6379/3"


def test_production_mode_refuses_to_start_without_secrets():
    result = run_settings(SECRET_KEY="only-this-one")
    assert result.returncode != 0
    assert "Missing production settings: FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY, ALLOWED_HOSTS" in (
        result.stderr
    )


def test_debug_mode_starts_with_development_stand_ins():
    result = run_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_https_turns_on_secure_cookies_hsts_and_redirect():
    plain = json.loads(run_settings(**SECRETS).stdout)
    assert (plain["ssl_redirect"], plain["session_secure"], plain["hsts"]) == (False, False, 0)
    secure = json.loads(run_settings(**SECRETS, HTTPS="1").stdout)
    assert secure["ssl_redirect"] and secure["session_secure"] and secure["csrf_secure"]
    assert secure["hsts"] >= 31536000


def test_a_non_postgresql_database_url_is_refused():
    result = run_settings(**SECRETS, DATABASE_URL="mysql://root@127.0.0.1:3306/test")
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


LOG_PROBE = """
import django; django.setup()
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.log import log_response
request = RequestFactory().get("/analytics/")
refused, failed = PermissionDenied("Reports are for supervisors."), ValueError("boom")
for status, error in ((403, refused), (500, failed)):
    try:
        raise error
    except Exception as caught:
        log_response("Refused: %s", request.path, response=HttpResponse(status=status),
                     request=request, exception=caught)
"""


def test_a_refused_request_logs_one_line_and_a_server_error_its_traceback():
    # An agent opening the reports is routine; under DEBUG Django printed it twice, each time
    # with a traceback that reads like a crash in `make run`'s log.
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", *SECRETS}}
    env.update({"ENV_FILE": "", "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"})
    result = subprocess.run(
        [sys.executable, "-c", LOG_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    refused = [line for line in result.stderr.splitlines() if "Refused: /analytics/" in line]
    assert len(refused) == 2, result.stderr  # the 403 and the 500, once each
    assert "PermissionDenied" not in result.stderr
    assert result.stderr.count("Traceback") == 1 and "ValueError: boom" in result.stderr
