"""Search keys: which key hashes new rows, and which keys a query must try.

The key of version ``n`` for shop ``s`` is HMAC(``BLIND_INDEX_KEY``, "search:n:s"). The version
comes from the ``SEARCH_KEY_VERSION`` setting, so, like ``FIELD_ENCRYPTION_KEYS``, a rotation is
a configuration change plus a command: raise the version (or change ``BLIND_INDEX_KEY``),
restart, run ``manage.py search_backfill``. Every process then hashes new rows with the new key
from its first message, with no database read on the message path after the first one.

A ``SearchKey`` row stands for one (version, ``BLIND_INDEX_KEY``) pair, told apart by a
fingerprint of the master key; index rows name the ``SearchKey`` they were hashed with. Until the
backfill has re-indexed every row, queries hash their tokens with each live key whose master is
the configured one (rows of a replaced ``BLIND_INDEX_KEY`` cannot be matched until re-indexed).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction

from search.models import SearchKey
from search.tokens import Hasher, derive_key

_current: dict[tuple[int, str], int] = {}


@dataclass(frozen=True)
class LiveKey:
    id: int
    version: int


def configured_version() -> int:
    return int(getattr(settings, "SEARCH_KEY_VERSION", 1))


def fingerprint() -> str:
    """Which ``BLIND_INDEX_KEY`` is configured, without revealing it."""
    return _fingerprint(settings.BLIND_INDEX_KEY)


@lru_cache(maxsize=8)
def _fingerprint(master: str) -> str:
    return hmac.new(master.encode(), b"search-key-fingerprint", hashlib.sha256).hexdigest()[:16]


def clear_cache() -> None:
    _current.clear()


def current_key() -> LiveKey:
    """The key new rows are hashed with (its row is made on first use)."""
    version, print_ = configured_version(), fingerprint()
    key_id = _current.get((version, print_))
    if key_id is None:
        try:
            with transaction.atomic():
                row, _ = SearchKey.objects.get_or_create(version=version, fingerprint=print_)
        except IntegrityError:  # made by another process meanwhile
            row = SearchKey.objects.get(version=version, fingerprint=print_)
        if row.retired_at is not None:  # the configuration went back to an old version
            SearchKey.objects.filter(pk=row.pk).update(retired_at=None)
        key_id = _current[(version, print_)] = row.pk
    return LiveKey(key_id, version)


def searchable_keys() -> list[LiveKey]:
    """The keys a query hashes its tokens with: the current one and any not yet retired
    under the same ``BLIND_INDEX_KEY``."""
    current = current_key()
    others = SearchKey.objects.filter(fingerprint=fingerprint(), retired_at__isnull=True).exclude(
        pk=current.id
    )
    return [current] + [LiveKey(k.pk, k.version) for k in others]


@lru_cache(maxsize=1024)
def _hasher(master: str, shop_id: int, version: int) -> Hasher:
    return Hasher(derive_key(master, shop_id, version))


def hasher(shop_id: int, version: int) -> Hasher:
    return _hasher(settings.BLIND_INDEX_KEY, shop_id, version)
