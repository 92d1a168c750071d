from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AuditedModelAdmin
from routing.explain import explain_decision
from routing.models import (
    AgentProfile,
    AgentSkill,
    AssignmentDecision,
    BusinessHours,
    Holiday,
    RoutingPolicy,
    RoutingRule,
    Skill,
    SlaBreach,
    Team,
)


class BusinessHoursInline(admin.TabularInline):
    model = BusinessHours
    extra = 0


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 0


@admin.register(Team)
class TeamAdmin(AuditedModelAdmin):
    inlines = [BusinessHoursInline, HolidayInline]
    list_display = ["name", "timezone"]


@admin.register(Skill)
class SkillAdmin(AuditedModelAdmin):
    list_display = ["name", "description"]


class AgentSkillInline(admin.TabularInline):
    model = AgentSkill
    extra = 1


@admin.register(AgentProfile)
class AgentProfileAdmin(AuditedModelAdmin):
    list_display = ["user", "presence", "capacity", "last_assigned_at"]
    list_filter = ["presence", "teams"]
    filter_horizontal = ["teams"]
    inlines = [AgentSkillInline]
    readonly_fields = ["presence", "open_sockets", "last_assigned_at"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedModelAdmin):
    list_display = [
        "name",
        "is_active",
        "intent",
        "category",
        "channel",
        "language",
        "skill",
        "min_level",
        "team",
        "priority_boost",
    ]
    list_filter = ["is_active", "skill", "team"]


@admin.register(RoutingPolicy)
class RoutingPolicyAdmin(AuditedModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return not RoutingPolicy.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AssignmentDecision)
class AssignmentDecisionAdmin(ReadOnlyAdmin):
    """Supervisors see why each conversation went to whom."""

    list_display = ["created_at", "conversation", "kind", "winner", "explanation"]
    list_filter = ["kind"]
    search_fields = ["summary", "conversation__id"]

    @admin.display(description=_("why"))
    def explanation(self, obj: AssignmentDecision) -> str:
        return explain_decision(obj)


@admin.register(SlaBreach)
class SlaBreachAdmin(ReadOnlyAdmin):
    list_display = ["breached_at", "conversation", "agent", "limit_seconds"]
