"""What happened to a conversation, for any layer above to act on: automation rules
(``automation``), outgoing event webhooks (``webhooks``), and whatever comes next.

Every event is sent once, **after the change commits** (``send_on_commit``), with
``sender=Conversation`` (``Message`` for ``message_created``). A receiver therefore sees
committed data, never an event of a change that was rolled back, and may start its own
transaction or enqueue a Celery task. Receivers run on the chat's hot path (a customer message
sends ``message_created``): they must be cheap — a cached pre-filter, then a task.

The Python context (``contextvars``) in which the change was made is carried to the receivers:
automation marks the rule whose action made a change, so that change does not trigger the
same rule again (``automation.engine``).

Events and their keyword arguments:

- ``conversation_created``: ``conversation`` (a new conversation; its first message follows).
- ``message_created``: ``message`` (``message.conversation`` is loaded; ``message.sender`` is
  ``customer``, ``agent``, ``bot`` or ``system``; private notes have ``is_private``).
- ``conversation_assigned``: ``conversation``, ``agent`` (the user who has it now), ``team``
  (the conversation's team now, or None), ``kind`` (``routing.models.DecisionKind``),
  ``previous_agent`` (or None).
- ``conversation_status_changed``: ``conversation``, ``old``, ``new`` (``ConversationStatus``
  values; never sent when they are equal).
- ``csat_submitted``: ``conversation``, ``score`` (1-5).
- ``mood_alert``: ``conversation``, ``mood`` (-1..1), ``emotion``, ``reason`` (the first
  escalation of a conversation's mood; sent once per conversation).
- ``sla_breached``: ``conversation``, ``agent`` (who missed the first-reply SLA),
  ``limit_seconds`` (sent once per breach, whatever routing then did with the conversation).

``label_added`` lives in ``desk.signals``; ``customer_merged`` and ``customer_erased`` in
``profiles.signals``.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

conversation_created = Signal()
message_created = Signal()
conversation_assigned = Signal()
conversation_status_changed = Signal()
csat_submitted = Signal()
mood_alert = Signal()
sla_breached = Signal()


def send_on_commit(signal: Signal, sender: type, **kwargs: Any) -> None:
    """Send ``signal`` once the current transaction commits (at once outside one), in the
    context the change was made in. A receiver that fails is logged, never raised: the change
    has committed already, and the customer whose message it was must still get their ack."""
    if not signal.receivers:
        return  # nobody listens: spare the hook on the hot path
    context = contextvars.copy_context()
    transaction.on_commit(lambda: context.run(_send, signal, sender, kwargs))


class Lazy:
    """An argument worth a query, made only when the event is sent (after commit, and only if
    someone listens): routing's assignment must not pay for it while it holds the row lock."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def _send(signal: Signal, sender: type, kwargs: dict[str, Any]) -> None:
    kwargs = {k: v.make() if isinstance(v, Lazy) else v for k, v in kwargs.items()}
    for receiver, result in signal.send_robust(sender=sender, **kwargs):
        if isinstance(result, Exception):
            logger.error(
                "receiver %r of a conversation event failed",
                receiver,
                exc_info=(type(result), result, result.__traceback__),
            )


def status_changed(conversation: Any, old: str, new: str) -> None:
    """``conversation_status_changed`` on commit, unless nothing changed."""
    if old != new:
        send_on_commit(
            conversation_status_changed,
            sender=type(conversation),
            conversation=conversation,
            old=old,
            new=new,
        )
