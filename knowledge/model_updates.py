"""New answer models reach every process at once, and the admin can say where a publish is.

**Announcing.** The process that stores a model version announces it once the row is
committed. With Redis (several daphnes, Celery workers) that is a Redis pub/sub message on
:func:`channel_name`; every web process and worker subscribes (:func:`start_listener`) and
loads the version in the background while the old one keeps answering. Without Redis (the
embedded default) Celery runs eagerly inside the one web process, so the announcement is a
plain call to this process's holder.

A message is only a hint ("look now"): the holder reads the newest version from the database
itself, so a stray or stale message cannot load a wrong model. A message missed while the
subscription was down is caught by the check made whenever it (re)connects, and in any case by
the holder's slow poll (``ANSWER_MODEL_POLL_SECONDS``).

**Status.** Shared through the cache (Redis with Redis, process memory without, where the web
process is the only one): when a retrain was requested, when the last training run started and
ended, and which version a process last put in service. :func:`status` turns that into what the
admin shows for a publish: "training…", "loading…", "in service (vN)".
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from knowledge.published import published

logger = logging.getLogger(__name__)

REQUESTED_KEY = "knowledge:answer_model:requested"
LAST_RUN_KEY = "knowledge:answer_model:last_run"
SERVING_KEY = "knowledge:answer_model:serving"
# A request no run has covered after this long was lost (a worker gone for good): stop showing
# "training…". The broker redelivers a task of a killed worker within its visibility timeout.
REQUEST_STALE_SECONDS = 15 * 60
# A stored version that no process reported within this long is not being loaded by anyone
# (no process has answered a question yet): it is "ready", served from the next question on.
LOADING_SECONDS = 60

# Listener: blocking reads wake up this often to check the connection, and reconnects back off
# up to RETRY_MAX_SECONDS.
LISTEN_WAKE_SECONDS = 30.0
RETRY_MAX_SECONDS = 30.0


# --- announcing ---------------------------------------------------------------------------------


def channel_name() -> str:
    """Pub/sub channels are shared by every database of a Redis server, unlike keys, so the
    name carries the database number as well as the installation's prefix: two installations
    (or test runs) on one server never hear each other."""
    db = (urlsplit(settings.REDIS_URL).path or "/0").strip("/") or "0"
    layer = settings.CHANNEL_LAYERS.get("default", {}).get("CONFIG", {})
    return f"{layer.get('prefix', 'asgi')}:{db}:knowledge.answer_model"


# The message that says "the published knowledge base changed" (``knowledge.published``);
# every other message is an answer model's version number.
KNOWLEDGE_CHANGED = "kb"


def announce(version: int) -> None:
    """Tell every process about ``version`` once the current transaction commits (at once
    outside a transaction): a process told earlier could not see the row yet."""
    transaction.on_commit(lambda: _deliver(version))


def announce_knowledge_change() -> None:
    """Tell every other process to forget the entries it keeps (call after commit)."""
    if settings.REDIS_URL:
        _publish(KNOWLEDGE_CHANGED, "a knowledge base change")


def _deliver(version: int) -> None:
    if not settings.REDIS_URL:
        from knowledge.answering import holder

        holder.notify(version)
        return
    _publish(str(version), f"answer model v{version}")


def _publish(message: str, what: str) -> None:
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=5, socket_connect_timeout=5
        )
        with client:
            client.publish(channel_name(), message)
    except (redis.RedisError, OSError):
        # Not fatal: the processes find a new version with their next poll, and forget
        # cached entries after KNOWLEDGE_CACHE_SECONDS.
        logger.warning("could not announce %s", what, exc_info=True)


class Listener:
    """A daemon thread subscribed to the announcements; calls ``holder.notify`` for each
    version and once after every (re)connection, and makes this process forget its cached
    entries (``knowledge.published``) when told so and after every (re)connection. Never
    touches the database itself."""

    def __init__(self, holder: Any, redis_url: str, channel: str) -> None:
        self.holder = holder
        self.redis_url = redis_url
        self.channel = channel
        self.subscribed = threading.Event()  # set while the subscription is live
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="answer-model-listener", daemon=True)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        import redis

        delay = 1.0
        while not self._stop.is_set():
            try:
                self._listen(redis)
                delay = 1.0
            except (redis.RedisError, OSError, ValueError):
                logger.warning(
                    "answer model announcements: connection lost, retrying in %.0f s",
                    delay,
                    exc_info=True,
                )
            self.subscribed.clear()
            self._stop.wait(delay)
            delay = min(delay * 2, RETRY_MAX_SECONDS)

    def _listen(self, redis: Any) -> None:
        # The read timeout must outlast the blocking wait below (redis-py's default would cut
        # every idle wait short), and the health check notices a silently dead connection.
        client = redis.Redis.from_url(
            self.redis_url,
            socket_timeout=LISTEN_WAKE_SECONDS + 10,
            socket_connect_timeout=5,
            socket_keepalive=True,
            health_check_interval=LISTEN_WAKE_SECONDS,
        )
        with client, client.pubsub() as pubsub:
            pubsub.subscribe(self.channel)
            # Only once Redis confirms the subscription is no announcement missed: then look
            # for a version stored while there was none.
            deadline = time.monotonic() + LISTEN_WAKE_SECONDS
            while (message := pubsub.get_message(timeout=1.0)) is None or (
                message.get("type") != "subscribe"
            ):
                if time.monotonic() > deadline or self._stop.is_set():
                    raise redis.TimeoutError("no subscription confirmation")
            self.subscribed.set()
            # Anything may have changed while nobody listened.
            published.clear()
            self.holder.notify(None)
            while not self._stop.is_set():
                message = pubsub.get_message(timeout=LISTEN_WAKE_SECONDS)
                if message and message.get("type") == "message":
                    if message["data"] in (KNOWLEDGE_CHANGED, KNOWLEDGE_CHANGED.encode()):
                        published.clear()
                        continue
                    try:
                        version = int(message["data"])
                    except (TypeError, ValueError):
                        logger.warning("ignored answer model announcement %r", message["data"])
                        continue
                    self.holder.notify(version)


_listener: Listener | None = None
_listener_pid: int | None = None
_listener_lock = threading.Lock()


def start_listener(holder: Any = None) -> Listener | None:
    """Subscribe this process (a daphne, a Celery pool process) to the announcements; once per
    process, so a forked child starts its own. ``None`` without Redis: there the announcement
    is a direct call."""
    global _listener, _listener_pid
    if not settings.REDIS_URL:
        return None
    if holder is None:
        from knowledge.answering import holder
    with _listener_lock:
        if _listener is None or _listener_pid != os.getpid():
            _listener = Listener(holder, settings.REDIS_URL, channel_name()).start()
            _listener_pid = os.getpid()
        return _listener


# --- status --------------------------------------------------------------------------------------


def _cache_get(key: str) -> Any:
    try:
        return cache.get(key)
    except Exception:  # the status is only a display: Redis trouble must not spread
        logger.debug("answer model status: cache unavailable", exc_info=True)
        return None


def _cache_set(key: str, value: Any, timeout: float | None = None) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:  # as above
        logger.debug("answer model status: cache unavailable", exc_info=True)


def training_requested(trigger: str) -> None:
    _cache_set(REQUESTED_KEY, {"at": time.time(), "trigger": trigger[:100]}, REQUEST_STALE_SECONDS)


def training_started() -> float:
    return time.time()


def training_finished(started: float, version: int | None, *, failed: bool = False) -> None:
    """Record a finished run (``version`` None: nothing changed, or ``failed``). Runs overlap
    with several workers; the one that started last says the most about the KB."""
    last = _cache_get(LAST_RUN_KEY) or {}
    if last.get("started", 0) > started:
        return
    _cache_set(
        LAST_RUN_KEY,
        {"started": started, "finished": time.time(), "version": version, "failed": failed},
    )


def report_in_service(version: int) -> None:
    """A process now answers with ``version``."""
    _cache_set(
        SERVING_KEY,
        {"version": version, "at": time.time(), "process": f"{socket.gethostname()}:{os.getpid()}"},
    )


def status() -> dict[str, Any]:
    """Where the answer model is, for the admin: ``state`` is ``training``, ``failed``,
    ``loading``, ``in_service``, ``ready`` (stored, no process has loaded it yet: it loads with
    the next question) or ``none`` (nothing trained yet); ``label`` says it in words."""
    from django.utils.translation import gettext as _

    from knowledge.models import AnswerModel

    now = time.time()
    newest = AnswerModel.objects.order_by("-id").values_list("id", "created_at").first()
    requested = _cache_get(REQUESTED_KEY) or {}
    last_run = _cache_get(LAST_RUN_KEY) or {}
    serving = _cache_get(SERVING_KEY) or {}
    version = newest[0] if newest else None
    info: dict[str, Any] = {"version": version, "serving": serving.get("version")}
    requested_at = requested.get("at")
    if requested_at and requested_at > last_run.get("started", 0):
        info["state"] = "training"
        info["since_seconds"] = round(now - requested_at)
        info["label"] = (
            _("Answer model: training… (v%(v)s answers meanwhile)") % {"v": version}
            if version
            else _("Answer model: training…")
        )
    elif last_run.get("failed") and last_run.get("finished", 0) > (
        newest[1].timestamp() if newest else 0
    ):
        info["state"] = "failed"
        info["label"] = _(
            "Answer model: the last training failed (see the worker's log); v%(v)s keeps answering."
        ) % {"v": version}
    elif version is None:
        info["state"] = "none"
        info["label"] = _("Answer model: none yet (publish entries to train one).")
    elif serving.get("version") == version:
        info["state"] = "in_service"
        info["label"] = _("Answer model: in service (v%(v)s)") % {"v": version}
    elif newest and now - newest[1].timestamp() < LOADING_SECONDS:
        info["state"] = "loading"
        info["label"] = _("Answer model: v%(v)s trained, loading…") % {"v": version}
    else:
        info["state"] = "ready"
        info["label"] = _("Answer model: v%(v)s ready (loads with the next question)") % {
            "v": version
        }
    # The admin's message style for the state.
    info["level"] = {"in_service": "success", "ready": "success", "failed": "error"}.get(
        info["state"], "warning" if info["state"] == "none" else "info"
    )
    return info
