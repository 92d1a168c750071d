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
    WHATSAPP = "whatsapp", _("WhatsApp Business (Cloud API)")
    MESSENGER = "messenger", _("Facebook Messenger")
    INSTAGRAM = "instagram", _("Instagram Direct")
    TELEGRAM = "telegram", _("Telegram bot")


def new_webhook_key() -> str:
    return secrets.token_urlsafe(16)


class ChannelAccount(models.Model):
    """One shop's presence on one channel. Its webhook URL carries ``webhook_key`` (which
    account a request is for); the provider's signature, checked with ``secrets``, proves who
    sent it. ``settings`` holds what is not secret (numbers, ids, addresses, URLs)."""

    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="channels", verbose_name=_("shop")
    )
    kind = models.CharField(max_length=10, choices=ChannelKind.choices, verbose_name=_("kind"))
    name = models.CharField(max_length=100, verbose_name=_("name"))
    webhook_key = models.CharField(
        max_length=32, unique=True, default=new_webhook_key, verbose_name=_("webhook key")
    )
    settings = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            'SMS/voice: {"account_sid", "from_number", "agent_number", "language"}; '
            'WeChat: {"app_id"}; e-mail: {"address"}; webhook: {"outbound_url"}; '
            'WhatsApp: {"phone_number_id"}; Messenger: {"page_id"}; Instagram: '
            '{"instagram_id"}; Telegram: {"bot_username"}. '
            '"api_base_url" points outbound calls at another host (a test double, a proxy).'
        ),
        verbose_name=_("settings"),
    )
    secrets = EncryptedTextField(
        blank=True,
        help_text=_(
            'JSON, encrypted at rest. SMS/voice: {"auth_token"}; WeChat: {"token", '
            '"app_secret", "encoding_aes_key"}; e-mail and webhook: {"signing_secret"}; '
            'WhatsApp, Messenger, Instagram: {"app_secret", "access_token", "verify_token"}; '
            'Telegram: {"bot_token", "webhook_secret"}. Shown once; blank keeps them.'
        ),
        verbose_name=_("secrets"),
    )
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("channel account")
        verbose_name_plural = _("channel accounts")
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


class Receipt(models.TextChoices):
    """What the provider later reports about a message it took (WhatsApp statuses)."""

    SENT = "sent", _("Sent by the provider")
    DELIVERED = "delivered", _("Delivered to the customer")
    READ = "read", _("Read")
    FAILED = "failed", _("Failed")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Retrying")
    SENT = "sent", _("Sent")
    DEAD = "dead", _("Dead letter")


class OutboundDelivery(models.Model):
    """A reply on its way to the customer's channel, with every attempt's outcome. Dead letters
    (out of retries) wait in the admin for someone to look and retry."""

    account = models.ForeignKey(
        ChannelAccount,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("channel account"),
    )
    message = models.OneToOneField(
        "conversations.Message",
        on_delete=models.CASCADE,
        related_name="delivery",
        verbose_name=_("message"),
    )
    recipient = EncryptedTextField(verbose_name=_("recipient"))
    status = models.CharField(
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        verbose_name=_("status"),
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    provider_id = models.CharField(
        max_length=100, blank=True, verbose_name=_("provider's message id")
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("next attempt at"))
    receipt = models.CharField(
        max_length=10, choices=Receipt.choices, blank=True, verbose_name=_("provider receipt")
    )
    receipt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("receipt at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("outbound delivery")
        verbose_name_plural = _("outbound deliveries")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            # Status webhooks find their delivery by the provider's message id.
            models.Index(fields=["account", "provider_id"]),
        ]

    def __str__(self) -> str:
        return f"delivery of message #{self.message_id} ({self.status})"


class ChannelThread(models.Model):
    """Which channel account and address a conversation lives on, so that every reply (bot,
    agent, system) goes back the way the customer came."""

    conversation = models.OneToOneField(
        "conversations.Conversation",
        on_delete=models.CASCADE,
        related_name="channel_thread",
        verbose_name=_("conversation"),
    )
    account = models.ForeignKey(
        ChannelAccount,
        on_delete=models.CASCADE,
        related_name="threads",
        verbose_name=_("channel account"),
    )
    recipient = EncryptedTextField(verbose_name=_("recipient"))
    # E-mail: the Message-ID and subject replies thread under. Both come from the customer's
    # mail (the subject is their own words, the Message-ID often names their host), so they
    # are encrypted like the message texts (issue 17 H2, schema audit).
    reference = EncryptedTextField(blank=True, verbose_name=_("thread reference"))
    subject = EncryptedTextField(blank=True, verbose_name=_("subject"))
    # The customer's last message on the channel: WhatsApp, Messenger and Instagram allow
    # free-form replies only for 24 hours after it (gateway.window).
    last_inbound_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("last customer message at")
    )

    class Meta:
        verbose_name = _("channel thread")
        verbose_name_plural = _("channel threads")

    def __str__(self) -> str:
        return f"{self.account} thread of conversation #{self.conversation_id}"


class WhatsAppTemplate(models.Model):
    """A message template the shop had approved by Meta: the only thing WhatsApp lets a
    business send once 24 hours have passed since the customer's last message. With
    ``carries_text`` its body has one parameter ({{1}}) that takes the agent's reply."""

    account = models.ForeignKey(
        ChannelAccount,
        on_delete=models.CASCADE,
        related_name="whatsapp_templates",
        limit_choices_to={"kind": ChannelKind.WHATSAPP},
        verbose_name=_("channel account"),
    )
    name = models.CharField(
        max_length=512,
        help_text=_("The template's name as approved in WhatsApp Manager."),
        verbose_name=_("template name"),
    )
    languages = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            'The approved language code per conversation language, e.g. {"zh-hans": "zh_CN", '
            '"zh-hant": "zh_HK", "en": "en_US"}; "default" for any other.'
        ),
        verbose_name=_("languages"),
    )
    carries_text = models.BooleanField(
        default=True,
        help_text=_("The body has one parameter, {{1}}, filled with the agent's reply."),
        verbose_name=_("carries the reply's text"),
    )
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    position = models.PositiveSmallIntegerField(
        default=0,
        help_text=_("The first active template is used when a reply falls outside the window."),
        verbose_name=_("position"),
    )

    class Meta:
        verbose_name = _("WhatsApp template")
        verbose_name_plural = _("WhatsApp templates")
        ordering = ["account", "position", "id"]

    def __str__(self) -> str:
        return self.name

    def language_for(self, conversation_language: str) -> str:
        languages = self.languages if isinstance(self.languages, dict) else {}
        code = (conversation_language or "").lower()
        for candidate in (code, code.split("-")[0], "default"):
            if candidate and languages.get(candidate):
                return str(languages[candidate])
        return next((str(v) for v in languages.values() if v), "en_US")
