"""Train the answer engine from the published knowledge base and store it as a new version."""

from __future__ import annotations

import hashlib
import json
import logging
import time
import zlib
from collections.abc import Callable

from django.db.models import Prefetch

from audit.services import record
from knowledge.engine.model import AnswerModel as Engine
from knowledge.engine.model import EntrySpec
from knowledge.model_updates import announce
from knowledge.models import (
    AnswerModel,
    Category,
    DictionaryTerm,
    Entry,
    SimilarQuestion,
    Status,
)

logger = logging.getLogger(__name__)


def published_specs() -> list[EntrySpec]:
    paths = _category_paths()
    entries = (
        Entry.objects.filter(status=Status.PUBLISHED)
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
            category=paths.get(entry.category_id, ""),
        )
        for entry in entries
    ]


def _category_paths() -> dict[int, str]:
    """Every category's path ("Shipping / Delivery times") from one query: ``Category.path``
    reads the parents one query at a time, for every entry (174 queries for the demo KB)."""
    nodes = {
        pk: (name, parent)
        for pk, name, parent in Category.objects.values_list("pk", "name", "parent_id")
    }
    paths = {}
    for pk in nodes:
        names, node, seen = [], pk, set()
        while node is not None and node in nodes and node not in seen:
            seen.add(node)
            name, node = nodes[node]
            names.append(name)
        paths[pk] = " / ".join(reversed(names))
    return paths


def warm_up() -> None:
    """Import scikit-learn and load jieba's dictionary ahead of the first retrain of a fresh
    worker process, which would otherwise pay for both (a second or two) while an editor
    waits for the answer to appear."""
    import sklearn.linear_model
    import sklearn.svm  # noqa: F401

    from knowledge.engine.tokenize import Tokenizer

    Tokenizer().tokenize("预热 warm up")


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
    started = time.perf_counter()
    # A small edit updates the model in service (Engine.update: seconds less for the editor
    # waiting to see the answer); a larger one, or --force, trains afresh.
    previous = None if force or latest is None else _engine_of(latest)
    engine = None
    if previous is not None:
        engine = Engine.update(previous, specs, synonyms=synonyms, custom_words=words)
    if engine is not None:
        say(f"training on {len(specs)} entries: a quick update of v{latest.pk}")
        mode = "update"
    else:
        say(f"training on {len(specs)} entries")
        engine = Engine.train(specs, synonyms=synonyms, custom_words=words)
        mode = "full"
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
        changes={
            "trigger": trigger,
            "entries": len(specs),
            "threshold": engine.threshold,
            "mode": mode,
        },
    )
    global _last_trained
    _last_trained = (stored.pk, kb_fingerprint, engine)
    announce(stored.pk)
    return stored


def load_engine(stored: AnswerModel) -> Engine:
    return Engine.loads(zlib.decompress(bytes(stored.artifact)))


# The model this process trained last: the next publish updates it without reading it back from
# the database (a worker trains one publish after another).
_last_trained: tuple[int, str, Engine] | None = None


def trained_engine(version: int) -> Engine | None:
    """Model ``version`` when this very process trained it (and it is still that row)."""
    if _last_trained is None or _last_trained[0] != version:
        return None
    stored = AnswerModel.objects.filter(pk=version).values_list("kb_fingerprint", flat=True)
    return _last_trained[2] if stored.first() == _last_trained[1] else None


def _engine_of(stored: AnswerModel) -> Engine | None:
    """The engine of ``stored`` (to update), from memory when this process trained it, else
    from its artifact; ``None`` when that cannot be read (then a full training runs)."""
    if _last_trained is not None and _last_trained[:2] == (stored.pk, stored.kb_fingerprint):
        return _last_trained[2]
    try:
        return load_engine(AnswerModel.objects.get(pk=stored.pk))
    except Exception:  # an artifact of another engine format, a row gone meanwhile
        logger.warning("cannot update answer model v%s; training afresh", stored.pk, exc_info=True)
        return None
