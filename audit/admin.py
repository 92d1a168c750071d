from django.contrib import admin
from django.http import HttpRequest

from audit.models import AuditEvent, ChainCheck


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only by design, for everyone including superusers."""

    list_display = [
        "id",
        "created_at",
        "action",
        "actor_repr",
        "actor_role",
        "object_type",
        "object_id",
        "ip_address",
    ]
    list_filter = ["action", "actor_role", "object_type"]
    search_fields = ["action", "actor_repr", "object_type", "object_id", "object_repr"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False


@admin.register(ChainCheck)
class ChainCheckAdmin(admin.ModelAdmin):
    """Results of ``verify_audit_log`` and the nightly check; written only by the check."""

    list_display = ["finished_at", "ok", "events_checked", "first_broken_id", "detail"]
    list_filter = ["ok"]
    date_hierarchy = "finished_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ChainCheck | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ChainCheck | None = None) -> bool:
        return False
