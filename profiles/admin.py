from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.admin import ImportExportModelAdmin

from audit.admin_mixins import AuditedModelAdmin
from core.spreadsheets import SafeCSV, SafeXLSX
from profiles import privacy
from profiles.models import ApiScope, ApiToken, Customer, Order, OrderEvent, OrderItem, Product


@admin.register(Customer)
class CustomerAdmin(AuditedModelAdmin):
    # Personal fields stay out of lists: they are shown only on the customer's own page.
    list_display = ["id", "shop", "external_id", "segments", "created_at"]
    list_filter = ["shop"]
    search_fields = ["external_id"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["export_data", "erase_data"]

    @admin.action(
        description="Export all data of the selected customers (JSON)",
        permissions=["export"],
    )
    def export_data(self, request: HttpRequest, queryset: QuerySet[Customer]) -> HttpResponse:
        data = [
            privacy.export_customer(c, by=request.user) for c in queryset.select_related("shop")
        ]
        response = JsonResponse(
            data, safe=False, json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = 'attachment; filename="customer-data.json"'
        return response

    @admin.action(
        description="Erase the personal data of the selected customers…", permissions=["erase"]
    )
    def erase_data(self, request: HttpRequest, queryset: QuerySet[Customer]) -> HttpResponse | None:
        """Irreversible, so it asks first (with a reason, kept in the audit trail)."""
        reason = request.POST.get("reason", "").strip()
        if request.POST.get("confirm") == "yes" and reason:
            erased = [privacy.erase_customer(c, by=request.user, reason=reason) for c in queryset]
            self.message_user(request, f"Erased {len(erased)} customer(s).", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/profiles/customer/erase_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "customers": queryset,
                "reason_missing": request.POST.get("confirm") == "yes" and not reason,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
                "title": "Erase personal data",
            },
        )

    def has_export_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("profiles.export_customer_data")

    def has_erase_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("profiles.erase_customer_data")


class ProductResource(resources.ModelResource):
    class Meta:
        model = Product
        import_id_fields = ["shop", "sku"]
        fields = ["shop", "sku", "name", "description", "category", "price", "currency", "stock"]
        clean_model_instances = True


@admin.register(Product)
class ProductAdmin(ImportExportModelAdmin, AuditedModelAdmin):
    resource_classes = [ProductResource]
    formats = [SafeCSV, SafeXLSX]  # formula-safe cells (core.spreadsheets)
    list_display = ["sku", "name", "shop", "price", "currency", "stock"]
    list_filter = ["shop", "category"]
    search_fields = ["sku", "name"]


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    extra = 0


@admin.register(Order)
class OrderAdmin(AuditedModelAdmin):
    list_display = ["number", "shop", "customer", "status", "total", "currency", "placed_at"]
    list_filter = ["shop", "status"]
    search_fields = ["number", "tracking_number"]
    inlines = [OrderItemInline, OrderEventInline]


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[ApiScope.CATALOGUE_WRITE],
        label=_("scopes"),
    )

    class Meta:
        model = ApiToken
        fields = ["shop", "name", "revoked", "scopes"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    form = ApiTokenForm
    list_display = ["name", "shop", "prefix", "scopes", "created_at", "last_used_at", "revoked"]
    list_filter = ["shop", "revoked"]
    fields = ["shop", "name", "scopes", "revoked", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        if change:
            super().save_model(request, obj, form, change)
            return
        issued, token = ApiToken.issue(obj.shop, obj.name, obj.scopes or [])
        obj.pk, obj.token_hash, obj.prefix = issued.pk, issued.token_hash, issued.prefix
        from audit.services import record

        record("profiles.apitoken.created", obj=issued, changes={"scopes": issued.scopes})
        self.message_user(
            request,
            f"API token for {obj.shop}: {token} — copy it now, it is not shown again.",
            messages.WARNING,
        )
