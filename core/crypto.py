"""Encryption of personal data at rest, and keyed blind indexes for equality look-ups.

Field values are Fernet tokens (AES-128-CBC + HMAC-SHA256, random IV). ``FIELD_ENCRYPTION_KEYS``
is a list: the first key encrypts, every key decrypts, which is what makes rotation possible
without downtime. Blind indexes are HMAC-SHA256 under ``BLIND_INDEX_KEY`` plus a per-field
context, so equal phone numbers in two different fields do not produce equal index values.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from functools import lru_cache

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


@lru_cache(maxsize=4)
def _keyring(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    try:
        return MultiFernet([Fernet(key.strip().encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes); "
            "generate one with: python scripts/bootstrap_env.py --print"
        ) from exc


def keyring() -> MultiFernet:
    return _keyring(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    return keyring().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return keyring().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise DecryptionError(
            "Stored value cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS "
            "(was a key removed before rotation finished?)."
        ) from exc


def rotated(token: str) -> str | None:
    """``token`` re-encrypted under the newest key, or None when it already is."""
    primary = Fernet(settings.FIELD_ENCRYPTION_KEYS[0].strip().encode())
    try:
        primary.decrypt(token.encode("ascii"))
        return None
    except InvalidToken:
        pass
    try:
        return keyring().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise DecryptionError(
            "Stored value cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS; "
            "rotation stopped before touching it."
        ) from exc


_NOT_DIGITS_OR_PLUS = re.compile(r"[^\d+]")


def normalize_phone(value: str) -> str:
    """E.164 ("+8613800138000"), so that "138 0013 8000", "+86 138-0013-8000" and
    "008613800138000" find the same customer. Numbers without a country code are read in
    ``settings.PHONE_REGION``; what cannot be parsed keeps just its digits and plus sign."""
    try:
        number = phonenumbers.parse(value, settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return _NOT_DIGITS_OR_PLUS.sub("", value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


NORMALIZERS = {
    "text": lambda value: value.strip(),
    "email": lambda value: value.strip().casefold(),
    "phone": normalize_phone,
}


def blind_index(value: str, *, context: str, normalizer: str = "text") -> str:
    """A deterministic keyed hash of ``value`` for equality look-ups on an encrypted field."""
    normalized = NORMALIZERS[normalizer](value)
    message = f"{context}\x00{normalized}".encode()
    return hmac.new(settings.BLIND_INDEX_KEY.encode(), message, hashlib.sha256).hexdigest()


def connect_settings_signal() -> None:
    from django.core.signals import setting_changed

    def _clear(setting: str, **_: object) -> None:
        if setting == "FIELD_ENCRYPTION_KEYS":
            _keyring.cache_clear()

    setting_changed.connect(_clear, weak=False, dispatch_uid="core.crypto.clear_keyring")
