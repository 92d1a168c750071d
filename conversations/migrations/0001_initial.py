"""Conversation and Message move here from chatbot: state only, the tables keep their names."""

import core.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models




def _rename(apps, old: str, new: str) -> None:
    # Existing databases keep their permission rows (and the groups and object permissions
    # that point at them): the content type changes app, the ids stay.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old, model__in=["conversation", "message"]).update(
        app_label=new
    )


def move_content_types(apps, schema_editor):  # type: ignore[no-untyped-def]
    _rename(apps, "chatbot", "conversations")


def move_content_types_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    _rename(apps, "conversations", "chatbot")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('chatbot', '0004_conversation_team'),
        ('profiles', '0008_verification_requester'),
        ('routing', '0002_schedule_sweep'),
        ('shops', '0003_shop_default_language'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Conversation',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('visitor_token_hash', models.CharField(db_index=True, max_length=64)),
                    ('channel', models.CharField(default='web', max_length=20)),
                    ('language', models.CharField(blank=True, max_length=8)),
                    ('status', models.CharField(choices=[('bot', 'With the bot'), ('waiting', 'Waiting for a person'), ('assigned', 'With an agent'), ('closed', 'Closed')], db_index=True, default='bot', max_length=10)),
                    ('priority', models.IntegerField(db_index=True, default=0)),
                    ('handoff_reason', models.CharField(blank=True, max_length=40)),
                    ('assignment_reason', models.JSONField(blank=True, default=dict)),
                    ('last_seq', models.PositiveIntegerField(default=0)),
                    ('unanswered_streak', models.PositiveSmallIntegerField(default=0)),
                    ('mood', models.FloatField(default=0.0)),
                    ('mood_state', models.JSONField(blank=True, default=dict)),
                    ('mood_alert', models.BooleanField(default=False)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('queued_at', models.DateTimeField(blank=True, null=True)),
                    ('assigned_at', models.DateTimeField(blank=True, null=True)),
                    ('first_agent_reply_at', models.DateTimeField(blank=True, null=True)),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('csat_score', models.PositiveSmallIntegerField(blank=True, null=True)),
                    ('csat_comment', core.fields.EncryptedTextField(blank=True)),
                    ('assigned_agent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assigned_conversations', to=settings.AUTH_USER_MODEL)),
                    ('customer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='conversations', to='profiles.customer')),
                    ('shop', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='conversations', to='shops.shop')),
                    ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='conversations', to='routing.team')),
                ],
                options={
                    'db_table': 'chatbot_conversation',
                    'ordering': ['-updated_at'],
                },
            ),
            migrations.CreateModel(
                name='Message',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('seq', models.PositiveIntegerField()),
                    ('client_id', models.CharField(blank=True, max_length=64, null=True)),
                    ('sender', models.CharField(choices=[('customer', 'Customer'), ('bot', 'Bot'), ('agent', 'Agent'), ('system', 'System')], max_length=10)),
                    ('text', core.fields.EncryptedTextField()),
                    ('payload', models.JSONField(blank=True, default=dict)),
                    ('is_private', models.BooleanField(default=False)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('agent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('conversation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='conversations.conversation')),
                ],
                options={
                    'db_table': 'chatbot_message',
                    'ordering': ['conversation', 'seq'],
                },
            ),
            migrations.AddIndex(
                model_name='conversation',
                index=models.Index(fields=['status', '-priority', 'queued_at'], name='chatbot_con_status_cfbe24_idx'),
            ),
            migrations.AddIndex(
                model_name='conversation',
                index=models.Index(fields=['created_at'], name='chatbot_con_created_e6d9d9_idx'),
            ),
            migrations.AddIndex(
                model_name='message',
                index=models.Index(fields=['created_at'], name='chatbot_mes_created_2fef1d_idx'),
            ),
            migrations.AddConstraint(
                model_name='message',
                constraint=models.UniqueConstraint(fields=('conversation', 'seq'), name='unique_message_seq'),
            ),
            migrations.AddConstraint(
                model_name='message',
                constraint=models.UniqueConstraint(fields=('conversation', 'client_id'), name='unique_message_client_id'),
            ),
            ],
        ),
    ]
