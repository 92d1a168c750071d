"""Shops' subscriptions to events, the deliveries made to them, and the per-shop bot setting."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField
from gateway.models import DeliveryStatus


class EventType(models.TextChoices):
    MESSAGE_CREATED = "message.created", _("Message created")
    CONVERSATION_CREATED = "conversation.created", _("Conversation created")
    CONVERSATION_STATUS_CHANGED = "conversation.status_changed", _("Conversation status changed")
    CONVERSATION_ASSIGNED = "conversation.assigned", _("Conversation assigned")
    CSAT_SUBMITTED = "csat.submitted", _("Satisfaction rating submitted")
    LABEL_ADDED = "label.added", _("Label added")
    CUSTOMER_MERGED = "customer.merged", _("Customers merged")
    CUSTOMER_ERASED = "customer.erased", _("Customer erased")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """A URL of a shop's that receives signed JSON for the event types it subscribes to."""

    shop = models.ForeignKey(
        "shops.Shop",
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=_("shop"),
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    url = models.URLField(max_length=500, verbose_name=_("URL"))
    event_types = models.JSONField(default=list, verbose_name=_("event types"))
    # Signs every delivery (HMAC-SHA256); shown once, when the subscription is created.
    secret = EncryptedTextField(default=new_secret, editable=False, verbose_name=_("secret"))
    include_contacts = models.BooleanField(
        default=False,
        help_text=_(
            "Send the customer's name, phone and e-mail with each event. Off by default; "
            "granting it is recorded in the audit trail."
        ),
        verbose_name=_("include contact details"),
    )
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    consecutive_failures = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("failed attempts in a row")
    )
    disabled_reason = models.CharField(
        max_length=300, blank=True, editable=False, verbose_name=_("why it was disabled")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["shop", "name"]

    def __str__(self) -> str:
        return f"{self.shop}: {self.name}"

    def wants(self, event_type: str) -> bool:
        return self.is_active and event_type in (self.event_types or [])


class WebhookDelivery(models.Model):
    """One event on its way to one subscription, with its attempts. Same life as the
    gateway's outbound deliveries: pending, retrying, sent or dead letter (admin retry)."""

    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    event_id = models.CharField(max_length=40, db_index=True, verbose_name=_("event id"))
    event_type = models.CharField(
        max_length=40, choices=EventType.choices, verbose_name=_("event type")
    )
    # The exact body sent (and re-sent on retry). It may carry message text and, with the
    # contacts scope, contact details: encrypted at rest.
    body = EncryptedTextField(verbose_name=_("body"))
    status = models.CharField(
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        verbose_name=_("status"),
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    response_status = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("last HTTP status")
    )
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("next attempt at"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("delivered at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} → {self.subscription_id} ({self.status})"


class BotMode(models.TextChoices):
    BUILT_IN = "built_in", _("Built-in bot")
    WEBHOOK = "webhook", _("External bot (webhook)")


class ShopBot(models.Model):
    """Who answers a shop's customers while a conversation is with the bot. With "webhook" the
    built-in bot stays quiet: each customer message goes out as a ``message.created`` event and
    the shop's own bot answers through ``POST /api/v1/conversations/<id>/messages/``."""

    shop = models.OneToOneField(
        "shops.Shop", on_delete=models.CASCADE, related_name="bot_setting", verbose_name=_("shop")
    )
    mode = models.CharField(
        max_length=10, choices=BotMode.choices, default=BotMode.BUILT_IN, verbose_name=_("bot")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("shop bot setting")
        verbose_name_plural = _("shop bot settings")

    def __str__(self) -> str:
        return f"{self.shop}: {self.get_mode_display()}"
