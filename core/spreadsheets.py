"""The one way this project writes CSV and XLSX: cells cannot run as spreadsheet formulas.

Exports carry text typed by outsiders (customer questions, names, failed log-in usernames).
Excel and LibreOffice treat a cell starting with ``= + - @`` (or a tab / carriage return
before one) as a formula, which can exfiltrate data or start programs (CSV injection). Every
text cell that starts that way is written with a leading apostrophe, the spreadsheet
convention for "this is text"; :func:`unescape_cell` takes it off again when such a file is
imported back (knowledge entries, products), so a round trip keeps the text unchanged.

Use :func:`csv_response` / :func:`xlsx_response` for downloads, :class:`SafeCsvWriter` for
streamed CSV, and :data:`SAFE_CSV` / :data:`SAFE_XLSX` as django-import-export formats.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The BOM makes Excel read UTF-8 (Chinese) text correctly.
CSV_BOM = "\ufeff"


def safe_cell(value: Any) -> Any:
    """``value`` as it may be written to a cell: text that a spreadsheet would read as a
    formula gets the leading apostrophe; numbers, dates and None are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return ESCAPE + value
    return value


def unescape_cell(value: Any) -> Any:
    """The inverse of :func:`safe_cell`, for files this project exported and gets back."""
    if isinstance(value, str) and value.startswith(ESCAPE) and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


class SafeCsvWriter:
    """``csv.writer`` whose rows go through :func:`safe_cell`."""

    def __init__(self, out: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(headings: Sequence[str], rows: Iterable[Iterable[Any]], *, bom: bool = True) -> str:
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return (CSV_BOM if bom else "") + out.getvalue()


def xlsx_bytes(title: str, headings: Sequence[str], rows: Iterable[Iterable[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit on sheet names
    sheet.append([safe_cell(h) for h in headings])
    for row in rows:
        sheet.append(
            [
                value if isinstance(value, int | float) or value is None else safe_cell(str(value))
                for value in row
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(name: str, headings: Sequence[str], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    response = HttpResponse(csv_text(headings, rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{name}.csv")


def xlsx_response(
    name: str, headings: Sequence[str], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(name, headings, rows), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, f"{name}.xlsx")


def _escape_dataset(dataset: Any) -> Any:
    for _ in range(len(dataset)):
        dataset.append([safe_cell(value) for value in dataset.lpop()])
    return dataset


def _unescape_dataset(dataset: Any) -> Any:
    for _ in range(len(dataset)):
        dataset.append([unescape_cell(value) for value in dataset.lpop()])
    return dataset


class SafeCSV(CSV):
    """django-import-export's CSV with formula-safe cells (its own setting only strips a
    leading ``=`` and so loses text)."""

    def export_data(self, dataset: Any, **kwargs: Any) -> Any:
        return super().export_data(_escape_dataset(dataset), **kwargs)

    def create_dataset(self, in_stream: Any, **kwargs: Any) -> Any:
        return _unescape_dataset(super().create_dataset(in_stream, **kwargs))


class SafeXLSX(XLSX):
    def export_data(self, dataset: Any, **kwargs: Any) -> Any:
        return super().export_data(_escape_dataset(dataset), **kwargs)

    def create_dataset(self, in_stream: Any, **kwargs: Any) -> Any:
        return _unescape_dataset(super().create_dataset(in_stream, **kwargs))
