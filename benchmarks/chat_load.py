"""Load test of the customer chat: N concurrent widget sockets against a running daphne.

    .venv/bin/python benchmarks/chat_load.py --url ws://127.0.0.1:8000 --site SITE_KEY \\
        [--origin http://127.0.0.1:8000] [--clients 1000] [--questions 3]

Each simulated customer connects to ``/ws/chat/<site>/``, says ``hello``, then asks
``--questions`` questions one after another. Reported as JSON on stdout:

* ``connect_ms``: TCP + websocket handshake + ``welcome`` (p50/p99/max);
* ``reply_ms``: from sending a ``message`` to the bot's answer (a ``message`` with
  ``sender == "bot"``) (p50/p90/p99/max);
* ``lost``: questions with no ``ack`` or no bot answer within ``--timeout``; ``unacked`` is
  the subset that was never even stored. Handoffs (the bot gave up and queued the customer)
  are counted apart, because no bot answer follows them by design.

The run is bounded: every wait has a timeout and the whole run stops after ``--max-seconds``.
It only ever talks to loopback addresses.

Preparing a run
---------------
1. Start the platform on PostgreSQL + Redis, e.g. ``make run`` (or ``scripts/run.sh``). Use a
   throw-away database: every simulated customer leaves a conversation behind.
2. Create the shop and a trained model:
   ``.venv/bin/python benchmarks/chat_load.py --setup`` creates (or reuses) the shop
   "Load test shop", publishes three small entries when nothing is published yet, trains a model
   (the same as ``manage.py train_answers``) and prints the ``--site`` key and the questions the
   knowledge base answers. It reads the same settings as the server (``.env``).
   The default ``--origin`` is the platform's own address, which is always allowed; to test a
   shop origin instead, add it to the shop's allowed origins (``--setup --origin URL`` does it).
3. 1000 sockets need 1000 file descriptors here and in daphne: ``ulimit -n 4096`` in both
   shells (this script raises its own soft limit up to the hard limit when it can).
4. The server rate-limits each socket (3 frames/s, bursts of 10): keep ``--think`` >= 0.4 s.

Self-contained runs (``--spawn``)
---------------------------------
``--spawn`` does all of the above itself: it recreates the benchmark database
(``BENCH_DATABASE_URL``, default ``cs_platform_bench``; ``cs_platform_bench_chat`` when another
session is connected to that one), empties Redis database 9 (``BENCH_REDIS_URL``), migrates, runs
the ``--setup`` seeding, starts ``--daphnes`` daphne processes on free loopback ports (and, with
``--celery``, one solo Celery worker; bot answers do not need one) and stops them at the end,
always. Customers are spread over the daphnes round-robin. Afterwards the database is counted:
``stored`` customer messages and ``bot_answers`` against ``sent``/``acked``/``replied``, and
``lost_messages`` = sent - stored (the requirement is 0). ``cpu`` gives the CPU seconds used per
process kind during the run (from ``/proc``; the load generator shares the machine's cores).

    .venv/bin/python benchmarks/chat_load.py --spawn --daphnes 2 --clients 1000 --questions 3
    .venv/bin/python benchmarks/chat_load.py --spawn --daphnes 2 --clients 1000 \\
        --duration 300 --rate 1000      # sustained: each socket asks every clients/rate seconds

``--duration S`` keeps every socket asking until S seconds after the ramp; ``--rate R`` paces
the questions (at most one outstanding per socket) so that the offered load is R msg/s; without
it a socket waits ``--think`` after each answer. ``steady`` gives throughput and latency over
the window after the ramp only.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import math
import os
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BENCH_DB = "postgres://postgres@127.0.0.1:5432/cs_platform_bench"
FALLBACK_BENCH_DB = "postgres://postgres@127.0.0.1:5432/cs_platform_bench_chat"
DEFAULT_BENCH_REDIS = "redis://127.0.0.1:6379/9"
DEFAULT_QUESTIONS = ["How do I return an item?", "运费多少钱", "How long does delivery take?"]
SETUP_ENTRIES = [
    (
        "How do I return an item?",
        "Returns are free within 7 days.",
        "en",
        ["return policy", "can I send it back"],
    ),
    ("运费多少钱", "满 99 元包邮。", "zh-Hans", ["邮费怎么算", "包邮吗"]),
    (
        "How long does delivery take?",
        "Orders arrive within 3 working days.",
        "en",
        ["when will my order arrive", "delivery time"],
    ),
]


# --- the run ---------------------------------------------------------------------------------


@dataclass
class Stats:
    connect_ms: list[float] = field(default_factory=list)
    reply_ms: list[float] = field(default_factory=list)
    reply_at: list[float] = field(default_factory=list)  # monotonic time of each answer
    connect_failures: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    sent: int = 0
    acked: int = 0
    replied: int = 0
    unacked: int = 0
    lost: int = 0
    handoffs: int = 0
    finished_clients: int = 0
    first_send: float | None = None


class Lost(Exception):
    """No answer in time; ``acked`` says whether the message was at least stored."""

    def __init__(self, acked: bool) -> None:
        super().__init__("no reply in time")
        self.acked = acked


class HandedOff(Exception):
    pass


async def next_frame(ws, deadline: float) -> dict[str, Any]:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    raw = await asyncio.wait_for(ws.recv(), timeout=remaining)
    frame = json.loads(raw)
    return frame if isinstance(frame, dict) else {}


async def ask(ws, text: str, timeout: float, stats: Stats) -> float:
    """Send one question; return seconds until the bot's answer."""
    client_id = f"load-{uuid.uuid4().hex}"
    started = time.perf_counter()
    await ws.send(json.dumps({"type": "message", "client_id": client_id, "text": text}))
    stats.sent += 1
    if stats.first_send is None:
        stats.first_send = time.monotonic()
    deadline = time.monotonic() + timeout
    acked_seq = None
    while True:
        try:
            frame = await next_frame(ws, deadline)
        except TimeoutError:
            raise Lost(acked_seq is not None) from None
        kind = frame.get("type")
        if kind == "ack" and frame.get("client_id") == client_id:
            acked_seq = frame.get("seq")
            stats.acked += 1
        elif kind == "message" and frame.get("sender") == "bot":
            if acked_seq is not None and frame.get("seq", 0) > acked_seq:
                return time.perf_counter() - started
        elif kind == "status" and frame.get("status") in ("waiting", "assigned"):
            raise HandedOff
        elif kind == "error":
            stats.errors[str(frame.get("code"))] += 1


