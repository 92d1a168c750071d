"""Answer a customer's question with the newest trained model, and log it.

Each process keeps the model in memory. A newly stored version is announced to every process
(``knowledge.model_updates``): the holder loads it in a background thread while the old one
keeps answering, then swaps it in with one reference assignment, so a retrain never needs a
restart and never drops a request. As a safety net for a missed announcement, the holder also
asks the database for a newer version at most every ``ANSWER_MODEL_POLL_SECONDS`` (60 s).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection

from knowledge import model_updates, variants
from knowledge.engine.model import AnswerModel as Engine
from knowledge.languages import choose_language
from knowledge.models import AnswerLog, AnswerModel, Entry
from knowledge.published import published
from knowledge.training import load_engine, trained_engine

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000


@dataclass
class Suggestion:
    entry_id: int
    question: str
    confidence: float


@dataclass
class AnswerOutcome:
    answered: bool
    confidence: float
    # zh-Hans, zh-Hant or en: the answer, the suggestions' and the related questions' labels
    # are in it (knowledge.languages.choose_language).
    language: str
    entry: Entry | None = None
    answer: str = ""
    intent: str = ""
    suggestions: list[Suggestion] = field(default_factory=list)
    # Questions to offer after an answer: same topic, or likely readings (knowledge.variants).
    related: list[Suggestion] = field(default_factory=list)
    model_version: int | None = None
    log_id: int | None = None
    timings: dict[str, float] = field(default_factory=dict)
    # The question's log while not yet stored (``answer_question(store_log=False)``): the
    # chat writes it in the statement that stores the bot's reply (``store_log`` otherwise).
    log: AnswerLog | None = None

    def store_log(self) -> int | None:
        """Store the question's log now, if the caller kept it back; returns its id."""
        if self.log is not None and self.log_id is None:
            self.log.save()
            self.log_id = self.log.pk
        return self.log_id


class EngineHolder:
    def __init__(self, check_seconds: float | None = None) -> None:
        self._check_seconds = check_seconds
        self._engine: tuple[int, Engine] | None = None
        self._checked_at = float("-inf")
        self._loading = threading.Lock()
        self._first_loading = threading.Lock()
        # Set by every announcement; the loader thread runs until it finds it cleared, so a
        # version announced while another one loads is not lost.
        self._wanted = threading.Event()
        self._reason = ""

    @property
    def check_seconds(self) -> float:
        if self._check_seconds is not None:
            return self._check_seconds
        return float(getattr(settings, "ANSWER_MODEL_POLL_SECONDS", 60.0))

    @check_seconds.setter
    def check_seconds(self, value: float | None) -> None:
        self._check_seconds = value

    @property
    def serving_version(self) -> int | None:
        return self._engine[0] if self._engine else None

    def current(self) -> tuple[int, Engine] | None:
        if self._engine is None:
            return self._first_load()
        now = time.monotonic()
        if now - self._checked_at >= self.check_seconds:
            self._checked_at = now
            latest = self._latest_version()
            if latest is not None and latest != self.serving_version:
                self._load_in_background("found by the poll")
        return self._engine

    def _first_load(self) -> tuple[int, Engine] | None:
        """Nothing to answer with yet: load right here, once. Every other question arriving
        meanwhile (a fresh daphne takes a burst of them on many threads) waits for this load
        instead of finding no model and handing its customer to a person."""
        with self._first_loading:
            now = time.monotonic()
            # No model stored at all: ask again only every check_seconds (or when announced).
            if self._engine is None and now - self._checked_at >= self.check_seconds:
                self._checked_at = now
                latest = self._latest_version()
                if latest is not None:
                    self._load(latest, "first question")
        return self._engine

    def notify(self, version: int | None = None) -> None:
        """A newer version may be stored (``version``, or unknown after a reconnect): load the
        newest in the background now. Returns at once: the caller is the listener thread."""
        if self._engine is None:
            # Nothing served yet: the next question loads the newest version itself.
            self._checked_at = float("-inf")
            return
        if version is not None and version <= self._engine[0]:
            return
        self._load_in_background("announced")

    def refresh_now(self) -> tuple[int, Engine] | None:
        """Load the newest version synchronously (tests, management commands)."""
        self._checked_at = float("-inf")
        latest = self._latest_version()
        if latest is not None and (self._engine is None or self._engine[0] != latest):
            self._load(latest, "refresh")
        return self._engine

    @staticmethod
    def _latest_version() -> int | None:
        return AnswerModel.objects.order_by("-id").values_list("id", flat=True).first()

    def _load(self, version: int, reason: str) -> None:
        started = time.perf_counter()
        # Without Redis the web process trains the model itself: no need to read it back.
        engine = trained_engine(version) or load_engine(AnswerModel.objects.get(pk=version))
        engine.warm_up()
        self._engine = (version, engine)
        published.clear()
        # The reason tells operators whether announcements arrive (else: "found by the poll").
        logger.info(
            "answer model v%s in service (loaded in %.2fs, %s)",
            version,
            time.perf_counter() - started,
            reason,
        )
        model_updates.report_in_service(version)

    def _load_in_background(self, reason: str) -> None:
        self._reason = reason
        self._wanted.set()
        if self._loading.acquire(blocking=False):
            threading.Thread(target=self._loader, name="answer-model-loader", daemon=True).start()

    def _loader(self) -> None:
        try:
            while True:
                try:
                    while self._wanted.is_set():
                        self._wanted.clear()
                        latest = self._latest_version()
                        if latest is not None and latest != self.serving_version:
                            self._load(latest, self._reason)
                except Exception:
                    logger.exception(
                        "could not load the newest answer model; the previous one keeps answering"
                    )
                finally:
                    self._loading.release()
                # An announcement between the last check and the release found the lock taken
                # and started no thread: this one carries on.
                if not self._wanted.is_set() or not self._loading.acquire(blocking=False):
                    break
        finally:
            close_old_connections()
            connection.close()


