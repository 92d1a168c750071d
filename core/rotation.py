"""Re-encrypt every encrypted column under the newest key in ``FIELD_ENCRYPTION_KEYS``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Model

from core import crypto
from core.fields import encrypted_fields


@dataclass
class RotationReport:
    rows_seen: int = 0
    values_rotated: int = 0
    per_model: dict[str, int] = field(default_factory=dict)


def models_with_encrypted_fields() -> list[type[Model]]:
    return [m for m in apps.get_models() if not m._meta.proxy and encrypted_fields(m)]


def count_rows() -> int:
    return sum(m._default_manager.count() for m in models_with_encrypted_fields())


def rotate_all(
    batch_size: int = 500, on_rows: Callable[[int], None] | None = None
) -> RotationReport:
    """Rotate in primary-key order, one transaction per batch, so an interrupted run can be
    re-run: rows already under the newest key are left alone."""
    report = RotationReport()
    quote = connection.ops.quote_name
    for model in models_with_encrypted_fields():
        table = quote(model._meta.db_table)
        pk = quote(model._meta.pk.column)
        columns = [quote(f.column) for f in encrypted_fields(model)]
        rotated_here = 0
        last_pk = None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                where = f"WHERE {pk} > %s " if last_pk is not None else ""
                cursor.execute(
                    f"SELECT {pk}, {', '.join(columns)} FROM {table} {where}ORDER BY {pk} LIMIT %s",
                    ([last_pk] if last_pk is not None else []) + [batch_size],
                )
                rows = cursor.fetchall()
                if not rows:
                    break
                for row in rows:
                    row_pk, tokens = row[0], row[1:]
                    new_tokens = [None if t is None else crypto.rotated(t) for t in tokens]
                    updates = [
                        (c, t) for c, t in zip(columns, new_tokens, strict=True) if t is not None
                    ]
                    if updates:
                        assignments = ", ".join(f"{c} = %s" for c, _ in updates)
                        cursor.execute(
                            f"UPDATE {table} SET {assignments} WHERE {pk} = %s",
                            [t for _, t in updates] + [row_pk],
                        )
                        rotated_here += len(updates)
                last_pk = rows[-1][0]
            report.rows_seen += len(rows)
            if on_rows:
                on_rows(len(rows))
        report.values_rotated += rotated_here
        report.per_model[model._meta.label] = rotated_here
    return report
