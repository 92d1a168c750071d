"""Conversation moved to the conversations app (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("routing", "0002_schedule_sweep"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="assignmentdecision",
                    name="conversation",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="decisions",
                        to="conversations.conversation",
                    ),
                ),
                migrations.AlterField(
                    model_name="slabreach",
                    name="conversation",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sla_breaches",
                        to="conversations.conversation",
                    ),
                ),
            ],
        ),
    ]