async def customer(
    n: int, args: argparse.Namespace, stats: Stats, start_at: float, stop_at: float | None
) -> None:
    """One customer on ``args.urls[n % len]``: ``--questions`` questions, or (``stop_at``) as
    many as fit before ``stop_at``, paced by ``--rate`` or ``--think``."""
    from websockets.asyncio.client import connect

    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    base = args.urls[n % len(args.urls)]
    url = f"{base.rstrip('/')}/ws/chat/{args.site}/"
    origin = args.origin or origin_of(base)
    interval = args.clients / args.rate if args.rate else None
    started = time.perf_counter()
    try:
        ws = await connect(
            url,
            origin=origin,
            open_timeout=args.timeout,
            close_timeout=2,
            ping_interval=None,
            compression=None,
            proxy=None,
            max_queue=64,
        )
    except Exception as exc:  # noqa: BLE001 - every failure kind is counted, none is fatal
        stats.connect_failures[type(exc).__name__] += 1
        return
    try:
        await ws.send(json.dumps({"type": "hello", "language": "en"}))
        deadline = time.monotonic() + args.timeout
        while (await next_frame(ws, deadline)).get("type") != "welcome":
            pass
        stats.connect_ms.append((time.perf_counter() - started) * 1000)
        questions = args.question or DEFAULT_QUESTIONS
        next_send = time.monotonic()
        i = 0
        while (time.monotonic() < stop_at) if stop_at is not None else i < args.questions:
            if interval is not None:
                await asyncio.sleep(max(0.0, next_send - time.monotonic()))
            elif i:
                await asyncio.sleep(args.think)
            if stop_at is not None and time.monotonic() >= stop_at:
                break
            next_send = time.monotonic() + (interval or 0.0)
            text = questions[(n + i) % len(questions)]
            i += 1
            try:
                seconds = await ask(ws, text, args.timeout, stats)
            except Lost as exc:
                stats.lost += 1
                stats.unacked += 0 if exc.acked else 1
                continue
            except HandedOff:
                stats.handoffs += 1
                break
            stats.replied += 1
            stats.reply_ms.append(seconds * 1000)
            stats.reply_at.append(time.monotonic())
        stats.finished_clients += 1
    except TimeoutError:
        stats.connect_failures["no_welcome"] += 1
    except Exception as exc:  # noqa: BLE001
        stats.connect_failures[f"dropped:{type(exc).__name__}"] += 1
    finally:
        await ws.close()


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)], 1)


