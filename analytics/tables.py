"""Report tables: one definition serves the page, the CSV and the XLSX export."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pygal
from django.http import HttpResponse
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from core.spreadsheets import csv_response, xlsx_response

CHART_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    font_family="system-ui, sans-serif",
    colors=("#1f6feb", "#d97706", "#16a34a", "#dc2626", "#7c3aed", "#0891b2"),
)


@dataclass
class Table:
    name: str  # the export key: ?export=csv&table=<name>
    title: str
    columns: list[tuple[str, str]]  # (key, heading)
    rows: list[dict[str, Any]]
    # Columns holding stored data rather than interface text (names, questions customers
    # typed, SKUs): shown as they are, marked translate="no" on the page.
    verbatim: frozenset[str] = frozenset()

    def cells(self) -> list[list[Any]]:
        return [[row.get(key, "") for key, _ in self.columns] for row in self.rows]

    def display_rows(self) -> list[list[tuple[Any, bool]]]:
        """Each row's cells with whether the cell is stored data (``verbatim``)."""
        flags = [key in self.verbatim for key, _ in self.columns]
        return [list(zip(cells, flags, strict=True)) for cells in self.cells()]


def export(table: Table, fmt: str) -> HttpResponse:
    # The shared writer: customer text in these tables cannot run as a spreadsheet formula.
    headings = [heading for _, heading in table.columns]
    if fmt == "xlsx":
        return xlsx_response(table.name, headings, table.cells())
    return csv_response(table.name, headings, table.cells())


def _render(chart: pygal.Graph) -> SafeString:
    # js=[]: pygal would otherwise link its tooltip script from a CDN.
    # pygal always adds a small config <script> for its optional tooltips; the page's CSP
    # forbids inline scripts, and the static SVG needs none.
    svg = re.sub(r"<script\b[^>]*>.*?</script>", "", chart.render(is_unicode=True), flags=re.S)
    # Safe: pygal builds the SVG with an XML library, which escapes every label.
    return mark_safe(svg)


def line_chart(title: str, labels: list[str], series: dict[str, list[float | None]]) -> SafeString:
    chart = pygal.Line(
        js=[],
        disable_xml_declaration=True,
        style=CHART_STYLE,
        width=800,
        height=280,
        show_dots=len(labels) <= 62,
        x_label_rotation=30,
        show_minor_x_labels=False,
        x_labels_major_every=max(1, len(labels) // 12),
        title=title,
        explicit_size=False,
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return _render(chart)


def bar_chart(title: str, labels: list[str], values: list[float]) -> SafeString:
    chart = pygal.Bar(
        js=[],
        disable_xml_declaration=True,
        style=CHART_STYLE,
        width=500,
        height=260,
        title=title,
        show_legend=False,
        explicit_size=False,
    )
    chart.x_labels = labels
    chart.add(title, values)
    return _render(chart)
