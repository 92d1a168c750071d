"""Deployment check: one-time codes and order statuses need a real way out (issue 17 L7)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

CONSOLE_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "profiles.delivery.RedactedConsoleEmailBackend",
    "profiles.delivery.ConsoleSmsBackend",
}


@register(Tags.security, deploy=True)
def real_delivery_backends(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    return [
        Warning(
            f"{name} is a console backend: with DEBUG off it sends nothing and only logs a "
            "redacted line, so customers get no one-time codes.",
            hint=f"Set {name} to a real gateway (SMTP for e-mail, an SMS provider's class).",
            id="profiles.W001",
        )
        for name in ("EMAIL_BACKEND", "SMS_BACKEND")
        if getattr(settings, name) in CONSOLE_BACKENDS
    ]
