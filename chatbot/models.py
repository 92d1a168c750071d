from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField


class ConversationStatus(models.TextChoices):
    BOT = "bot", _("With the bot")
    WAITING = "waiting", _("Waiting for a person")
    ASSIGNED = "assigned", _("With an agent")
    CLOSED = "closed", _("Closed")


class Sender(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    BOT = "bot", _("Bot")
    AGENT = "agent", _("Agent")
    SYSTEM = "system", _("System")


class Conversation(models.Model):
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="conversations")
    customer = models.ForeignKey(
        "profiles.Customer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    # SHA-256 of the anonymous visitor's bearer token: a database leak does not hand out tokens.
    visitor_token_hash = models.CharField(max_length=64, db_index=True)
    channel = models.CharField(max_length=20, default="web")
    language = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        max_length=10,
        choices=ConversationStatus.choices,
        default=ConversationStatus.BOT,
        db_index=True,
    )
    assigned_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_conversations",
    )
    # The team the conversation belongs to, set by routing; decides who may see it
    # (routing.scope). Empty until it is handed to a person.
    team = models.ForeignKey(
        "routing.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    priority = models.IntegerField(default=0, db_index=True)
    handoff_reason = models.CharField(max_length=40, blank=True)
    assignment_reason = models.JSONField(default=dict, blank=True)
    last_seq = models.PositiveIntegerField(default=0)
    unanswered_streak = models.PositiveSmallIntegerField(default=0)
    # Smoothed customer mood (-1..1), its tracker state, and whether it triggered escalation.
    mood = models.FloatField(default=0.0)
    mood_state = models.JSONField(default=dict, blank=True)
    mood_alert = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    first_agent_reply_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    csat_score = models.PositiveSmallIntegerField(null=True, blank=True)
    csat_comment = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["status", "-priority", "queued_at"]),
            # Reports and rollups read conversations by when they started.
            models.Index(fields=["created_at"]),
        ]

    def __str__(self) -> str:
        return f"Conversation #{self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status != ConversationStatus.CLOSED


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    seq = models.PositiveIntegerField()
    # NULL, not "", for server-made messages: the unique constraint must ignore them.
    client_id = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    sender = models.CharField(max_length=10, choices=Sender.choices)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Customers type anything into a chat, personal data included: encrypted at rest.
    text = EncryptedTextField()
    payload = models.JSONField(default=dict, blank=True)
    is_private = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="unique_message_seq"),
            models.UniqueConstraint(
                fields=["conversation", "client_id"], name="unique_message_client_id"
            ),
        ]
        indexes = [models.Index(fields=["created_at"])]  # the hourly rollup reads a day

    def __str__(self) -> str:
        return f"#{self.conversation_id}/{self.seq} {self.sender}"


class CannedReply(models.Model):
    title = models.CharField(_("title"), max_length=80)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    shop = models.ForeignKey(
        "shops.Shop",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Empty: available for every shop."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name_plural = _("canned replies")

    def __str__(self) -> str:
        return self.title
