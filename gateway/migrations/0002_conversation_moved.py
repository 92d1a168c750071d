"""Conversation and Message moved to the conversations app (same tables): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("gateway", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="channelthread",
                    name="conversation",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="channel_thread",
                        to="conversations.conversation",
                    ),
                ),
                migrations.AlterField(
                    model_name="outbounddelivery",
                    name="message",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="delivery",
                        to="conversations.message",
                    ),
                ),
            ],
        ),
    ]
