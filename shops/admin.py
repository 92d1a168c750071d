from django.contrib import admin

from audit.admin_mixins import AuditedModelAdmin
from shops.models import Shop


@admin.register(Shop)
class ShopAdmin(AuditedModelAdmin):
    list_display = ["name", "site_key", "is_active", "created_at"]
    search_fields = ["name", "site_key"]
    readonly_fields = ["site_key", "embed_snippet"]
    fields = [
        "name",
        "site_key",
        "is_active",
        "default_language",
        "allowed_origins",
        "welcome_message",
        "message_retention_days",
        "identity_secret",
        "embed_snippet",
    ]

    @admin.display(description="Embed snippet")
    def embed_snippet(self, shop: Shop) -> str:
        if not shop.pk:
            return "Save the shop first."
        return (
            '<script src="https://YOUR-PLATFORM-HOST/static/widget.js" '
            f'data-site="{shop.site_key}" defer></script>'
        )
