"""What an agent team organises its work with, kept in side tables beside the conversations:
labels (on conversations and on customers), macros, snoozes and mentions."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour is written #rrggbb."))


class Label(models.Model):
    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="labels", verbose_name=_("shop")
    )
    name = models.CharField(max_length=40, verbose_name=_("name"))
    colour = models.CharField(
        max_length=7, default="#6b7280", validators=[COLOUR], verbose_name=_("colour")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["shop", "name"]
        constraints = [
            models.UniqueConstraint(fields=["shop", "name"], name="unique_label_name_per_shop")
        ]

    def __str__(self) -> str:
        return self.name

    def as_dict(self) -> dict[str, object]:
        return {"id": self.pk, "name": self.name, "colour": self.colour, "shop_id": self.shop_id}


class ConversationLabel(models.Model):
    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.CASCADE,
        related_name="desk_labels",
        verbose_name=_("conversation"),
    )
    label = models.ForeignKey(
        Label, on_delete=models.CASCADE, related_name="conversations", verbose_name=_("label")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(auto_now_add=True, verbose_name=_("added at"))

    class Meta:
        verbose_name = _("conversation label")
        verbose_name_plural = _("conversation labels")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "label"], name="unique_conversation_label"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.conversation_id}: {self.label_id}"


class CustomerLabel(models.Model):
    customer = models.ForeignKey(
        "profiles.Customer",
        on_delete=models.CASCADE,
        related_name="desk_labels",
        verbose_name=_("customer"),
    )
    label = models.ForeignKey(
        Label, on_delete=models.CASCADE, related_name="customers", verbose_name=_("label")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(auto_now_add=True, verbose_name=_("added at"))

    class Meta:
        verbose_name = _("customer label")
        verbose_name_plural = _("customer labels")
        constraints = [
            models.UniqueConstraint(fields=["customer", "label"], name="unique_customer_label")
        ]

    def __str__(self) -> str:
        return f"customer {self.customer_id}: {self.label_id}"


class Macro(models.Model):
    """A named sequence of actions (``desk.actions``): ``[{"action": "add_label",
    "params": {"label": "refund"}}, ...]``. Personal when it has an owner, else shared by
    everyone working for its shop (every shop when that is empty too)."""

    name = models.CharField(max_length=80, verbose_name=_("name"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="desk_macros",
        verbose_name=_("owner"),
        help_text=_("Empty: shared with the whole team."),
    )
    shop = models.ForeignKey(
        "shops.Shop",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="macros",
        verbose_name=_("shop"),
        help_text=_("Empty: available for every shop."),
    )
    actions = models.JSONField(default=list, verbose_name=_("actions"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("macro")
        verbose_name_plural = _("macros")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def shared(self) -> bool:
        return self.owner_id is None


class Snooze(models.Model):
    """A conversation put aside until ``until`` or until the customer writes again (or
    both); it leaves the active lists while ``woken_at`` is empty."""

    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.CASCADE,
        related_name="desk_snoozes",
        verbose_name=_("conversation"),
    )
    until = models.DateTimeField(null=True, blank=True, verbose_name=_("until"))
    until_reply = models.BooleanField(default=False, verbose_name=_("until the customer replies"))
    snoozed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("snoozed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    woken_at = models.DateTimeField(null=True, blank=True, verbose_name=_("woken at"))
    wake_reason = models.CharField(max_length=20, blank=True, verbose_name=_("wake reason"))

    class Meta:
        verbose_name = _("snooze")
        verbose_name_plural = _("snoozes")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation"],
                condition=Q(woken_at__isnull=True),
                name="one_active_snooze_per_conversation",
            )
        ]
        indexes = [
            models.Index(
                fields=["until"], condition=Q(woken_at__isnull=True), name="desk_snooze_due"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.conversation_id} snoozed"


class Mention(models.Model):
    """``@username`` in a private note: that colleague is told, and may read the
    conversation (read-only) even outside their team."""

    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.CASCADE,
        related_name="desk_mentions",
        verbose_name=_("conversation"),
    )
    message = models.ForeignKey(
        "conversations.Message",
        on_delete=models.CASCADE,
        related_name="desk_mentions",
        verbose_name=_("note"),
    )
    mentioned = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="desk_mentions",
        verbose_name=_("mentioned"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read at"))

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["message", "mentioned"], name="unique_mention")
        ]
        indexes = [models.Index(fields=["mentioned", "read_at"])]

    def __str__(self) -> str:
        return f"#{self.conversation_id} @{self.mentioned_id}"
