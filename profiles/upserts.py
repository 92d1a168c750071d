"""Bulk, idempotent upserts of a shop's products, customers and orders (the data API's work).

All or nothing: every row is validated first; if any row is invalid, nothing is written and
each bad row's errors are returned with its index. Sending the same batch twice leaves the
same state (rows are matched by sku, external id and order number).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from rest_framework import serializers

from audit.services import record
from core.text import storable
from profiles.models import (
    Customer,
    Order,
    OrderEvent,
    OrderItem,
    OrderStatus,
    Product,
    ProductView,
    Segment,
)
from shops.models import Shop

MAX_ROWS = 1000
# The columns are PostgreSQL integers: a larger number is that row's 400, not a 500 from the
# database (issue 17 L3).
MAX_INT = 2**31 - 1


class BoundedDateTime(serializers.DateTimeField):
    """A time a shop's order or view can have: a year far outside that (0001-01-01 shifted into
    the server's time zone) overflows Python's datetime and was a 500 (issue 17 L3)."""

    default_error_messages = {"range": "Must be between the years 1970 and 2100."}

    def to_internal_value(self, value: Any) -> Any:
        try:
            parsed = super().to_internal_value(value)
        except OverflowError:
            self.fail("range")
        if not 1970 <= parsed.year <= 2100:
            self.fail("range")
        return parsed


class ProductRow(serializers.Serializer):
    sku = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    category = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    currency = serializers.CharField(max_length=3, min_length=3, default="CNY")
    stock = serializers.IntegerField(min_value=0, max_value=MAX_INT, default=0)
    attributes = serializers.DictField(required=False, default=dict)


class CustomerRow(serializers.Serializer):
    external_id = serializers.CharField(max_length=100)
    display_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    segments = serializers.ListField(
        child=serializers.ChoiceField(choices=Segment.choices), required=False
    )


class OrderItemRow(serializers.Serializer):
    sku = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=200)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)


class OrderRow(serializers.Serializer):
    number = serializers.CharField(max_length=64)
    customer_external_id = serializers.CharField(max_length=100, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    total = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    currency = serializers.CharField(max_length=3, min_length=3, default="CNY")
    carrier = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    tracking_number = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    placed_at = BoundedDateTime()
    status_changed_at = BoundedDateTime(required=False)
    items = OrderItemRow(many=True, required=False)


class ViewRow(serializers.Serializer):
    customer_external_id = serializers.CharField(max_length=100)
    sku = serializers.CharField(max_length=64)
    at = BoundedDateTime()


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
        }


class BatchError(ValueError):
    """The batch itself is malformed (not a list, too long)."""


def _validate(
    rows: Any, row_serializer: type[serializers.Serializer]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    if not isinstance(rows, list):
        raise BatchError("Send a JSON list of rows.")
    if len(rows) > MAX_ROWS:
        raise BatchError(f"At most {MAX_ROWS} rows per request.")
    valid, errors = [], []
    for index, row in enumerate(rows):
        if not storable(row):
            message = "Text may not contain NUL characters or unpaired surrogates."
            errors.append({"index": index, "errors": {"non_field_errors": [message]}})
            continue
        serializer = row_serializer(data=row)
        if serializer.is_valid():
            valid.append(serializer.validated_data)
        else:
            errors.append({"index": index, "errors": serializer.errors})
    return valid, errors


def _apply(
    shop: Shop,
    rows: Any,
    row_serializer: type[serializers.Serializer],
    kind: str,
    write: Callable[[Shop, dict[str, Any], UpsertResult], None],
) -> UpsertResult:
    valid, errors = _validate(rows, row_serializer)
    result = UpsertResult(errors=errors)
    if errors:
        return result
    with transaction.atomic():
        for row in valid:
            write(shop, row, result)
        record(
            f"profiles.{kind}_upserted",
            object_type="shops.shop",
            object_id=shop.pk,
            changes={"created": result.created, "updated": result.updated, "rows": len(valid)},
        )
    return result


def _count(result: UpsertResult, created: bool, changed: bool) -> None:
    if created:
        result.created += 1
    elif changed:
        result.updated += 1
    else:
        result.unchanged += 1


def _update_fields(instance: Any, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _write_product(shop: Shop, row: dict[str, Any], result: UpsertResult) -> None:
    product = Product.objects.select_for_update().filter(shop=shop, sku=row["sku"]).first()
    created = product is None
    product = product or Product(shop=shop, sku=row["sku"])
    changed = _update_fields(product, {k: v for k, v in row.items() if k != "sku"})
    if created or changed:
        product.save()
    _count(result, created, changed)


def _write_customer(shop: Shop, row: dict[str, Any], result: UpsertResult) -> None:
    customer = (
        Customer.objects.select_for_update()
        .filter(shop=shop, external_id=row["external_id"])
        .first()
    )
    created = customer is None
    customer = customer or Customer(shop=shop, external_id=row["external_id"])
    changed = _update_fields(customer, {k: v for k, v in row.items() if k != "external_id"})
    if created or changed:
        customer.save()
    _count(result, created, changed)


def _write_order(shop: Shop, row: dict[str, Any], result: UpsertResult) -> None:
    order = Order.objects.select_for_update().filter(shop=shop, number=row["number"]).first()
    created = order is None
    order = order or Order(shop=shop, number=row["number"])
    customer_id = row.get("customer_external_id")
    customer = (
        Customer.objects.get_or_create(shop=shop, external_id=customer_id)[0]
        if customer_id
        else None
    )
    previous_status = None if created else order.status
    values = {
        k: v
        for k, v in row.items()
        if k not in ("number", "customer_external_id", "items", "status_changed_at")
    }
    changed = _update_fields(order, {**values, "customer": customer})
    if created or changed:
        order.save()
    if "items" in row:
        wanted = [(i["sku"], i["name"], i["quantity"], i["unit_price"]) for i in row["items"]]
        current = list(
            order.items.order_by("id").values_list("sku", "name", "quantity", "unit_price")
        )
        if wanted != current:
            order.items.all().delete()
            OrderItem.objects.bulk_create(
                OrderItem(order=order, sku=s, name=n, quantity=q, unit_price=p)
                for s, n, q, p in wanted
            )
            changed = True
    if order.status != previous_status:
        OrderEvent.objects.create(
            order=order,
            status=order.status,
            at=row.get("status_changed_at") or (row["placed_at"] if created else order.updated_at),
        )
    _count(result, created, changed)


def _write_view(shop: Shop, row: dict[str, Any], result: UpsertResult) -> None:
    # An event has no id of its own: (customer, sku, time) is it, so a resent batch is a no-op.
    customer = Customer.objects.get_or_create(shop=shop, external_id=row["customer_external_id"])[0]
    _, created = ProductView.objects.get_or_create(
        shop=shop, customer=customer, sku=row["sku"], at=row["at"]
    )
    _count(result, created, False)


def upsert_products(shop: Shop, rows: Any) -> UpsertResult:
    return _apply(shop, rows, ProductRow, "products", _write_product)


def upsert_customers(shop: Shop, rows: Any) -> UpsertResult:
    return _apply(shop, rows, CustomerRow, "customers", _write_customer)


def upsert_orders(shop: Shop, rows: Any) -> UpsertResult:
    return _apply(shop, rows, OrderRow, "orders", _write_order)


def upsert_views(shop: Shop, rows: Any) -> UpsertResult:
    return _apply(shop, rows, ViewRow, "views", _write_view)
