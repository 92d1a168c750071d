"""Model fields for personal data: encrypted text and its blind index.

Usage::

    phone = EncryptedTextField(blank=True)
    phone_index = BlindIndexField(source="phone", normalizer="phone")

    Customer.objects.filter(phone_index=blind_lookup(Customer, "phone", "+86 138 0013 8000"))
"""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import models

from core import crypto


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; Python code only ever sees the plaintext."""

    description = "Encrypted text"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return crypto.encrypt(str(value))

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return crypto.decrypt(value)

    def get_lookup(self, lookup_name: str):  # type: ignore[no-untyped-def]
        # Ciphertext is randomised, so only NULL checks mean anything; equality goes through
        # the blind index.
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)


class BlindIndexField(models.CharField):
    """HMAC of another field's normalised value, recomputed on every save."""

    description = "Blind index of an encrypted field"

    def __init__(self, *args: Any, source: str, normalizer: str = "text", **kwargs: Any) -> None:
        self.source = source
        self.normalizer = normalizer
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs["normalizer"] = self.normalizer
        return name, path, args, kwargs

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.normalizer not in crypto.NORMALIZERS:
            errors.append(
                checks.Error(f"Unknown normalizer {self.normalizer!r}.", obj=self, id="core.E001")
            )
        return errors

    def index_for(self, value: str) -> str:
        context = f"{self.model._meta.label_lower}.{self.source}"
        return crypto.blind_index(value, context=context, normalizer=self.normalizer)

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = getattr(model_instance, self.source)
        index = self.index_for(value) if value else ""
        setattr(model_instance, self.attname, index)
        return index


def blind_lookup(model: type[models.Model], source: str, value: str) -> str:
    """The index value to filter on for ``source == value``."""
    for field in model._meta.get_fields():
        if isinstance(field, BlindIndexField) and field.source == source:
            return field.index_for(value)
    raise LookupError(f"{model._meta.label} has no blind index for {source!r}.")


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
