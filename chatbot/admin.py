from django.contrib import admin

from audit.admin_mixins import AuditedModelAdmin
from chatbot.models import CannedReply
from conversations.models import Conversation
from routing.scope import visible_conversations


@admin.register(CannedReply)
class CannedReplyAdmin(AuditedModelAdmin):
    list_display = ["title", "language", "shop"]
    search_fields = ["title", "text"]
    list_filter = ["language", "shop"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    """Read-only overview; conversations are handled in the console."""

    list_display = ["id", "shop", "channel", "status", "assigned_agent", "created_at", "csat_score"]
    list_filter = ["status", "channel", "shop", "team"]
    readonly_fields = [f.name for f in Conversation._meta.fields if f.name != "csat_comment"]
    exclude = ["csat_comment"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        # The same team scope as the console: nobody browses around it here.
        return visible_conversations(request.user, super().get_queryset(request))

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
