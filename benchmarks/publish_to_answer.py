"""Publish to answer: from an editor's *Publish* in the admin until every running daphne answers
the new entry, on the demo knowledge base.

    .venv/bin/python benchmarks/publish_to_answer.py [--daphnes 2] [--rounds 3]

Self-contained: recreates the database ``BENCH_DATABASE_URL`` (default
``cs_platform_bench_publish``; only ``cs_platform_bench*`` names are accepted), empties Redis
database 8 (``BENCH_REDIS_URL``), migrates, seeds the demo shop and knowledge base, trains the
first model, starts ``--daphnes`` daphne processes and one Celery worker (prefork, one child,
as ``celery -A config worker`` runs in production) and stops them at the end, always.

Each round creates a draft entry with a new question and an answer carrying a unique marker,
then runs the admin's *Publish* action on it (a real POST to ``/admin/knowledge/entry/``
through Django's test client, so the same code path as an editor: status change, audit,
on-commit retrain through the broker). From that moment every daphne is probed
continuously: a fresh customer socket asks the new question (a fresh one each time, so that
"not answered yet" never hands the probe over to a person); the round ends when each daphne
has answered with the new answer. Printed as JSON:

* ``publish_request_ms``: the admin POST (the editor waits for this);
* ``model_stored_s``: until the new ``AnswerModel`` row exists (training + storing);
* ``train_seconds``: the engine's own training time, as stored on the row;
* ``answer_s``: per daphne, until its first probe answered with the new text;
* ``publish_to_answer_s``: the slowest daphne (the figure the target is about: <= 5 s);
* ``probe_ms``: how long one probe takes; with ``--probe-interval`` (0.2 s) between the starts
  of two probes of a daphne, the resolution of ``answer_s``.

The first round runs on a worker that has not trained yet (cold imports); ``summary`` gives
the median and the maximum over all rounds and over the warm ones (round 2 on).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BENCH_DB = "postgres://postgres@127.0.0.1:5432/cs_platform_bench_publish"
DEFAULT_BENCH_REDIS = "redis://127.0.0.1:6379/8"
ORIGIN_HOST = "127.0.0.1"

# New entries published one per round: questions the demo knowledge base does not answer.
NEW_ENTRIES = [
    (
        "Do you engrave names on the brass candle holders?",
        ["can you engrave my candle holder", "personalised engraving on candlesticks"],
        "en",
    ),
    (
        "可以开通企业月结账户吗",
        ["公司采购能月结吗", "企业客户怎么月结付款"],
        "zh-Hans",
    ),
    (
        "Do you rent furniture for film shoots?",
        ["can I hire your sofas for a photo shoot", "props rental for filming"],
        "en",
    ),
    (
        "门店可以代收快递吗",
        ["你们店能帮忙收快递吗", "代收包裹服务"],
        "zh-Hans",
    ),
    (
        "Can I book a colour consultation for my living room?",
        ["interior colour advice appointment", "help choosing paint colours"],
        "en",
    ),
]


# --- the platform ----------------------------------------------------------------------------


def prepare(database_url: str, redis_url: str) -> dict[str, str]:
    """Recreate the bench database, empty the bench Redis db, migrate, seed the demo shop and
    knowledge base, train the first model. Returns the server processes' environment."""
    import psycopg
    import redis

    name = database_url.rsplit("/", 1)[1]
    if not name.startswith("cs_platform_bench"):
        raise SystemExit(f"refusing to recreate {name!r}: not a cs_platform_bench* database")
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(redis_url).flushdb()
    env = {
        "ENV_FILE": "",
        "DEBUG": "0",
        "SECRET_KEY": "publish-benchmark-secret-key-not-for-production",
        "FIELD_ENCRYPTION_KEYS": "ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTMyYnk=",
        "BLIND_INDEX_KEY": "publish-benchmark-blind-index-key",
        # testserver: the admin POST goes through Django's test client in this process.
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CHANNEL_LAYER_PREFIX": "publishbench",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from demo.seed import seed_knowledge, seed_shop
    from knowledge.training import train_and_store

    seed_shop()
    seed_knowledge()
    train_and_store("benchmarks/publish_to_answer.py seed")
    return {**os.environ, **env}


def make_draft(round_no: int, token: str) -> tuple[int, str, str]:
    """A draft entry for this round: (pk, question to ask, marker its answer carries)."""
    from django.contrib.auth import get_user_model

    from knowledge.models import Category, Entry, SimilarQuestion, Status
    from knowledge.services import record_entry_change

    question, similar, language = NEW_ENTRIES[round_no % len(NEW_ENTRIES)]
    marker = f"bench-{token}"
    user = get_user_model().objects.get(username="bench-admin")
    entry = Entry.objects.create(
        question=question,
        answer=f"<p>New answer {marker}</p>",
        category=Category.objects.order_by("id").first(),
        language=language,
        status=Status.DRAFT,
    )
    SimilarQuestion.objects.bulk_create(SimilarQuestion(entry=entry, text=t) for t in similar)
    record_entry_change(entry, user, "created", retrain=False)
    return entry.pk, question, marker


def admin_client() -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client


def publish(client: Any, entry_id: int) -> float:
    """The admin's Publish action on one entry; returns the request's duration in ms."""
    started = time.perf_counter()
    response = client.post(
        "/admin/knowledge/entry/",
        {"action": "publish", "_selected_action": [str(entry_id)], "index": "0"},
    )
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 302:
        raise SystemExit(f"the Publish action answered {response.status_code}")
    return elapsed


def latest_model() -> tuple[int, float] | None:
    from knowledge.models import AnswerModel

    row = AnswerModel.objects.order_by("-id").values_list("id", "train_seconds").first()
    return (row[0], row[1]) if row else None


# --- probing the daphnes ---------------------------------------------------------------------


async def ask_once(ws_base: str, site: str, question: str, timeout: float) -> str | None:
    """A fresh customer socket asks ``question``; the bot's answer text, or None when the bot
    did not answer it (unsure, handed over, nothing within ``timeout``)."""
    from websockets.asyncio.client import connect

    deadline = time.monotonic() + timeout
    origin = f"http://{ORIGIN_HOST}:{ws_base.rsplit(':', 1)[1]}"
    async with connect(
        f"{ws_base}/ws/chat/{site}/", origin=origin, proxy=None, open_timeout=timeout
    ) as ws:
        await ws.send(json.dumps({"type": "hello", "language": "en"}))
        while (
            json.loads(await asyncio.wait_for(ws.recv(), deadline - time.monotonic()))["type"]
            != "welcome"
        ):
            pass
        client_id = f"probe-{uuid.uuid4().hex}"
        await ws.send(json.dumps({"type": "message", "client_id": client_id, "text": question}))
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            frame = json.loads(await asyncio.wait_for(ws.recv(), remaining))
            if frame.get("type") == "message" and frame.get("sender") == "bot":
                answered = bool(frame.get("payload", {}).get("entry_id"))
                return str(frame.get("text", "")) if answered else None
            if frame.get("type") == "status" and frame.get("status") in ("waiting", "assigned"):
                return None


async def until_answered(
    ws_base: str, site: str, question: str, marker: str, t0: float, args: argparse.Namespace
) -> tuple[float | None, list[float]]:
    """Probe one daphne until it answers with ``marker``: (seconds since ``t0``, probe ms)."""
    probes: list[float] = []
    next_probe = time.perf_counter()
    while time.perf_counter() - t0 < args.limit:
        # Spaced probes: each one is a whole conversation (stored, scored, answered), and a
        # flood of them would slow the retrain that is being measured.
        await asyncio.sleep(max(0.0, next_probe - time.perf_counter()))
        started = time.perf_counter()
        next_probe = started + args.probe_interval
        try:
            text = await ask_once(ws_base, site, question, timeout=10)
        except (OSError, TimeoutError) as exc:
            print(f"probe of {ws_base} failed: {exc!r}", file=sys.stderr)
            await asyncio.sleep(0.2)
            continue
        now = time.perf_counter()
        probes.append((now - started) * 1000)
        if text and marker in text:
            return round(now - t0, 2), probes
    return None, probes


async def warm_up(urls: list[str], site: str, seconds: float = 120) -> None:
    """Until each daphne has answered a demo question: it loads its model on first use."""
    deadline = time.monotonic() + seconds
    for url in urls:
        while await ask_once(url, site, "下单后多久发货？", timeout=30) is None:
            if time.monotonic() > deadline:
                raise SystemExit(f"{url} did not answer a demo question within {seconds:.0f} s")
            await asyncio.sleep(0.5)


def one_round(
    round_no: int, client: Any, urls: list[str], site: str, args: argparse.Namespace
) -> dict[str, Any]:
    before = latest_model()
    entry_id, question, marker = make_draft(round_no, uuid.uuid4().hex[:8])
    t0 = time.perf_counter()
    request_ms = publish(client, entry_id)

    async def probe_all() -> list[tuple[float | None, list[float]]]:
        return await asyncio.gather(
            *(until_answered(url, site, question, marker, t0, args) for url in urls)
        )

    # The row is watched from a thread while the daphnes are probed.
    stored: dict[str, Any] = {}

    def watch_store() -> None:
        while time.perf_counter() - t0 < args.limit:
            latest = latest_model()
            if latest and latest != before:
                stored["s"] = round(time.perf_counter() - t0, 2)
                stored["version"], stored["train_seconds"] = latest
                return
            time.sleep(0.05)

    import threading

    watcher = threading.Thread(target=watch_store, daemon=True)
    watcher.start()
    results = asyncio.run(probe_all())
    watcher.join(timeout=args.limit)
    answer_s = [r[0] for r in results]
    probe_ms = [ms for r in results for ms in r[1]]
    return {
        "round": round_no + 1,
        "question": question,
        "publish_request_ms": round(request_ms, 1),
        "model_stored_s": stored.get("s"),
        "model_version": stored.get("version"),
        "train_seconds": stored.get("train_seconds"),
        "answer_s": answer_s,
        "publish_to_answer_s": None if None in answer_s else max(answer_s),
        "probes": len(probe_ms),
        "probe_ms": {
            "median": round(statistics.median(probe_ms), 1) if probe_ms else None,
            "max": round(max(probe_ms), 1) if probe_ms else None,
        },
    }


def load_seconds(logs: list[Path], version: int | None) -> list[float | None]:
    """Per daphne, how long loading ``version`` took, from its "in service" log line."""
    pattern = re.compile(rf"answer model v{version} in service \(loaded in ([0-9.]+) ?s")
    found: list[float | None] = []
    for log in logs:
        match = pattern.search(log.read_text(errors="replace")) if version else None
        found.append(float(match.group(1)) if match else None)
    return found


def summarise(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {"rounds": len(rows)}
        for key in ("publish_to_answer_s", "model_stored_s", "train_seconds"):
            values = [r[key] for r in rows if r[key] is not None]
            out[key] = (
                {"median": round(statistics.median(values), 2), "max": round(max(values), 2)}
                if values
                else None
            )
        out["unanswered_rounds"] = sum(r["publish_to_answer_s"] is None for r in rows)
        return out

    return {"all": figures(rounds), "warm": figures(rounds[1:]) if len(rounds) > 1 else None}


def stop_process(process: subprocess.Popen, timeout: float = 30) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--daphnes", type=int, default=2, help="daphne processes (1..4)")
    parser.add_argument("--rounds", type=int, default=3, help="publishes to time (1..5)")
    parser.add_argument(
        "--limit", type=float, default=90, help="give up on a round after this many seconds"
    )
    parser.add_argument(
        "--probe-interval",
        type=float,
        default=0.2,
        help="seconds between the starts of two probes of one daphne",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.daphnes <= 4 or not 1 <= args.rounds <= len(NEW_ENTRIES):
        parser.error(f"--daphnes must be 1..4 and --rounds 1..{len(NEW_ENTRIES)}")

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_BENCH_DB)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_BENCH_REDIS)
    started = time.perf_counter()
    env = prepare(database_url, redis_url)
    sys.path.insert(0, str(REPO))
    from demo.seed import DEMO_SITE_KEY
    from knowledge.models import Entry
    from tests.processes import Daphne, start_celery_worker

    logs = REPO / "var" / "publish_to_answer"
    logs.mkdir(parents=True, exist_ok=True)
    daphnes: list[Daphne] = []
    worker: subprocess.Popen | None = None
    rounds: list[dict[str, Any]] = []
    client = admin_client()
    try:
        with (logs / "celery.log").open("wb") as out:
            worker = start_celery_worker(env, "publishbench", out, pool="prefork")
        for i in range(args.daphnes):
            log = logs / f"daphne-{i}.log"
            log.write_bytes(b"")
            daphne = Daphne(env, log)
            daphnes.append(daphne)
            daphne.start()
        urls = [d.ws_url for d in daphnes]
        asyncio.run(warm_up(urls, DEMO_SITE_KEY))
        for n in range(args.rounds):
            rounds.append(one_round(n, client, urls, DEMO_SITE_KEY, args))
            rounds[-1]["load_s"] = load_seconds(
                [d.log for d in daphnes], rounds[-1]["model_version"]
            )
            print(json.dumps(rounds[-1], ensure_ascii=False), file=sys.stderr)
    finally:
        for daphne in daphnes:
            daphne.stop()
        if worker is not None:
            stop_process(worker)
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    result = {
        "database": database_url.rsplit("/", 1)[1],
        "entries": Entry.objects.filter(status="published").count(),
        "daphnes": args.daphnes,
        "celery_worker": "prefork, concurrency 1",
        "rounds": rounds,
        "summary": summarise(rounds),
        "target_s": 5.0,
        "wall_s": round(time.perf_counter() - started, 1),
        "logs": str(logs.relative_to(REPO)),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
