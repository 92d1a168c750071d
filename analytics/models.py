"""Rollups: raw conversations and messages aggregated per day (local time) and per hour, so
reports over a year read a few hundred rows instead of a million messages."""

from __future__ import annotations

from django.db import models


class DailyStats(models.Model):
    day = models.DateField()  # in settings.TIME_ZONE: a supervisor's "Monday"
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=20)
    conversations = models.PositiveIntegerField(default=0)
    customer_messages = models.PositiveIntegerField(default=0)
    bot_messages = models.PositiveIntegerField(default=0)
    agent_messages = models.PositiveIntegerField(default=0)
    handoffs = models.PositiveIntegerField(default=0)
    bot_resolved = models.PositiveIntegerField(default=0)
    csat_count = models.PositiveIntegerField(default=0)
    csat_sum = models.PositiveIntegerField(default=0)
    csat_histogram = models.JSONField(default=dict)  # {"1": n, ..., "5": n}
    mood_histogram = models.JSONField(default=dict)  # {"negative": n, "neutral": n, "positive": n}
    sla_breaches = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "shop", "channel"], name="unique_daily_stats")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.shop_id} {self.channel}"


class HourlyVolume(models.Model):
    """Conversations started per hour: the shape of a day, for staffing."""

    hour = models.DateTimeField()  # start of the hour, UTC
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=20)
    conversations = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hour", "shop", "channel"], name="unique_hourly_volume")
        ]
        indexes = [models.Index(fields=["hour"])]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}h {self.shop_id} {self.channel}"
