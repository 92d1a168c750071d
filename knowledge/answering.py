"""Answer a customer's question with the newest trained model, and log it.

Each process keeps the model in memory. At most every ``CHECK_SECONDS`` it asks the database
whether a newer version exists; a newer one is loaded in a background thread while the old one
keeps answering, then swapped in with one reference assignment, so a retrain never needs a
restart and never drops a request.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from django.db import close_old_connections, connection

from knowledge.engine.model import AnswerModel as Engine
from knowledge.models import AnswerLog, AnswerModel, Entry, Status
from knowledge.training import load_engine

logger = logging.getLogger(__name__)

CHECK_SECONDS = 5.0
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
    language: str
    entry: Entry | None = None
    answer: str = ""
    intent: str = ""
    suggestions: list[Suggestion] = field(default_factory=list)
    model_version: int | None = None
    log_id: int | None = None
    timings: dict[str, float] = field(default_factory=dict)


class EngineHolder:
    def __init__(self, check_seconds: float = CHECK_SECONDS) -> None:
        self.check_seconds = check_seconds
        self._engine: tuple[int, Engine] | None = None
        self._checked_at = float("-inf")
        self._loading = threading.Lock()

    def current(self) -> tuple[int, Engine] | None:
        now = time.monotonic()
        if now - self._checked_at >= self.check_seconds:
            self._checked_at = now
            latest = AnswerModel.objects.order_by("-id").values_list("id", flat=True).first()
            serving = self._engine[0] if self._engine else None
            if latest is not None and latest != serving:
                if self._engine is None:
                    self._load(latest)  # nothing to answer with meanwhile: load right here
                elif self._loading.acquire(blocking=False):
                    threading.Thread(
                        target=self._load_in_background, args=(latest,), daemon=True
                    ).start()
        return self._engine

    def refresh_now(self) -> tuple[int, Engine] | None:
        """Load the newest version synchronously (tests, management commands)."""
        self._checked_at = float("-inf")
        latest = AnswerModel.objects.order_by("-id").values_list("id", flat=True).first()
        if latest is not None and (self._engine is None or self._engine[0] != latest):
            self._load(latest)
        return self._engine

    def _load(self, version: int) -> None:
        started = time.perf_counter()
        engine = load_engine(AnswerModel.objects.get(pk=version))
        engine.warm_up()
        self._engine = (version, engine)
        logger.info(
            "answer model v%s in service (loaded in %.2fs)", version, time.perf_counter() - started
        )

    def _load_in_background(self, version: int) -> None:
        try:
            self._load(version)
        except Exception:
            logger.exception(
                "could not load answer model v%s; the previous one keeps answering", version
            )
        finally:
            self._loading.release()
            close_old_connections()
            connection.close()


holder = EngineHolder()


def validate_question(text: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValueError("The question is empty.")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise ValueError(f"The question is longer than {MAX_QUESTION_CHARS} characters.")
    return cleaned


def answer_question(text: str, *, channel: str = "") -> AnswerOutcome:
    question = validate_question(text)
    started = time.perf_counter()
    serving = holder.current()
    if serving is None:
        outcome = AnswerOutcome(answered=False, confidence=0.0, language="")
    else:
        version, engine = serving
        result = engine.answer(question)
        ids = [int(e) for e, _ in result.alternatives]
        if result.entry_id is not None:
            ids.append(int(result.entry_id))
        # An entry archived since the last training must not be served any more.
        entries = Entry.objects.filter(status=Status.PUBLISHED).in_bulk(ids)
        entry = entries.get(int(result.entry_id)) if result.entry_id is not None else None
        outcome = AnswerOutcome(
            answered=entry is not None,
            confidence=round(float(result.confidence), 4),
            language=result.language,
            entry=entry,
            answer=entry.answer if entry else "",
            intent=entry.intent if entry else "",
            suggestions=[
                Suggestion(int(e), entries[int(e)].question, round(float(c), 4))
                for e, c in result.alternatives
                if int(e) in entries and (entry is None or int(e) != entry.pk)
            ],
            model_version=version,
            timings=dict(result.timings),
        )
    outcome.timings["total_with_lookup"] = round((time.perf_counter() - started) * 1000, 3)
    log = AnswerLog.objects.create(
        question=question,
        language=outcome.language,
        channel=channel[:20],
        entry=outcome.entry,
        answered=outcome.answered,
        confidence=outcome.confidence,
        alternatives=[[s.entry_id, s.confidence] for s in outcome.suggestions],
        model_version=outcome.model_version,
        latency_ms=outcome.timings["total_with_lookup"],
    )
    outcome.log_id = log.pk
    return outcome
