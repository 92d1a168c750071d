"""A newly stored answer model reaches the processes through its announcement, not the poll.

Every holder here polls once an hour, so a new version in service can only have come from the
announcement (Redis pub/sub, or the in-process call without Redis). The rows must be committed
for the background loader's own database connection to see them: transactional tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings

from knowledge import answering, model_updates
from knowledge.answering import EngineHolder, holder
from knowledge.models import AnswerModel, Category, Status
from knowledge.services import change_status
from knowledge.training import train_and_store
from tests.knowledge.conftest import make_entry

pytestmark = pytest.mark.django_db(transaction=True)

AN_HOUR = 3600.0


def wait_for(predicate: Callable[[], Any], timeout: float = 30, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)
    return value


@pytest.fixture
def v1(make_user) -> dict[str, Any]:
    category = Category.objects.create(name="Shipping")
    make_entry(
        category,
        "运费多少钱",
        "满 99 元包邮",
        similar=["邮费怎么算", "包邮吗"],
        status=Status.PUBLISHED,
    )
    make_entry(
        category,
        "多久发货",
        "24 小时内发货",
        similar=["什么时候发货", "几天能发货"],
        status=Status.PUBLISHED,
    )
    stored = train_and_store("v1")
    return {"category": category, "version": stored.pk, "editor": make_user("root-editor")}


def publish_new_entry(v1: dict[str, Any]) -> Any:
    """What an editor's Publish does: the status change commits, the retrain runs (eagerly
    here) and stores a new version."""
    entry = make_entry(
        v1["category"], "你们有实体店吗", "目前只有网店", similar=["线下门店在哪", "有没有门店"]
    )
    change_status([entry], Status.PUBLISHED, v1["editor"])
    return entry


@pytest.fixture
def hourly_holder() -> Iterator[EngineHolder]:
    serving = EngineHolder(check_seconds=AN_HOUR)
    yield serving
    # Let a loader thread finish before the tables are flushed.
    wait_for(lambda: serving._loading.acquire(blocking=False), what="the loader to finish")
    serving._loading.release()


@pytest.fixture
def listener_for() -> Iterator[Callable[[EngineHolder], model_updates.Listener]]:
    started: list[model_updates.Listener] = []

    def _start(serving: EngineHolder) -> model_updates.Listener:
        listener = model_updates.Listener(
            serving, settings.REDIS_URL, model_updates.channel_name()
        ).start()
        started.append(listener)
        wait_for(listener.subscribed.is_set, what="the subscription")
        return listener

    yield _start
    for listener in started:
        listener.stop()


def test_a_subscribed_holder_loads_a_published_version_without_polling(
    v1, hourly_holder, listener_for
):
    assert hourly_holder.refresh_now()[0] == v1["version"]
    listener_for(hourly_holder)
    publish_new_entry(v1)
    v2 = AnswerModel.objects.latest().pk
    assert v2 != v1["version"]
    wait_for(lambda: hourly_holder.serving_version == v2, what="v2 in service")
    # It answers the new entry, and its poll has not run since the first load.
    assert hourly_holder.current()[1].answer("线下有门店吗").answer == "目前只有网店"


def test_a_version_stored_while_not_subscribed_is_loaded_on_subscribing(
    v1, hourly_holder, listener_for
):
    hourly_holder.refresh_now()
    v2 = train_and_store("while nobody listened", force=True).pk
    assert hourly_holder.serving_version == v1["version"]
    listener_for(hourly_holder)
    wait_for(lambda: hourly_holder.serving_version == v2, what="v2 after subscribing")


def test_without_redis_the_announcement_reaches_this_process_directly(v1, settings):
    settings.REDIS_URL = ""  # the embedded default: no broker, no pub/sub, one process
    holder.check_seconds = AN_HOUR
    try:
        holder.refresh_now()
        publish_new_entry(v1)
        v2 = AnswerModel.objects.latest().pk
        wait_for(lambda: holder.serving_version == v2, what="v2 in service")
    finally:
        wait_for(lambda: holder._loading.acquire(blocking=False), what="the loader")
        holder._loading.release()
        holder.check_seconds = None


def test_the_old_version_answers_while_the_new_one_loads(v1, hourly_holder, monkeypatch):
    hourly_holder.refresh_now()
    gate = threading.Event()
    real_load = answering.load_engine

    def slow_load(stored: AnswerModel) -> Any:
        gate.wait(30)
        return real_load(stored)

    monkeypatch.setattr(answering, "load_engine", slow_load)
    v2 = train_and_store("slow to load", force=True).pk
    hourly_holder.notify(v2)
    # The loader is stuck in load_engine: questions keep getting v1's answers meanwhile.
    wait_for(lambda: not hourly_holder._wanted.is_set(), what="the loader to start")
    version, engine = hourly_holder.current()
    assert version == v1["version"] and engine.answer("包邮吗").answer == "满 99 元包邮"
    gate.set()
    wait_for(lambda: hourly_holder.serving_version == v2, what="v2 in service")


def test_an_announcement_of_an_older_or_unknown_version_changes_nothing(v1, hourly_holder):
    hourly_holder.refresh_now()
    hourly_holder.notify(v1["version"])  # already serving it: not even a database look
    assert not hourly_holder._wanted.is_set()
    hourly_holder.notify(v1["version"] + 1000)  # from another installation: checks, keeps v1
    wait_for(lambda: not hourly_holder._wanted.is_set(), what="the check")
    assert hourly_holder.current()[0] == v1["version"]


def test_the_channel_is_private_to_the_installation_and_redis_database(settings):
    # Pub/sub ignores database numbers: the name must keep installations on one server apart.
    settings.REDIS_URL = "redis://127.0.0.1:6379/13"
    settings.CHANNEL_LAYERS = {"default": {"CONFIG": {"prefix": "shop-a"}}}
    assert model_updates.channel_name() == "shop-a:13:knowledge.answer_model"
