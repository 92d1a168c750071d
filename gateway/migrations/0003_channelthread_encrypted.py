"""E-mail threads' subject and Message-ID are encrypted (issue 17 H2, schema audit): the
column type changes, then every existing value (empty ones too: the field reads every stored
value as a token) is encrypted in place."""

from django.db import migrations

import core.fields
from core import crypto

COLUMNS = ("reference", "subject")


def _rewrite(apps, schema_editor, convert) -> None:
    table = apps.get_model("gateway", "ChannelThread")._meta.db_table
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in COLUMNS)
    with connection.cursor() as reader:
        reader.execute(f"SELECT id, {columns} FROM {quote(table)} ORDER BY id")
        rows = reader.fetchall()
    assignments = ", ".join(f"{quote(c)} = %s" for c in COLUMNS)
    with connection.cursor() as writer:
        for pk, *values in rows:
            writer.execute(
                f"UPDATE {quote(table)} SET {assignments} WHERE id = %s",
                [*(convert(v or "") for v in values), pk],
            )


def _encrypt(value: str) -> str:
    try:
        crypto.decrypt(value)
        return value  # already a token (a re-run)
    except crypto.DecryptionError:
        return crypto.encrypt(value)


def encrypt(apps, schema_editor):
    _rewrite(apps, schema_editor, _encrypt)


def decrypt(apps, schema_editor):
    # Back to varchar(255): the values were at most 255 characters when they were written.
    _rewrite(apps, schema_editor, lambda v: crypto.decrypt(v)[:255] if v else "")


class Migration(migrations.Migration):
    dependencies = [
        ("gateway", "0002_conversation_moved"),
    ]

    operations = [
        migrations.AlterField(
            model_name="channelthread",
            name="reference",
            field=core.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="channelthread",
            name="subject",
            field=core.fields.EncryptedTextField(blank=True),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
