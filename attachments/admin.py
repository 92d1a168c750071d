from django.contrib import admin

from attachments.models import Attachment, ShopAttachmentPolicy


@admin.register(ShopAttachmentPolicy)
class ShopAttachmentPolicyAdmin(admin.ModelAdmin):
    list_display = ("shop", "max_file_mb")


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    """Read-only: files are reached only through signed URLs in the chat and console; the
    admin shows what exists (for support and audits), never the content or the name."""

    list_display = ("id", "shop", "kind", "content_type", "size", "uploader_kind", "created_at")
    list_filter = ("kind", "uploader_kind", "shop")
    fields = (
        "id",
        "shop",
        "conversation",
        "message",
        "uploader_kind",
        "uploaded_by",
        "kind",
        "content_type",
        "size",
        "width",
        "height",
        "created_at",
    )
    readonly_fields = fields
    ordering = ("-created_at",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
