from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import JSON

from audit.admin_mixins import AuditedModelAdmin
from core.masking import mask_personal_data
from core.spreadsheets import SafeCSV, SafeXLSX
from knowledge import model_updates, variants
from knowledge.models import (
    AnswerLog,
    AnswerModel,
    Category,
    DictionaryTerm,
    Entry,
    EntryAnswer,
    EntryVersion,
    Language,
    SimilarQuestion,
    Status,
    Tag,
)
from knowledge.resources import EntryResource
from knowledge.services import (
    can_edit_entry,
    change_status,
    editable_categories,
    record_entry_change,
    sanitize_answer,
    schedule_retrain,
)


@admin.register(Category)
class CategoryAdmin(AuditedModelAdmin, GuardedModelAdmin):
    """Administrators grant editors a category through "Object permissions" on its page."""

    list_display = ["__str__", "parent"]
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(AuditedModelAdmin):
    search_fields = ["name"]


@admin.register(DictionaryTerm)
class DictionaryTermAdmin(AuditedModelAdmin):
    list_display = ["term", "canonical"]
    search_fields = ["term", "canonical"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        schedule_retrain(f"dictionary term {obj.term!r} saved")


class EntryAnswerForm(forms.ModelForm):
    class Meta:
        model = EntryAnswer
        fields = ["language", "question", "answer"]

    def clean_answer(self) -> str:
        return sanitize_answer(self.cleaned_data.get("answer") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("language") and not data.get("DELETE"):
            if not (data.get("answer") or "").strip() and not (data.get("question") or "").strip():
                raise forms.ValidationError(
                    _("Write the answer (or the question) in this language, or remove the row.")
                )
        return data


class EntryAnswerInline(admin.StackedInline):
    """The answer in each language, one row per language; every language is optional."""

    model = EntryAnswer
    form = EntryAnswerForm
    max_num = len(Language.choices)

    def get_extra(self, request: HttpRequest, obj: Entry | None = None, **kwargs: Any) -> int:
        return self.max_num - (obj.variants.count() if obj is not None else 0)


class SimilarQuestionInline(admin.TabularInline):
    model = SimilarQuestion
    extra = 2


class EntryVersionInline(admin.TabularInline):
    model = EntryVersion
    extra = 0
    can_delete = False
    fields = ["version", "changed_by", "changed_at", "data"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Entry)
class EntryAdmin(ImportExportModelAdmin):
    resource_classes = [EntryResource]
    formats = [SafeCSV, SafeXLSX, JSON]  # formula-safe cells (core.spreadsheets)
    list_display = [
        "question",
        "category",
        "language",
        "answer_languages",
        "intent",
        "status",
        "version",
        "updated_at",
    ]
    list_filter = ["status", "language", "intent", "category", "tags"]
    search_fields = [
        "question",
        "similar_questions__text",
        "variants__answer",
        "variants__question",
    ]
    autocomplete_fields = ["tags"]
    inlines = [EntryAnswerInline, SimilarQuestionInline, EntryVersionInline]
    readonly_fields = ["status", "version", "published_at", "updated_by"]
    actions = ["submit_for_review", "publish", "archive", "back_to_draft"]
    # Adds where the answer model is after a publish: "training… / in service (vN)".
    change_list_template = "admin/knowledge/entry/change_list.html"

    # --- who may see and edit what: only the categories granted to the editor ---------------

    def get_queryset(self, request: HttpRequest) -> QuerySet[Entry]:
        queryset = super().get_queryset(request).select_related("category")
        queryset = queryset.prefetch_related("variants")
        return queryset.filter(category__in=editable_categories(request.user)).distinct()

    @admin.display(description=_("answers in"))
    def answer_languages(self, entry: Entry) -> str:
        return ", ".join(variants.answer_languages(entry)) or "—"

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "category":
            kwargs["queryset"] = editable_categories(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Entry | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit_entry(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Entry | None = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_edit_entry(request.user, obj))

    # --- every save records a version and an audit event ------------------------------------

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        record_entry_change(form.instance, request.user, "updated" if change else "created")

    def delete_model(self, request: HttpRequest, obj: Entry) -> None:
        from audit.services import record

        record("knowledge.entry.deleted", obj=obj, changes={"question": obj.question})
        super().delete_model(request, obj)
        if obj.status == Status.PUBLISHED:
            schedule_retrain(f"entry {obj.pk} deleted")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Entry]) -> None:
        for entry in queryset:
            self.delete_model(request, entry)

    # --- the answer model after a publish ---------------------------------------------------

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        extra_context = {**(extra_context or {}), "answer_model_status": model_updates.status()}
        return super().changelist_view(request, extra_context)

    def get_urls(self) -> list[Any]:
        from django.urls import path

        status = path(
            "answer-model-status/",
            self.admin_site.admin_view(self.answer_model_status_view),
            name="knowledge_entry_answer_model_status",
        )
        return [status, *super().get_urls()]

    def answer_model_status_view(self, request: HttpRequest) -> JsonResponse:
        """What the changelist's status line polls while a publish is training or loading."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return JsonResponse(model_updates.status())

    # --- workflow ---------------------------------------------------------------------------

    def _move(self, request: HttpRequest, queryset: QuerySet[Entry], status: str) -> None:
        if status in (Status.PUBLISHED, Status.ARCHIVED) and not request.user.has_perm(
            "knowledge.publish_entry"
        ):
            self.message_user(request, _("You may not publish or archive entries."), messages.ERROR)
            return
        changed, refused = change_status(queryset, status, request.user)
        if changed:
            self.message_user(
                request,
                _("%(n)d entries are now %(status)s.")
                % {"n": len(changed), "status": Status(status).label},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _("%(n)d entries could not move to %(status)s from their current status: %(q)s")
                % {
                    "n": len(refused),
                    "status": Status(status).label,
                    "q": "; ".join(e.question for e in refused[:5]),
                },
                messages.WARNING,
            )

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Entry]) -> None:
        self._move(request, queryset, Status.IN_REVIEW)

    @admin.action(description=_("Publish"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Entry]) -> None:
        self._move(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Archive"))
    def archive(self, request: HttpRequest, queryset: QuerySet[Entry]) -> None:
        self._move(request, queryset, Status.ARCHIVED)

    @admin.action(description=_("Back to draft"))
    def back_to_draft(self, request: HttpRequest, queryset: QuerySet[Entry]) -> None:
        self._move(request, queryset, Status.DRAFT)


@admin.register(AnswerModel)
class AnswerModelAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "created_at",
        "trigger",
        "n_entries",
        "n_questions",
        "threshold",
        "train_seconds",
    ]
    exclude = ["artifact"]
    actions = ["retrain"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Retrain the answer model now"))
    def retrain(self, request: HttpRequest, queryset: QuerySet[AnswerModel]) -> None:
        schedule_retrain(f"requested by {request.user.get_username()}")
        self.message_user(request, _("Retraining has been scheduled."), messages.SUCCESS)


@admin.register(AnswerLog)
class AnswerLogAdmin(admin.ModelAdmin):
    """Editors read what customers asked to find gaps in the knowledge base; they never need
    the contact details inside a question, so the question is only ever shown masked (and
    cannot be searched: it is encrypted)."""

    list_display = [
        "created_at",
        "masked_question",
        "entry",
        "answered",
        "confidence",
        "latency_ms",
        "feedback",
    ]
    list_filter = ["answered", "language", "channel", "feedback"]
    date_hierarchy = "created_at"
    exclude = ["question"]
    readonly_fields = ["masked_question"]
    list_select_related = ["entry"]

    @admin.display(description=_("question"))
    def masked_question(self, obj: AnswerLog) -> str:
        return mask_personal_data(obj.question)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
