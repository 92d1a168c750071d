"""Conversation actions shared by macros (``desk.services.macros``) and automation rules:
plain functions ``action(conversation, actor, **params) -> dict``.

``actor`` is the member of staff doing it (a macro run from the console), or None when a rule
or the system does it. Each action goes through the same chat and routing services an agent's
click goes through, so the live frames, the audit records and the transcript lines are exactly
those of the manual action; a human actor also meets the same permission checks (only the
assigned agent replies, only they or a supervisor close or transfer).

Failures raise ``ActionError`` (a ``ChatError``: code and a human-readable detail); a macro
stops at the first one and reports it. ``ACTIONS`` maps each action's name to its function,
``run`` runs one by name and ``check_params`` validates a stored step without running it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.roles import Role, has_role
from audit.services import record
from chatbot import frames, live
from chatbot.services import ChatError, append_message, close_conversation, post_agent_message
from chatbot.services import transfer as transfer_conversation
from chatbot.services.validation import MAX_TEXT_CHARS, validate_text
from conversations.models import Conversation, ConversationStatus, Sender
from desk.services import labels, snooze
from profiles.models import Order
from routing.models import AgentProfile, Presence, Team
from routing.services import assign_to, assign_waiting, loads, requeue

PRIORITY_RANGE = (-1000, 1000)


class ActionError(ChatError):
    """An action that cannot be done; ``code`` and ``detail`` as in a console error frame."""


def _human(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _name(user: Any) -> str:
    return user.get_short_name() or user.get_username()


def _is_supervisor(user: Any) -> bool:
    return user.is_superuser or has_role(user, Role.SUPERVISOR, Role.ADMINISTRATOR)


def _fresh(conversation: Conversation) -> Conversation:
    """The conversation as it is now: an earlier step of the same macro may have changed it."""
    return Conversation.objects.select_related("shop", "customer", "assigned_agent").get(
        pk=conversation.pk
    )


def _note(conversation: Conversation, text: str, kind: str, **details: Any) -> None:
    """A private system line in the transcript, where an agent would look for what happened
    (``payload.desk`` names it, so a console can word it in its own language)."""
    append_message(
        conversation, Sender.SYSTEM, text, private=True, payload={"desk": kind, **details}
    )


# --- labels -------------------------------------------------------------------------------------


def add_label(conversation: Conversation, actor: Any, *, label: Any, **_: Any) -> dict[str, Any]:
    """Put a label of the conversation's shop (id or name) on it."""
    found = labels.resolve_label(conversation.shop_id, label)
    added = labels.add_to_conversation(conversation, found, _human(actor))
    return {"label": found.name, "changed": added}


def remove_label(conversation: Conversation, actor: Any, *, label: Any, **_: Any) -> dict[str, Any]:
    found = labels.resolve_label(conversation.shop_id, label)
    removed = labels.remove_from_conversation(conversation, found, _human(actor))
    return {"label": found.name, "changed": removed}


# --- priority, team, agent ----------------------------------------------------------------------


def set_priority(
    conversation: Conversation, actor: Any, *, priority: Any, **_: Any
) -> dict[str, Any]:
    low, high = PRIORITY_RANGE
    if isinstance(priority, bool) or not isinstance(priority, int) or not low <= priority <= high:
        raise ActionError("invalid_field", f"priority must be an integer from {low} to {high}.")
    actor = _human(actor)
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        old = locked.priority
        if old == priority and locked.manual_priority == priority:
            return {"priority": priority, "changed": False}
        locked.priority = locked.manual_priority = priority
        locked.save(update_fields=["priority", "manual_priority", "updated_at"])
        record("desk.priority_set", obj=locked, actor=actor, changes={"priority": [old, priority]})
        _note(
            locked,
            f"Priority set to {priority}" + (f" by {_name(actor)}" if actor else ""),
            "priority",
            priority=priority,
            by=actor and _name(actor),
        )
        live.publish_conversation(_fresh(locked))
    return {"priority": priority, "changed": True}


