"""The bot's turn reads entries from this process's memory (``knowledge.published``); what an
editor changes must still reach customers: at once in this process, at once in others when the
change is announced, and after ``KNOWLEDGE_CACHE_SECONDS`` when it was made behind Django's back."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge import model_updates
from knowledge.answering import answer_question, holder
from knowledge.models import Entry, EntryAnswer, Status
from knowledge.published import PublishedKnowledge, published
from knowledge.services import change_status
from knowledge.training import train_and_store
from tests.knowledge.conftest import make_entry

pytestmark = pytest.mark.django_db(transaction=True)


def until(condition, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)
    return result


@pytest.fixture
def kb(categories):
    shipping = categories["shipping"]
    entries = {
        "fee": make_entry(
            shipping,
            "运费多少钱",
            "满 99 元包邮",
            similar=["邮费多少", "包邮吗"],
            status=Status.PUBLISHED,
        ),
        "time": make_entry(
            shipping,
            "多久发货",
            "24 小时内发货",
            similar=["什么时候发货", "几天发货"],
            status=Status.PUBLISHED,
        ),
        "where": make_entry(
            shipping,
            "发什么快递",
            "默认顺丰",
            similar=["用哪家快递", "快递公司是哪家"],
            status=Status.PUBLISHED,
        ),
    }
    train_and_store("test")
    holder.refresh_now()
    return entries


def test_a_repeated_question_reads_no_entry_from_the_database(kb):
    assert answer_question("运费多少钱").entry == kb["fee"]
    with CaptureQueriesContext(connection) as queries:
        outcome = answer_question("运费多少钱")
    assert outcome.entry == kb["fee"] and outcome.answer == "满 99 元包邮"
    assert [q["sql"].split()[0] for q in queries] == ["INSERT"]  # the answer log only


def test_an_edited_answer_is_served_at_once_in_the_editing_process(kb):
    assert answer_question("运费多少钱").answer == "满 99 元包邮"
    variant = EntryAnswer.objects.get(entry=kb["fee"], language="zh-Hans")
    variant.answer = "满 59 元包邮"
    variant.save()
    assert answer_question("运费多少钱").answer == "满 59 元包邮"


def test_an_archived_entry_is_not_offered_as_a_related_question_any_more(kb, editor):
    first = answer_question("运费多少钱")
    assert kb["where"].pk in {s.entry_id for s in first.related}
    change_status([kb["where"]], Status.ARCHIVED, editor)
    again = answer_question("运费多少钱")
    assert kb["where"].pk not in {s.entry_id for s in again.related}


def test_a_change_behind_djangos_back_is_served_after_the_cache_lifetime(kb, monkeypatch):
    monkeypatch.setattr(published, "_ttl", 0.3)
    assert answer_question("运费多少钱").entry == kb["fee"]
    Entry.objects.filter(pk=kb["fee"].pk).update(status=Status.ARCHIVED)  # no signal
    until(lambda: answer_question("运费多少钱").entry != kb["fee"])


def test_another_process_forgets_its_entries_when_a_change_is_announced(kb, settings):
    """The listener thread stands in for another daphne: it hears the announcement on Redis."""
    assert settings.REDIS_URL
    answer_question("运费多少钱")
    listener = model_updates.Listener(holder, settings.REDIS_URL, model_updates.channel_name())
    listener.start()
    try:
        until(listener.subscribed.is_set)
        before = published.generation
        model_updates.announce_knowledge_change()
        until(lambda: published.generation > before)
    finally:
        listener.stop()


def test_saving_an_entry_announces_the_change_once_per_transaction(
    kb, categories, django_capture_on_commit_callbacks, monkeypatch
):
    announced = []
    monkeypatch.setattr(model_updates, "announce_knowledge_change", lambda: announced.append(1))
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for n in range(5):
            make_entry(categories["shipping"], f"问题 {n}", "答案")
    assert announced == [1]


def test_entries_and_topics_are_read_once_until_forgotten(kb, categories):
    cache = PublishedKnowledge(ttl_seconds=60)
    with CaptureQueriesContext(connection) as first:
        cache.entries([kb["fee"].pk, kb["time"].pk])
        cache.topics()
        cache.questions_of([categories["shipping"].pk])
    with CaptureQueriesContext(connection) as second:
        assert set(cache.entries([kb["fee"].pk, kb["time"].pk])) == {kb["fee"].pk, kb["time"].pk}
        cache.topics()
        assert len(cache.questions_of([categories["shipping"].pk])) == 3
    assert len(first) > 0 and len(second) == 0
    cache.clear()
    with CaptureQueriesContext(connection) as third:
        cache.entries([kb["fee"].pk])
    assert len(third) > 0
