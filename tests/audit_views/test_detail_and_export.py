import csv
import io

import pytest

from accounts.roles import Role
from audit.models import AuditEvent
from audit.services import record

pytestmark = pytest.mark.django_db

XSS = "<script>alert('pwned')</script>"


def test_detail_shows_every_field_and_the_before_after_table(auditor_client, make_user):
    editor = make_user("edith", Role.KNOWLEDGE_EDITOR)
    event = record(
        "knowledge.entry.updated",
        actor=editor,
        object_type="knowledge.entry",
        object_id=42,
        changes={"answer": ["Ships in 3 days", "Ships in 24 hours"], "status": ["draft", "live"]},
        ip_address="203.0.113.7",
    )
    response = auditor_client.get(f"/audit/{event.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        f"Event #{event.pk}: <code>knowledge.entry.updated</code>",
        "edith",
        "Knowledge editor",  # the role by name, not its stored code
        "knowledge.entry",
        "42",
        "203.0.113.7",
        event.hash,
        event.prev_hash,
    ):
        assert text in html, text
    assert (
        '<tr translate="no"><th scope="row">answer</th><td class="before">Ships in 3 days</td>'
        '<td class="after">Ships in 24 hours</td></tr>'
    ) in html
    assert '<td class="before">draft</td><td class="after">live</td>' in html


def test_changes_of_another_shape_are_shown_as_json(auditor_client):
    event = record("permissions.groups_added", changes={"added": ["supervisor", "auditor"]})
    html = auditor_client.get(f"/audit/{event.pk}/").content.decode()
    assert 'class="before"' not in html  # a list of names is not a before/after pair
    assert "&quot;added&quot;: [\n    &quot;supervisor&quot;," in html


def test_detail_escapes_markup_in_the_data(auditor_client):
    as_diff = record("test.xss", changes={"name": [XSS, "ok"]}, object_type=XSS)
    as_json = record("test.xss", changes={"note": XSS}, actor_repr=XSS)
    for event in (as_diff, as_json):
        html = auditor_client.get(f"/audit/{event.pk}/").content.decode()
        assert "<script>" not in html
        assert "&lt;script&gt;alert(" in html
    listing = auditor_client.get("/audit/", {"action": "test.xss"}).content.decode()
    assert "<script>" not in listing
    assert "&lt;script&gt;" in listing


def rows_of(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for Excel
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_export_of_the_filtered_list_is_audited(auditor_client, auditor):
    kept = [
        record("test.export", changes={"city": "上海"}, ip_address="203.0.113.1"),
        record("test.export", actor_repr='=HYPERLINK("http://evil")'),
    ]
    record("test.not_exported")

    response = auditor_client.get("/audit/export.csv", {"action": "test.export"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-log-')
    header, *rows = rows_of(response)
    assert header[:6] == ["id", "created_at", "actor", "actor_id", "role", "action"]
    assert [int(r[0]) for r in rows] == [kept[1].pk, kept[0].pk]
    by_id = {int(r[0]): dict(zip(header, r, strict=True)) for r in rows}
    first = by_id[kept[0].pk]
    assert first["changes"] == '{"city": "上海"}'
    assert first["ip_address"] == "203.0.113.1"
    assert first["hash"] == kept[0].hash
    # A spreadsheet must not run a value typed by an outsider as a formula.
    assert by_id[kept[1].pk]["actor"] == '\'=HYPERLINK("http://evil")'

    exported = AuditEvent.objects.filter(action="audit.exported").get()
    assert exported.actor_repr == auditor.username
    assert exported.actor_role == "auditor"
    assert exported.changes["filters"] == {"action": "test.export"}
    assert exported.changes["rows"] == 2
    assert exported.changes["truncated"] is False


def test_the_export_does_not_contain_itself(auditor_client):
    response = auditor_client.get("/audit/export.csv", {"action": "audit."})
    _header, *rows = rows_of(response)
    assert rows == []
    assert AuditEvent.objects.get(action="audit.exported").changes["rows"] == 0
    # The next export does list the first one.
    _header, *rows = rows_of(auditor_client.get("/audit/export.csv", {"action": "audit."}))
    assert [r[5] for r in rows] == ["audit.exported"]


def test_the_export_stops_at_the_row_limit(auditor_client, monkeypatch):
    monkeypatch.setattr("audit.views.EXPORT_MAX_ROWS", 3)
    monkeypatch.setattr("audit.views.EXPORT_BATCH", 2)
    events = [record("test.many") for _ in range(5)]
    _header, *rows = rows_of(auditor_client.get("/audit/export.csv", {"action": "test.many"}))
    assert [int(r[0]) for r in rows] == [e.pk for e in reversed(events)][:3]
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.changes["rows"] == 3 and exported.changes["truncated"] is True


def test_the_list_links_to_the_export_with_the_same_filters(auditor_client):
    record("test.linked")
    html = auditor_client.get("/audit/", {"action": "test.linked", "q": "x y"}).content.decode()
    assert 'href="/audit/export.csv?action=test.linked&amp;q=x+y"' in html
    assert "No events match these filters." in html
