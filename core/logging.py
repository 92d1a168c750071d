"""Logging pieces named by ``LOGGING`` in config/settings.py."""

from __future__ import annotations

import logging


class RefusedRequestFilter(logging.Filter):
    """A refused request (a 4xx: someone opening a page their role may not see, a bad link) is
    routine: Django logs it with the exception's traceback, which reads like a crash in the
    server log. Keep the one line; 5xx records keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
