"""Rollups: raw conversations and messages aggregated per day (local time) and per hour, so
reports over a year read a few hundred rows instead of a million messages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyStats(models.Model):
    day = models.DateField(verbose_name=_("day"))  # in settings.TIME_ZONE: a supervisor's "Monday"
    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="+", verbose_name=_("shop")
    )
    channel = models.CharField(max_length=20, verbose_name=_("channel"))
    conversations = models.PositiveIntegerField(default=0, verbose_name=_("conversations"))
    customer_messages = models.PositiveIntegerField(default=0, verbose_name=_("customer messages"))
    bot_messages = models.PositiveIntegerField(default=0, verbose_name=_("bot messages"))
    agent_messages = models.PositiveIntegerField(default=0, verbose_name=_("agent messages"))
    handoffs = models.PositiveIntegerField(default=0, verbose_name=_("handoffs"))
    bot_resolved = models.PositiveIntegerField(default=0, verbose_name=_("resolved by the bot"))
    csat_count = models.PositiveIntegerField(default=0, verbose_name=_("ratings"))
    csat_sum = models.PositiveIntegerField(default=0, verbose_name=_("sum of ratings"))
    csat_histogram = models.JSONField(
        default=dict, verbose_name=_("ratings by score")
    )  # {"1": n, ..., "5": n}
    mood_histogram = models.JSONField(
        default=dict, verbose_name=_("mood distribution")
    )  # {"negative": n, "neutral": n, "positive": n}
    sla_breaches = models.PositiveIntegerField(default=0, verbose_name=_("SLA breaches"))

    class Meta:
        verbose_name = _("daily statistics")
        verbose_name_plural = _("daily statistics")
        constraints = [
            models.UniqueConstraint(fields=["day", "shop", "channel"], name="unique_daily_stats")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.shop_id} {self.channel}"


class HourlyVolume(models.Model):
    """Conversations started per hour: the shape of a day, for staffing."""

    hour = models.DateTimeField(verbose_name=_("hour"))  # start of the hour, UTC
    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="+", verbose_name=_("shop")
    )
    channel = models.CharField(max_length=20, verbose_name=_("channel"))
    conversations = models.PositiveIntegerField(default=0, verbose_name=_("conversations"))

    class Meta:
        verbose_name = _("hourly volume")
        verbose_name_plural = _("hourly volumes")
        constraints = [
            models.UniqueConstraint(fields=["hour", "shop", "channel"], name="unique_hourly_volume")
        ]
        indexes = [models.Index(fields=["hour"])]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}h {self.shop_id} {self.channel}"
