"""The published knowledge base as the bot's turn reads it, kept in this process's memory.

Every answered question needs its entry (with its language variants and similar questions),
the category tree (for related questions) and a few same-topic entries. Read from PostgreSQL
that was five queries per question, the largest part of the hot path; the knowledge base
changes a few times a day. So each process keeps what it has read, and forgets all of it:

- at once, in the process that saves or deletes an entry, a variant, a similar question or a
  category (the signals below), and again when that transaction commits;
- in every other process when the change is announced on the answer-model channel
  (``model_updates.announce_knowledge_change``), and whenever that subscription reconnects;
- when a new answer model is put in service;
- and in any case after ``KNOWLEDGE_CACHE_SECONDS``, for a change made without signals
  (``QuerySet.update``, SQL by hand, an announcement lost while Redis was away).

An entry archived or edited is therefore served as it was for at most that long when every
announcement is lost, and not at all otherwise.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from knowledge.models import Category, Entry, EntryAnswer, SimilarQuestion, Status

DEFAULT_TTL_SECONDS = 30.0
# Same-category entries kept per category for related questions: the most ever offered (3)
# plus the answered entry and the runners-up that may be excluded.
FILLERS_PER_CATEGORY = 8


@dataclass
class _State:
    generation: int
    born: float
    entries: dict[int, Entry | None] = field(default_factory=dict)
    topics: dict[int, int] | None = None
    fillers: dict[int, list[Entry]] = field(default_factory=dict)


class PublishedKnowledge:
    """Read-through cache of published entries. Readers get shared ``Entry`` objects with
    ``variants`` and ``similar_questions`` prefetched: treat them as read-only."""

    def __init__(self, ttl_seconds: float | None = None) -> None:
        self._ttl = ttl_seconds
        self._state = _State(0, time.monotonic())
        self._lock = threading.Lock()

    @property
    def ttl_seconds(self) -> float:
        if self._ttl is not None:
            return self._ttl
        return float(getattr(settings, "KNOWLEDGE_CACHE_SECONDS", DEFAULT_TTL_SECONDS))

    @property
    def generation(self) -> int:
        """Grows by one whenever everything is forgotten."""
        return self._state.generation

    def clear(self) -> None:
        # A reader still holding the old state finishes with it; its late writes land there.
        self._state = _State(self._state.generation + 1, time.monotonic())

    def _current(self) -> _State:
        state = self._state
        if time.monotonic() - state.born >= self.ttl_seconds:
            with self._lock:
                if self._state is state:
                    self.clear()
                state = self._state
        return state

    def entries(self, ids: Iterable[int]) -> dict[int, Entry]:
        """The published entries among ``ids`` (an id archived or deleted is left out)."""
        state = self._current()
        wanted = list(dict.fromkeys(int(i) for i in ids))
        missing = [i for i in wanted if i not in state.entries]
        if missing:
            found = (
                Entry.objects.filter(status=Status.PUBLISHED)
                .prefetch_related("variants", "similar_questions")
                .in_bulk(missing)
            )
            for pk in missing:
                state.entries[pk] = found.get(pk)
        return {pk: entry for pk in wanted if (entry := state.entries.get(pk)) is not None}

    def topics(self) -> dict[int, int]:
        """Every category's top-level category (its topic: Shipping, Returns & refunds …)."""
        state = self._current()
        if state.topics is None:
            parents = dict(Category.objects.values_list("pk", "parent_id"))
            topics: dict[int, int] = {}
            for pk in parents:
                node, seen = pk, set()
                while parents.get(node) is not None and node not in seen:
                    seen.add(node)
                    node = parents[node]
                topics[pk] = node
            state.topics = topics
        return state.topics

    def questions_of(self, category_ids: Iterable[int]) -> list[Entry]:
        """Published question entries (no action intent) of these categories, category by
        category in the order given, each in id order, at most ``FILLERS_PER_CATEGORY`` each."""
        state = self._current()
        category_ids = list(dict.fromkeys(category_ids))
        missing = [c for c in category_ids if c not in state.fillers]
        if missing:
            rows = (
                Entry.objects.filter(status=Status.PUBLISHED, intent="", category_id__in=missing)
                .prefetch_related("variants", "similar_questions")
                .order_by("category_id", "id")
            )
            found: dict[int, list[Entry]] = {c: [] for c in missing}
            for entry in rows:
                if len(found[entry.category_id]) < FILLERS_PER_CATEGORY:
                    found[entry.category_id].append(entry)
            state.fillers.update(found)
        return [entry for c in category_ids for entry in state.fillers[c]]


published = PublishedKnowledge()


def knowledge_changed(**_: Any) -> None:
    """An entry, variant, similar question or category was saved or deleted: forget it here
    now (the saving process must never answer from what it just changed) and, once the change
    is committed, here again and in every other process."""
    published.clear()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        hook is _after_commit for _, hook, *_ in connection.run_on_commit
    ):
        return  # once per transaction, however many rows it saves (a seed saves hundreds)
    transaction.on_commit(_after_commit)


def _after_commit() -> None:
    from knowledge import model_updates

    published.clear()
    model_updates.announce_knowledge_change()


def connect_signals() -> None:
    for model in (Entry, EntryAnswer, SimilarQuestion, Category):
        uid = f"knowledge.published.{model.__name__}"
        post_save.connect(knowledge_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(knowledge_changed, sender=model, dispatch_uid=f"{uid}.delete")
