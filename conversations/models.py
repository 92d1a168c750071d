"""Conversations and their messages.

Routing, profiles, analytics and the channel gateway all read these; only the chat layer writes
them (chatbot.services.transcript).
"""

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
    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="conversations", verbose_name=_("shop")
    )
    customer = models.ForeignKey(
        "profiles.Customer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
        verbose_name=_("customer"),
    )
    # SHA-256 of the anonymous visitor's bearer token: a database leak does not hand out tokens.
    visitor_token_hash = models.CharField(
        max_length=64, db_index=True, verbose_name=_("visitor token hash")
    )
    channel = models.CharField(max_length=20, default="web", verbose_name=_("channel"))
    language = models.CharField(max_length=8, blank=True, verbose_name=_("language"))
    status = models.CharField(
        max_length=10,
        choices=ConversationStatus.choices,
        default=ConversationStatus.BOT,
        db_index=True,
        verbose_name=_("status"),
    )
    assigned_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_conversations",
        verbose_name=_("assigned agent"),
    )
    # The team the conversation belongs to, set by routing; decides who may see it
    # (routing.scope). Empty until it is handed to a person.
    team = models.ForeignKey(
        "routing.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
        verbose_name=_("team"),
    )
    priority = models.IntegerField(default=0, db_index=True, verbose_name=_("priority"))
    # Set by a person (desk actions, automation): routing keeps them instead of recomputing
    # the priority from its policy, or giving the conversation the team a rule names.
    manual_priority = models.IntegerField(
        null=True, blank=True, verbose_name=_("priority set by hand")
    )
    team_pinned = models.BooleanField(default=False, verbose_name=_("team chosen by hand"))
    handoff_reason = models.CharField(max_length=40, blank=True, verbose_name=_("handoff reason"))
    assignment_reason = models.JSONField(
        default=dict, blank=True, verbose_name=_("assignment reason")
    )
    last_seq = models.PositiveIntegerField(default=0, verbose_name=_("last message number"))
    unanswered_streak = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("unanswered in a row")
    )
    # Smoothed customer mood (-1..1), its tracker state, and whether it triggered escalation.
    mood = models.FloatField(default=0.0, verbose_name=_("mood"))
    mood_state = models.JSONField(default=dict, blank=True, verbose_name=_("mood state"))
    mood_alert = models.BooleanField(default=False, verbose_name=_("mood alert"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    queued_at = models.DateTimeField(null=True, blank=True, verbose_name=_("queued at"))
    assigned_at = models.DateTimeField(null=True, blank=True, verbose_name=_("assigned at"))
    first_agent_reply_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("first agent reply at")
    )
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closed at"))
    csat_score = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("satisfaction score")
    )
    csat_comment = EncryptedTextField(blank=True, verbose_name=_("satisfaction comment"))

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        # The table keeps the name it had when the model lived in the chat app.
        db_table = "chatbot_conversation"
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["status", "-priority", "queued_at"]),
            # Reports and rollups read conversations by when they started.
            models.Index(fields=["created_at"]),
            # Every assignment counts each online agent's open conversations: only those rows,
            # not the agent's whole history nor every open conversation of the shop.
            models.Index(
                fields=["assigned_agent"],
                condition=models.Q(status="assigned"),
                name="conversation_open_by_agent",
            ),
        ]

    def __str__(self) -> str:
        return f"Conversation #{self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status != ConversationStatus.CLOSED


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("conversation"),
    )
    seq = models.PositiveIntegerField(verbose_name=_("number"))
    # NULL, not "", for server-made messages: the unique constraint must ignore them.
    client_id = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, verbose_name=_("client message id")
    )
    sender = models.CharField(max_length=10, choices=Sender.choices, verbose_name=_("sender"))
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agent"),
    )
    # Customers type anything into a chat, personal data included: encrypted at rest.
    text = EncryptedTextField(verbose_name=_("text"))
    payload = models.JSONField(default=dict, blank=True, verbose_name=_("details"))
    is_private = models.BooleanField(default=False, verbose_name=_("private note"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        db_table = "chatbot_message"
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
