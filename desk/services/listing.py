"""The console's conversation list: the views an agent works from (mine, unassigned, my
teams', snoozed), narrowed by label, channel, mood and waiting time, with a count beside each,
and sorted by priority, waiting time or last activity. Always within the reader's scope
(``routing.scope``); closed and bot-only conversations are not work in hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.utils import timezone

from chatbot import frames
from chatbot.services import ChatError, with_last_text
from conversations.models import Conversation, ConversationStatus, Message, Sender
from desk.models import ConversationLabel, Label, Snooze
from desk.services import labels as label_service
from routing.scope import StaffScope, scope_of, visible_conversations

VIEWS = ("all", "mine", "unassigned", "team", "snoozed")
SORTS = ("priority", "waiting", "activity")
MOODS = ("negative", "neutral", "positive")
# Where a smoothed mood (-1..1) counts as unhappy or happy, as the console's mood dot shows it.
MOOD_BOUNDARY = 0.25
LIST_LIMIT = 200


@dataclass
class ListQuery:
    view: str = "all"
    label: int | None = None
    channel: str = ""
    mood: str = ""
    waiting_minutes: int | None = None  # waiting at least this long
    sort: str = "activity"

    @classmethod
    def parse(cls, params: Any) -> ListQuery:
        """From query parameters; anything unknown is a clear error, not an empty list."""
        query = cls()
        view = params.get("view") or "all"
        if view not in VIEWS:
            raise ChatError("invalid_field", f"view must be one of {', '.join(VIEWS)}.")
        query.view = view
        sort = params.get("sort") or "activity"
        if sort not in SORTS:
            raise ChatError("invalid_field", f"sort must be one of {', '.join(SORTS)}.")
        query.sort = sort
        mood = params.get("mood") or ""
        if mood and mood not in MOODS:
            raise ChatError("invalid_field", f"mood must be one of {', '.join(MOODS)}.")
        query.mood = mood
        channel = params.get("channel") or ""
        if len(channel) > 20:
            raise ChatError("invalid_field", "channel is at most 20 characters.")
        query.channel = channel
        for name in ("label", "waiting"):
            raw = params.get(name)
            if raw in (None, ""):
                continue
            if not str(raw).isdigit() or len(str(raw)) > 9:
                raise ChatError("invalid_field", f"{name} must be a whole number.")
            if name == "label":
                query.label = int(raw)
            else:
                query.waiting_minutes = int(raw)
        return query


def _annotated(queryset: QuerySet[Conversation]) -> QuerySet[Conversation]:
    last_public = Message.objects.filter(conversation=OuterRef("pk"), is_private=False).order_by(
        "-seq"
    )
    return queryset.annotate(
        last_public_sender=Subquery(last_public.values("sender")[:1]),
        last_public_at=Subquery(last_public.values("created_at")[:1]),
    ).annotate(
        # Since when the customer has been waiting for a person: in the queue since it was
        # queued; with an agent since the customer's last unanswered message.
        waiting_since=Case(
            When(status=ConversationStatus.WAITING, then=F("queued_at")),
            When(last_public_sender=Sender.CUSTOMER, then=F("last_public_at")),
            default=None,
            output_field=DateTimeField(),
        )
    )


def _mood(mood: str) -> Q:
    if mood == "negative":
        return Q(mood__lt=-MOOD_BOUNDARY)
    if mood == "positive":
        return Q(mood__gt=MOOD_BOUNDARY)
    return Q(mood__gte=-MOOD_BOUNDARY, mood__lte=MOOD_BOUNDARY)


def _views(scope: StaffScope) -> dict[str, Q]:
    team = Q(team_id__in=scope.team_ids) if scope.team_ids is not None else Q(team__isnull=False)
    snoozed = Q(Exists(Snooze.objects.filter(conversation=OuterRef("pk"), woken_at__isnull=True)))
    awake = ~snoozed
    return {
        "all": awake,
        "mine": awake & Q(assigned_agent_id=scope.user_id),
        "unassigned": awake & Q(status=ConversationStatus.WAITING),
        "team": awake & team,
        "snoozed": snoozed,
    }


def all_labels() -> list[dict[str, Any]]:
    """Every shop's labels (staff work across shops; a label applies within its shop)."""
    return [
        {**label.as_dict(), "shop": label.shop.name}
        for label in Label.objects.select_related("shop").order_by("shop__name", "name")
    ]


