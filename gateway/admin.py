import json
import secrets
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AuditedModelAdmin
from audit.services import record
from gateway import services
from gateway.models import (
    ChannelAccount,
    ChannelKind,
    DeliveryStatus,
    OutboundDelivery,
    WhatsAppTemplate,
)

WEBHOOK_ROUTE = {
    "sms": "gateway_sms",
    "voice": "gateway_voice",
    "wechat": "gateway_wechat",
    "email": "gateway_email",
    "webhook": "gateway_webhook",
    "whatsapp": "gateway_whatsapp",
    "messenger": "gateway_messenger",
    "instagram": "gateway_instagram",
    "telegram": "gateway_telegram",
}
# Secrets the platform makes itself when they are not given: the token Meta's handshake must
# repeat, the token Telegram sends with every update (setWebhook tells it).
GENERATED = {
    ChannelKind.WHATSAPP: "verify_token",
    ChannelKind.MESSENGER: "verify_token",
    ChannelKind.INSTAGRAM: "verify_token",
    ChannelKind.TELEGRAM: "webhook_secret",
}


def _secrets(account: ChannelAccount) -> dict[str, str]:
    try:
        values = json.loads(account.secrets or "{}")
    except json.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}


class ChannelAccountForm(forms.ModelForm):
    """Secrets are write-only: the form never shows them (they were shown once, when given
    or made); JSON typed here replaces the keys it names, a key set to "" is removed, a blank
    field keeps everything."""

    new_secrets = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        label=_("secrets"),
        help_text=_(
            "JSON, encrypted at rest and never shown again. Blank keeps the current secrets; "
            "the keys given replace those keys."
        ),
    )

    class Meta:
        model = ChannelAccount
        fields = ["shop", "kind", "name", "settings", "is_active"]

    def clean_new_secrets(self) -> dict[str, str]:
        raw = self.cleaned_data.get("new_secrets", "").strip()
        if not raw:
            return {}
        try:
            values = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("Secrets must be a JSON object.")) from exc
        if not isinstance(values, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in values.items()
        ):
            raise forms.ValidationError(_("Secrets must be a JSON object of strings."))
        return values

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        merged = {**_secrets(self.instance), **(cleaned.get("new_secrets") or {})}
        self.instance.secrets = json.dumps({k: v for k, v in merged.items() if v})
        return cleaned


class WhatsAppTemplateInline(admin.TabularInline):
    model = WhatsAppTemplate
    extra = 0
    fields = ["name", "languages", "carries_text", "is_active", "position"]


@admin.register(ChannelAccount)
class ChannelAccountAdmin(AuditedModelAdmin):
    form = ChannelAccountForm
    list_display = ["name", "shop", "kind", "is_active", "webhook_url"]
    list_filter = ["kind", "shop", "is_active"]
    readonly_fields = ["webhook_key", "webhook_url", "secret_names", "created_at"]
    inlines = [WhatsAppTemplateInline]
    actions = ["set_telegram_webhook"]

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        if obj is None or obj.kind != ChannelKind.WHATSAPP:
            return []  # templates belong to WhatsApp accounts only
        return super().get_inline_instances(request, obj)

    @admin.display(description=_("secrets set"))
    def secret_names(self, account: ChannelAccount) -> str:
        return ", ".join(sorted(_secrets(account))) or "—"

    def save_model(
        self, request: HttpRequest, obj: ChannelAccount, form: Any, change: bool
    ) -> None:
        made = {}
        name = GENERATED.get(obj.kind)
        values = _secrets(obj)
        if name and not values.get(name):
            made[name] = values[name] = secrets.token_urlsafe(24)
            obj.secrets = json.dumps(values)
        super().save_model(request, obj, form, change)
        for key, value in made.items():
            self.message_user(
                request,
                gettext("%(name)s of %(account)s: %(value)s — copy it now, it is not shown again.")
                % {"name": key, "account": obj, "value": value},
                messages.WARNING,
            )

    @admin.action(description=_("Telegram: point the bot's webhook here (setWebhook)"))
    def set_telegram_webhook(
        self, request: HttpRequest, queryset: QuerySet[ChannelAccount]
    ) -> None:
        from gateway.channels import telegram

        for account in queryset.filter(kind=ChannelKind.TELEGRAM):
            values = _secrets(account)
            if not values.get("webhook_secret"):
                values["webhook_secret"] = secrets.token_urlsafe(24)
                account.secrets = json.dumps(values)
                account.save(update_fields=["secrets"])
            url = request.build_absolute_uri(
                reverse("gateway_telegram", args=[account.webhook_key])
            )
            try:
                telegram.set_webhook(account, url)
            except services.DeliveryFailed as exc:
                self.message_user(
                    request,
                    gettext("%(account)s: Telegram refused setWebhook: %(error)s")
                    % {"account": account, "error": exc},
                    messages.ERROR,
                )
                continue
            record(
                "gateway.telegram_webhook_set",
                obj=account,
                changes={"url": url},
            )
            self.message_user(
                request,
                gettext("%(account)s: Telegram now sends updates to %(url)s")
                % {"account": account, "url": url},
                messages.SUCCESS,
            )

    @admin.display(description=_("Webhook URL (give this to the provider)"))
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
    list_filter = ["status", "receipt", "account__kind", "account"]
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
