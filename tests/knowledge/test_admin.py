"""Knowledge editors in the admin: category permissions, versions, workflow, audit."""

import pytest

from audit.models import AuditEvent
from knowledge.models import Entry, EntryVersion, Status
from tests.knowledge.conftest import make_entry

pytestmark = pytest.mark.django_db


def add_form(category, **overrides):
    data = {
        "question": "多久发货?",
        "intent": "",
        "category": category.pk,
        "language": "zh-Hans",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "0",
        "variants-0-language": "zh-Hans",
        "variants-0-question": "",
        "variants-0-answer": "<p>下单后 <b>24 小时</b>内发货</p><script>alert(1)</script>",
        "similar_questions-TOTAL_FORMS": "2",
        "similar_questions-INITIAL_FORMS": "0",
        "similar_questions-0-text": "什么时候发货",
        "similar_questions-1-text": "几天能发货",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_an_editor_sees_only_entries_of_granted_categories_and_their_children(
    client, editor, categories
):
    mine = make_entry(categories["shipping"], "运费多少")
    child = make_entry(categories["international"], "国际运费多少")
    other = make_entry(categories["payment"], "支持哪些付款方式")
    client.force_login(editor)
    listing = client.get("/admin/knowledge/entry/").content.decode()
    assert mine.question in listing and child.question in listing
    assert other.question not in listing
    # Someone else's entry cannot be opened, let alone changed.
    assert client.get(f"/admin/knowledge/entry/{other.pk}/change/").status_code == 302
    response = client.post(
        f"/admin/knowledge/entry/{other.pk}/change/", add_form(categories["payment"])
    )
    assert response.status_code == 302
    assert Entry.objects.get(pk=other.pk).question == "支持哪些付款方式"


def test_creating_an_entry_saves_similar_questions_a_version_and_an_audit_event(
    client, editor, categories
):
    client.force_login(editor)
    response = client.post("/admin/knowledge/entry/add/", add_form(categories["shipping"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = Entry.objects.get(question="多久发货?")
    assert sorted(entry.similar_questions.values_list("text", flat=True)) == [
        "什么时候发货",
        "几天能发货",
    ]
    assert "<script>" not in entry.answer and "<b>24 小时</b>" in entry.answer
    assert entry.status == Status.DRAFT and entry.version == 1
    version = EntryVersion.objects.get(entry=entry)
    assert version.changed_by == editor and version.data["similar"] == [
        "什么时候发货",
        "几天能发货",
    ]
    event = AuditEvent.objects.filter(action="knowledge.entry.created").latest("id")
    assert event.actor_repr == "edith" and event.object_id == str(entry.pk)
    assert event.changes["question"] == [None, "多久发货?"]


def test_an_editor_cannot_file_an_entry_under_a_category_not_granted(client, editor, categories):
    client.force_login(editor)
    response = client.post("/admin/knowledge/entry/add/", add_form(categories["payment"]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Entry.objects.exists()


def test_editing_records_the_next_version_with_the_diff(client, editor, categories):
    client.force_login(editor)
    client.post("/admin/knowledge/entry/add/", add_form(categories["shipping"]))
    entry = Entry.objects.get()
    similar = list(entry.similar_questions.order_by("id"))
    form = add_form(
        categories["shipping"],
        **{
            "variants-INITIAL_FORMS": "1",
            "variants-0-id": entry.variants.get().pk,
            "variants-0-entry": entry.pk,
            "variants-0-answer": "<p>48 小时内发货</p>",
            "similar_questions-INITIAL_FORMS": "2",
            "similar_questions-0-id": similar[0].pk,
            "similar_questions-0-entry": entry.pk,
            "similar_questions-1-id": similar[1].pk,
            "similar_questions-1-entry": entry.pk,
        },
    )
    response = client.post(f"/admin/knowledge/entry/{entry.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry.refresh_from_db()
    assert entry.version == 2
    event = AuditEvent.objects.filter(action="knowledge.entry.updated").latest("id")
    assert list(event.changes) == ["answer_zh_hans"]
    assert event.changes["answer_zh_hans"][1] == "<p>48 小时内发货</p>"


def test_bulk_publish_follows_the_workflow_and_retrains(
    client, editor, categories, django_capture_on_commit_callbacks
):
    draft = make_entry(categories["shipping"], "运费多少", similar=["邮费多少"])
    archived = make_entry(categories["shipping"], "旧问题", status=Status.ARCHIVED)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            "/admin/knowledge/entry/",
            {"action": "publish", "_selected_action": [draft.pk, archived.pk]},
            follow=True,
        )
    page = response.content.decode()
    assert "1 entries are now Published" in page
    assert "could not move to Published" in page and "旧问题" in page
    draft.refresh_from_db()
    archived.refresh_from_db()
    assert (draft.status, archived.status) == (Status.PUBLISHED, Status.ARCHIVED)
    assert draft.published_at is not None
    assert AuditEvent.objects.filter(
        action="knowledge.entry.status_published", object_id=str(draft.pk)
    ).exists()
    # One retrain for the whole batch (the other callback announces the model it stored).
    assert sum("schedule_retrain" in c.__qualname__ for c in callbacks) == 1
    from knowledge.models import AnswerModel

    assert AnswerModel.objects.get().n_entries == 1


def test_agents_cannot_publish(client, make_user, categories):
    from accounts.roles import Role

    agent = make_user("andy", Role.AGENT)
    entry = make_entry(categories["shipping"], "运费多少")
    client.force_login(agent)
    client.post("/admin/knowledge/entry/", {"action": "publish", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT


def test_answers_in_other_languages_are_edited_inline_and_audited(client, editor, categories):
    client.force_login(editor)
    client.post("/admin/knowledge/entry/add/", add_form(categories["shipping"]))
    entry = Entry.objects.get()
    page = client.get(f"/admin/knowledge/entry/{entry.pk}/change/").content.decode()
    # The Simplified answer is there, with empty rows for the other two languages.
    assert 'name="variants-0-answer"' in page and 'name="variants-2-answer"' in page
    own = entry.variants.get()
    similar = list(entry.similar_questions.order_by("id"))
    form = add_form(
        categories["shipping"],
        **{
            "variants-TOTAL_FORMS": "3",
            "variants-INITIAL_FORMS": "1",
            "variants-0-id": own.pk,
            "variants-0-entry": entry.pk,
            "variants-1-language": "en",
            "variants-1-question": "How soon do you ship?",
            "variants-1-answer": "<p>Within <b>24 hours</b>.</p><img src=x onerror=alert(1)>",
            "variants-2-language": "zh-Hant",
            "variants-2-question": "",
            "variants-2-answer": "<p>24 小時內發貨</p>",
            "similar_questions-INITIAL_FORMS": "2",
            "similar_questions-0-id": similar[0].pk,
            "similar_questions-0-entry": entry.pk,
            "similar_questions-1-id": similar[1].pk,
            "similar_questions-1-entry": entry.pk,
        },
    )
    response = client.post(f"/admin/knowledge/entry/{entry.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    answers = dict(entry.variants.values_list("language", "answer"))
    assert answers["en"] == "<p>Within <b>24 hours</b>.</p>"  # sanitised like any answer
    assert answers["zh-Hant"] == "<p>24 小時內發貨</p>"
    assert entry.variants.get(language="en").question == "How soon do you ship?"
    event = AuditEvent.objects.filter(action="knowledge.entry.updated").latest("id")
    assert event.changes == {
        "answer_en": [None, "<p>Within <b>24 hours</b>.</p>"],
        "question_en": [None, "How soon do you ship?"],
        "answer_zh_hant": [None, "<p>24 小時內發貨</p>"],
    }
    assert EntryVersion.objects.get(entry=entry, version=2).data["answer_en"] == (
        "<p>Within <b>24 hours</b>.</p>"
    )


def test_a_language_row_needs_an_answer_or_a_question_and_each_language_appears_once(
    client, editor, categories
):
    client.force_login(editor)
    empty = add_form(
        categories["shipping"],
        **{"variants-TOTAL_FORMS": "2", "variants-1-language": "en", "variants-1-answer": ""},
    )
    page = client.post("/admin/knowledge/entry/add/", empty).content.decode()
    assert "Write the answer (or the question) in this language" in page
    twice = add_form(
        categories["shipping"],
        **{"variants-TOTAL_FORMS": "2", "variants-1-language": "zh-Hans", "variants-1-answer": "x"},
    )
    assert client.post("/admin/knowledge/entry/add/", twice).status_code == 200
    assert not Entry.objects.exists()