def conversation_list(user: Any, query: ListQuery) -> dict[str, Any]:
    scope = scope_of(user)
    base = _annotated(
        visible_conversations(
            scope,
            Conversation.objects.filter(
                status__in=(ConversationStatus.WAITING, ConversationStatus.ASSIGNED)
            ),
        )
    )
    views = _views(scope)
    narrowed = base
    if query.label is not None:
        narrowed = narrowed.filter(
            Exists(ConversationLabel.objects.filter(conversation=OuterRef("pk"), label=query.label))
        )
    if query.channel:
        narrowed = narrowed.filter(channel=query.channel)
    if query.mood:
        narrowed = narrowed.filter(_mood(query.mood))
    if query.waiting_minutes is not None:
        cutoff = timezone.now() - dt.timedelta(minutes=query.waiting_minutes)
        narrowed = narrowed.filter(waiting_since__lte=cutoff)

    # One query for the five views' counts, with the other filters applied.
    # (Over the ids: an aggregate over the annotated queryset would lose the annotations.)
    plain = Conversation.objects.filter(pk__in=narrowed.values("pk"))
    counts = plain.aggregate(**{name: Count("pk", filter=q) for name, q in views.items()})
    in_view = narrowed.filter(views[query.view])
    in_base_view = Conversation.objects.filter(pk__in=base.values("pk")).filter(views[query.view])
    label_counts = dict(
        ConversationLabel.objects.filter(conversation__in=in_base_view)
        .values_list("label_id")
        .annotate(n=Count("pk"))
        .values_list("label_id", "n")
    )
    channel_counts = dict(
        in_base_view.order_by()
        .values_list("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    mood_counts = {
        mood: n
        for mood, n in in_base_view.aggregate(
            **{m: Count("pk", filter=_mood(m)) for m in MOODS}
        ).items()
    }

    order = {
        "priority": [F("priority").desc(), F("queued_at").asc(nulls_last=True), "-updated_at"],
        "waiting": [F("waiting_since").asc(nulls_last=True), "-updated_at"],
        "activity": ["-updated_at"],
    }[query.sort]
    rows = list(with_last_text(in_view).order_by(*order, "-pk")[:LIST_LIMIT])
    ids = [c.pk for c in rows]
    on = label_service.conversation_labels(ids)
    snoozes = {
        s.conversation_id: s
        for s in Snooze.objects.filter(conversation_id__in=ids, woken_at__isnull=True)
    }
    conversations = []
    for c in rows:
        item = frames.conversation_summary(c)
        item["labels"] = on.get(c.pk, [])
        item["waiting_since"] = c.waiting_since.isoformat() if c.waiting_since else None
        snooze = snoozes.get(c.pk)
        item["snoozed"] = (
            {
                "until": snooze.until.isoformat() if snooze.until else None,
                "until_reply": snooze.until_reply,
            }
            if snooze
            else None
        )
        conversations.append(item)
    return {
        "type": "conversation_list",
        "query": {
            "view": query.view,
            "label": query.label,
            "channel": query.channel,
            "mood": query.mood,
            "waiting": query.waiting_minutes,
            "sort": query.sort,
        },
        "counts": {
            **counts,
            "labels": {str(k): v for k, v in label_counts.items()},
            "channels": channel_counts,
            "moods": mood_counts,
        },
        "labels": all_labels(),
        "conversations": conversations,
    }
