"""Conversation and Message now live in the conversations app: forget them here, state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("gateway", "0002_conversation_moved"),
        ("routing", "0003_conversation_moved"),
        ("chatbot", "0004_conversation_team"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="message",
                    name="conversation",
                ),
                migrations.RemoveField(
                    model_name="message",
                    name="agent",
                ),
                migrations.DeleteModel(
                    name="Conversation",
                ),
                migrations.DeleteModel(
                    name="Message",
                ),
            ],
        ),
    ]
