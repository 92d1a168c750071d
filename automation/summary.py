"""Rules in words, in the reader's language: "When a customer message arrives, if channel is
wechat and text contains 退款, then set priority 80; stop." (admin), and what a run did:
"Rule “VIP 退款”: set priority 80" (transcript)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from automation.models import Event

WHEN = {
    Event.CONVERSATION_CREATED: lambda r: _("When a conversation starts"),
    Event.CUSTOMER_MESSAGE: lambda r: _("When a customer message arrives"),
    Event.AGENT_MESSAGE: lambda r: _("When an agent replies"),
    Event.BOT_MESSAGE: lambda r: _("When the bot answers"),
    Event.CONVERSATION_ASSIGNED: lambda r: _("When a conversation is assigned"),
    Event.STATUS_CHANGED: lambda r: _("When the status changes"),
    Event.MOOD_ALERT: lambda r: _("When the customer's mood raises an alert"),
    Event.SLA_BREACHED: lambda r: _("When an agent misses the first-reply SLA"),
    Event.CSAT_SUBMITTED: lambda r: _("When the customer rates the conversation"),
    Event.LABEL_ADDED: lambda r: _("When a label is added"),
    Event.INACTIVITY: lambda r: (
        _("When the customer has not replied for %(n)s minutes")
        % {"n": r.inactivity_minutes or "?"}
    ),
}


def field_name(name: str) -> str:
    return {
        "channel": _("channel"),
        "shop": _("shop"),
        "language": _("language"),
        "intent": _("intent"),
        "kb_category": _("knowledge category"),
        "label": _("labels"),
        "segment": _("customer segments"),
        "vip": _("VIP"),
        "mood": _("mood"),
        "mood_alert": _("mood alert"),
        "business_hours": _("business hours"),
        "text": _("text"),
        "order_status": _("latest order status"),
        "status": _("status"),
        "previous_status": _("previous status"),
        "csat_score": _("rating"),
        "added_label": _("label added"),
    }.get(name, name)


def op_name(op: str) -> str:
    return {
        "is": _("is"),
        "is_not": _("is not"),
        "in": _("is one of"),
        "not_in": _("is none of"),
        "has": _("include"),
        "has_not": _("do not include"),
        "lt": "<",
        "lte": "≤",
        "gt": ">",
        "gte": "≥",
        "contains": _("contains"),
        "not_contains": _("does not contain"),
    }.get(op, op)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return " / ".join(_value(v) for v in value)
    if isinstance(value, dict):  # a business-hours window
        days = value.get("days")
        span = f"{value.get('start', '')}-{value.get('end', '')}"
        zone = value.get("timezone", "Asia/Shanghai")
        if days is not None and sorted(days) != list(range(7)):
            return _("%(span)s on days %(days)s (%(zone)s)") % {
                "span": span,
                "days": ",".join(str(d) for d in days),
                "zone": zone,
            }
        return f"{span} ({zone})"
    return str(value)


def describe_conditions(conditions: dict[str, Any]) -> str:
    if not conditions:
        return ""
    kind = next(iter(conditions))
    joiner = f" {_('and')} " if kind == "all" else f" {_('or')} "
    parts = []
    for item in conditions[kind]:
        if isinstance(item, dict) and ("all" in item or "any" in item):
            parts.append(f"({describe_conditions(item)})")
        elif item.get("field") == "business_hours":
            inside = item.get("op") == "in"
            window = _value(item.get("value"))
            parts.append((_("within %(w)s") if inside else _("outside %(w)s")) % {"w": window})
        else:
            parts.append(
                f"{field_name(item.get('field', ''))} {op_name(item.get('op', ''))} "
                f"{_value(item.get('value'))}"
            )
    return joiner.join(parts)


def describe_action(step: dict[str, Any]) -> str:
    name, p = step.get("action", ""), step.get("params") or {}
    texts = {
        "add_label": lambda: _("add label %(v)s") % {"v": p.get("label")},
        "remove_label": lambda: _("remove label %(v)s") % {"v": p.get("label")},
        "set_priority": lambda: _("set priority %(v)s") % {"v": p.get("priority")},
        "assign_team": lambda: _("assign to team %(v)s") % {"v": p.get("team")},
        "assign_agent": lambda: _("assign to agent %(v)s") % {"v": p.get("agent")},
        "snooze": lambda: (
            _("snooze")
            + (f" {p['minutes']} min" if p.get("minutes") else "")
            + (f" {_('until the customer replies')}" if p.get("until_reply") else "")
        ),
        "send_reply": lambda: _("reply “%(v)s”") % {"v": _short(p.get("text"))},
        "add_note": lambda: _("add a private note “%(v)s”") % {"v": _short(p.get("text"))},
        "close": lambda: _("close"),
        "send_canned_reply": lambda: _("send canned reply #%(v)s") % {"v": p.get("canned_reply")},
        "close_with_message": lambda: (
            _("close with the message “%(v)s”") % {"v": _short(p.get("text"))}
        ),
        "send_webhook": lambda: _("send webhook #%(v)s") % {"v": p.get("subscription")},
        "email_supervisors": lambda: (
            _("e-mail the supervisors “%(v)s”") % {"v": _short(p.get("subject"))}
        ),
    }
    return texts[name]() if name in texts else str(name)


def _short(text: Any, limit: int = 40) -> str:
    if isinstance(text, dict):  # one text per language: show the first
        text = next(iter(text.values()), "")
    text = str(text or "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(rule: Any) -> str:
    when = WHEN.get(rule.event, lambda r: str(rule.event))(rule)
    parts = [when]
    condition_text = describe_conditions(rule.conditions or {})
    if condition_text:
        parts.append(_("if %(c)s") % {"c": condition_text})
    actions = "; ".join(describe_action(s) for s in rule.actions or [])
    parts.append(_("then %(a)s") % {"a": actions})
    text = ", ".join(parts)
    if rule.stop_after:
        text += "; " + _("stop")
    return text


def describe_run(rule: Any, done: list[dict[str, Any]]) -> str:
    """The transcript line of one matched run."""
    parts = []
    for step in done:
        text = describe_action(step)
        if not step.get("ok"):
            text += " — " + _("failed: %(e)s") % {"e": step.get("error", "")}
        parts.append(text)
    return _("Rule “%(name)s”: %(done)s") % {"name": rule.name, "done": "; ".join(parts)}
