"""Conversation search over 1,000,000 indexed messages (PostgreSQL).

    .venv/bin/python benchmarks/search.py [--messages 1000000] [--queries 300]

Uses its own database (``BENCH_DATABASE_URL``, default ``cs_platform_bench_search`` on loopback),
recreated on every run. Message texts are real customer texts from ``../shared/datasets``
(Chinese delivery reviews, Chinese FAQ questions, English banking questions; read in place, not
copied), so the tokens follow a real vocabulary; one message in five also carries a unique
order number ("订单号 LM…"), one in fifty a phone number.

Measured and printed as JSON:

* ``index_cpu_ms``: CPU time (``process_time``) to tokenise and hash one message
  (``search.indexing.message_hashes``) over the text pool, and the whole write-time work
  (``index_message``: version, tokens, hashes, the INSERT's client side) on 2,000 stored
  messages;
* ``build``: how long the load and the GIN index took, and the table and index sizes;
* ``queries``: wall time of ``search.services.search`` (tokenise the query, match, scope, read
  1,000 candidates, decrypt and highlight the shown hits) for 2-token queries, as a supervisor
  (sees everything) and as an agent of one team (a quarter of the conversations): p50/p95/p99.
  Kinds: two words of one real message, an order number and a word, two of the 50 most
  frequent words (the worst case: hundreds of thousands of rows match).

The rows are loaded with COPY straight into ``chatbot_message`` and ``search_searchentry``
(each pool text is encrypted and tokenised once), not through the chat: the figure of interest
is the query over a million rows.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from bench_db import recreate_database  # beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cs_platform_bench_search"
DATASETS = ROOT.parent / "shared" / "datasets"
# The last build's queries and figures, for --reuse (outside the repository).
REUSE_FILE = Path("/tmp/cs_bench_search_last.json")
PER_CONVERSATION = 10
TEAMS = 4


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "mean": round(statistics.fmean(values), 3),
        "p50": round(percentile(values, 0.5), 3),
        "p95": round(percentile(values, 0.95), 3),
        "p99": round(percentile(values, 0.99), 3),
        "max": round(max(values), 3),
    }


def text_pool() -> list[str]:
    if not DATASETS.is_dir():
        sys.exit(f"Datasets not found at {DATASETS} (see ../shared/datasets/README.md).")
    texts: list[str] = []

    def column(name: str, field: str) -> None:
        with open(DATASETS / name, encoding="utf-8") as handle:
            texts.extend(row[field] for row in csv.DictReader(handle) if row[field].strip())

    column("waimai_10k.csv", "review")
    column("lcqmc_faq_kb.csv", "question")
    column("banking77_train.csv", "text")
    column("banking77_test.csv", "text")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Keep the database and queries of the last run (its build figures are not redone).",
    )
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if args.reuse and REUSE_FILE.exists():
        os.environ.update(
            ENV_FILE="",
            DEBUG="1",
            DATABASE_URL=url,
            DJANGO_SETTINGS_MODULE="config.settings",
            DB_CONN_MAX_AGE="60",
            LOG_LEVEL="WARNING",
        )
    else:
        args.reuse = False
        recreate_database(url)

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from conversations.models import Conversation, ConversationStatus
    from core import crypto
    from routing.models import AgentProfile, Team
    from search import indexing, keys
    from search.services import search
    from search.tokens import normalize, spans
    from shops.models import Shop

    rng = random.Random(21)
    if args.reuse:
        shop = Shop.objects.get(name="bench")
        teams = list(Team.objects.order_by("pk"))
        supervisor, agent = User.objects.get(username="sup"), User.objects.get(username="agent")
    else:
        call_command("migrate", verbosity=0)
        shop = Shop.objects.create(name="bench")
        teams = [Team.objects.create(name=f"team {i}") for i in range(TEAMS)]
        supervisor = User.objects.create(username="sup")
        supervisor.groups.add(Group.objects.get(name="supervisor"))
        agent = User.objects.create(username="agent")
        agent.groups.add(Group.objects.get(name="agent"))
        AgentProfile.objects.create(user=agent).teams.set([teams[0]])
    key = keys.current_key()
    hasher = keys.hasher(shop.pk, key.version)
    pool = text_pool()
    print(f"{len(pool)} texts in the pool", file=sys.stderr)

    # -- write-time CPU -----------------------------------------------------------------------
    for text in pool[:50]:  # jieba's dictionary, OpenCC, phonenumbers: loaded before timing
        indexing.message_hashes(text, shop.pk, key.version)
    sample = rng.sample(pool, min(5000, len(pool)))
    tokenise_ms: list[float] = []
    for text in sample:
        started = time.process_time()
        indexing.message_hashes(text, shop.pk, key.version)
        tokenise_ms.append((time.process_time() - started) * 1000)
    conv = Conversation.objects.create(shop=shop, visitor_token_hash="cpu", status="closed")
    from chatbot.services.transcript import append_message
    from search.models import SearchEntry

    stored = [append_message(conv, "customer", t)[0] for t in sample[:2000]]
    settings.DEBUG = False  # production cursors: no query log (DEBUG=1 formats every SQL)
    write_ms: list[float] = []
    for message in stored:
        started = time.process_time()
        indexing.index_message(message, shop.pk)
        write_ms.append((time.process_time() - started) * 1000)
    SearchEntry.objects.filter(conversation=conv).delete()
    conv.messages.all().delete()
    conv.delete()
    chars = statistics.fmean(len(t) for t in sample)

    settings.DEBUG = True
    if args.reuse:
        last = json.loads(REUSE_FILE.read_text(encoding="utf-8"))
        kinds, build, conversations = last["kinds"], last["build"], last["conversations"]
    else:
        # -- the million rows ----------------------------------------------------------------
        build_started = time.perf_counter()
        print("tokenising and encrypting the pool", file=sys.stderr)
        pool_hashes = [hasher.many(indexing.index_tokens(t)) for t in pool]
        pool_cipher = [crypto.encrypt(t) for t in pool]
        pool_words = []
        for text in pool:
            words = [
                s.token[2:]
                for s in spans(normalize(text))
                if s.token.startswith("w:") and len(s.token) > 3 and s.token[2:].isalpha()
            ]
            pool_words.append(words)
        conversations = args.messages // PER_CONVERSATION
        now = timezone.now()
        print(f"{conversations} conversations", file=sys.stderr)
        batch = []
        for i in range(conversations):
            created = now - dt.timedelta(minutes=rng.randrange(525_600))
            team = teams[i % TEAMS]
            batch.append(
                Conversation(
                    shop=shop,
                    visitor_token_hash=f"v{i}",
                    status=ConversationStatus.CLOSED,
                    team=team,
                    assigned_agent=agent if team == teams[0] and i % 8 == 0 else None,
                    created_at=created,
                    channel="web" if i % 3 else "email",
                )
            )
            if len(batch) == 5000:
                Conversation.objects.bulk_create(batch)
                batch = []
        Conversation.objects.bulk_create(batch)
        conversation_ids = list(Conversation.objects.order_by("pk").values_list("pk", flat=True))

        word_count: collections.Counter[str] = collections.Counter()
        orders: list[tuple[str, str]] = []  # (order number, a word of its message)
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_entry_tokens_gin")
            raw = cursor.connection
            print(f"loading {args.messages} messages", file=sys.stderr)
            with raw.cursor() as copy_cursor:
                with (
                    copy_cursor.copy(
                        "COPY chatbot_message (id, conversation_id, seq, sender, text, payload,"
                        " is_private, created_at) FROM STDIN"
                    ) as messages,
                ):
                    entries: list[tuple[int, int, list[int]]] = []
                    for i in range(args.messages):
                        message_id = i + 1
                        conversation_id = conversation_ids[i // PER_CONVERSATION]
                        p = rng.randrange(len(pool))
                        cipher, hashes = pool_cipher[p], pool_hashes[p]
                        if i < 200_000 and pool_words[p]:
                            word_count.update(pool_words[p])
                        if i % 5 == 0:
                            number = f"LM{2026000000 + i}"
                            extra = f" 订单号 {number}"
                            if i % 50 == 0:
                                extra += f" 电话 139{i % 100_000_000:08d}"
                            text = pool[p] + extra
                            cipher = crypto.encrypt(text)
                            hashes = sorted(
                                set(hashes) | set(hasher.many(indexing.index_tokens(extra)))
                            )
                            if pool_words[p] and len(orders) < 5000:
                                orders.append((number, rng.choice(pool_words[p])))
                        messages.write_row(
                            (
                                message_id,
                                conversation_id,
                                i % PER_CONVERSATION + 1,
                                "customer" if i % 2 == 0 else "agent",
                                cipher,
                                "{}",
                                False,
                                now - dt.timedelta(seconds=args.messages - i),
                            )
                        )
                        entries.append((message_id, conversation_id, hashes))
                        if (i + 1) % 100_000 == 0:
                            print(f"  {i + 1}", file=sys.stderr)
                print("loading the index rows", file=sys.stderr)
                with copy_cursor.copy(
                    "COPY search_searchentry (message_id, conversation_id, shop_id, key_id, tokens)"
                    " FROM STDIN"
                ) as index_rows:
                    for message_id, conversation_id, hashes in entries:
                        index_rows.write_row(
                            (
                                message_id,
                                conversation_id,
                                shop.pk,
                                key.id,
                                "{" + ",".join(map(str, hashes)) + "}",
                            )
                        )
            cursor.execute("SELECT setval('chatbot_message_id_seq', %s)", [args.messages])
            loaded_s = time.perf_counter() - build_started
            started = time.perf_counter()
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(
                "CREATE INDEX search_entry_tokens_gin ON search_searchentry USING gin (tokens)"
            )
            gin_s = time.perf_counter() - started
            cursor.execute("VACUUM ANALYZE search_searchentry")
            cursor.execute("ANALYZE chatbot_message")
            cursor.execute("ANALYZE chatbot_conversation")
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchentry'),"
                " pg_relation_size('search_entry_tokens_gin'),"
                " pg_relation_size('search_searchentry'),"
                " avg(cardinality(tokens)) FROM search_searchentry"
            )
            total_bytes, gin_bytes, heap_bytes, tokens_per_row = cursor.fetchone()

        # -- queries to run -------------------------------------------------------------------
        top = [w for w, _ in word_count.most_common(50)]
        with_words = [w for w in pool_words if len(set(w)) >= 2]
        kinds = {
            "two words of one message": [
                " ".join(rng.sample(sorted(set(rng.choice(with_words))), 2))
                for _ in range(args.queries)
            ],
            "order number + word": [
                f"{number} {word}"
                for number, word in rng.sample(orders, min(args.queries, len(orders)))
            ],
            "two of the 50 most frequent words": [
                " ".join(rng.sample(top, 2)) for _ in range(args.queries)
            ],
        }
        build = {
            "load_s": round(loaded_s, 1),
            "gin_build_s": round(gin_s, 1),
            "tokens_per_row": round(float(tokens_per_row), 1),
            "table_mb": round(heap_bytes / 2**20),
            "gin_mb": round(gin_bytes / 2**20),
            "total_mb": round(total_bytes / 2**20),
        }
        REUSE_FILE.write_text(
            json.dumps({"kinds": kinds, "build": build, "conversations": conversations}),
            encoding="utf-8",
        )
    settings.DEBUG = False  # what production runs: no query log
    results: dict[str, dict[str, object]] = {}
    for who, user in (("supervisor", supervisor), ("agent (one team)", agent)):
        for kind, queries in kinds.items():
            search(user, queries[0], audit=False)  # warm the connection and caches
            times, found = [], []
            for query in queries:
                started = time.perf_counter()
                page = search(user, query, audit=False)
                times.append((time.perf_counter() - started) * 1000)
                found.append(len(page.results))
            results[f"{who}: {kind}"] = {
                "ms": summary(times),
                "queries_with_hits": sum(1 for f in found if f),
                "examples": queries[:3],
            }
    print(
        json.dumps(
            {
                "messages": args.messages,
                "conversations": conversations,
                "pool_texts": len(pool),
                "mean_chars_per_message": round(chars, 1),
                "index_cpu_ms": {
                    "tokenise_and_hash": summary(tokenise_ms),
                    "index_message_write_path": summary(write_ms),
                },
                "build": build,
                "queries": results,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
