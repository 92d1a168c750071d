"""What the desk adds to the chat's hot path: its ``post_save`` receiver on every stored
message (``desk.receivers``).

    .venv/bin/python benchmarks/desk_hot_path.py [--samples 5000]

Uses Redis (``BENCH_REDIS_URL``, default ``redis://127.0.0.1:6379/15``) as the cache, as in
production; no database query is made on these paths. Prints, in microseconds:

- ``customer_message_*``: a customer's message in a conversation that is not snoozed (the common
  case): one cache read of the snooze flag;
- ``agent_note_no_mention_*``: a private note without ``@``: nothing but the check;
- ``mention_parse_*``: finding the ``@names`` in a 200-character note (before the user lookup).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault(
        "REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    )
    os.environ.setdefault("ENV_FILE", "")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from desk.receivers import message_stored
    from desk.services.mentions import names_in

    def timed(call) -> list[float]:
        call()  # warm-up (connection pool)
        out = []
        for _ in range(args.samples):
            start = time.perf_counter()
            call()
            out.append((time.perf_counter() - start) * 1e6)
        return out

    customer = SimpleNamespace(sender="customer", conversation_id=987_654_321, is_private=False)
    note = SimpleNamespace(sender="agent", is_private=True, text="customer sent photos " * 10)
    text = ("please check the refund for order LM7788 " * 4) + "@tao @mei thanks"
    figures = {}
    for name, call in (
        ("customer_message", lambda: message_stored(None, customer, True)),
        ("agent_note_no_mention", lambda: message_stored(None, note, True)),
        ("mention_parse", lambda: names_in(text)),
    ):
        samples = timed(call)
        figures[f"{name}_p50_us"] = round(statistics.median(samples), 1)
        figures[f"{name}_p95_us"] = round(percentile(samples, 0.95), 1)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
