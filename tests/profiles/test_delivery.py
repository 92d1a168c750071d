"""Issue 17 L7: with DEBUG off, codes and order statuses never end up in the logs."""

import logging
import os
import subprocess
import sys
from pathlib import Path

from django.test import override_settings

from profiles.checks import real_delivery_backends
from profiles.delivery import send_email, send_sms

CODE = "493817"


def test_the_console_sms_backend_logs_only_a_redacted_line_without_debug(caplog):
    with caplog.at_level(logging.INFO, logger="profiles.delivery"):
        send_sms("+8613800138000", f"Your code is {CODE}")
    text = caplog.text
    assert CODE not in text and "13800138000" not in text
    assert "NOT sent" in text and "SMS_BACKEND" in text


@override_settings(EMAIL_BACKEND="profiles.delivery.RedactedConsoleEmailBackend")
def test_the_default_e_mail_backend_without_debug_logs_no_body(caplog):
    with caplog.at_level(logging.INFO, logger="profiles.delivery"):
        send_email("mei@example.com", "Your order", f"Your code is {CODE}")
    assert CODE not in caplog.text and "mei@example.com" not in caplog.text
    assert "EMAIL_BACKEND" in caplog.text


def test_without_debug_the_default_e_mail_backend_is_the_redacted_one():
    env = {k: v for k, v in os.environ.items() if k != "EMAIL_BACKEND"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'config.settings'); django.setup(); from django.conf import settings; "
            "print(settings.EMAIL_BACKEND)",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env={**env, "DEBUG": "0", "ENV_FILE": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "profiles.delivery.RedactedConsoleEmailBackend", result.stderr


def test_the_deploy_check_warns_about_console_backends():
    ids = {m.id for m in real_delivery_backends()}
    assert ids == {"profiles.W001"}
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        SMS_BACKEND="profiles.delivery.FileSmsBackend",
    ):
        assert real_delivery_backends() == []
