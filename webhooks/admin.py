from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.admin_mixins import AuditedModelAdmin
from audit.services import record
from gateway.models import DeliveryStatus
from webhooks import services
from webhooks.models import EventType, ShopBot, WebhookDelivery, WebhookSubscription


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(max_length=500, assume_scheme="https", label=_("URL"))
    event_types = forms.MultipleChoiceField(
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("event types"),
    )

    class Meta:
        model = WebhookSubscription
        fields = ["shop", "name", "url", "event_types", "include_contacts", "is_active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("The URL must start with https:// or http://."))
        return url


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(AuditedModelAdmin):
    form = SubscriptionForm
    list_display = [
        "name",
        "shop",
        "url",
        "is_active",
        "include_contacts",
        "consecutive_failures",
        "disabled_reason",
    ]
    list_filter = ["shop", "is_active", "include_contacts"]
    readonly_fields = ["consecutive_failures", "disabled_reason", "created_at", "updated_at"]
    actions = ["enable_again"]

    def save_model(
        self, request: HttpRequest, obj: WebhookSubscription, form: Any, change: bool
    ) -> None:
        granted_before = (
            WebhookSubscription.objects.filter(pk=obj.pk, include_contacts=True).exists()
            if change
            else False
        )
        super().save_model(request, obj, form, change)
        if obj.include_contacts != granted_before:
            # Contact details leaving the platform is a decision someone answers for.
            record(
                "webhooks.contacts_granted"
                if obj.include_contacts
                else "webhooks.contacts_revoked",
                obj=obj,
                actor=request.user,
                changes={"url": obj.url},
            )
        if not change:
            self.message_user(
                request,
                _("Signing secret of %(name)s: %(secret)s — copy it now, it is not shown again.")
                % {"name": obj.name, "secret": obj.secret},
                messages.WARNING,
            )

    @admin.action(description=_("Enable the selected subscriptions again"))
    def enable_again(self, request: HttpRequest, queryset: QuerySet[WebhookSubscription]) -> None:
        for subscription in queryset:
            services.enable(subscription, by=request.user)
        self.message_user(request, _("Enabled."), messages.SUCCESS)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """Dead letters: filter by status "Dead letter", read the error, fix the endpoint, retry."""

    list_display = [
        "id",
        "subscription",
        "event_type",
        "event_id",
        "status",
        "attempts",
        "response_status",
        "last_error_short",
        "updated_at",
    ]
    list_filter = ["status", "event_type", "subscription__shop", "subscription"]
    # The body can hold customer messages (and, with the scope, contact details): not needed
    # to judge a failed delivery.
    exclude = ["body"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields if f.name != "body"]
    actions = ["retry"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("last error"))
    def last_error_short(self, delivery: WebhookDelivery) -> str:
        return delivery.last_error[:80]

    @admin.action(description=_("Retry the selected dead letters"))
    def retry(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        dead = list(queryset.filter(status=DeliveryStatus.DEAD))
        for delivery in dead:
            services.retry_dead(delivery, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(n)d dead letter queued again.", "%(n)d dead letters queued again.", len(dead)
            )
            % {"n": len(dead)},
            messages.SUCCESS,
        )


@admin.register(ShopBot)
class ShopBotAdmin(AuditedModelAdmin):
    list_display = ["shop", "mode", "updated_at"]
    list_filter = ["mode"]
