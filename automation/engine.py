"""Running the rules.

On the hot path (``automation.receivers``) only ``dispatch`` runs: one cached look-up of the
events the shop has enabled rules for (``events_for``), then a Celery task. The task
(``evaluate``) reads the shop's rules for the event in order, logs every run (``RuleRun``),
runs the actions of each rule that matches, writes what it did in the transcript as a private
system line, and stops after a rule marked "stop after this rule".

Loops: actions run inside ``acting_as``, which marks the rules whose actions are running in the
Python context; the events their changes cause carry that mark (``conversations.signals``
sends in the context of the change), so a rule is never triggered by its own effects (or by the
effects of rules it triggered), and a chain of rules triggering rules stops at ``MAX_DEPTH``.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from automation import actions as rule_actions
from automation.conditions import Facts, holds
from automation.models import Event, Rule, RuleRun
from conversations.models import Conversation, ConversationStatus, Message, Sender

logger = logging.getLogger(__name__)

MAX_DEPTH = 3
CACHE_SECONDS = 300
RUN_LOG_DAYS = 30

# The rules whose actions are running here, outermost first.
_CHAIN: contextvars.ContextVar[tuple[int, ...]] = contextvars.ContextVar(
    "automation_chain", default=()
)


def chain() -> tuple[int, ...]:
    return _CHAIN.get()


@contextmanager
def acting_as(rules: tuple[int, ...]) -> Iterator[None]:
    token = _CHAIN.set(rules)
    try:
        yield
    finally:
        _CHAIN.reset(token)


# --- the pre-filter ----------------------------------------------------------------------------


def _cache_key(shop_id: int) -> str:
    return f"automation:events:{shop_id}"


# In front of Redis, each process remembers a shop's answer for a moment: a Redis round trip
# per message cost 0.3 ms at the median and up to 12 ms at p99 on a loaded machine. Another
# process sees a changed rule within MEMO_SECONDS; the process that saves it at once.
MEMO_SECONDS = 2.0
_memo: dict[int, tuple[float, frozenset[str]]] = {}


def events_for(shop_id: int) -> frozenset[str]:
    """The events this shop has enabled rules for: from the process's memo, else one cache
    read (Redis), and a query only after a rule of the shop changed (``forget``) or the cache
    expired."""
    now = time.monotonic()
    remembered = _memo.get(shop_id)
    if remembered is not None and now - remembered[0] < MEMO_SECONDS:
        return remembered[1]
    key = _cache_key(shop_id)
    cached = cache.get(key)
    if cached is None:
        rules = Rule.objects.filter(shop_id=shop_id, enabled=True)
        cached = sorted(set(rules.values_list("event", flat=True)))
        cache.set(key, cached, CACHE_SECONDS)
    found = frozenset(cached)
    _memo[shop_id] = (now, found)
    return found


def forget(shop_id: int) -> None:
    _memo.pop(shop_id, None)
    cache.delete(_cache_key(shop_id))


def dispatch(shop_id: int, event: str, conversation_id: int, **extra: Any) -> bool:
    """What a receiver does: nothing unless the shop has an enabled rule for ``event``; then
    the rules are evaluated in Celery, with the chain of rules that caused this event."""
    if event not in events_for(shop_id):
        return False
    from automation.tasks import run_rules

    run_rules.delay(shop_id, event, conversation_id, extra, list(chain()))
    return True


# --- evaluation --------------------------------------------------------------------------------


def evaluate(
    shop_id: int,
    event: str,
    conversation_id: int,
    extra: dict[str, Any] | None = None,
    origin: list[int] | tuple[int, ...] = (),
    *,
    only: Rule | None = None,
    key: str = "",
) -> list[RuleRun]:
    """Evaluate the shop's enabled rules for ``event`` (or just ``only``) in order; returns
    the runs logged."""
    extra = dict(extra or {})
    origin = tuple(origin)
    rules = (
        [only]
        if only is not None
        else list(
            Rule.objects.filter(shop_id=shop_id, event=event, enabled=True).order_by("order", "id")
        )
    )
    if not rules:
        return []
    conversation = _conversation(conversation_id)
    if conversation is None:
        return []
    message = None
    if extra.get("message_id"):
        message = Message.objects.filter(pk=extra["message_id"]).first()
    facts = Facts(conversation, event, message, extra)
    runs: list[RuleRun] = []
    unmatched: list[RuleRun] = []  # written together: one statement, not a commit per rule
    for rule in rules:
        log = RuleRun(rule=rule, event=event, conversation=conversation, depth=len(origin), key=key)
        if rule.pk in origin:
            log.note = "not run: the event came from this rule's own action"
        elif len(origin) >= MAX_DEPTH:
            log.note = f"not run: {MAX_DEPTH} rules in a row triggered each other (depth limit)"
        else:
            try:
                log.matched = holds(rule.conditions, facts)
            except Exception as exc:  # a bad stored condition must not stop the other rules
                logger.exception("automation rule %s: conditions failed", rule.pk)
                log.note = f"conditions failed: {exc}"[:300]
        runs.append(log)
        if not log.matched:
            unmatched.append(log)
            continue
        # Before the actions, so that runs they trigger come after this one in the log.
        RuleRun.objects.bulk_create([*unmatched, log])
        unmatched = []
        log.actions = run_actions(rule, conversation, origin, extra)
        log.save(update_fields=["actions"])
        _tell_transcript(rule, conversation, log)
        if rule.stop_after:
            break
        # The next rule sees what this one changed.
        conversation = _conversation(conversation_id) or conversation
        facts = Facts(conversation, event, message, extra)
    RuleRun.objects.bulk_create(unmatched)
    return runs


def _conversation(pk: int) -> Conversation | None:
    return (
        Conversation.objects.select_related("shop", "customer", "assigned_agent", "team")
        .filter(pk=pk)
        .first()
    )


def run_actions(
    rule: Rule, conversation: Conversation, origin: tuple[int, ...], extra: dict[str, Any]
) -> list[dict[str, Any]]:
    """Each action of the rule in its own transaction: one that fails is logged with its error
    and the next still runs."""
    done: list[dict[str, Any]] = []
    event = {**extra, "rule": {"id": rule.pk, "name": rule.name}}
    with acting_as((*origin, rule.pk)):
        for step in rule.actions or []:
            name, params = step.get("action"), step.get("params") or {}
            try:
                with transaction.atomic():
                    result = rule_actions.run(name, conversation, params, **event)
                done.append({"action": name, "params": params, "ok": True, "result": result})
            except rule_actions.ActionError as exc:
                done.append({"action": name, "params": params, "ok": False, "error": exc.detail})
            except Exception as exc:
                logger.exception("automation rule %s: action %s failed", rule.pk, name)
                done.append(
                    {"action": name, "params": params, "ok": False, "error": str(exc)[:300]}
                )
            conversation.refresh_from_db()
    return done


def _tell_transcript(rule: Rule, conversation: Conversation, log: RuleRun) -> None:
    """A private system line where agents read what happened: rule "VIP 退款" set priority
    80. Its facts ride along in the payload (``automation``)."""
    from automation.summary import describe_run
    from chatbot.services import append_message

    with acting_as((*chain(), rule.pk)):
        append_message(
            conversation,
            Sender.SYSTEM,
            describe_run(rule, log.actions),
            private=True,
            payload={
                "automation": {
                    "rule_id": rule.pk,
                    "rule": rule.name,
                    "run_id": log.pk,
                    "actions": [
                        {"action": a["action"], "ok": a["ok"], "error": a.get("error", "")}
                        for a in log.actions
                    ],
                }
            },
        )


# --- inactivity --------------------------------------------------------------------------------

WAITING_ON_CUSTOMER = (ConversationStatus.BOT, ConversationStatus.ASSIGNED)


def check_inactivity(now: dt.datetime | None = None, limit: int = 500) -> int:
    """Run each enabled "no customer reply for N minutes" rule for the open conversations whose
    last word (customer, agent or bot; system lines and notes aside) came from the shop more
    than N minutes ago, once per such last word. Snoozed conversations wait for their snooze.
    Returns how many conversations were evaluated."""
    from desk.models import Snooze

    now = now or timezone.now()
    evaluated = 0
    spoken = Message.objects.filter(
        conversation=OuterRef("pk"),
        is_private=False,
        sender__in=(Sender.CUSTOMER, Sender.AGENT, Sender.BOT),
    ).order_by("-seq")
    rules = Rule.objects.filter(
        event=Event.INACTIVITY, enabled=True, inactivity_minutes__gt=0
    ).order_by("shop_id", "order", "id")
    for rule in rules:
        cutoff = now - dt.timedelta(minutes=rule.inactivity_minutes or 0)
        due = (
            Conversation.objects.filter(shop_id=rule.shop_id, status__in=WAITING_ON_CUSTOMER)
            .exclude(pk__in=Snooze.objects.filter(woken_at__isnull=True).values("conversation_id"))
            .annotate(
                last_sender=Subquery(spoken.values("sender")[:1]),
                last_at=Subquery(spoken.values("created_at")[:1]),
                last_spoken=Subquery(spoken.values("seq")[:1]),
            )
            .filter(last_sender__in=(Sender.AGENT, Sender.BOT), last_at__lt=cutoff)
            .values_list("pk", "last_spoken")
        )
        for conversation_id, seq in list(due[:limit]):
            key = f"after:{seq}"
            if RuleRun.objects.filter(rule=rule, conversation_id=conversation_id, key=key).exists():
                continue
            evaluate(rule.shop_id, Event.INACTIVITY, conversation_id, only=rule, key=key)
            evaluated += 1
    RuleRun.objects.filter(at__lt=now - dt.timedelta(days=RUN_LOG_DAYS)).delete()
    return evaluated
