"""CSV / XLSX / JSON import and export in the admin: row errors shown, nothing half-imported."""

import json
import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from knowledge.models import Entry, Status
from tests.knowledge.conftest import make_entry

pytestmark = pytest.mark.django_db
CSV_FORMAT, XLSX_FORMAT, JSON_FORMAT = "0", "1", "2"
HEADER = "id,question,similar,answer,category,language,intent,status,tags\n"


def upload(client, content: bytes, name: str, fmt: str):
    return client.post(
        "/admin/knowledge/entry/import/",
        {"import_file": SimpleUploadedFile(name, content), "format": fmt, "resource": "0"},
    )


def confirm(client, preview):
    page = preview.content.decode()
    hidden = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page))
    fields = ("import_file_name", "original_file_name", "format", "resource", "csrfmiddlewaretoken")
    return client.post(
        "/admin/knowledge/entry/process_import/", {k: hidden[k] for k in fields if k in hidden}
    )


def test_a_valid_csv_imports_every_row_with_similar_questions_after_confirmation(
    client, editor, categories
):
    client.force_login(editor)
    csv = (
        HEADER
        + ",多久发货,什么时候发货|几天发货,<p>24 小时内发货</p>,Shipping,zh-Hans,,published,"
        + "发货|物流\n"
        + ",How long is international delivery?,International shipping time,7-15 days,"
        "Shipping / International,en,,draft,\n"
    ).encode()
    preview = upload(client, csv, "kb.csv", CSV_FORMAT)
    assert preview.status_code == 200
    assert not Entry.objects.exists()  # the preview is a dry run
    response = confirm(client, preview)
    assert response.status_code == 302
    first = Entry.objects.get(question="多久发货")
    assert sorted(first.similar_questions.values_list("text", flat=True)) == [
        "什么时候发货",
        "几天发货",
    ]
    assert sorted(first.tags.values_list("name", flat=True)) == ["发货", "物流"]
    assert first.status == Status.PUBLISHED and first.version == 1
    second = Entry.objects.get(language="en")
    assert second.category == categories["international"]
    assert AuditEvent.objects.filter(action="knowledge.entry.imported").count() == 2


def test_one_bad_row_reports_row_errors_and_imports_nothing(client, editor, categories):
    client.force_login(editor)
    csv = (
        HEADER
        + ",多久发货,,24 小时,Shipping,zh-Hans,,draft,\n"
        + ",Which cards?,,Visa,Payment,en,,draft,\n"  # category not granted to this editor
        + ",Where?,,Here,Nowhere,en,,draft,\n"  # unknown category
        + ",Lang?,,x,Shipping,fr,,draft,\n"  # unsupported language
    ).encode()
    preview = upload(client, csv, "kb.csv", CSV_FORMAT)
    page = preview.content.decode()
    assert "you may not edit entries in &#x27;Payment&#x27;" in page
    assert "unknown category &#x27;Nowhere&#x27;" in page
    assert "&#x27;fr&#x27; is not one of" in page
    assert 'name="import_file_name"' not in page  # no confirm button while errors remain
    assert not Entry.objects.exists()


def test_missing_columns_are_reported(client, editor):
    client.force_login(editor)
    page = upload(client, b"question,answer\nq,a\n", "kb.csv", CSV_FORMAT).content.decode()
    assert "Missing columns: category, language" in page
    assert not Entry.objects.exists()


def test_updating_by_id_outside_ones_categories_is_refused(client, editor, categories):
    other = make_entry(categories["payment"], "支持哪些付款方式")
    client.force_login(editor)
    csv = (HEADER + f"{other.pk},改掉它,,x,Shipping,zh-Hans,,draft,\n").encode()
    page = upload(client, csv, "kb.csv", CSV_FORMAT).content.decode()
    assert f"entry {other.pk} is in a category you may not edit" in page
    assert Entry.objects.get(pk=other.pk).question == "支持哪些付款方式"


def test_xlsx_and_json_import(client, editor, categories):
    client.force_login(editor)
    data = tablib.Dataset(headers=["question", "similar", "answer", "category", "language"])
    data.append(["退货政策", "怎么退货|可以退货吗", "7 天无理由退货", "Shipping", "zh-Hans"])
    confirm(client, upload(client, data.export("xlsx"), "kb.xlsx", XLSX_FORMAT))
    rows = [
        {
            "question": "Do you ship abroad?",
            "answer": "Yes",
            "category": "Shipping",
            "language": "en",
            "similar": "International delivery?",
        }
    ]
    confirm(client, upload(client, json.dumps(rows).encode(), "kb.json", JSON_FORMAT))
    assert set(Entry.objects.values_list("question", flat=True)) == {
        "退货政策",
        "Do you ship abroad?",
    }
    assert Entry.objects.get(question="退货政策").similar_questions.count() == 2


