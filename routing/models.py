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
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (KeyError, ValueError) as exc:
            raise ValidationError({"timezone": _("Unknown time zone.")}) from exc


class BusinessHours(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="hours", verbose_name=_("team")
    )
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
        ],
        verbose_name=_("weekday"),
    )
    opens = models.TimeField(verbose_name=_("opens"))
    closes = models.TimeField(verbose_name=_("closes"))

    class Meta:
        verbose_name = _("business hours")
        verbose_name_plural = _("business hours")
        ordering = ["team", "weekday", "opens"]

    def __str__(self) -> str:
        return f"{self.team} {self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class Holiday(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="holidays", verbose_name=_("team")
    )
    date = models.DateField(verbose_name=_("date"))
    name = models.CharField(max_length=80, blank=True, verbose_name=_("name"))

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["team", "date"], name="unique_holiday")]

    def __str__(self) -> str:
        return f"{self.team} {self.date} {self.name}"


class Skill(models.Model):
    name = models.SlugField(_("name"), max_length=40, unique=True)
    description = models.CharField(max_length=200, blank=True, verbose_name=_("description"))

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgentProfile(models.Model):
    """Availability of one agent: presence, capacity (concurrent chats), teams and skills."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agent_profile",
        verbose_name=_("user"),
    )
    presence = models.CharField(
        max_length=10,
        choices=Presence.choices,
        default=Presence.OFFLINE,
        db_index=True,
        verbose_name=_("presence"),
    )
    capacity = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        verbose_name=_("capacity"),
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="agents", verbose_name=_("teams"))
    open_sockets = models.PositiveSmallIntegerField(
        default=0, editable=False, verbose_name=_("open connections")
    )
    last_assigned_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last assigned at")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("agent profile")
        verbose_name_plural = _("agent profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.presence})"


class AgentSkill(models.Model):
    agent = models.ForeignKey(
        AgentProfile, on_delete=models.CASCADE, related_name="skills", verbose_name=_("agent")
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, verbose_name=_("skill"))
    level = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(5)], verbose_name=_("level")
    )

    class Meta:
        verbose_name = _("agent skill")
        verbose_name_plural = _("agent skills")
        constraints = [
            models.UniqueConstraint(fields=["agent", "skill"], name="unique_agent_skill")
        ]

    def __str__(self) -> str:
        return f"{self.skill} {self.level}"


class RoutingRule(models.Model):
    """When a conversation matches every filled-in condition, it needs ``skill`` at
    ``min_level`` (and/or a member of ``team``), and its priority goes up by ``priority_boost``."""

    name = models.CharField(max_length=80, verbose_name=_("name"))
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    intent = models.CharField(
        max_length=40, blank=True, help_text=_("e.g. return_request"), verbose_name=_("intent")
    )
    category = models.ForeignKey(
        "knowledge.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Matches this category and its sub-categories."),
        verbose_name=_("category"),
    )
    channel = models.CharField(
        max_length=20, blank=True, help_text=_("e.g. web, sms, wechat"), verbose_name=_("channel")
    )
    language = models.CharField(
        max_length=8, blank=True, help_text=_("zh or en"), verbose_name=_("language")
    )
    skill = models.ForeignKey(
        Skill, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("skill")
    )
    min_level = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        verbose_name=_("minimum level"),
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("team")
    )
    priority_boost = models.IntegerField(default=0, verbose_name=_("priority boost"))

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoutingPolicy(models.Model):
    """The global knobs of routing (one row, created on first use)."""

    vip_boost = models.IntegerField(default=50, verbose_name=_("VIP boost"))
    negative_mood_boost = models.IntegerField(default=30, verbose_name=_("negative mood boost"))
    repeat_contact_boost = models.IntegerField(default=20, verbose_name=_("repeat contact boost"))
    repeat_contact_days = models.PositiveSmallIntegerField(
        default=7, verbose_name=_("repeat contact window (days)")
    )
    wait_boost_per_minute = models.IntegerField(
        default=1, verbose_name=_("boost per minute waited")
    )
    sla_first_reply_seconds = models.PositiveIntegerField(
        default=120, verbose_name=_("first-reply SLA (s)")
    )
    sla_breach_boost = models.IntegerField(default=40, verbose_name=_("boost after an SLA breach"))

    class Meta:
        verbose_name = _("routing policy")
        verbose_name_plural = _("routing policies")

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
        "conversations.Conversation",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("conversation"),
    )
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )
    kind = models.CharField(max_length=12, choices=DecisionKind.choices, verbose_name=_("kind"))
    winner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    requirements = models.JSONField(default=dict, verbose_name=_("requirements"))
    candidates = models.JSONField(default=list, verbose_name=_("candidates"))
    summary = models.CharField(max_length=300, verbose_name=_("summary"))

    class Meta:
        verbose_name = _("assignment decision")
        verbose_name_plural = _("assignment decisions")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.summary


class SlaBreach(models.Model):
    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.CASCADE,
        related_name="sla_breaches",
        verbose_name=_("conversation"),
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agent"),
    )
    assigned_at = models.DateTimeField(verbose_name=_("assigned at"))
    breached_at = models.DateTimeField(auto_now_add=True, verbose_name=_("breached at"))
    limit_seconds = models.PositiveIntegerField(verbose_name=_("limit (s)"))

    class Meta:
        verbose_name = _("SLA breach")
        verbose_name_plural = _("SLA breaches")
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