def _team(ref: Any) -> Team:
    team = None
    if isinstance(ref, int) and not isinstance(ref, bool):
        team = Team.objects.filter(pk=ref).first()
    elif isinstance(ref, str) and ref.strip():
        team = Team.objects.filter(name=ref.strip()).first()
    if team is None:
        raise ActionError("not_found", "No such team.")
    return team


def _free_member(team: Team) -> Any:
    """The team's online agent with the most room, or None."""
    profiles = list(
        AgentProfile.objects.filter(teams=team, presence=Presence.ONLINE).select_related("user")
    )
    load = loads([p.user_id for p in profiles])
    free = [p for p in profiles if load.get(p.user_id, 0) < p.capacity and p.user.is_active]
    free.sort(key=lambda p: (load.get(p.user_id, 0) / max(p.capacity, 1), p.user_id))
    return free[0].user if free else None


def assign_team(conversation: Conversation, actor: Any, *, team: Any, **_: Any) -> dict[str, Any]:
    """Give the conversation to a team. Its agent keeps it when they belong to that team;
    otherwise it goes to the team's online agent with the most room, or, when none is free,
    back to the queue."""
    target = _team(team)
    actor = _human(actor)
    if (
        actor is not None
        and not _is_supervisor(actor)
        and (conversation.assigned_agent_id != actor.pk)
    ):
        raise ActionError("forbidden", "Only the assigned agent or a supervisor can move it.")
    with transaction.atomic():
        locked = (
            Conversation.objects.select_for_update(of=("self",))
            .select_related("assigned_agent", "shop", "customer")
            .get(pk=conversation.pk)
        )
        if locked.status not in (ConversationStatus.WAITING, ConversationStatus.ASSIGNED):
            raise ActionError("forbidden", "Only a conversation with people can change teams.")
        previous_team = locked.team_id
        if previous_team == target.pk:
            if not locked.team_pinned:  # routing's choice, now confirmed by a person
                Conversation.objects.filter(pk=locked.pk).update(team_pinned=True)
            return {"team": target.name, "changed": False}
        Conversation.objects.filter(pk=locked.pk).update(team=target, team_pinned=True)
        locked.team_id, locked.team_pinned = target.pk, True
        record(
            "desk.team_assigned",
            obj=locked,
            actor=actor,
            changes={"team": [previous_team, target.pk], "name": target.name},
        )
        _note(
            locked,
            f"Moved to team {target.name}" + (f" by {_name(actor)}" if actor else ""),
            "team",
            team=target.name,
            by=actor and _name(actor),
        )
        if previous_team:
            # That team's supervisors no longer see it (as after a transfer).
            live.publish(
                live.team_group(previous_team), {"type": "conversation_gone", "id": locked.pk}
            )
        agent = locked.assigned_agent
        in_team = (
            agent is not None and Team.objects.filter(pk=target.pk, agents__user=agent).exists()
        )
        if locked.status == ConversationStatus.ASSIGNED and not in_team:
            member = _free_member(target)
            reason = {
                "summary": f"moved to team {target.name}",
                "manual": True,
                "by": actor.get_username() if actor else "automation",
            }
            statuses = {ConversationStatus.ASSIGNED}
            if member is None or not assign_to(locked, member, reason, from_status=statuses):
                # Nobody of that team is free: it waits in the queue, in that team.
                requeue(locked, f"moved to team {target.name}", kind="transfer", actor=actor)
        else:
            live.publish_conversation(_fresh(locked))
            if locked.status == ConversationStatus.WAITING:
                transaction.on_commit(assign_waiting)
                live.publish_console_state()
    return {"team": target.name, "changed": True}


