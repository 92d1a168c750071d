"""The inactivity check runs every minute (django-celery-beat, editable in the admin), and every
existing shop gets the shipped default rule "close after 30 minutes without a customer reply"
(new shops get it when they are created: ``automation.receivers``)."""

from django.db import migrations

from automation import defaults

NAME = "automation: no customer reply"
TASK = "automation.tasks.check_inactivity"


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    interval, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(name=NAME, defaults={"task": TASK, "interval": interval})
    Rule = apps.get_model("automation", "Rule")
    for shop in apps.get_model("shops", "Shop").objects.all():
        defaults.seed(shop, Rule)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()
    apps.get_model("automation", "Rule").objects.filter(name=defaults.INACTIVITY_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("automation", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
