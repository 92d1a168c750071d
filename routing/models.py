from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Presence(models.TextChoices):
    ONLINE = "online", _("Online")
    AWAY = "away", _("Away")
    OFFLINE = "offline", _("Offline")


class Team(models.Model):
    """A skill group of agents with its own business hours."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    timezone = models.CharField(_("time zone"), max_length=50, default="Asia/Shanghai")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (KeyError, ValueError) as exc:
            raise ValidationError({"timezone": _("Unknown time zone.")}) from exc


class BusinessHours(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(
        choices=[
            (i, day)
            for i, day in enumerate(
                [
                    _("Monday"),
                    _("Tuesday"),
                    _("Wednesday"),
                    _("Thursday"),
                    _("Friday"),
                    _("Saturday"),
                    _("Sunday"),
                ]
            )
        ]
    )
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["team", "weekday", "opens"]
        verbose_name_plural = _("business hours")

    def __str__(self) -> str:
        return f"{self.team} {self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class Holiday(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField()
    name = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["team", "date"], name="unique_holiday")]

    def __str__(self) -> str:
        return f"{self.team} {self.date} {self.name}"


class Skill(models.Model):
    name = models.SlugField(_("name"), max_length=40, unique=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgentProfile(models.Model):
    """Availability of one agent: presence, capacity (concurrent chats), teams and skills."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_profile"
    )
    presence = models.CharField(
        max_length=10, choices=Presence.choices, default=Presence.OFFLINE, db_index=True
    )
    capacity = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="agents")
    open_sockets = models.PositiveSmallIntegerField(default=0, editable=False)
    last_assigned_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.presence})"


class AgentSkill(models.Model):
    agent = models.ForeignKey(AgentProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE)
    level = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agent", "skill"], name="unique_agent_skill")
        ]

    def __str__(self) -> str:
        return f"{self.skill} {self.level}"


class RoutingRule(models.Model):
    """When a conversation matches every filled-in condition, it needs ``skill`` at
    ``min_level`` (and/or a member of ``team``), and its priority goes up by ``priority_boost``."""

    name = models.CharField(max_length=80)
    is_active = models.BooleanField(default=True)
    intent = models.CharField(max_length=40, blank=True, help_text=_("e.g. return_request"))
    category = models.ForeignKey(
        "knowledge.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Matches this category and its sub-categories."),
    )
    channel = models.CharField(max_length=20, blank=True, help_text=_("e.g. web, sms, wechat"))
    language = models.CharField(max_length=8, blank=True, help_text=_("zh or en"))
    skill = models.ForeignKey(Skill, null=True, blank=True, on_delete=models.CASCADE)
    min_level = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE)
    priority_boost = models.IntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoutingPolicy(models.Model):
    """The global knobs of routing (one row, created on first use)."""

    vip_boost = models.IntegerField(default=50)
    negative_mood_boost = models.IntegerField(default=30)
    repeat_contact_boost = models.IntegerField(default=20)
    repeat_contact_days = models.PositiveSmallIntegerField(default=7)
    wait_boost_per_minute = models.IntegerField(default=1)
    sla_first_reply_seconds = models.PositiveIntegerField(default=120)
    sla_breach_boost = models.IntegerField(default=40)

    class Meta:
        verbose_name_plural = _("routing policy")

    def __str__(self) -> str:
        return "Routing policy"

    @classmethod
    def current(cls) -> RoutingPolicy:
        return cls.objects.order_by("id").first() or cls.objects.create()


class DecisionKind(models.TextChoices):
    AUTO = "auto", _("Automatic")
    ACCEPT = "accept", _("Accepted by agent")
    TRANSFER = "transfer", _("Transfer")
    SLA_REROUTE = "sla_reroute", _("SLA re-route")
    NONE_FREE = "none_free", _("Nobody free")


class AssignmentDecision(models.Model):
    """Why a conversation went to whom (or waited): candidates, their scores, the winner."""

    conversation = models.ForeignKey(
        "chatbot.Conversation", on_delete=models.CASCADE, related_name="decisions"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=12, choices=DecisionKind.choices)
    winner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requirements = models.JSONField(default=dict)
    candidates = models.JSONField(default=list)
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.summary


class SlaBreach(models.Model):
    conversation = models.ForeignKey(
        "chatbot.Conversation", on_delete=models.CASCADE, related_name="sla_breaches"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField()
    breached_at = models.DateTimeField(auto_now_add=True)
    limit_seconds = models.PositiveIntegerField()

    class Meta:
        ordering = ["-breached_at"]

    def __str__(self) -> str:
        return f"SLA breach on conversation {self.conversation_id}"


def next_opening(team: Team, after: dt.datetime) -> dt.datetime | None:
    """The next moment at or after ``after`` when ``team`` is open (None: no hours set)."""
    hours = list(team.hours.all())
    if not hours:
        return None
    zone = ZoneInfo(team.timezone)
    local = after.astimezone(zone)
    holidays = set(team.holidays.values_list("date", flat=True))
    for day_offset in range(0, 15):
        day = (local + dt.timedelta(days=day_offset)).date()
        if day in holidays:
            continue
        for slot in sorted((h for h in hours if h.weekday == day.weekday()), key=lambda h: h.opens):
            opens = dt.datetime.combine(day, slot.opens, tzinfo=zone)
            closes = dt.datetime.combine(day, slot.closes, tzinfo=zone)
            if closes <= local:
                continue
            return max(opens, local)
    return None