holder = EngineHolder()


def validate_question(text: str) -> str:
    """The question the engine reads: stripped, and cut to its first ``MAX_QUESTION_CHARS``
    characters. A customer may write a long story (the chat protocol allows 2,000 characters,
    channels more); the question is in it somewhere near the start, and a reply is owed."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValueError("The question is empty.")
    return cleaned[:MAX_QUESTION_CHARS]


def answer_question(
    text: str,
    *,
    channel: str = "",
    languages: Sequence[str | None] = (),
    conversation: Any = None,
    store_log: bool = True,
) -> AnswerOutcome:
    """``languages``: the conversation's and the shop's language, in that order; they decide
    the language of the answer when the question itself does not. ``conversation`` (a
    ``conversations.Conversation``) is where the question was asked: its log goes with the
    conversation's customer into their export and erasure, and into the retention purge.
    With ``store_log=False`` the log is left in ``outcome.log`` for the caller to store
    (``AnswerOutcome.store_log``, or together with the reply)."""
    question = validate_question(text)
    started = time.perf_counter()
    language = choose_language(question, *languages)
    serving = holder.current()
    if serving is None:
        outcome = AnswerOutcome(answered=False, confidence=0.0, language=language)
    else:
        version, engine = serving
        result = engine.answer(question)
        ids = [int(e) for e, _ in result.alternatives]
        if result.entry_id is not None:
            ids.append(int(result.entry_id))
        # An entry archived since the last training must not be served any more.
        entries = published.entries(ids)
        entry = entries.get(int(result.entry_id)) if result.entry_id is not None else None
        ranked = [(entries[int(e)], float(c)) for e, c in result.alternatives if int(e) in entries]
        outcome = AnswerOutcome(
            answered=entry is not None,
            confidence=round(float(result.confidence), 4),
            language=language,
            entry=entry,
            answer=variants.answer_in(entry, language) if entry else "",
            intent=entry.intent if entry else "",
            suggestions=[
                Suggestion(e.pk, variants.question_in(e, language), round(c, 4))
                for e, c in ranked
                if entry is None or e.pk != entry.pk
            ],
            related=[
                # Entries the engine did not rank (same category) get confidence 0.
                Suggestion(
                    e.pk, variants.question_in(e, language), round(dict(ranked).get(e, 0.0), 4)
                )
                for e in (variants.related_entries(entry, ranked) if entry else [])
            ],
            model_version=version,
            timings=dict(result.timings),
        )
    outcome.timings["total_with_lookup"] = round((time.perf_counter() - started) * 1000, 3)
    outcome.log = AnswerLog(
        question=question,
        conversation_id=getattr(conversation, "pk", None),
        language=outcome.language,
        channel=channel[:20],
        entry=outcome.entry,
        answered=outcome.answered,
        confidence=outcome.confidence,
        alternatives=[[s.entry_id, s.confidence] for s in outcome.suggestions],
        model_version=outcome.model_version,
        latency_ms=outcome.timings["total_with_lookup"],
    )
    if store_log:
        outcome.store_log()
    return outcome
