"""The nightly hash-chain verification, as a crontab schedule editable in the admin."""

from django.conf import settings
from django.db import migrations

NAME = "audit: nightly hash-chain verification"


def schedule(apps, schema_editor):  # type: ignore[no-untyped-def]
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    # 02:15 in the project's time zone (stated explicitly: a crontab's own default is
    # CELERY_TIMEZONE, i.e. UTC): a quiet hour, and before the 03:30 recommender training.
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="15",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=settings.TIME_ZONE,
    )
    PeriodicTask.objects.get_or_create(
        name=NAME, defaults={"task": "audit.tasks.verify_chain", "crontab": crontab}
    )


def unschedule(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_chaincheck"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