def test_export_round_trips_similar_questions(client, editor, categories):
    make_entry(categories["shipping"], "运费多少", similar=["邮费多少", "包邮吗"])
    make_entry(categories["payment"], "不可见")
    client.force_login(editor)
    form = client.get("/admin/knowledge/entry/export/").content.decode()
    columns = re.findall(r'type="checkbox" name="(entryresource_\w+)"', form)
    assert len(columns) == 14  # 8 about the entry, an answer and a question per language
    response = client.post(
        "/admin/knowledge/entry/export/",
        {"format": JSON_FORMAT, "resource": "0", **{c: "on" for c in columns}},
    )
    assert response.status_code == 200, response.content[:500]
    rows = json.loads(response.content)
    assert [r["question"] for r in rows] == ["运费多少"]
    assert rows[0]["similar"] == "邮费多少|包邮吗"
    assert rows[0]["category"] == "Shipping"


def test_answers_in_every_language_round_trip_through_export_and_import(client, editor, categories):
    from knowledge.models import EntryAnswer
    from knowledge.services import record_entry_change

    entry = make_entry(categories["shipping"], "运费多少", "<p>满 99 包邮</p>", similar=["邮费"])
    EntryAnswer.objects.create(
        entry=entry, language="en", question="How much is shipping?", answer="<p>Free over 99</p>"
    )
    record_entry_change(entry, editor, "created", retrain=False)
    client.force_login(editor)
    form = client.get("/admin/knowledge/entry/export/").content.decode()
    columns = re.findall(r'type="checkbox" name="(entryresource_\w+)"', form)
    exported = client.post(
        "/admin/knowledge/entry/export/",
        {"format": CSV_FORMAT, "resource": "0", **{c: "on" for c in columns}},
    ).content.decode("utf-8-sig")
    data = tablib.Dataset().load(exported, format="csv")
    assert data.headers == [
        "id",
        "question",
        "similar",
        "category",
        "language",
        "intent",
        "status",
        "tags",
        "answer_zh_hans",
        "question_zh_hans",
        "answer_zh_hant",
        "question_zh_hant",
        "answer_en",
        "question_en",
    ]
    row = dict(zip(data.headers, data[0], strict=True))
    assert (row["answer_zh_hans"], row["answer_en"], row["question_en"]) == (
        "<p>满 99 包邮</p>",
        "<p>Free over 99</p>",
        "How much is shipping?",
    )
    assert row["answer_zh_hant"] == "" and row["question_zh_hant"] == ""

    # Edited in a spreadsheet: a Traditional answer added, the English one changed, and the
    # file imported back.
    data[0] = [
        {
            "answer_zh_hant": "<p>滿 99 包郵</p>",
            "answer_en": "<p>Free shipping over CNY 99</p><script>x()</script>",
        }.get(h, v)
        for h, v in zip(data.headers, data[0], strict=True)
    ]
    confirm(client, upload(client, data.export("csv").encode(), "kb.csv", CSV_FORMAT))
    answers = dict(entry.variants.values_list("language", "answer"))
    assert answers == {
        "zh-Hans": "<p>满 99 包邮</p>",
        "zh-Hant": "<p>滿 99 包郵</p>",
        "en": "<p>Free shipping over CNY 99</p>",
    }
    assert entry.variants.get(language="en").question == "How much is shipping?"
    event = AuditEvent.objects.filter(action="knowledge.entry.imported").latest("id")
    assert set(event.changes) == {"answer_zh_hant", "answer_en"}

    # Blank answer and question in a language's columns remove that language.
    data[0] = [
        "" if h in ("answer_en", "question_en") else v
        for h, v in zip(data.headers, data[0], strict=True)
    ]
    confirm(client, upload(client, data.export("csv").encode(), "kb.csv", CSV_FORMAT))
    assert set(entry.variants.values_list("language", flat=True)) == {"zh-Hans", "zh-Hant"}


def test_an_import_needs_an_answer_in_some_language_or_an_intent(client, editor, categories):
    client.force_login(editor)
    csv = (
        "question,category,language,answer_en,answer_zh_hant\n"
        "Where is my order?,Shipping,en,,\n"
        "運費幾多,Shipping,zh-Hant,,<p>滿 99 包郵</p>\n"
    ).encode()
    page = upload(client, csv, "kb.csv", CSV_FORMAT).content.decode()
    assert "an entry needs an answer (in any language) or an action intent" in page
    assert not Entry.objects.exists()
    missing = upload(client, b"question,category,language\nq,Shipping,en\n", "kb.csv", CSV_FORMAT)
    assert "Missing columns: answer (or answer_zh_hans" in missing.content.decode()
