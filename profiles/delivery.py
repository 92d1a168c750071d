"""Sending one-time codes to a customer's phone or e-mail.

E-mail goes through Django's mail backends. SMS goes through ``settings.SMS_BACKEND``, a class
with ``send(to, text)``, chosen the same way: the console backend for a local run, a file
backend for tests that run the server in another process, an in-memory outbox for tests in the
same process. A real SMS gateway is one more class with the same method.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Protocol

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.module_loading import import_string

from profiles.masking import mask_email, mask_phone

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, to: str, text: str) -> None: ...


def _withheld(kind: str, to: str, text: str, setting: str) -> None:
    # Outside DEBUG a log is no place for a one-time code or an order status (issue 17 L7):
    # say that something was not sent, to whom (masked), and what to configure.
    logger.warning(
        "%s to %s NOT sent (%d characters withheld): DEBUG is off and %s is a console "
        "backend; configure a real one.",
        kind,
        mask_email(to) if "@" in to else mask_phone(to),
        len(text),
        setting,
    )


class ConsoleSmsBackend:
    """Prints the text with DEBUG on (the demo's codes in the `make run` log); otherwise
    logs only a redacted line."""

    def send(self, to: str, text: str) -> None:
        if not settings.DEBUG:
            _withheld("SMS", to, text, "SMS_BACKEND")
            return
        logger.info("SMS to %s: %s", to, text)


class RedactedConsoleEmailBackend(BaseEmailBackend):
    """The default e-mail backend with DEBUG off: nothing is printed but a redacted line."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            for to in message.recipients():
                _withheld("E-mail", to, message.body, "EMAIL_BACKEND")
        return 0


class FileSmsBackend:
    """One file per message in ``settings.SMS_FILE_PATH``: first line the number, then text."""

    def send(self, to: str, text: str) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{time.time_ns()}.txt").write_text(f"{to}\n{text}\n", encoding="utf-8")


class LocmemSmsBackend:
    outbox: ClassVar[list[tuple[str, str]]] = []

    def send(self, to: str, text: str) -> None:
        self.outbox.append((to, text))


def send_sms(to: str, text: str) -> None:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    backend.send(to, text)


def send_email(to: str, subject: str, text: str) -> None:
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
