"""Sending one-time codes to a customer's phone or e-mail.

E-mail goes through Django's mail backends. SMS goes through ``settings.SMS_BACKEND``, a class
with ``send(to, text)``, chosen the same way: the console backend for a local run, a file
backend for tests that run the server in another process, an in-memory outbox for tests in the
same process. A real SMS gateway is one more class with the same method.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import ClassVar, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, to: str, text: str) -> None: ...


class ConsoleSmsBackend:
    def send(self, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to, text)


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
