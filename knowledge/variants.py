"""An entry in the customer's language: its answer, its question label, related questions.

Traditional Chinese falls back to the Simplified variant converted by OpenCC (and Simplified to
the Traditional one converted back), so editors need not keep two Chinese texts in step. When an
entry has nothing in the customer's language at all, the entry's own language is used: an answer
in another language beats no answer.

Callers prefetch ``variants`` and ``similar_questions`` (``knowledge.published`` does); every
function here then works without queries, and ``related_entries`` reads what it needs beyond
the entry from that cache too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from core.chinese import to_simplified, to_traditional
from knowledge.languages import EN, LANGUAGES, ZH_HANS, ZH_HANT, normalize_code, question_language
from knowledge.models import Entry, EntryAnswer
from knowledge.published import published

# A runner-up the engine gives at least this probability is a plausible reading of the question,
# so it may be offered as a related question whatever its category; below it, only entries of
# the answered entry's own topic are (怎么退货 must not offer "How do I stop marketing SMS?").
RELATED_FLOOR = 0.1
RELATED_LIMIT = 3

# Which other variant stands in for a missing one, and how it is converted.
_CONVERTED_FROM = {ZH_HANT: (ZH_HANS, to_traditional), ZH_HANS: (ZH_HANT, to_simplified)}


def _variants(entry: Entry) -> dict[str, EntryAnswer]:
    return {v.language: v for v in entry.variants.all()}


def answer_languages(entry: Entry) -> list[str]:
    """Languages the entry has a written answer in, in the order of ``LANGUAGES``."""
    present = {lang for lang, v in _variants(entry).items() if v.answer.strip()}
    return [lang for lang in LANGUAGES if lang in present]


def answer_in(entry: Entry, language: str) -> str:
    """The entry's answer in ``language``: its own variant, else the other Chinese script's
    converted, else the entry's own language's, else any. ``""`` for an entry without answers
    (an action intent such as order status)."""
    language = normalize_code(language) or entry.language
    variants = {lang: v.answer for lang, v in _variants(entry).items() if v.answer.strip()}
    if language in variants:
        return variants[language]
    if language in _CONVERTED_FROM:
        source, convert = _CONVERTED_FROM[language]
        if source in variants:
            return convert(variants[source])
    for fallback in (entry.language, ZH_HANS, EN, ZH_HANT):
        if fallback in variants:
            return variants[fallback]
    return ""


def question_in(entry: Entry, language: str) -> str:
    """How to show the entry's question to a customer writing ``language``: the variant's
    question, the standard question if it is in that language, the other Chinese script's
    label converted, a similar question in that language, else the standard question.

    Every label comes from text the engine learned (converted Chinese normalises back to it), so
    a customer who taps it as a chip gets this entry."""
    language = normalize_code(language) or entry.language
    labels = {lang: v.question.strip() for lang, v in _variants(entry).items()}
    labels = {lang: text for lang, text in labels.items() if text}
    labels.setdefault(entry.language, entry.question)
    if language in labels:
        return labels[language]
    if language in _CONVERTED_FROM:
        source, convert = _CONVERTED_FROM[language]
        if source in labels:
            return convert(labels[source])
    for similar in entry.similar_questions.all():
        if question_language(similar.text) == language:
            return similar.text
    return entry.question


def related_entries(
    entry: Entry,
    runners_up: Sequence[tuple[Entry, float]],
    limit: int = RELATED_LIMIT,
) -> list[Entry]:
    """Questions to offer after answering ``entry``: the engine's runners-up that are either
    likely (``RELATED_FLOOR``) or of the same topic, then other published entries of the same
    category, then of the same topic. Never an unrelated topic's entry the engine merely ranked
    next. Action entries (order status, handoff …) are only offered when the engine ranked
    them: tapping one starts an action rather than answering a question."""
    topics = published.topics()
    topic = topics.get(entry.category_id)
    picked: list[Entry] = []
    for candidate, confidence in runners_up:
        if candidate.pk == entry.pk or candidate in picked:
            continue
        if confidence >= RELATED_FLOOR or topics.get(candidate.category_id) == topic:
            picked.append(candidate)
    if len(picked) >= limit:
        return picked[:limit]
    taken = {entry.pk, *(e.pk for e in picked)}
    in_topic = [pk for pk, t in topics.items() if t == topic and pk != entry.category_id]
    for categories in ([entry.category_id], in_topic):
        more = sorted(published.questions_of(categories), key=lambda e: e.pk)
        picked += [e for e in more if e.pk not in taken][: limit - len(picked)]
        if len(picked) >= limit:
            break
    return picked[:limit]


def labels(entries: Iterable[Entry], language: str) -> list[str]:
    return [question_in(e, language) for e in entries]
