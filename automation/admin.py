"""Rules in the admin: a readable summary of each, their run log on their page, errors in the
conditions and actions shown on the form; supervisors see and edit only the rules of the shops
they supervise, and every change is audited (``AuditedModelAdmin``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from audit.admin_mixins import AuditedModelAdmin
from automation import actions as rule_actions
from automation import conditions as rule_conditions
from automation.models import Event, Rule, RuleRun, ShopSupervisor
from automation.scope import editable_shops
from automation.summary import describe, describe_action

RUN_LOG_ROWS = 30


class RuleForm(forms.ModelForm):
    class Meta:
        model = Rule
        fields = [
            "shop",
            "name",
            "event",
            "inactivity_minutes",
            "conditions",
            "actions",
            "order",
            "stop_after",
            "enabled",
        ]

    def clean_conditions(self) -> Any:
        value = self.cleaned_data.get("conditions")
        try:
            return rule_conditions.validate(value)
        except rule_conditions.ConditionError as exc:
            raise forms.ValidationError(exc.messages) from exc

    def clean_actions(self) -> Any:
        value = self.cleaned_data.get("actions")
        try:
            return rule_actions.validate(value)
        except rule_actions.ActionError as exc:
            raise forms.ValidationError(exc.detail) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        minutes = data.get("inactivity_minutes")
        if data.get("event") == Event.INACTIVITY and not minutes:
            self.add_error(
                "inactivity_minutes", _("Say after how many minutes without a customer reply.")
            )
        elif data.get("event") != Event.INACTIVITY and minutes:
            self.add_error(
                "inactivity_minutes", _("Only the event “No customer reply” takes minutes.")
            )
        return data


class ShopScopedMixin:
    """Only the rules of shops the user may edit exist for them here."""

    shop_path = "shop"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        return queryset.filter(**{f"{self.shop_path}__in": editable_shops(request.user)})


@admin.register(Rule)
class RuleAdmin(ShopScopedMixin, AuditedModelAdmin):
    form = RuleForm
    list_display = ["name", "shop", "event", "order", "enabled", "stop_after", "summary"]
    list_filter = ["shop", "event", "enabled"]
    search_fields = ["name"]
    ordering = ["shop", "event", "order", "id"]
    readonly_fields = ["summary", "run_log"]

    def get_fieldsets(self, request: HttpRequest, obj: Rule | None = None) -> Any:
        main = (None, {"fields": RuleForm.Meta.fields})
        if obj is None:
            return [main]
        return [(None, {"fields": ["summary"]}), main, (_("Run log"), {"fields": ["run_log"]})]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "shop":
            kwargs["queryset"] = editable_shops(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("summary"))
    def summary(self, obj: Rule) -> str:
        return describe(obj) if obj.pk else ""

    @admin.display(description=_("last runs"))
    def run_log(self, obj: Rule) -> str:
        runs = list(obj.runs.select_related("conversation")[:RUN_LOG_ROWS])
        if not runs:
            return gettext("Not run yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(run.at).strftime("%Y-%m-%d %H:%M:%S"),
                    run.get_event_display(),
                    f"#{run.conversation_id}" if run.conversation_id else "—",
                    gettext("matched") if run.matched else gettext("no match"),
                    _outcome(run),
                )
                for run in runs
            ),
        )
        return format_html(
            '<table class="automation-runs"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
            "<th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            gettext("at"),
            gettext("event"),
            gettext("conversation"),
            gettext("matched"),
            gettext("actions"),
            rows,
        )


def _outcome(run: RuleRun) -> str:
    parts = []
    for step in run.actions or []:
        text = describe_action(step)
        if step.get("ok"):
            parts.append(f"✓ {text}")
        else:
            parts.append(f"✗ {text}: {step.get('error', '')}")
    if run.note:
        parts.append(run.note)
    return "; ".join(parts)


@admin.register(RuleRun)
class RuleRunAdmin(ShopScopedMixin, admin.ModelAdmin):
    """The whole run log, read-only."""

    shop_path = "rule__shop"
    list_display = ["at", "rule", "event", "conversation_id", "matched", "failed", "outcome"]
    list_filter = ["event", "matched", "rule__shop"]
    list_select_related = ["rule"]
    search_fields = ["rule__name"]

    @admin.display(boolean=True, description=_("failed"))
    def failed(self, obj: RuleRun) -> bool:
        return obj.failed

    @admin.display(description=_("actions"))
    def outcome(self, obj: RuleRun) -> str:
        return _outcome(obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ShopSupervisorForm(forms.ModelForm):
    class Meta:
        model = ShopSupervisor
        fields = ["shop", "user"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(groups__name=Role.SUPERVISOR.value).order_by("username")
        )


@admin.register(ShopSupervisor)
class ShopSupervisorAdmin(AuditedModelAdmin):
    form = ShopSupervisorForm
    list_display = ["shop", "user"]
    list_filter = ["shop"]
