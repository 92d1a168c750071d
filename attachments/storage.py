"""Encrypted bytes in Django's storage API: the ``attachments`` alias of ``settings.STORAGES``
(the filesystem under MEDIA_ROOT, or an S3-compatible bucket through django-storages).

Each file is one Fernet token under the field-encryption key ring (``core.crypto``): the store
(a disk, a bucket, its backups) only ever holds ciphertext, and key rotation works as for text.
"""

from __future__ import annotations

from cryptography.fernet import InvalidToken
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

from core import crypto


def store() -> Storage:
    return storages["attachments"]


def save(key: str, data: bytes) -> str:
    """Encrypt and store ``data`` under ``key``; returns the key the storage chose."""
    token = crypto.keyring().encrypt(data)
    return store().save(key, ContentFile(token))


def read(key: str) -> bytes:
    with store().open(key, "rb") as handle:
        token = handle.read()
    try:
        return crypto.keyring().decrypt(token)
    except InvalidToken as exc:
        raise crypto.DecryptionError(
            "Stored file cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS."
        ) from exc


def delete(*keys: str) -> None:
    """Delete the stored files; one already gone is not an error (a purge may run twice)."""
    backend = store()
    for key in keys:
        if key:
            backend.delete(key)


def exists(key: str) -> bool:
    return bool(key) and store().exists(key)
