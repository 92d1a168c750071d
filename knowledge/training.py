"""Train the answer engine from the published knowledge base and store it as a new version."""

from __future__ import annotations

import hashlib
import json
import time
import zlib
from collections.abc import Callable

from django.db.models import Prefetch

from audit.services import record
from knowledge.engine.model import AnswerModel as Engine
from knowledge.engine.model import EntrySpec
from knowledge.model_updates import announce
from knowledge.models import AnswerModel, DictionaryTerm, Entry, SimilarQuestion, Status


def published_specs() -> list[EntrySpec]:
    entries = (
        Entry.objects.filter(status=Status.PUBLISHED)
        .select_related("category")
        .prefetch_related(
            Prefetch("similar_questions", SimilarQuestion.objects.order_by("id")), "variants"
        )
        .order_by("id")
    )
    return [
        EntrySpec(
            entry_id=str(entry.pk),
            # The question as written in each language is one more way customers ask it.
            questions=[
                entry.question,
                *(s.text for s in entry.similar_questions.all()),
                *(v.question for v in entry.variants.all() if v.question),
            ],
            answer=entry.answer,
            language=entry.language,
            category=entry.category.path,
        )
        for entry in entries
    ]


def dictionary() -> tuple[dict[str, str], list[str]]:
    terms = list(DictionaryTerm.objects.values_list("term", "canonical"))
    synonyms = {term: canonical for term, canonical in terms if canonical}
    words = [term for term, _ in terms] + [c for _, c in terms if c]
    return synonyms, words


def fingerprint(specs: list[EntrySpec], synonyms: dict[str, str], words: list[str]) -> str:
    payload = json.dumps(
        [[s.entry_id, s.questions, s.answer, s.language, s.category] for s in specs]
        + [sorted(synonyms.items()), sorted(words)],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def train_and_store(
    trigger: str, *, force: bool = False, progress: Callable[[str], None] | None = None
) -> AnswerModel | None:
    """Train on the published entries and save the artifact; ``None`` when the knowledge base
    has not changed since the model in service (unless ``force``) or has nothing published."""
    say = progress or (lambda _msg: None)
    say("reading the knowledge base")
    specs = published_specs()
    synonyms, words = dictionary()
    if not specs:
        say("nothing is published yet")
        return None
    kb_fingerprint = fingerprint(specs, synonyms, words)
    latest = AnswerModel.objects.order_by("-id").only("kb_fingerprint").first()
    if not force and latest is not None and latest.kb_fingerprint == kb_fingerprint:
        say(f"model v{latest.pk} is already trained on this knowledge base")
        return None
    say(f"training on {len(specs)} entries")
    started = time.perf_counter()
    engine = Engine.train(specs, synonyms=synonyms, custom_words=words)
    train_seconds = time.perf_counter() - started
    say("storing the model")
    stored = AnswerModel.objects.create(
        trigger=trigger[:100],
        kb_fingerprint=kb_fingerprint,
        n_entries=len(specs),
        n_questions=sum(len(s.questions) for s in specs),
        threshold=engine.threshold,
        train_seconds=round(train_seconds, 3),
        metrics=json.loads(json.dumps(engine.metadata, default=str)),
        artifact=zlib.compress(engine.dumps(), 3),
    )
    record(
        "knowledge.answer_model.trained",
        obj=stored,
        changes={"trigger": trigger, "entries": len(specs), "threshold": engine.threshold},
    )
    announce(stored.pk)
    return stored


def load_engine(stored: AnswerModel) -> Engine:
    return Engine.loads(zlib.decompress(bytes(stored.artifact)))
