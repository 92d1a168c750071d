"""Automation rules: **when** an event happens in a shop, **if** its conditions hold, **then** run
its actions. Rules run in Celery (``automation.engine``), in order, each run logged."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    CONVERSATION_CREATED = "conversation_created", _("Conversation created")
    CUSTOMER_MESSAGE = "customer_message", _("Customer message")
    AGENT_MESSAGE = "agent_message", _("Agent message")
    BOT_MESSAGE = "bot_message", _("Bot message")
    CONVERSATION_ASSIGNED = "conversation_assigned", _("Conversation assigned")
    STATUS_CHANGED = "status_changed", _("Status changed")
    MOOD_ALERT = "mood_alert", _("Mood alert")
    SLA_BREACHED = "sla_breached", _("First-reply SLA missed")
    CSAT_SUBMITTED = "csat_submitted", _("Satisfaction rating submitted")
    LABEL_ADDED = "label_added", _("Label added")
    INACTIVITY = "inactivity", _("No customer reply")


class Rule(models.Model):
    shop = models.ForeignKey(
        "shops.Shop",
        on_delete=models.CASCADE,
        related_name="automation_rules",
        verbose_name=_("shop"),
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    event = models.CharField(max_length=30, choices=Event.choices, verbose_name=_("when"))
    inactivity_minutes = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("minutes without a customer reply"),
        help_text=_("Only for the event “No customer reply”."),
    )
    conditions = models.JSONField(
        default=dict,
        blank=True,
        verbose_name=_("if"),
        help_text=_(
            'e.g. {"all": [{"field": "channel", "op": "is", "value": "wechat"}, '
            '{"field": "text", "op": "contains", "value": "退款"}]}; empty: always.'
        ),
    )
    actions = models.JSONField(
        default=list,
        verbose_name=_("then"),
        help_text=_('e.g. [{"action": "set_priority", "params": {"priority": 80}}]'),
    )
    order = models.PositiveIntegerField(default=100, verbose_name=_("order"))
    stop_after = models.BooleanField(
        default=False,
        verbose_name=_("stop after this rule"),
        help_text=_("When this rule matches, later rules of the same event do not run."),
    )
    enabled = models.BooleanField(default=True, verbose_name=_("enabled"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("automation rule")
        verbose_name_plural = _("automation rules")
        ordering = ["shop", "event", "order", "id"]
        indexes = [models.Index(fields=["shop", "event", "enabled"])]

    def __str__(self) -> str:
        return self.name


class RuleRun(models.Model):
    """One evaluation of one rule for one event: matched or not, and what each action did."""

    rule = models.ForeignKey(
        Rule, on_delete=models.CASCADE, related_name="runs", verbose_name=_("rule")
    )
    event = models.CharField(max_length=30, choices=Event.choices, verbose_name=_("event"))
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("conversation"),
    )
    matched = models.BooleanField(default=False, verbose_name=_("matched"))
    # [{"action": "set_priority", "ok": true, "result": {...}} | {..., "ok": false, "error": ""}]
    actions = models.JSONField(default=list, blank=True, verbose_name=_("actions"))
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))
    depth = models.PositiveSmallIntegerField(default=0, verbose_name=_("depth"))
    # What makes a time-driven event fire once (inactivity: the last message's number).
    key = models.CharField(max_length=60, blank=True, db_index=True, verbose_name=_("key"))
    at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("at"))

    class Meta:
        verbose_name = _("rule run")
        verbose_name_plural = _("rule runs")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.rule} {self.event} {'matched' if self.matched else 'no match'}"

    @property
    def failed(self) -> bool:
        return any(not a.get("ok") for a in self.actions or [])


class ShopSupervisor(models.Model):
    """Who supervises a shop: a supervisor edits the automation rules of the shops listed for
    them here (administrators edit every shop's)."""

    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="+", verbose_name=_("shop")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="supervised_shops",
        verbose_name=_("supervisor"),
    )

    class Meta:
        verbose_name = _("shop supervisor")
        verbose_name_plural = _("shop supervisors")
        constraints = [
            models.UniqueConstraint(fields=["shop", "user"], name="unique_shop_supervisor")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.shop}"