def assign_agent(conversation: Conversation, actor: Any, *, agent: Any, **_: Any) -> dict[str, Any]:
    """Give the conversation to an agent (id or username), as a transfer does."""
    users = get_user_model().objects.filter(is_active=True)
    if isinstance(agent, int) and not isinstance(agent, bool):
        target = users.filter(pk=agent).first()
    elif isinstance(agent, str) and agent.strip():
        target = users.filter(username=agent.strip()).first()
    else:
        target = None
    if target is None or not has_role(target, Role.AGENT, Role.SUPERVISOR):
        raise ActionError("invalid_field", "agent is not an agent.")
    if conversation.assigned_agent_id == target.pk:
        return {"agent": target.get_username(), "changed": False}
    actor = _human(actor)
    if actor is not None:
        # Exactly the console's transfer: its checks, its audit record, its frames.
        transfer_conversation(actor, conversation.pk, target.pk)
        return {"agent": target.get_username(), "changed": True}
    previous = conversation.assigned_agent
    reason = {"summary": "assigned by an automation rule", "by": "automation"}
    if not assign_to(
        conversation,
        target,
        reason,
        from_status={ConversationStatus.ASSIGNED, ConversationStatus.WAITING},
    ):
        raise ActionError("forbidden", "That agent has no free capacity, or it is not waiting.")
    record(
        "chat.conversation_transferred",
        obj=conversation,
        changes={
            "from": previous.get_username() if previous else None,
            "to": target.get_username(),
            "by": "automation",
        },
    )
    if previous is not None and previous.pk != target.pk:
        live.publish(
            live.agent_group(previous.pk),
            {"type": "conversation", **frames.conversation_summary(_fresh(conversation))},
        )
    return {"agent": target.get_username(), "changed": True}


# --- snooze, close ------------------------------------------------------------------------------


def snooze_conversation(
    conversation: Conversation,
    actor: Any,
    *,
    until: Any = None,
    minutes: Any = None,
    until_reply: Any = False,
    **_: Any,
) -> dict[str, Any]:
    """Until a time (``until``, ISO 8601), for ``minutes``, until the customer replies
    (``until_reply``), or a time and the reply, whichever comes first."""
    if not isinstance(until_reply, bool):
        raise ActionError("invalid_field", "until_reply must be true or false.")
    when = snooze.parse_until(minutes if minutes is not None else until)
    item = snooze.snooze(conversation, _human(actor), until=when, until_reply=until_reply)
    return {"until": item.until.isoformat() if item.until else None, "until_reply": until_reply}


def close(conversation: Conversation, actor: Any, **_: Any) -> dict[str, Any]:
    actor = _human(actor)
    if (
        actor is not None
        and conversation.assigned_agent_id != actor.pk
        and not _is_supervisor(actor)
    ):
        raise ActionError("forbidden", "Only the assigned agent or a supervisor can close it.")
    closed = close_conversation(conversation, by=actor)
    return {"changed": closed}


# --- replies and notes --------------------------------------------------------------------------

VARIABLE = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")
KNOWN_VARIABLES = ("customer.name", "order.number")


def _variable(conversation: Conversation, name: str, order_number: Any) -> str | None:
    if name == "customer.name":
        customer = conversation.customer
        # Decrypted here, at send time, and only into the message being sent.
        return (customer.display_name or "").strip() or None if customer else None
    if name == "order.number":
        if isinstance(order_number, str) and order_number.strip():
            return order_number.strip()
        if conversation.customer_id is None:
            return None
        latest = (
            Order.objects.filter(customer_id=conversation.customer_id, shop_id=conversation.shop_id)
            .order_by("-placed_at", "-id")
            .values_list("number", flat=True)
            .first()
        )
        return latest or None
    return None


