"""Admin classes whose every add, change and delete leaves an audit record."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from audit.services import diff, record, snapshot
from core.fields import BlindIndexField, EncryptedTextField


def _secret_fields(model: type[Model]) -> set[str]:
    return {
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, EncryptedTextField | BlindIndexField)
    }


class AuditedModelAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        model = type(obj)
        before = snapshot(model._default_manager.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        verb = "updated" if change else "created"
        changes = diff(before, snapshot(obj), redact=_secret_fields(model))
        record(f"{model._meta.label_lower}.{verb}", obj=obj, changes=changes)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        record(f"{type(obj)._meta.label_lower}.deleted", obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            record(f"{type(obj)._meta.label_lower}.deleted", obj=obj)
        super().delete_queryset(request, queryset)
