"""Checks on text from outside before it reaches the database."""

from __future__ import annotations

from typing import Any


def storable(value: Any) -> bool:
    """False when a string anywhere in ``value`` holds NUL or a lone surrogate (a JSON
    ``\\u0000``/``\\ud800`` escape): PostgreSQL can store neither."""
    stack = [value]
    while stack:  # iterative: the JSON may be nested almost as deep as the recursion limit
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return False
            try:
                item.encode()
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True
