"""GIN indexes on the token arrays (PostgreSQL only: on SQLite the column is text, searched
with LIKE, and has no useful index)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_entry_tokens_gin ON search_searchentry "
        "USING gin (tokens) WITH (fastupdate = on)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_contact_tokens_gin ON search_searchcontact "
        "USING gin (tokens)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_tokens_gin")
    schema_editor.execute("DROP INDEX IF EXISTS search_contact_tokens_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
