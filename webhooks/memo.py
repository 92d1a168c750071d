"""A per-process memo in front of the shared cache for values read on every chat message (a
shop's subscribed event types, its bot setting): a dictionary look-up instead of a Redis round
trip. Entries live ``seconds``; a change made in this process drops them at once, one made in
another process is seen here within ``seconds``."""

from __future__ import annotations

import threading
import time
from typing import Any

MISSING = object()


class LocalMemo:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._values: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        entry = self._values.get(key)
        if entry is None or entry[0] < time.monotonic():
            return MISSING
        return entry[1]

    def set(self, key: Any, value: Any) -> None:
        with self._lock:
            self._values[key] = (time.monotonic() + self.seconds, value)

    def forget(self, key: Any) -> None:
        with self._lock:
            self._values.pop(key, None)
