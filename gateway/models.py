"""Channel accounts (a shop's SMS number, WeChat account, mailbox ...) and outbound deliveries."""

from __future__ import annotations

import json
import secrets
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField


class ChannelKind(models.TextChoices):
    SMS = "sms", _("SMS (Twilio)")
    VOICE = "voice", _("Voice (Twilio)")
    WECHAT = "wechat", _("WeChat Official Account")
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Generic webhook")


def new_webhook_key() -> str:
    return secrets.token_urlsafe(16)


class ChannelAccount(models.Model):
    """One shop's presence on one channel. Its webhook URL carries ``webhook_key`` (which
    account a request is for); the provider's signature, checked with ``secrets``, proves who
    sent it. ``settings`` holds what is not secret (numbers, ids, addresses, URLs)."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(max_length=10, choices=ChannelKind.choices)
    name = models.CharField(max_length=100)
    webhook_key = models.CharField(max_length=32, unique=True, default=new_webhook_key)
    settings = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            'SMS/voice: {"account_sid", "from_number", "agent_number", "language"}; '
            'WeChat: {"app_id"}; e-mail: {"address"}; webhook: {"outbound_url"}. '
            '"api_base_url" points outbound calls at another host (a test double, a proxy).'
        ),
    )
    secrets = EncryptedTextField(
        blank=True,
        help_text=_(
            'JSON, encrypted at rest. SMS/voice: {"auth_token"}; WeChat: {"token", '
            '"app_secret", "encoding_aes_key"}; e-mail and webhook: {"signing_secret"}.'
        ),
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shop", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.shop}: {self.get_kind_display()} {self.name}"

    def secret(self, name: str) -> str:
        try:
            values: Any = json.loads(self.secrets or "{}")
        except json.JSONDecodeError:
            return ""
        return str(values.get(name, "")) if isinstance(values, dict) else ""

    def setting(self, name: str, default: str = "") -> str:
        return str((self.settings or {}).get(name, default))


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Retrying")
    SENT = "sent", _("Sent")
    DEAD = "dead", _("Dead letter")


class OutboundDelivery(models.Model):
    """A reply on its way to the customer's channel, with every attempt's outcome. Dead letters
    (out of retries) wait in the admin for someone to look and retry."""

    account = models.ForeignKey(ChannelAccount, on_delete=models.CASCADE, related_name="deliveries")
    message = models.OneToOneField(
        "chatbot.Message", on_delete=models.CASCADE, related_name="delivery"
    )
    recipient = EncryptedTextField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    provider_id = models.CharField(max_length=100, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "outbound deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"delivery of message #{self.message_id} ({self.status})"


class ChannelThread(models.Model):
    """Which channel account and address a conversation lives on, so that every reply (bot,
    agent, system) goes back the way the customer came."""

    conversation = models.OneToOneField(
        "chatbot.Conversation", on_delete=models.CASCADE, related_name="channel_thread"
    )
    account = models.ForeignKey(ChannelAccount, on_delete=models.CASCADE, related_name="threads")
    recipient = EncryptedTextField()
    # E-mail: the Message-ID and subject replies thread under.
    reference = models.CharField(max_length=255, blank=True)
    subject = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return f"{self.account} thread of conversation #{self.conversation_id}"
