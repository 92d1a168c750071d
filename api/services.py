"""What the conversation API does, as plain functions of (token, conversation, values).

Every change goes through the same chat, desk and routing services the console uses (so the
customer's socket and the consoles hear of it) and leaves an audit record whose actor is the
token (``api token <prefix>… (<name>)``, bound by the view for the whole request).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from audit.services import record
from chatbot import console
from chatbot.services import (
    ChatError,
    append_message,
    post_agent_message,
    request_handoff,
)
from chatbot.services.validation import validate_client_id, validate_text
from conversations.models import Conversation, ConversationStatus, Message, Sender
from desk import actions
from desk.models import ConversationLabel, Label, Snooze
from desk.services import labels as label_service
from desk.services.listing import MOOD_BOUNDARY, MOODS
from profiles.masking import mask_email, mask_phone
from profiles.models import ApiScope, ApiToken
from webhooks.events import conversation_data, message_data

NOT_FOUND = "No such conversation."
MAX_LABELS = 20


class ApiError(Exception):
    """A request the caller is told about: HTTP ``status`` with ``code`` and ``detail``."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


# A chat or desk refusal, as an HTTP answer: unknown things are 404, a state that does not
# allow the action (closed, not waiting, not with people) is 409, bad values are 400.
_STATUS = {"not_found": 404, "forbidden": 409, "conversation_closed": 409}


def from_chat(error: ChatError) -> ApiError:
    return ApiError(_STATUS.get(error.code, 400), error.code, error.detail)


def token_actor(token: ApiToken) -> str:
    return f"api token {token.prefix}… ({token.name})"


def conversation_for(token: ApiToken, pk: int) -> Conversation:
    """The conversation, if it belongs to the token's shop: another shop's looks missing."""
    conversation = (
        Conversation.objects.select_related("shop", "customer", "assigned_agent", "team")
        .filter(pk=pk, shop_id=token.shop_id)
        .first()
    )
    if conversation is None:
        raise ApiError(404, "not_found", NOT_FOUND)
    return conversation


# --- listing ----------------------------------------------------------------------------------


@dataclass
class Filters:
    status: str = ""
    channel: str = ""
    assigned_agent: int | None = None
    team: int | None = None
    label: str = ""
    mood: str = ""
    snoozed: bool | None = None
    created_after: dt.datetime | None = None
    created_before: dt.datetime | None = None
    updated_since: dt.datetime | None = None


def _whole(params: Any, name: str) -> int | None:
    raw = params.get(name)
    if raw in (None, ""):
        return None
    if not str(raw).isdigit() or len(str(raw)) > 9:
        raise ApiError(400, "invalid_field", f"{name} must be a whole number.")
    return int(raw)


