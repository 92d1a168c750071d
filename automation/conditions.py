"""A rule's conditions: their schema (checked when a rule is saved) and their evaluation against
what is known about an event (``Facts``).

The stored form is a group, ``{"all": [...]}`` or ``{"any": [...]}``, whose items are
conditions ``{"field": ..., "op": ..., "value": ...}`` or groups again (three levels at most).
An empty object always holds. Facts are read lazily: a rule about the channel never loads the
customer's orders.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from conversations.models import Conversation, Message, Sender

MAX_DEPTH = 3
MAX_CONDITIONS = 50

STRING_OPS = ("is", "is_not", "in", "not_in")
SET_OPS = ("has", "has_not")
NUMBER_OPS = ("lt", "lte", "gt", "gte", "is")
BOOL_OPS = ("is",)
TEXT_OPS = ("contains", "not_contains")
WINDOW_OPS = ("in", "not_in")

# field -> (kind, ops). The kind decides the value's shape.
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "channel": ("string", STRING_OPS),
    "shop": ("id", ("is", "is_not", "in", "not_in")),
    "language": ("string", STRING_OPS),
    "intent": ("string", STRING_OPS),
    "kb_category": ("ref", ("is", "is_not", "in", "not_in")),
    "label": ("string", SET_OPS),
    "segment": ("string", SET_OPS),
    "vip": ("bool", BOOL_OPS),
    "mood": ("number", NUMBER_OPS),
    "mood_alert": ("bool", BOOL_OPS),
    "business_hours": ("window", WINDOW_OPS),
    "text": ("text", TEXT_OPS),
    "order_status": ("string", STRING_OPS),
    "status": ("string", STRING_OPS),
    "previous_status": ("string", STRING_OPS),
    "csat_score": ("number", NUMBER_OPS),
    "added_label": ("string", STRING_OPS),
}

TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class ConditionError(ValueError):
    """What is wrong with a rule's conditions, as human-readable messages with their place."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


# --- schema ------------------------------------------------------------------------------------


def validate(conditions: Any) -> dict[str, Any]:
    """The conditions if they fit the schema, else ConditionError listing every problem."""
    if conditions in (None, "", {}):
        return {}
    errors: list[str] = []
    count = [0]
    _check_group(conditions, "conditions", 1, errors, count)
    if count[0] > MAX_CONDITIONS:
        errors.append(_("At most %(n)d conditions.") % {"n": MAX_CONDITIONS})
    if errors:
        raise ConditionError(errors)
    return conditions


def _check_group(group: Any, where: str, depth: int, errors: list[str], count: list[int]) -> None:
    if not isinstance(group, dict) or len(group) != 1 or next(iter(group)) not in ("all", "any"):
        errors.append(
            _('%(where)s: a group is {"all": [...]} or {"any": [...]}.') % {"where": where}
        )
        return
    kind = next(iter(group))
    items = group[kind]
    if not isinstance(items, list) or not items:
        errors.append(_("%(where)s: a group needs a list of conditions.") % {"where": where})
        return
    if depth > MAX_DEPTH:
        errors.append(
            _("%(where)s: groups nest at most %(n)d deep.") % {"where": where, "n": MAX_DEPTH}
        )
        return
    for i, item in enumerate(items):
        place = f"{where}.{kind}[{i}]"
        if isinstance(item, dict) and ("all" in item or "any" in item):
            _check_group(item, place, depth + 1, errors, count)
        else:
            count[0] += 1
            _check_condition(item, place, errors)


def _check_condition(item: Any, where: str, errors: list[str]) -> None:
    if not isinstance(item, dict) or set(item) - {"field", "op", "value"}:
        errors.append(
            _('%(where)s: a condition is {"field": ..., "op": ..., "value": ...}.')
            % {"where": where}
        )
        return
    name, op, value = item.get("field"), item.get("op"), item.get("value")
    if name not in FIELDS:
        errors.append(
            _("%(where)s: unknown field %(field)r; known: %(known)s.")
            % {"where": where, "field": name, "known": ", ".join(FIELDS)}
        )
        return
    kind, ops = FIELDS[name]
    if op not in ops:
        errors.append(
            _("%(where)s: %(field)s takes the operators %(ops)s, not %(op)r.")
            % {"where": where, "field": name, "ops": ", ".join(ops), "op": op}
        )
        return
    problem = _value_problem(kind, op, value)
    if problem:
        errors.append(f"{where} ({name}): {problem}")


