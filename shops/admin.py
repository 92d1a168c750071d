from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AuditedModelAdmin
from audit.services import record
from shops.models import Shop


@admin.register(Shop)
class ShopAdmin(AuditedModelAdmin):
    """The identity secret is shown once, when it is made (a new shop, or the *Rotate* action),
    like an API token; after that only its last characters (design decision, README Security):
    whoever can open the page later cannot copy the key that vouches for every customer."""

    list_display = ["name", "site_key", "is_active", "created_at"]
    search_fields = ["name", "site_key"]
    readonly_fields = ["site_key", "identity_secret_masked", "embed_snippet"]
    fields = [
        "name",
        "site_key",
        "is_active",
        "default_language",
        "allowed_origins",
        "welcome_message",
        "message_retention_days",
        "identity_secret_masked",
        "legacy_signatures_until",
        "embed_snippet",
    ]
    actions = ["rotate_identity_secret"]

    @admin.display(description=_("identity secret"))
    def identity_secret_masked(self, shop: Shop) -> str:
        if not shop.pk:
            return str(_("Made when the shop is saved, and shown once."))
        return shop.masked_identity_secret()

    @admin.display(description=_("Embed snippet"))
    def embed_snippet(self, shop: Shop) -> str:
        if not shop.pk:
            return str(_("Save the shop first."))
        return (
            '<script src="https://YOUR-PLATFORM-HOST/static/widget.js" '
            f'data-site="{shop.site_key}" defer></script>'
        )

    def save_model(self, request: HttpRequest, obj: Shop, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            self._show_once(request, obj, obj.identity_secret)

    @admin.action(description=_("Rotate the identity secret (old signatures stop working)"))
    def rotate_identity_secret(self, request: HttpRequest, queryset: QuerySet[Shop]) -> None:
        for shop in queryset:
            secret = shop.rotate_identity_secret()
            record("shops.identity_secret_rotated", obj=shop)
            self._show_once(request, shop, secret)

    def _show_once(self, request: HttpRequest, shop: Shop, secret: str) -> None:
        self.message_user(
            request,
            _(
                "Identity secret of %(shop)s: %(secret)s — copy it to the shop's back end now, "
                "it is not shown again."
            )
            % {"shop": shop, "secret": secret},
            messages.WARNING,
        )
