"""A set of 64-bit token hashes: ``bigint[]`` on PostgreSQL (GIN-indexed), space-separated text
elsewhere (the embedded SQLite default, searched with LIKE: slower, same answers)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Lookup


class TokenArrayField(models.Field):
    description = "Set of token hashes"

    def db_type(self, connection: Any) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None:
            return None
        values = sorted({int(v) for v in value})
        if connection.vendor == "postgresql":
            return values
        # Spaces on both ends, so that LIKE '% n %' matches whole numbers only.
        return " " + " ".join(str(v) for v in values) + " "

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> list[int] | None:
        if value is None:
            return None
        if isinstance(value, str):
            return [int(v) for v in value.split()]
        return list(value)

    def to_python(self, value: Any) -> list[int] | None:
        if value is None or isinstance(value, list):
            return value
        return self.from_db_value(value, None, None)


@TokenArrayField.register_lookup
class HasAll(Lookup):
    """``tokens__has_all=[...]``: the row has every one of the given hashes."""

    lookup_name = "has_all"

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [sorted({int(v) for v in value})]

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} @> %s::bigint[]", [*lhs_params, sorted({int(v) for v in self.rhs})]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = sorted({int(v) for v in self.rhs})
        if not values:
            return "1=1", []
        sql = " AND ".join(f"{lhs} LIKE %s" for _ in values)
        params: list[Any] = []
        for v in values:
            params.extend(lhs_params)
            params.append(f"% {v} %")
        return f"({sql})", params