def _value_problem(kind: str, op: str, value: Any) -> str:
    many = op in ("in", "not_in") and kind != "window"
    if kind == "bool":
        return "" if isinstance(value, bool) else _("the value is true or false.")
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return "" if ok else _("the value is a number.")
    if kind == "window":
        return _window_problem(value)
    if kind == "text":
        words = value if isinstance(value, list) else [value]
        ok = words and all(isinstance(w, str) and w.strip() and len(w) <= 100 for w in words)
        return "" if ok else _("the value is a keyword or a list of keywords.")
    if kind == "id":
        ids = value if many else [value]
        ok = isinstance(ids, list) and ids and all(_is_int(v) for v in ids)
        return "" if ok else _("the value is a shop id (a list of them for in / not in).")
    values = value if (many or kind == "ref") and isinstance(value, list) else [value]
    if many and not isinstance(value, list):
        return _("in / not in take a list.")
    ok = values and all(
        (isinstance(v, str) and v.strip()) or (kind == "ref" and _is_int(v)) for v in values
    )
    return "" if ok else _("the value is a non-empty text (a list of them for in / not in).")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _window_problem(value: Any) -> str:
    message = _(
        'the value is {"days": [0-6, Monday is 0], "start": "09:00", "end": "18:00", '
        '"timezone": "Asia/Shanghai"}.'
    )
    if not isinstance(value, dict) or set(value) - {"days", "start", "end", "timezone"}:
        return message
    days = value.get("days", list(range(7)))
    if not isinstance(days, list) or not all(_is_int(d) and 0 <= d <= 6 for d in days):
        return message
    if not all(isinstance(value.get(k), str) and TIME_RE.match(value[k]) for k in ("start", "end")):
        return message
    try:
        ZoneInfo(str(value.get("timezone", "Asia/Shanghai")))
    except (KeyError, ValueError):
        return _("unknown time zone.")
    return ""


# --- facts -------------------------------------------------------------------------------------


@dataclass
class Facts:
    """What a rule may ask about one event, read on first use."""

    conversation: Conversation
    event: str
    message: Message | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    now: dt.datetime = field(default_factory=timezone.now)

    @cached_property
    def _context(self) -> tuple[str, list[int]]:
        from routing.services.scoring import _context

        return _context(self.conversation)

    @cached_property
    def intent(self) -> str:
        if self.message is not None and self.message.sender == Sender.BOT:
            return str(self.message.payload.get("intent") or "")
        return self._context[0]

    @cached_property
    def categories(self) -> set[Any]:
        from knowledge.models import Category

        ids = self._context[1]
        names = Category.objects.filter(pk__in=ids).values_list("name", flat=True)
        return set(ids) | {n.casefold() for n in names}

    @cached_property
    def labels(self) -> set[str]:
        from desk.models import ConversationLabel, CustomerLabel

        names = set(
            ConversationLabel.objects.filter(conversation=self.conversation).values_list(
                "label__name", flat=True
            )
        )
        if self.conversation.customer_id:
            names |= set(
                CustomerLabel.objects.filter(customer_id=self.conversation.customer_id).values_list(
                    "label__name", flat=True
                )
            )
        return {n.casefold() for n in names}

    @cached_property
    def segments(self) -> set[str]:
        customer = self.conversation.customer
        return {str(s).casefold() for s in (customer.segments or [])} if customer else set()

    @cached_property
    def text(self) -> str:
        if self.message is not None:
            return self.message.text
        last = (
            self.conversation.messages.filter(sender=Sender.CUSTOMER)
            .order_by("-seq")
            .values_list("text", flat=True)
            .first()
        )
        return last or ""

    @cached_property
    def text_terms(self) -> list[str]:
        return terms(self.text)

    @cached_property
    def order_status(self) -> str:
        from profiles.models import Order

        if self.conversation.customer_id is None:
            return ""
        status = (
            Order.objects.filter(
                customer_id=self.conversation.customer_id, shop_id=self.conversation.shop_id
            )
            .order_by("-placed_at", "-id")
            .values_list("status", flat=True)
            .first()
        )
        return status or ""

    def value(self, name: str) -> Any:
        conversation = self.conversation
        simple: dict[str, Callable[[], Any]] = {
            "channel": lambda: conversation.channel,
            "shop": lambda: conversation.shop_id,
            "language": lambda: conversation.language,
            "intent": lambda: self.intent,
            "kb_category": lambda: self.categories,
            "label": lambda: self.labels,
            "segment": lambda: self.segments,
            "vip": lambda: "vip" in self.segments,
            "mood": lambda: conversation.mood,
            "mood_alert": lambda: conversation.mood_alert,
            "order_status": lambda: self.order_status,
            "status": lambda: self.extra.get("new") or conversation.status,
            "previous_status": lambda: self.extra.get("old") or "",
            "csat_score": lambda: self.extra.get("score", conversation.csat_score),
            "added_label": lambda: self.extra.get("label_name") or "",
        }
        return simple[name]()


