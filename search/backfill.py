"""Building the index for what is already stored, and re-indexing after a key change.

Messages are read in id order, a batch per transaction; after each batch the last id done is
stored (``BackfillState``), so an interrupted run goes on from there. A row already hashed with
the current key is skipped, so after a rotation (``SEARCH_KEY_VERSION`` raised, or a new
``BLIND_INDEX_KEY``) the same run re-indexes exactly the rows of older keys, then retires them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from conversations.models import Message
from profiles.models import Customer
from search import indexing, keys
from search.models import BackfillState, SearchContact, SearchEntry, SearchKey

Progress = Callable[[int], None]


class Interrupted(Exception):
    """Raised by a progress callback to stop a run between two batches (tests, signals)."""


@dataclass
class Report:
    key_id: int = 0
    messages_seen: int = 0
    messages_indexed: int = 0
    customers_indexed: int = 0
    resumed_from: int = 0
    retired: list[int] = field(default_factory=list)


def _state(name: str, key_id: int) -> BackfillState:
    state, _ = BackfillState.objects.get_or_create(name=name)
    if state.key_id != key_id:  # a new key starts from the beginning
        state.key_id, state.last_id = key_id, 0
        state.save()
    return state


def pending_messages() -> int:
    """Messages the next run reads (for the progress bar's total)."""
    state = BackfillState.objects.filter(name="messages", key_id=keys.current_key().id).first()
    return Message.objects.filter(pk__gt=state.last_id if state else 0).count()


def backfill_messages(batch_size: int = 500, on_batch: Progress | None = None) -> Report:
    key = keys.current_key()
    state = _state("messages", key.id)
    report = Report(key_id=key.id, resumed_from=state.last_id)
    while True:
        with transaction.atomic():
            batch = list(
                Message.objects.filter(pk__gt=state.last_id)
                .select_related("conversation")
                .only("id", "text", "conversation_id", "conversation__shop_id")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                break
            done = set(
                SearchEntry.objects.filter(
                    message_id__in=[m.pk for m in batch], key_id=key.id
                ).values_list("message_id", flat=True)
            )
            report.messages_indexed += indexing.index_messages(m for m in batch if m.pk not in done)
            state.last_id = batch[-1].pk
            state.save(update_fields=["last_id", "updated_at"])
        report.messages_seen += len(batch)
        if on_batch:
            on_batch(len(batch))
    return report


def backfill_customers(batch_size: int = 500, on_batch: Progress | None = None) -> int:
    key = keys.current_key()
    state = _state("customers", key.id)
    indexed = 0
    while True:
        with transaction.atomic():
            batch = list(Customer.objects.filter(pk__gt=state.last_id).order_by("pk")[:batch_size])
            if not batch:
                break
            done = set(
                SearchContact.objects.filter(
                    customer_id__in=[c.pk for c in batch], key_id=key.id
                ).values_list("customer_id", flat=True)
            )
            for customer in batch:
                if customer.pk not in done:
                    indexing.index_customer(customer)
                    indexed += 1
            state.last_id = batch[-1].pk
            state.save(update_fields=["last_id", "updated_at"])
        if on_batch:
            on_batch(len(batch))
    return indexed


def retire_old_keys() -> list[int]:
    """Retire every other key once no index row uses it any more (queries stop trying it)."""
    current = keys.current_key().id
    in_use = set(SearchEntry.objects.exclude(key_id=current).values_list("key_id", flat=True)[:1])
    in_use |= set(
        SearchContact.objects.exclude(key_id=current).values_list("key_id", flat=True)[:1]
    )
    if in_use:
        return []
    old = list(
        SearchKey.objects.filter(retired_at__isnull=True)
        .exclude(pk=current)
        .values_list("pk", flat=True)
    )
    SearchKey.objects.filter(pk__in=old).update(retired_at=timezone.now())
    return old


def run(batch_size: int = 500, on_batch: Progress | None = None) -> Report:
    report = backfill_messages(batch_size, on_batch)
    report.customers_indexed = backfill_customers(batch_size)
    report.retired = retire_old_keys()
    return report
