"""What chat does when routing announces a decision (``routing.signals``): tell the customer
who serves them, tell the agents' consoles. Routing sends these inside its transaction, so the
messages written here commit or roll back with the assignment, and every live event goes out
after commit (``chatbot.live``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from chatbot import frames, live
from chatbot.services import append_message
from conversations.models import Conversation, Sender
from knowledge import texts
from routing.models import AgentProfile, DecisionKind
from routing.signals import conversation_assigned, conversation_requeued, conversation_sla_kept


def _name(user: Any) -> str:
    return user.get_short_name() or user.get_username()


def _tell_previous_agent(conversation: Conversation, previous_agent: Any) -> None:
    """The agent who lost the conversation sees it leave their list (they are no longer among
    its watchers, so ``publish_conversation`` does not reach them)."""
    if previous_agent is not None and previous_agent.pk != conversation.assigned_agent_id:
        live.publish(
            live.agent_group(previous_agent.pk),
            {"type": "conversation", **frames.conversation_summary(conversation)},
        )


@receiver(conversation_assigned, sender=Conversation)
def tell_who_serves(
    sender: type[Conversation],
    conversation: Conversation,
    agent: Any,
    kind: str = "",
    previous_agent: Any = None,
    previous_team_id: int | None = None,
    **_: Any,
) -> None:
    """Post "客服 X 为您服务" in the transcript (after an SLA re-route: "已为您转接给 X"), send
    the customer their new status and refresh the consoles' queue."""
    _tell_previous_agent(conversation, previous_agent)
    if previous_team_id and previous_team_id != conversation.team_id:
        # The old team's supervisors no longer see it: their lists drop it at once.
        live.publish(
            live.team_group(previous_team_id), {"type": "conversation_gone", "id": conversation.pk}
        )
    # Moved from one agent to another (a transfer, an SLA re-route): say so, rather than
    # greet the customer as if the conversation had just begun.
    key = "transferred" if kind in (DecisionKind.SLA_REROUTE, DecisionKind.TRANSFER) else "assigned"
    append_message(
        conversation, Sender.SYSTEM, texts.text(key, conversation.language, name=_name(agent))
    )
    # The system message above already told the consoles (its summary carries the new status).
    live.publish(live.customer_group(conversation.pk), frames.status_frame(conversation))
    live.publish_console_state()


@receiver(conversation_requeued, sender=Conversation)
def tell_back_in_queue(
    sender: type[Conversation], conversation: Conversation, previous_agent: Any, **_: Any
) -> None:
    """The agent who lost it sees it leave their list; the customer reads why the agent who
    was serving them is gone, and sees the queue again."""
    _tell_previous_agent(conversation, previous_agent)
    append_message(conversation, Sender.SYSTEM, texts.text("sla_requeued", conversation.language))
    live.publish(live.customer_group(conversation.pk), frames.status_frame(conversation))
    live.publish_console_state()


@receiver(conversation_sla_kept, sender=Conversation)
def alert_sla_kept(
    sender: type[Conversation],
    conversation: Conversation,
    agent: Any,
    limit_seconds: int,
    **_: Any,
) -> None:
    """The agent missed the first-reply SLA and nobody else is free: the customer hears that
    they are not forgotten; the agent and the supervisors get an alert (the consoles flag the
    conversation from ``assignment_reason["sla_breached"]``, sent with the message's
    summary)."""
    append_message(
        conversation,
        Sender.SYSTEM,
        texts.text("sla_kept", conversation.language, name=_name(agent)),
    )
    live.publish(
        live.watcher_groups(conversation.team_id, conversation.assigned_agent_id),
        {
            "type": "alert",
            "conversation_id": conversation.pk,
            "kind": "sla",
            "agent_id": agent.pk,
            "agent_name": _name(agent),
            "limit_seconds": limit_seconds,
            "reason": conversation.assignment_reason.get("summary", ""),
        },
    )


# --- staff accounts ------------------------------------------------------------------------------
# A console reads who its user is once, at connect. These make it follow the account: a logout
# or a deactivation closes the user's sockets, a change of role or teams re-scopes them.


@receiver(user_logged_out, dispatch_uid="chatbot.staff_logged_out")
def staff_logged_out(sender: Any, request: Any, user: Any, **_: Any) -> None:
    if user is not None:
        session = getattr(request, "session", None)
        live.tell_user(user.pk, "logout", getattr(session, "session_key", "") or "")


@receiver(post_save, sender=get_user_model(), dispatch_uid="chatbot.staff_saved")
def staff_saved(sender: Any, instance: Any, created: bool, **_: Any) -> None:
    if not created:
        live.tell_user(instance.pk, "account" if instance.is_active else "deactivated")


@receiver(m2m_changed, sender=get_user_model().groups.through, dispatch_uid="chatbot.roles")
def staff_roles_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    # user.groups.add(...) names the user; group.user_set.add(...) names the users.
    for user_id in sorted(pk_set or ()) if reverse else [instance.pk]:
        live.tell_user(user_id, "role")


@receiver(m2m_changed, sender=AgentProfile.teams.through, dispatch_uid="chatbot.teams")
def staff_teams_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # team.agents.add(profile, ...): the profiles' users
        user_ids = AgentProfile.objects.filter(pk__in=pk_set or ()).values_list(
            "user_id", flat=True
        )
    else:
        user_ids = [instance.user_id]
    for user_id in sorted(user_ids):
        live.tell_user(user_id, "team")