def _moment(params: Any, name: str, *, end_of_day: bool = False) -> dt.datetime | None:
    raw = params.get(name)
    if raw in (None, ""):
        return None
    raw = str(raw)
    try:
        moment = parse_datetime(raw) if "T" in raw or " " in raw else None
        day = None if moment else parse_date(raw)
    except ValueError:
        moment = day = None
    if day is not None:
        moment = dt.datetime.combine(day, dt.time.max if end_of_day else dt.time.min)
    if moment is None:
        raise ApiError(
            400, "invalid_field", f"{name} must be a date (2026-11-30) or an ISO 8601 time."
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def parse_filters(params: Any) -> Filters:
    """From query parameters; anything not understood is a 400 naming it, never an empty list."""
    filters = Filters()
    status = params.get("status") or ""
    if status and status not in ConversationStatus.values:
        raise ApiError(
            400, "invalid_field", f"status must be one of {', '.join(ConversationStatus.values)}."
        )
    filters.status = status
    channel = params.get("channel") or ""
    if len(channel) > 20:
        raise ApiError(400, "invalid_field", "channel is at most 20 characters.")
    filters.channel = channel
    label = params.get("label") or ""
    if len(label) > 40:
        raise ApiError(400, "invalid_field", "label is at most 40 characters.")
    filters.label = label
    mood = params.get("mood") or ""
    if mood and mood not in MOODS:
        raise ApiError(400, "invalid_field", f"mood must be one of {', '.join(MOODS)}.")
    filters.mood = mood
    snoozed = params.get("snoozed")
    if snoozed not in (None, "", "true", "false"):
        raise ApiError(400, "invalid_field", "snoozed must be true or false.")
    filters.snoozed = None if snoozed in (None, "") else snoozed == "true"
    filters.assigned_agent = _whole(params, "assigned_agent")
    filters.team = _whole(params, "team")
    filters.created_after = _moment(params, "created_after")
    filters.created_before = _moment(params, "created_before", end_of_day=True)
    filters.updated_since = _moment(params, "updated_since")
    return filters


def conversations(token: ApiToken, filters: Filters) -> QuerySet[Conversation]:
    queryset = Conversation.objects.filter(shop_id=token.shop_id).select_related(
        "shop", "customer", "assigned_agent", "team"
    )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.assigned_agent is not None:
        queryset = queryset.filter(assigned_agent_id=filters.assigned_agent)
    if filters.team is not None:
        queryset = queryset.filter(team_id=filters.team)
    if filters.label:
        queryset = queryset.filter(
            Exists(
                ConversationLabel.objects.filter(
                    conversation=OuterRef("pk"), label__name=filters.label
                )
            )
        )
    if filters.mood == "negative":
        queryset = queryset.filter(mood__lt=-MOOD_BOUNDARY)
    elif filters.mood == "positive":
        queryset = queryset.filter(mood__gt=MOOD_BOUNDARY)
    elif filters.mood == "neutral":
        queryset = queryset.filter(mood__gte=-MOOD_BOUNDARY, mood__lte=MOOD_BOUNDARY)
    if filters.snoozed is not None:
        running = Exists(Snooze.objects.filter(conversation=OuterRef("pk"), woken_at__isnull=True))
        queryset = queryset.filter(running if filters.snoozed else ~Q(running))
    if filters.created_after is not None:
        queryset = queryset.filter(created_at__gte=filters.created_after)
    if filters.created_before is not None:
        queryset = queryset.filter(created_at__lte=filters.created_before)
    if filters.updated_since is not None:
        queryset = queryset.filter(updated_at__gte=filters.updated_since)
    return queryset.order_by("-updated_at", "-id")


def describe(conversations: list[Conversation]) -> list[dict[str, Any]]:
    """Conversations as the API shows them: the webhook shape plus labels and snooze."""
    ids = [c.pk for c in conversations]
    labels = label_service.conversation_labels(ids)
    snoozes = dict(
        Snooze.objects.filter(conversation_id__in=ids, woken_at__isnull=True).values_list(
            "conversation_id", "until"
        )
    )
    snoozed = set(
        Snooze.objects.filter(conversation_id__in=ids, woken_at__isnull=True).values_list(
            "conversation_id", flat=True
        )
    )
    result = []
    for conversation in conversations:
        data = conversation_data(conversation)
        data["labels"] = [label["name"] for label in labels.get(conversation.pk, [])]
        data["snoozed"] = conversation.pk in snoozed
        data["snoozed_until"] = (
            snoozes[conversation.pk].isoformat() if snoozes.get(conversation.pk) else None
        )
        data["mood"] = round(float(conversation.mood), 3)
        data["csat_score"] = conversation.csat_score
        result.append(data)
    return result


def transcript(conversation: Conversation, after_seq: int) -> list[dict[str, Any]]:
    messages = (
        conversation.messages.filter(seq__gt=after_seq).select_related("agent").order_by("seq")
    )
    result = []
    for message in messages[:500]:
        data = message_data(message)
        data["private"] = message.is_private
        result.append(data)
    return result


# --- acting -----------------------------------------------------------------------------------


MAX_CLIENT_ID = 32


def _client_id(value: Any) -> str:
    """The caller's idempotency key (a retried POST is stored once), or a fresh one."""
    if value in (None, ""):
        return uuid.uuid4().hex
    if isinstance(value, str) and len(value) > MAX_CLIENT_ID:
        raise ChatError("invalid_field", f"client_id is at most {MAX_CLIENT_ID} characters.")
    return validate_client_id(value)


def post_message(
    token: ApiToken, conversation: Conversation, *, text: Any, sender: str, client_id: Any
) -> tuple[Message, bool]:
    """A message to the customer. ``bot`` while the conversation is with the bot (an external
    bot's answer); ``agent`` in the name of the agent who holds it. Stored and published like
    the console's messages, so the customer's socket shows it at once."""
    try:
        text = validate_text(text)
        key = _client_id(client_id)
        if sender == Sender.BOT:
            message, created = append_message(
                conversation,
                Sender.BOT,
                text,
                client_id=f"api:{token.pk}:{key}",
                payload={"api": True, "external_bot": True},
                statuses=(ConversationStatus.BOT,),
            )
            if message is None:
                raise ApiError(
                    409,
                    "not_with_the_bot",
                    "The conversation is no longer with the bot: a person has it, or it is closed.",
                )
        else:
            agent = conversation.assigned_agent
            if conversation.status != ConversationStatus.ASSIGNED or agent is None:
                raise ApiError(
                    409,
                    "not_assigned",
                    "Only a conversation assigned to an agent takes agent messages.",
                )
            message, created = post_agent_message(
                agent, conversation.pk, f"api-{token.pk}-{key}"[:64], text, private=False
            )
    except ChatError as error:
        raise from_chat(error) from error
    if created:
        record(
            "api.message_posted",
            obj=conversation,
            changes={"seq": message.seq, "sender": sender},
        )
    return message, created


def post_note(token: ApiToken, conversation: Conversation, *, text: Any) -> Message:
    try:
        text = validate_text(text)
    except ChatError as error:
        raise from_chat(error) from error
    message, _ = append_message(
        conversation,
        Sender.SYSTEM,
        text,
        private=True,
        payload={"api": True, "by": token_actor(token)},
    )
    record("api.note_added", obj=conversation, changes={"seq": message.seq})
    return message


def _run(name: str, conversation: Conversation, **params: Any) -> dict[str, Any]:
    try:
        return actions.run(name, conversation, None, **params)
    except ChatError as error:
        raise from_chat(error) from error


def assign(conversation: Conversation, *, agent: Any = None, team: Any = None) -> dict[str, Any]:
    """To an agent (id or username) and/or a team (id or name). A conversation still with the
    bot is handed to people first (the queue), then assigned."""
    if agent in (None, "") and team in (None, ""):
        raise ApiError(400, "invalid_field", "Give agent or team (or both).")
    if conversation.status == ConversationStatus.CLOSED:
        raise ApiError(409, "conversation_closed", "The conversation is closed.")
    # All or nothing: a refused agent must not leave the conversation handed over or moved.
    with transaction.atomic():
        if conversation.status == ConversationStatus.BOT:
            request_handoff(conversation, "api")
            conversation.refresh_from_db()
        result: dict[str, Any] = {}
        if team not in (None, ""):
            result.update(_run("assign_team", conversation, team=team))
            conversation.refresh_from_db()
        if agent not in (None, ""):
            result.update(_run("assign_agent", conversation, agent=agent))
        record(
            "api.conversation_assigned", obj=conversation, changes={"agent": agent, "team": team}
        )
    return result


def transfer(conversation: Conversation, *, agent: Any = None, team: Any = None) -> dict[str, Any]:
    """Move a conversation that people already have to another agent or team."""
    if conversation.status not in (ConversationStatus.WAITING, ConversationStatus.ASSIGNED):
        raise ApiError(
            409, "not_with_people", "Only a conversation with people (waiting or assigned) moves."
        )
    return assign(conversation, agent=agent, team=team)


def handoff(conversation: Conversation) -> dict[str, Any]:
    """An external bot gives up: the conversation joins the queue like the built-in bot's
    handoff (the customer is told, routing assigns it)."""
    if conversation.status != ConversationStatus.BOT:
        raise ApiError(409, "not_with_the_bot", "The conversation is not with the bot.")
    changed = bool(request_handoff(conversation, "external_bot"))
    if changed:
        record("api.handed_off", obj=conversation)
    return {"changed": changed}


def close(conversation: Conversation) -> dict[str, Any]:
    result = _run("close", conversation)
    record("api.conversation_closed", obj=conversation, changes=result)
    return result


def snooze(conversation: Conversation, **params: Any) -> dict[str, Any]:
    values = {k: v for k, v in params.items() if v is not None}
    if not values:
        raise ApiError(400, "invalid_field", "Give until, minutes or until_reply.")
    result = _run("snooze", conversation, **values)
    record("api.conversation_snoozed", obj=conversation, changes=result)
    return result


def set_labels(conversation: Conversation, names: Any) -> list[str]:
    """Exactly these labels (names of the shop's labels) on the conversation: missing ones
    are added (``label.added`` events), others removed."""
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ApiError(400, "invalid_field", "labels must be a list of label names.")
    if len(names) > MAX_LABELS:
        raise ApiError(400, "invalid_field", f"At most {MAX_LABELS} labels.")
    wanted = {name.strip() for name in names if name.strip()}
    known = {
        label.name: label
        for label in Label.objects.filter(shop_id=conversation.shop_id, name__in=wanted)
    }
    unknown = sorted(wanted - set(known))
    if unknown:
        raise ApiError(
            400,
            "unknown_label",
            f"Not labels of this shop: {', '.join(unknown)}. Labels are created in the admin.",
        )
    current = {
        link.label.name: link.label
        for link in ConversationLabel.objects.filter(conversation=conversation).select_related(
            "label"
        )
    }
    try:
        for name in sorted(wanted - set(current)):
            label_service.add_to_conversation(conversation, known[name], None)
        for name in sorted(set(current) - wanted):
            label_service.remove_from_conversation(conversation, current[name], None)
    except ChatError as error:
        raise from_chat(error) from error
    result = sorted(wanted)
    if wanted != set(current):
        record(
            "api.labels_set",
            obj=conversation,
            changes={"labels": [sorted(current), result]},
        )
    return result


def customer_profile(token: ApiToken, conversation: Conversation) -> dict[str, Any] | None:
    """The console's profile panel (contact details masked); unmasked, and audited, for a token
    holding contacts:read."""
    profile = console.customer_profile(conversation)
    if profile is None:
        return None
    customer = conversation.customer
    if token.has_scope(ApiScope.CONTACTS_READ):
        profile["contact"] = {"phone": customer.phone or "", "email": customer.email or ""}
        profile["contact_masked"] = False
        record(
            "api.contacts_read",
            obj=customer,
            changes={"conversation": conversation.pk, "fields": ["phone", "email"]},
        )
    else:
        profile["display_name"] = _mask_name(profile.get("display_name") or "")
        profile["contact"] = {
            "phone": mask_phone(customer.phone),
            "email": mask_email(customer.email),
        }
        profile["contact_masked"] = True
    return profile


def _mask_name(name: str) -> str:
    """The console shows the name to an agent at work; an integration without contacts:read
    gets only its first character."""
    return f"{name[:1]}**" if name else ""
