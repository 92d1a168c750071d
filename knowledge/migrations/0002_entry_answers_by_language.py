"""Answers by language: each entry's answer becomes the variant of the entry's language.

The data step runs between creating the variants table and dropping ``Entry.answer``, so no
answer is lost; going back copies each entry's own-language variant (else its first one) into
``Entry.answer`` again before the variants table is dropped.
"""

import django.db.models.deletion
from django.db import migrations, models


def answers_to_variants(apps, schema_editor):
    Entry = apps.get_model("knowledge", "Entry")
    EntryAnswer = apps.get_model("knowledge", "EntryAnswer")
    batch = []
    for entry_id, language, answer in Entry.objects.values_list("id", "language", "answer"):
        if answer:
            batch.append(EntryAnswer(entry_id=entry_id, language=language, answer=answer))
        if len(batch) >= 1000:
            EntryAnswer.objects.bulk_create(batch)
            batch = []
    EntryAnswer.objects.bulk_create(batch)


def variants_to_answers(apps, schema_editor):
    Entry = apps.get_model("knowledge", "Entry")
    EntryAnswer = apps.get_model("knowledge", "EntryAnswer")
    chosen = {}
    for entry_id, entry_language, language, answer in EntryAnswer.objects.order_by(
        "entry_id", "id"
    ).values_list("entry_id", "entry__language", "language", "answer"):
        if entry_id not in chosen or language == entry_language:
            chosen[entry_id] = answer
    for entry_id, answer in chosen.items():
        Entry.objects.filter(pk=entry_id).update(answer=answer)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="EntryAnswer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("zh-Hans", "Simplified Chinese"),
                            ("zh-Hant", "Traditional Chinese"),
                            ("en", "English"),
                        ],
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                (
                    "question",
                    models.CharField(
                        blank=True,
                        help_text='Shown in "did you mean" and related questions, and learned as '
                        "one more way to ask. Empty: the standard question (or a similar "
                        "question in this language).",
                        max_length=300,
                        verbose_name="question in this language",
                    ),
                ),
                (
                    "answer",
                    models.TextField(
                        blank=True,
                        help_text="Safe HTML (links, lists, emphasis). Placeholders such as "
                        "{order_status} are filled in when the answer is sent.",
                        verbose_name="answer",
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="variants",
                        to="knowledge.entry",
                    ),
                ),
            ],
            options={
                "verbose_name": "answer in a language",
                "verbose_name_plural": "answers by language",
                "ordering": ["entry", "language"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("entry", "language"), name="unique_entry_language"
                    )
                ],
            },
        ),
        migrations.RunPython(answers_to_variants, variants_to_answers),
        migrations.RemoveField(
            model_name="entry",
            name="answer",
        ),
    ]
