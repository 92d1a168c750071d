from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from audit.admin_mixins import AuditedModelAdmin
from gateway import services
from gateway.models import ChannelAccount, DeliveryStatus, OutboundDelivery

WEBHOOK_ROUTE = {
    "sms": "gateway_sms",
    "voice": "gateway_voice",
    "wechat": "gateway_wechat",
    "email": "gateway_email",
    "webhook": "gateway_webhook",
}


@admin.register(ChannelAccount)
class ChannelAccountAdmin(AuditedModelAdmin):
    list_display = ["name", "shop", "kind", "is_active", "webhook_url"]
    list_filter = ["kind", "shop", "is_active"]
    readonly_fields = ["webhook_key", "webhook_url", "created_at"]

    @admin.display(description="Webhook URL (give this to the provider)")
    def webhook_url(self, account: ChannelAccount) -> str:
        if not account.pk:
            return "—"
        return format_html(
            "<code>{}</code>", reverse(WEBHOOK_ROUTE[account.kind], args=[account.webhook_key])
        )


@admin.register(OutboundDelivery)
class OutboundDeliveryAdmin(admin.ModelAdmin):
    """Dead letters: filter by status "Dead letter", read the error, fix the cause, retry."""

    list_display = [
        "id",
        "account",
        "message_id",
        "status",
        "attempts",
        "last_error_short",
        "updated_at",
    ]
    list_filter = ["status", "account__kind", "account"]
    readonly_fields = [f.name for f in OutboundDelivery._meta.fields if f.name != "recipient"]
    exclude = ["recipient"]  # personal data: not needed to judge a failed delivery
    actions = ["retry"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="last error")
    def last_error_short(self, delivery: OutboundDelivery) -> str:
        return delivery.last_error[:80]

    @admin.action(description="Retry the selected dead letters")
    def retry(self, request: HttpRequest, queryset: QuerySet[OutboundDelivery]) -> None:
        dead = list(queryset.filter(status=DeliveryStatus.DEAD))
        for delivery in dead:
            services.retry_dead(delivery, by=request.user)
        self.message_user(request, f"{len(dead)} dead letter(s) queued again.", messages.SUCCESS)
