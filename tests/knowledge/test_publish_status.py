"""After *Publish* the entry list says where the answer model is: "training…", then
"in service (vN)" once a process answers with the new version."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from knowledge import model_updates
from knowledge.answering import holder
from knowledge.models import AnswerModel, Status
from knowledge.tasks import train_answer_model
from knowledge.training import train_and_store
from tests.knowledge.conftest import make_entry

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/knowledge/entry/"
STATUS_URL = "/admin/knowledge/entry/answer-model-status/"


@pytest.fixture(autouse=True)
def fresh_status():
    """The status lives in the cache (Redis in tests), which outlives each test's rollback."""
    keys = [model_updates.REQUESTED_KEY, model_updates.LAST_RUN_KEY, model_updates.SERVING_KEY]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


@pytest.fixture
def in_service(categories):
    make_entry(
        categories["shipping"],
        "运费多少钱",
        "满 99 元包邮",
        similar=["包邮吗"],
        status=Status.PUBLISHED,
    )
    make_entry(
        categories["shipping"],
        "多久发货",
        "24 小时内发货",
        similar=["几天能发货"],
        status=Status.PUBLISHED,
    )
    train_and_store("v1")
    holder.refresh_now()  # this process answers with v1, as a daphne would
    return AnswerModel.objects.latest()


def status_line(client) -> str:
    page = client.get(LIST_URL).content.decode()
    start = page.index('id="answer-model-status"')
    return page[page.index(">", start) + 1 : page.index("</li>", start)]


def test_the_entry_list_follows_a_publish_from_training_to_in_service(
    client, make_user, categories, in_service, monkeypatch, django_capture_on_commit_callbacks
):
    publisher = make_user("publisher")
    publisher.is_superuser = True
    publisher.save()
    client.force_login(publisher)
    assert status_line(client) == f"Answer model: in service (v{in_service.pk})"

    # The worker has not picked the retrain up yet.
    queued: list[str] = []
    monkeypatch.setattr(train_answer_model, "delay", queued.append)
    draft = make_entry(categories["shipping"], "你们有实体店吗", "目前只有网店")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST_URL, {"action": "publish", "_selected_action": [draft.pk]})
    assert queued
    line = status_line(client)
    assert line.startswith("Answer model: training…"), line
    assert f"v{in_service.pk} answers meanwhile" in line
    assert client.get(STATUS_URL).json()["state"] == "training"

    # It trains and stores v2; no process has loaded it yet.
    with django_capture_on_commit_callbacks(execute=True):
        v2 = train_answer_model.apply(args=queued).get()
    assert status_line(client) == f"Answer model: v{v2} trained, loading…"

    holder.refresh_now()  # a daphne loads it (announced, in production)
    assert status_line(client) == f"Answer model: in service (v{v2})"
    status = client.get(STATUS_URL).json()
    assert (status["state"], status["version"], status["serving"]) == ("in_service", v2, v2)


def test_a_failed_training_is_shown_and_the_old_version_keeps_answering(
    client, make_user, in_service, monkeypatch
):
    admin = make_user("root")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("knowledge.tasks.train_and_store", broken)
    model_updates.training_requested("retrain")
    with pytest.raises(RuntimeError):
        train_answer_model.apply(args=["retrain"]).get()
    line = status_line(client)
    assert "the last training failed" in line and f"v{in_service.pk} keeps answering" in line