def latency(values: list[float]) -> dict[str, float | None]:
    return {
        "p50": percentile(values, 50),
        "p90": percentile(values, 90),
        "p99": percentile(values, 99),
        "max": percentile(values, 100),
    }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    stats = Stats()
    begin = time.monotonic()
    stop_at = begin + args.ramp + args.duration if args.duration else None
    # Connections are spread over --ramp seconds: a thundering herd measures the SYN backlog.
    tasks = [
        asyncio.create_task(customer(n, args, stats, begin + args.ramp * n / args.clients, stop_at))
        for n in range(args.clients)
    ]
    _, pending = await asyncio.wait(tasks, timeout=args.max_seconds)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    end = time.monotonic()
    connected = len(stats.connect_ms)
    last_reply = max(stats.reply_at, default=None)
    active = (last_reply - stats.first_send) if last_reply and stats.first_send else None
    result: dict[str, Any] = {
        "urls": args.urls,
        "clients": args.clients,
        "questions_per_client": None if args.duration else args.questions,
        "connected": connected,
        "connect_failures": dict(stats.connect_failures),
        "connect_ms": {
            "p50": percentile(stats.connect_ms, 50),
            "p99": percentile(stats.connect_ms, 99),
            "max": percentile(stats.connect_ms, 100),
        },
        "sent": stats.sent,
        "acked": stats.acked,
        "replied": stats.replied,
        "lost": stats.lost,
        "unacked": stats.unacked,
        "handoffs": stats.handoffs,
        "completed_clients": stats.finished_clients,
        "cut_short_clients": len(pending),
        "errors": dict(stats.errors),
        "reply_ms": latency(stats.reply_ms),
        # answers per second from the first question sent to the last answer received
        "throughput_msg_s": round(stats.replied / active, 1) if active else None,
        "duration_s": round(end - begin, 1),
    }
    if args.duration:
        # The steady window: after every socket is open, until the clients stop asking.
        lo, hi = begin + args.ramp, stop_at
        window = [
            ms for at, ms in zip(stats.reply_at, stats.reply_ms, strict=True) if lo <= at <= hi
        ]
        result["steady"] = {
            "window_s": round(hi - lo, 1),
            "answers": len(window),
            "msg_s": round(len(window) / (hi - lo), 1),
            "reply_ms": latency(window),
        }
    return result


async def warm_up(args: argparse.Namespace, seconds: float = 90) -> int:
    """Until each server has answered one question: a daphne loads the answer model on first
    use, and questions arriving meanwhile are handed off (low confidence), not measured here.
    Returns the number of questions it took."""
    from websockets.asyncio.client import connect

    asked = 0
    deadline = time.monotonic() + seconds
    for base in args.urls:
        while True:
            if time.monotonic() > deadline:
                raise SystemExit(f"{base} did not answer a question within {seconds:.0f} s")
            url = f"{base.rstrip('/')}/ws/chat/{args.site}/"
            async with connect(url, origin=args.origin or origin_of(base), proxy=None) as ws:
                await ws.send(json.dumps({"type": "hello", "language": "en"}))
                while (await next_frame(ws, deadline)).get("type") != "welcome":
                    pass
                asked += 1
                try:
                    await ask(ws, (args.question or DEFAULT_QUESTIONS)[0], 30, Stats())
                    break
                except (Lost, HandedOff):
                    await asyncio.sleep(1)
    return asked


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{'https' if parts.scheme == 'wss' else 'http'}://{parts.netloc}"


# --- safety and limits -----------------------------------------------------------------------


