"""Masked contact details for staff screens.

Agents need to recognise a number or an address when a customer reads it out ("the one ending
in 8000"), never to copy it: the full value stays encrypted in the database and only these
masked forms leave the server.
"""

from __future__ import annotations

import re

MASK = "*"
# A country code is only trusted when the number spells it out: "+86 138…", "+1-415…".
_COUNTRY_CODE = re.compile(r"^\+\s*(\d{1,3})[\s\-.()/]")
# Without a separator the split is ambiguous, except for the common Chinese mobile form.
_CN_MOBILE = re.compile(r"^\+86(1\d{10})$")


def _mask_digits(digits: str) -> str:
    """Keep the first 3 and last 4 digits of a full-length number; show less of short ones,
    so that at least four digits (or, for tiny numbers, all of them) are always hidden."""
    n = len(digits)
    if n >= 11:
        head, tail = 3, 4
    elif n >= 8:
        head, tail = 0, 4
    elif n >= 5:
        head, tail = 0, 2
    else:
        head, tail = 0, 0
    return digits[:head] + MASK * (n - head - tail) + digits[n - tail :]


def mask_phone(value: str | None) -> str:
    """``"+86 138-0013-8000"`` → ``"+86 138****8000"``; ``""`` when there is no number."""
    if not value:
        return ""
    text = value.strip()
    digits = re.sub(r"\D", "", text)
    if not digits:
        return ""
    country = ""
    if match := _COUNTRY_CODE.match(text):
        country = match.group(1)
    elif match := _CN_MOBILE.match(text):
        country = "86"
    national = digits[len(country) :]
    if country and national:
        return f"+{country} {_mask_digits(national)}"
    prefix = "+" if text.startswith("+") else ""
    return prefix + _mask_digits(digits)


def mask_email(value: str | None) -> str:
    """``"alice@example.com"`` → ``"a***@example.com"``; ``""`` when there is no address.

    The mask has a fixed length so it does not give away how long the name is; something that
    is not an address at all is hidden entirely."""
    if not value:
        return ""
    text = value.strip()
    if not text:
        return ""
    local, at, domain = text.rpartition("@")
    if not at or not domain.strip():
        return MASK * 3
    first = local[:1] if local[:1].isalnum() else ""
    return f"{first}{MASK * 3}@{domain.strip()}"
