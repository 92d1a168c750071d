"""Import and export of knowledge entries (CSV, XLSX, JSON) through django-import-export.

Columns: ``id, question, similar, answer, category, language, intent, status, tags``.
``similar`` and ``tags`` are ``|``-separated; ``category`` is the path ``Parent / Child`` and
must exist and be editable by the importing user. The admin runs a dry run first and refuses to
import anything while a single row has an error, so an import never lands half-way.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from knowledge.models import Category, Entry, Intent, Language, SimilarQuestion, Status, Tag
from knowledge.services import editable_categories, record_entry_change, sanitize_answer

SEPARATOR = "|"


def split_list(value: Any) -> list[str]:
    if value is None:
        return []
    seen: list[str] = []
    for part in str(value).split(SEPARATOR):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


def category_by_path(path: str) -> Category | None:
    parent = None
    node = None
    for name in [p.strip() for p in path.split("/") if p.strip()]:
        node = Category.objects.filter(parent=parent, name=name).first()
        if node is None:
            return None
        parent = node
    return node


class CategoryPathWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Category:
        path = str(value or "").strip()
        if not path:
            raise ValueError("category is required")
        category = category_by_path(path)
        if category is None:
            raise ValueError(f"unknown category {path!r}")
        return category

    def render(self, value: Category | None, obj: Any = None, **kwargs: Any) -> str:
        return value.path if value else ""


class EntryResource(resources.ModelResource):
    category = fields.Field(
        attribute="category", column_name="category", widget=CategoryPathWidget()
    )
    similar = fields.Field(column_name="similar")
    tags = fields.Field(column_name="tags")

    class Meta:
        model = Entry
        fields = (
            "id",
            "question",
            "similar",
            "answer",
            "category",
            "language",
            "intent",
            "status",
            "tags",
        )
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._user: Any = None

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        self._user = kwargs.get("user")
        missing = {"question", "answer", "category", "language"} - set(dataset.headers or [])
        if missing:
            raise ValidationError(f"Missing columns: {', '.join(sorted(missing))}")

    def dehydrate_similar(self, entry: Entry) -> str:
        return SEPARATOR.join(entry.similar_questions.values_list("text", flat=True))

    def dehydrate_tags(self, entry: Entry) -> str:
        return SEPARATOR.join(entry.tags.values_list("name", flat=True))

    def import_instance(self, instance: Entry, row: Any, **kwargs: Any) -> None:
        super().import_instance(instance, row, **kwargs)
        errors: dict[str, str] = {}
        instance.question = (instance.question or "").strip()
        instance.answer = sanitize_answer(instance.answer or "")
        if not instance.status:
            instance.status = Status.DRAFT
        for name, value, choices in (
            ("language", instance.language, Language.values),
            ("intent", instance.intent or "", Intent.values),
            ("status", instance.status, Status.values),
        ):
            if value not in choices:
                errors[name] = f"{value!r} is not one of {', '.join(c for c in choices if c)}"
        if not instance.answer and not instance.intent:
            errors["answer"] = "an entry needs an answer or an action intent"
        if instance.pk and not Entry.objects.filter(pk=instance.pk).exists():
            errors["id"] = f"no entry with id {instance.pk} (leave id empty to create one)"
        user = self._user
        if user is not None and instance.category_id:
            editable = editable_categories(user)
            if not editable.filter(pk=instance.category_id).exists():
                errors["category"] = f"you may not edit entries in {instance.category.path!r}"
            if (
                instance.pk
                and not editable.filter(
                    pk=Entry.objects.filter(pk=instance.pk).values("category_id")[:1]
                ).exists()
            ):
                errors["id"] = f"entry {instance.pk} is in a category you may not edit"
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance: Entry, row: Any, **kwargs: Any) -> None:
        wanted = [q for q in split_list(row.get("similar")) if q != instance.question]
        instance.similar_questions.exclude(text__in=wanted).delete()
        existing = set(instance.similar_questions.values_list("text", flat=True))
        SimilarQuestion.objects.bulk_create(
            [SimilarQuestion(entry=instance, text=q[:300]) for q in wanted if q not in existing]
        )
        instance.tags.set(
            [Tag.objects.get_or_create(name=t[:50])[0] for t in split_list(row.get("tags"))]
        )
        if not kwargs.get("dry_run"):
            record_entry_change(instance, self._user, "imported")
