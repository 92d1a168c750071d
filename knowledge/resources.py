"""Import and export of knowledge entries (CSV, XLSX, JSON) through django-import-export.

Columns: ``id, question, similar, category, language, intent, status, tags``, then per language
``answer_zh_hans, question_zh_hans, answer_zh_hant, question_zh_hant, answer_en, question_en``
(the answer in that language, and the standard question as written in it; every language is
optional). ``similar`` and ``tags`` are ``|``-separated; ``category`` is the path
``Parent / Child`` and must exist and be editable by the importing user. Files from before
answers had languages have one ``answer`` column: it is the answer in the row's ``language``.
On import, a language whose columns the file lacks is left as it is; a blank answer and question
remove that language's variant. The admin runs a dry run first and refuses to import anything
while a single row has an error, so an import never lands half-way.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from knowledge.languages import EN, LANGUAGES, ZH_HANS, ZH_HANT, column_suffix
from knowledge.models import (
    Category,
    Entry,
    EntryAnswer,
    Intent,
    Language,
    SimilarQuestion,
    Status,
    Tag,
)
from knowledge.services import editable_categories, record_entry_change, sanitize_answer

SEPARATOR = "|"
LEGACY_ANSWER = "answer"
# language → (answer column, question column)
VARIANT_COLUMNS: dict[str, tuple[str, str]] = {
    language: (f"answer_{column_suffix(language)}", f"question_{column_suffix(language)}")
    for language in LANGUAGES
}


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


def _variant_text(language: str, attribute: str) -> Any:
    def dehydrate(entry: Entry) -> str:
        variant = next((v for v in entry.variants.all() if v.language == language), None)
        return getattr(variant, attribute) if variant is not None else ""

    return dehydrate


def _cell(row: Any, column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


class EntryResource(resources.ModelResource):
    category = fields.Field(
        attribute="category", column_name="category", widget=CategoryPathWidget()
    )
    similar = fields.Field(column_name="similar")
    tags = fields.Field(column_name="tags")
    answer_zh_hans = fields.Field(
        column_name=VARIANT_COLUMNS[ZH_HANS][0], dehydrate_method=_variant_text(ZH_HANS, "answer")
    )
    question_zh_hans = fields.Field(
        column_name=VARIANT_COLUMNS[ZH_HANS][1],
        dehydrate_method=_variant_text(ZH_HANS, "question"),
    )
    answer_zh_hant = fields.Field(
        column_name=VARIANT_COLUMNS[ZH_HANT][0], dehydrate_method=_variant_text(ZH_HANT, "answer")
    )
    question_zh_hant = fields.Field(
        column_name=VARIANT_COLUMNS[ZH_HANT][1],
        dehydrate_method=_variant_text(ZH_HANT, "question"),
    )
    answer_en = fields.Field(
        column_name=VARIANT_COLUMNS[EN][0], dehydrate_method=_variant_text(EN, "answer")
    )
    question_en = fields.Field(
        column_name=VARIANT_COLUMNS[EN][1], dehydrate_method=_variant_text(EN, "question")
    )

    class Meta:
        model = Entry
        fields = (
            "id",
            "question",
            "similar",
            "category",
            "language",
            "intent",
            "status",
            "tags",
            "answer_zh_hans",
            "question_zh_hans",
            "answer_zh_hant",
            "question_zh_hant",
            "answer_en",
            "question_en",
        )
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._user: Any = None
        self._headers: set[str] = set()

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        self._user = kwargs.get("user")
        self._headers = set(dataset.headers or [])
        missing = {"question", "category", "language"} - self._headers
        answer_columns = {LEGACY_ANSWER} | {a for a, _ in VARIANT_COLUMNS.values()}
        if not self._headers & answer_columns:
            missing.add(f"answer (or {', '.join(a for a, _ in VARIANT_COLUMNS.values())})")
        if missing:
            raise ValidationError(f"Missing columns: {', '.join(sorted(missing))}")

    def row_variants(self, row: Any, entry_language: str) -> dict[str, tuple[str, str]]:
        """language → (answer, question) for every language the file has columns for."""
        found: dict[str, tuple[str, str]] = {}
        for language, (answer_column, question_column) in VARIANT_COLUMNS.items():
            if answer_column in self._headers or question_column in self._headers:
                found[language] = (
                    sanitize_answer(_cell(row, answer_column)),
                    _cell(row, question_column)[:300],
                )
        legacy = sanitize_answer(_cell(row, LEGACY_ANSWER))
        if legacy and not found.get(entry_language, ("", ""))[0]:
            question = found.get(entry_language, ("", ""))[1]
            found[entry_language] = (legacy, question)
        return found

    def dehydrate_similar(self, entry: Entry) -> str:
        return SEPARATOR.join(entry.similar_questions.values_list("text", flat=True))

    def dehydrate_tags(self, entry: Entry) -> str:
        return SEPARATOR.join(entry.tags.values_list("name", flat=True))

    def import_instance(self, instance: Entry, row: Any, **kwargs: Any) -> None:
        super().import_instance(instance, row, **kwargs)
        errors: dict[str, str] = {}
        instance.question = (instance.question or "").strip()
        if not instance.status:
            instance.status = Status.DRAFT
        for name, value, choices in (
            ("language", instance.language, Language.values),
            ("intent", instance.intent or "", Intent.values),
            ("status", instance.status, Status.values),
        ):
            if value not in choices:
                errors[name] = f"{value!r} is not one of {', '.join(c for c in choices if c)}"
        answers = {}
        if instance.pk:
            answers = dict(
                EntryAnswer.objects.filter(entry_id=instance.pk).values_list("language", "answer")
            )
        answers.update({k: a for k, (a, _) in self.row_variants(row, instance.language).items()})
        if not any(answers.values()) and not instance.intent:
            errors["answer"] = "an entry needs an answer (in any language) or an action intent"
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
        for language, (answer, question) in self.row_variants(row, instance.language).items():
            if answer or question:
                EntryAnswer.objects.update_or_create(
                    entry=instance,
                    language=language,
                    defaults={"answer": answer, "question": question},
                )
            else:
                EntryAnswer.objects.filter(entry=instance, language=language).delete()
        if not kwargs.get("dry_run"):
            record_entry_change(instance, self._user, "imported")
