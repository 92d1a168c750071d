"""Migrating to answers by language keeps every answer, as the variant of the entry's language,
and migrating back puts them back on the entries."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("knowledge", "0001_initial")]
AFTER = [("knowledge", "0002_entry_answers_by_language")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_answers_become_the_variant_of_their_entrys_language_and_come_back():
    try:
        old = migrate(BEFORE)
        Category = old.get_model("knowledge", "Category")
        Entry = old.get_model("knowledge", "Entry")
        category = Category.objects.create(name="Shipping")
        rows = {
            "运费多少钱": ("zh-Hans", "<p>满 99 元包邮</p>"),
            "運費幾多錢": ("zh-Hant", "<p>滿 99 元包郵</p>"),
            "How long is delivery?": ("en", "<p>2–4 days</p>"),
            "我的订单到哪了": ("zh-Hans", ""),  # an action entry without an answer
        }
        for question, (language, answer) in rows.items():
            Entry.objects.create(
                question=question, answer=answer, language=language, category=category
            )

        new = migrate(AFTER)
        EntryAnswer = new.get_model("knowledge", "EntryAnswer")
        migrated = {
            (v.entry.question, v.language): v.answer
            for v in EntryAnswer.objects.select_related("entry")
        }
        assert migrated == {
            (question, language): answer for question, (language, answer) in rows.items() if answer
        }

        back = migrate(BEFORE)
        Entry = back.get_model("knowledge", "Entry")
        assert {e.question: (e.language, e.answer) for e in Entry.objects.all()} == rows
    finally:
        migrate(AFTER)
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