def require_loopback(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise SystemExit(f"--url must be ws://host:port, not {url!r}")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise SystemExit(f"cannot resolve {parts.hostname}: {exc}") from exc
    addresses = {info[4][0] for info in infos}
    if not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise SystemExit(
            f"refusing to load-test {parts.hostname} ({', '.join(addresses)}): "
            "only loopback targets are allowed"
        )


def raise_fd_limit(wanted: int) -> int:
    try:
        import resource
    except ImportError:  # not on Unix
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


# --- --setup ---------------------------------------------------------------------------------


def setup(origin: str | None) -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from knowledge.models import Category, Entry, SimilarQuestion, Status
    from knowledge.training import train_and_store
    from shops.models import Shop, normalize_origin

    shop, _ = Shop.objects.get_or_create(name="Load test shop")
    if origin:
        origins = shop.origin_list() | {normalize_origin(origin)}
        shop.allowed_origins = "\n".join(sorted(origins))
        shop.save(update_fields=["allowed_origins"])
    if not Entry.objects.filter(status=Status.PUBLISHED).exists():
        category, _ = Category.objects.get_or_create(name="Load test")
        for question, answer, language, similar in SETUP_ENTRIES:
            entry = Entry.objects.create(
                question=question,
                answer=answer,
                language=language,
                category=category,
                status=Status.PUBLISHED,
            )
            SimilarQuestion.objects.bulk_create(
                SimilarQuestion(entry=entry, text=t) for t in similar
            )
    model = train_and_store("benchmarks/chat_load.py --setup")
    published = Entry.objects.filter(status=Status.PUBLISHED).order_by("id")
    questions = list(published.values_list("question", flat=True)[:5])
    return {
        "site": shop.site_key,
        "allowed_origins": sorted(shop.origin_list()),
        "trained_model": model.pk if model else "unchanged (already trained on this KB)",
        "questions": questions,
        "next": "run with --site "
        + shop.site_key
        + "".join(f" --question {json.dumps(q, ensure_ascii=False)}" for q in questions[:3]),
    }


# --- --spawn: a private platform (database, Redis db, daphnes) -------------------------------


def bench_database_url() -> str:
    """``BENCH_DATABASE_URL``; the default falls back to ``cs_platform_bench_chat`` while
    another session is connected to ``cs_platform_bench`` (say, routing_assign.py)."""
    import psycopg

    explicit = os.environ.get("BENCH_DATABASE_URL")
    url = explicit or DEFAULT_BENCH_DB
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        busy = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchone()[0]
    if busy and not explicit:
        return FALLBACK_BENCH_DB
    if busy:
        raise SystemExit(f"{name} is in use by {busy} other connection(s); pick another one")
    return url


def prepare_platform(database_url: str, redis_url: str) -> dict[str, str]:
    """Recreate the bench database, empty the bench Redis db, migrate, seed (``--setup``).
    Returns the environment the server processes run with (production-style, DEBUG off)."""
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
        "SECRET_KEY": "chat-load-benchmark-secret-key-not-for-production",
        "FIELD_ENCRYPTION_KEYS": "ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTMyYnk=",
        "BLIND_INDEX_KEY": "chat-load-benchmark-blind-index-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CHANNEL_LAYER_PREFIX": "chatload",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return {**os.environ, **env}


def stored_counts() -> dict[str, int]:
    """What the database holds of this run (the bench database is fresh)."""
    from conversations.models import Conversation, Message

    customer = Message.objects.filter(sender="customer", client_id__startswith="load-")
    return {
        "conversations": Conversation.objects.count(),
        "stored": customer.count(),
        "bot_answers": Message.objects.filter(sender="bot").count(),
    }


def cpu_seconds(pid: int | str) -> float:
    """utime + stime of one process, 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_by_kind(own: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds so far: our processes by kind, plus every postgres and redis-server process
    on the machine (shared: other sessions' use is included)."""
    totals = {kind: sum(cpu_seconds(pid) for pid in pids) for kind, pids in own.items()}
    totals["postgres"] = totals["redis"] = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            comm = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if comm in ("postgres", "postmaster"):
            totals["postgres"] += cpu_seconds(entry.name)
        elif comm.startswith("redis-server"):
            totals["redis"] += cpu_seconds(entry.name)
    return totals


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def stop_process(process: subprocess.Popen, timeout: float = 20) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def spawn_and_run(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    from tests.processes import Daphne, start_celery_worker

    database_url = bench_database_url()
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_BENCH_REDIS)
    env = prepare_platform(database_url, redis_url)
    prepared = setup(None)
    args.site = prepared["site"]
    args.question = args.question or prepared["questions"][:3]
    logs = REPO / "var" / "chat_load"
    logs.mkdir(parents=True, exist_ok=True)
    daphnes: list[Daphne] = []
    worker: subprocess.Popen | None = None
    result: dict[str, Any] = {}
    before: dict[str, int] = {}
    try:
        if args.celery:
            with (logs / "celery.log").open("ab") as out:
                worker = start_celery_worker(env, "chatload", out)
        for i in range(args.daphnes):
            daphne = Daphne(env, logs / f"daphne-{i}.log")
            daphnes.append(daphne)
            daphne.start()
        args.urls = [d.ws_url for d in daphnes]
        own = {
            "daphnes": [d.process.pid for d in daphnes if d.process],
            "celery": [worker.pid] if worker else [],
            "load_generator": [os.getpid()],
        }
        warm_up_questions = asyncio.run(warm_up(args))
        before = stored_counts()
        cpu_before, busy_before = cpu_by_kind(own), machine_busy()
        result = asyncio.run(run(args))
        cpu_after, busy_after = cpu_by_kind(own), machine_busy()
        result["daphnes_alive"] = sum(d.alive for d in daphnes)
        result["warm_up_questions"] = warm_up_questions
        busy = busy_after[0] - busy_before[0]
        total = busy_after[1] - busy_before[1]
        result["cpu"] = {
            "cores": os.cpu_count(),
            "machine_busy_pct": round(100 * busy / total, 1) if total else None,
            "seconds_by_process": {
                k: round(cpu_after[k] - cpu_before[k], 1) for k in sorted(cpu_after)
            },
            "wall_s": result["duration_s"],
        }
    finally:
        for daphne in daphnes:
            daphne.stop()
        if worker is not None:
            stop_process(worker)
    after = stored_counts()
    counts = {k: v - before.get(k, 0) for k, v in after.items()} if result else after
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    result.update(
        {
            "database": database_url.rsplit("/", 1)[1],
            "daphnes": args.daphnes,
            "celery_worker": bool(args.celery),
            "questions": args.question,
            **counts,
            # sent but never stored: the requirement is 0
            "lost_messages": result.get("sent", 0) - counts["stored"],
        }
    )
    return result


# --- entry point -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--setup", action="store_true", help="prepare shop and model, then exit")
    parser.add_argument(
        "--url",
        action="append",
        help="platform websocket base URL (repeatable: customers go round-robin; "
        "default ws://127.0.0.1:8000)",
    )
    parser.add_argument("--site", help="the shop's site key")
    parser.add_argument("--origin", help="Origin header (default: the platform's own http URL)")
    parser.add_argument(
        "--spawn",
        action="store_true",
        help="run a private platform: bench database, Redis db 9, --daphnes servers",
    )
    parser.add_argument("--daphnes", type=int, default=1, help="daphne processes (--spawn)")
    parser.add_argument("--celery", action="store_true", help="also start a Celery worker")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=3, help="questions per client")
    parser.add_argument("--question", action="append", help="question text (repeatable)")
    parser.add_argument("--think", type=float, default=0.5, help="seconds between questions")
    parser.add_argument("--duration", type=float, default=0, help="keep asking for S seconds")
    parser.add_argument("--rate", type=float, default=0, help="target msg/s of all sockets")
    parser.add_argument("--ramp", type=float, default=5.0, help="seconds to open all sockets")
    parser.add_argument("--timeout", type=float, default=15.0, help="per connect/answer, seconds")
    parser.add_argument("--max-seconds", type=float, default=None, help="hard stop of the run")
    args = parser.parse_args(argv)

    if args.setup:
        print(json.dumps(setup(args.origin), ensure_ascii=False, indent=2))
        return 0
    if not args.spawn and not args.site:
        parser.error("--site is required (run --setup first to get one), or use --spawn")
    if not 1 <= args.clients <= 20000 or not 1 <= args.questions <= 100:
        parser.error("--clients must be 1..20000 and --questions 1..100")
    if not 1 <= args.daphnes <= 8 or (args.daphnes > 1 and not args.spawn):
        parser.error("--daphnes must be 1..8 and needs --spawn (else repeat --url)")
    if args.rate and args.clients / args.rate < 0.25:
        parser.error("--rate asks more than 4 msg/s per socket: the server rate-limits that")
    args.urls = args.url or ["ws://127.0.0.1:8000"]
    for url in args.urls:
        require_loopback(url)
    if args.max_seconds is None:
        if args.duration:
            args.max_seconds = args.ramp + args.duration + args.timeout + 30
        else:
            per_client = args.timeout * (args.questions + 1) + args.think * args.questions
            args.max_seconds = args.ramp + per_client + 10
    # Spawned daphnes inherit the limit: each holds about clients / daphnes sockets.
    wanted = args.clients * 2 + 256
    limit = raise_fd_limit(wanted)
    if limit < wanted:
        print(
            f"warning: only {limit} file descriptors (ulimit -n); sockets will fail",
            file=sys.stderr,
        )
    result = spawn_and_run(args) if args.spawn else asyncio.run(run(args))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
