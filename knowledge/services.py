"""Knowledge-base changes: who may edit what, version history, status workflow, retraining.

The admin, the importer and any later API call these functions, so every path records the
same version snapshot and audit event.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import nh3
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from audit.services import record
from knowledge import model_updates
from knowledge.languages import DEFAULT_LANGUAGE, LANGUAGES, column_suffix, normalize_code
from knowledge.models import TRANSITIONS, Category, Entry, EntryAnswer, EntryVersion, Status

EDIT_PERMISSION = "knowledge.edit_category_entries"
ALLOWED_ANSWER_TAGS = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "code",
    "blockquote",
}


def sanitize_answer(html: str) -> str:
    """Keep formatting and links, drop scripts, styles, event handlers and unknown tags."""
    return nh3.clean(
        html,
        tags=ALLOWED_ANSWER_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def editable_categories(user: Any) -> QuerySet[Category]:
    """Categories whose entries ``user`` may edit: those granted to them (directly or through a
    group) and all their descendants. Holders of the global permission (administrators) edit
    everything."""
    if user.is_superuser or user.has_perm(EDIT_PERMISSION):
        return Category.objects.all()
    granted = set(
        get_objects_for_user(
            user, EDIT_PERMISSION, klass=Category, accept_global_perms=False
        ).values_list("pk", flat=True)
    )
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    allowed, frontier = set(granted), list(granted)
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in allowed:
                allowed.add(child)
                frontier.append(child)
    return Category.objects.filter(pk__in=allowed)


def can_edit_entry(user: Any, entry: Entry) -> bool:
    return editable_categories(user).filter(pk=entry.category_id).exists()


def entry_snapshot(entry: Entry) -> dict[str, Any]:
    """What a version keeps of an entry. Each language's answer and question is a key of its
    own (``answer_en``, ``question_zh_hant``), present only when that variant exists, so the
    audit diff names exactly the texts that changed."""
    snapshot: dict[str, Any] = {
        "question": entry.question,
        "similar": sorted(entry.similar_questions.values_list("text", flat=True)),
    }
    # Read afresh: the admin's entry carries variants prefetched before its inline was saved.
    variants = {v.language: v for v in EntryAnswer.objects.filter(entry=entry)}
    for language in LANGUAGES:
        variant = variants.get(language)
        if variant is not None:
            snapshot[f"answer_{column_suffix(language)}"] = variant.answer
            if variant.question:
                snapshot[f"question_{column_suffix(language)}"] = variant.question
    snapshot.update(
        intent=entry.intent,
        category=entry.category.path,
        language=entry.language,
        status=entry.status,
        tags=sorted(entry.tags.values_list("name", flat=True)),
    )
    return snapshot


def _current_keys(data: dict[str, Any]) -> dict[str, Any]:
    """A version stored before answers had languages kept one ``answer``, in the entry's
    language: name it the way snapshots do now, so the next diff shows no false change."""
    if "answer" not in data:
        return data
    upgraded = {k: v for k, v in data.items() if k != "answer"}
    language = normalize_code(data.get("language")) or DEFAULT_LANGUAGE
    if data["answer"]:
        upgraded.setdefault(f"answer_{column_suffix(language)}", data["answer"])
    return upgraded


def record_entry_change(
    entry: Entry, user: Any, action: str, *, retrain: bool = True
) -> EntryVersion:
    """Call after an entry and its similar questions are saved: bumps the version, keeps a
    snapshot, writes the audit event (with the diff against the previous version) and
    schedules retraining when the change touches what the bot answers."""
    previous = entry.versions.order_by("-version").first()
    data = entry_snapshot(entry)
    Entry.objects.filter(pk=entry.pk).update(
        version=entry.version + 1, updated_by=user if user and user.is_authenticated else None
    )
    entry.version += 1
    version = EntryVersion.objects.create(
        entry=entry,
        version=entry.version,
        data=data,
        changed_by=user if user and user.is_authenticated else None,
    )
    before = _current_keys(previous.data) if previous else {}
    changes = {k: [before.get(k), v] for k, v in data.items() if before.get(k) != v}
    record(f"knowledge.entry.{action}", obj=entry, actor=user, changes=changes)
    if retrain and affects_answers(before, data):
        schedule_retrain(f"entry {entry.pk} {action}")
    return version


def affects_answers(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return Status.PUBLISHED in (before.get("status"), after.get("status"))


def change_status(
    entries: Iterable[Entry], new_status: str, user: Any
) -> tuple[list[Entry], list[Entry]]:
    """Move entries to ``new_status`` where the workflow allows it; returns (changed, refused)."""
    changed, refused = [], []
    left_published = False
    with transaction.atomic():
        for entry in entries:
            if new_status not in TRANSITIONS[entry.status]:
                refused.append(entry)
                continue
            left_published |= entry.status == Status.PUBLISHED
            entry.status = new_status
            if new_status == Status.PUBLISHED:
                entry.published_at = timezone.now()
            entry.save(update_fields=["status", "published_at", "updated_at"])
            record_entry_change(entry, user, f"status_{new_status}", retrain=False)
            changed.append(entry)
        if changed and (new_status == Status.PUBLISHED or left_published):
            schedule_retrain(f"{len(changed)} entries moved to {new_status}")
    return changed, refused


def schedule_retrain(trigger: str) -> None:
    from knowledge.tasks import train_answer_model

    def send() -> None:
        # Recorded first: the admin shows "training…" from the moment the change commits.
        model_updates.training_requested(trigger)
        train_answer_model.delay(trigger)

    transaction.on_commit(send)


def draft_entry_from_questions(
    user: Any, category: Category, question: str, similar: list[str]
) -> Entry:
    """A draft entry from questions customers asked and the bot could not answer (analytics →
    knowledge → topics): the editor writes the answer and publishes it."""
    import re

    from knowledge.models import SimilarQuestion

    if category not in editable_categories(user):
        raise PermissionError("You may not edit entries in this category.")
    with transaction.atomic():
        language = "zh-Hans" if re.search(r"[\u3400-\u9fff]", question) else "en"
        entry = Entry.objects.create(
            question=question[:300],
            answer="",
            category=category,
            language=language,
            status=Status.DRAFT,
        )
        SimilarQuestion.objects.bulk_create(
            SimilarQuestion(entry=entry, text=text[:500])
            for text in dict.fromkeys(similar)
            if text and text != question
        )
        record_entry_change(entry, user, "created from unanswered questions", retrain=False)
    return entry
