"""Answer logs hold what customers typed (issue 17 H2): encrypt the existing questions in
place, and tie each log to its conversation where the bot's reply names it, so the export,
erasure and retention purge reach the old logs too."""

import django.db.models.deletion
from django.db import migrations, models

import core.fields
from core import crypto

BATCH = 2000


def _rewrite(schema_editor, table: str, convert) -> None:
    """Read the column raw (the field class would try to decrypt plaintext) and write back
    ``convert(value)`` wherever it returns something else."""
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as reader:
        reader.execute(f"SELECT id, question FROM {quote(table)} ORDER BY id")
        while rows := reader.fetchmany(BATCH):
            changed = [(new, pk) for pk, old in rows if (new := convert(old)) != old]
            if changed:
                with connection.cursor() as writer:
                    writer.executemany(
                        f"UPDATE {quote(table)} SET question = %s WHERE id = %s",
                        changed,
                    )


def _encrypt(value: str) -> str:
    try:
        crypto.decrypt(value)
        return value  # already a token (a re-run)
    except crypto.DecryptionError:
        return crypto.encrypt(value)


def encrypt_questions(apps, schema_editor):
    AnswerLog = apps.get_model("knowledge", "AnswerLog")
    _rewrite(schema_editor, AnswerLog._meta.db_table, _encrypt)


def decrypt_questions(apps, schema_editor):
    AnswerLog = apps.get_model("knowledge", "AnswerLog")
    _rewrite(schema_editor, AnswerLog._meta.db_table, crypto.decrypt)


def link_conversations(apps, schema_editor):
    AnswerLog = apps.get_model("knowledge", "AnswerLog")
    Message = apps.get_model("conversations", "Message")
    replies = (
        Message.objects.filter(sender="bot", payload__has_key="answer_log_id")
        .values_list("conversation_id", "payload")
        .iterator(chunk_size=BATCH)
    )
    by_conversation: dict[int, list[int]] = {}
    for conversation_id, payload in replies:
        log_id = payload.get("answer_log_id")
        if isinstance(log_id, int):
            by_conversation.setdefault(conversation_id, []).append(log_id)
    for conversation_id, log_ids in by_conversation.items():
        AnswerLog.objects.filter(pk__in=log_ids, conversation__isnull=True).update(
            conversation_id=conversation_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("knowledge", "0002_entry_answers_by_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="answerlog",
            name="conversation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answer_logs",
                to="conversations.conversation",
            ),
        ),
        migrations.AddField(
            model_name="answerlog",
            name="redacted",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AlterField(
            model_name="answerlog",
            name="question",
            field=core.fields.EncryptedTextField(),
        ),
        migrations.RunPython(encrypt_questions, decrypt_questions, elidable=False),
        migrations.RunPython(link_conversations, migrations.RunPython.noop),
    ]