# --- evaluation --------------------------------------------------------------------------------


def holds(conditions: dict[str, Any], facts: Facts) -> bool:
    if not conditions:
        return True
    kind = next(iter(conditions))
    results = (
        holds(item, facts) if ("all" in item or "any" in item) else _holds_one(item, facts)
        for item in conditions[kind]
    )
    return all(results) if kind == "all" else any(results)


def _fold(value: Any) -> Any:
    return value.casefold().strip() if isinstance(value, str) else value


def _holds_one(item: dict[str, Any], facts: Facts) -> bool:
    name, op, wanted = item["field"], item["op"], item.get("value")
    if name == "text":
        keywords = wanted if isinstance(wanted, list) else [wanted]
        found = any(contains(facts.text, k, facts.text_terms) for k in keywords)
        return found if op == "contains" else not found
    if name == "business_hours":
        inside = within(wanted, facts.now)
        return inside if op == "in" else not inside
    actual = facts.value(name)
    if op in ("has", "has_not"):
        wanted_set = {_fold(w) for w in (wanted if isinstance(wanted, list) else [wanted])}
        found = bool(actual & wanted_set)
        return found if op == "has" else not found
    if name == "kb_category":
        wanted_set = {_fold(w) for w in (wanted if isinstance(wanted, list) else [wanted])}
        found = bool(actual & wanted_set)
        return found if op in ("is", "in") else not found
    if op in ("lt", "lte", "gt", "gte"):
        if actual is None:
            return False
        return {
            "lt": actual < wanted,
            "lte": actual <= wanted,
            "gt": actual > wanted,
            "gte": actual >= wanted,
        }[op]
    if op in ("in", "not_in"):
        found = _fold(actual) in {_fold(w) for w in wanted}
        return found if op == "in" else not found
    equal = _fold(actual) == _fold(wanted)
    return equal if op == "is" else not equal


# --- keywords, through the answer engine's tokeniser ------------------------------------------


def _tokenizer() -> Any:
    """The serving answer engine's tokeniser (its synonyms and shop words), else a plain one."""
    from knowledge.answering import holder
    from knowledge.engine.tokenize import Tokenizer

    # Only a model this process already serves: a Celery worker does not load one for this.
    current = holder.current() if holder.serving_version is not None else None
    tokenizer = getattr(current[1], "tokenizer", None) if current else None
    if tokenizer is None:
        global _PLAIN
        if _PLAIN is None:
            _PLAIN = Tokenizer()
        tokenizer = _PLAIN
    return tokenizer


_PLAIN: Any = None


def terms(text: str) -> list[str]:
    from knowledge.engine.normalize import normalize

    return _tokenizer().tokenize(normalize(text or ""))


def contains(text: str, keyword: str, text_terms: list[str] | None = None) -> bool:
    """Whether ``text`` says ``keyword``, word by word as the answer engine reads them: "退款"
    is in "我要退款" and in Traditional "我要退款", "refund" in "refunds please"; "art" is not
    in "start". A keyword made only of stop words is looked for as normalised text."""
    from knowledge.engine.normalize import normalize

    wanted = terms(keyword)
    if not wanted:
        return bool(normalize(keyword)) and normalize(keyword) in normalize(text)
    have = set(text_terms if text_terms is not None else terms(text))
    return all(w in have for w in wanted)


def within(window: dict[str, Any], now: dt.datetime) -> bool:
    local = now.astimezone(ZoneInfo(str(window.get("timezone", "Asia/Shanghai"))))
    days = window.get("days", list(range(7)))
    start = dt.time.fromisoformat(window["start"])
    end = dt.time.fromisoformat(window["end"])
    clock = local.time()
    if start <= end:
        return local.weekday() in days and start <= clock < end
    # Overnight (22:00-06:00): the early hours belong to the day the window opened.
    if clock >= start:
        return local.weekday() in days
    return clock < end and (local.weekday() - 1) % 7 in days