def render_reply(template: str, conversation: Conversation, *, order_number: Any = None) -> str:
    """Fill ``{customer.name}`` and ``{order.number}``. Anything else in braces stays as typed
    (visible to whoever reviews the macro); a known variable with no value for this
    conversation (an anonymous visitor has no name) is an error, never an empty gap."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in KNOWN_VARIABLES:
            return match.group(0)
        value = _variable(conversation, name, order_number)
        if value is None:
            raise ActionError("missing_variable", f"This conversation has no {{{name}}}.")
        return value

    return VARIABLE.sub(fill, template)


def send_reply(
    conversation: Conversation,
    actor: Any,
    *,
    text: Any,
    order_number: Any = None,
    **_: Any,
) -> dict[str, Any]:
    """A canned reply to the customer, variables filled in at send time."""
    if not isinstance(text, str) or not text.strip():
        raise ActionError("invalid_field", "text must be a non-empty string.")
    conversation = _fresh(conversation)
    body = validate_text(render_reply(text, conversation, order_number=order_number))
    actor = _human(actor)
    client_id = f"desk-{uuid.uuid4().hex[:24]}"
    if actor is not None:
        # The console's reply: only the assigned agent, first-reply time, frames and all.
        message, _ = post_agent_message(actor, conversation.pk, client_id, body, private=False)
    else:
        # Sent by a rule: in the bot's name, so nobody takes it for a person's words.
        message, _ = append_message(
            conversation,
            Sender.BOT,
            body,
            client_id=client_id,
            payload={"automated": True},
            statuses=(
                ConversationStatus.BOT,
                ConversationStatus.WAITING,
                ConversationStatus.ASSIGNED,
            ),
        )
        if message is None:
            raise ActionError("forbidden", "The conversation is closed.")
    return {"seq": message.seq}


def add_note(conversation: Conversation, actor: Any, *, text: Any, **_: Any) -> dict[str, Any]:
    """A private note for colleagues (``@username`` mentions them)."""
    if not isinstance(text, str) or not text.strip():
        raise ActionError("invalid_field", "text must be a non-empty string.")
    actor = _human(actor)
    client_id = f"desk-{uuid.uuid4().hex[:24]}"
    if actor is not None:
        message, _ = post_agent_message(actor, conversation.pk, client_id, text, private=True)
    else:
        message, _ = append_message(
            conversation,
            Sender.SYSTEM,
            validate_text(text),
            client_id=client_id,
            private=True,
            payload={"automated": True},
        )
    return {"seq": message.seq}


# --- the vocabulary -----------------------------------------------------------------------------

Action = Callable[..., dict[str, Any]]
ACTIONS: dict[str, Action] = {
    "add_label": add_label,
    "remove_label": remove_label,
    "set_priority": set_priority,
    "assign_team": assign_team,
    "assign_agent": assign_agent,
    "snooze": snooze_conversation,
    "send_reply": send_reply,
    "add_note": add_note,
    "close": close,
}

# The parameters each action takes (name: required), for checking a stored step.
PARAMS: dict[str, dict[str, bool]] = {
    "add_label": {"label": True},
    "remove_label": {"label": True},
    "set_priority": {"priority": True},
    "assign_team": {"team": True},
    "assign_agent": {"agent": True},
    "snooze": {"until": False, "minutes": False, "until_reply": False},
    "send_reply": {"text": True, "order_number": False},
    "add_note": {"text": True},
    "close": {},
}


def check_params(name: Any, params: Any) -> dict[str, Any]:
    """The step's parameters if ``name`` is an action and they fit it; else ActionError.
    Values are checked as far as they can be without a conversation."""
    if not isinstance(name, str) or name not in ACTIONS:
        raise ActionError("invalid_field", f"Unknown action. Known: {', '.join(ACTIONS)}.")
    params = {} if params is None else params
    if not isinstance(params, dict):
        raise ActionError("invalid_field", f"{name}: params must be an object.")
    allowed = PARAMS[name]
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise ActionError("invalid_field", f"{name}: unknown parameter {', '.join(unknown)}.")
    missing = [p for p, required in allowed.items() if required and params.get(p) in (None, "")]
    if missing:
        raise ActionError("invalid_field", f"{name}: {', '.join(missing)} is required.")
    for key in ("text",):
        if key in params and (
            not isinstance(params[key], str) or len(params[key]) > MAX_TEXT_CHARS
        ):
            raise ActionError("invalid_field", f"{name}: text must be at most 2000 characters.")
    if name == "snooze":
        if (
            params.get("until") in (None, "")
            and params.get("minutes") is None
            and not params.get("until_reply")
        ):
            raise ActionError("invalid_field", "snooze: give minutes, until or until_reply.")
        if params.get("minutes") is not None:
            snooze.parse_until(params["minutes"])
    if name == "set_priority":
        value = params["priority"]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ActionError("invalid_field", "set_priority: priority must be an integer.")
    return dict(params)


def run(name: str, conversation: Conversation, actor: Any, **params: Any) -> dict[str, Any]:
    """Run one action by name (a macro step, a rule's action)."""
    if name not in ACTIONS:
        raise ActionError("invalid_field", f"Unknown action. Known: {', '.join(ACTIONS)}.")
    return ACTIONS[name](conversation, actor, **params)
