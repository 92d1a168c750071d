"""The nightly recommender training, as a crontab schedule editable in the admin."""

from django.conf import settings
from django.db import migrations

NAME = "profiles: nightly recommender training"


def schedule(apps, schema_editor):  # type: ignore[no-untyped-def]
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    # 03:30 in the project's time zone: after the day's orders, before the morning rush.
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="3", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone=settings.TIME_ZONE,  # the shop's night, not UTC's
    )
    PeriodicTask.objects.get_or_create(
        name=NAME, defaults={"task": "profiles.tasks.train_recommenders", "crontab": crontab}
    )


def unschedule(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0003_identities_verification_views_recommender"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
