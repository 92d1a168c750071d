"""Which conversations a member of staff may see: one rule, used by the console, its live
events, the admin and the reports.

Teams are the unit. A conversation belongs to the team that routing gave it to (the team a
routing rule asked for, else the team of the agent who took it). Then:

- administrators, and supervisors who belong to no team, see every conversation;
- a supervisor who belongs to teams sees those teams' conversations, the ones routing has not
  given to any team yet, and any assigned to them;
- an agent sees the conversations assigned to them, their teams' conversations, and waiting
  conversations no team has yet (the general queue).

Membership is read when it is needed (a console reads it when it connects).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from accounts.roles import Role, has_role
from conversations.models import Conversation, ConversationStatus
from routing.models import AgentProfile, Team


@dataclass(frozen=True)
class StaffScope:
    user_id: int
    supervises: bool
    # None: every team. Otherwise the teams the person belongs to (possibly none).
    team_ids: frozenset[int] | None

    @property
    def sees_everything(self) -> bool:
        return self.team_ids is None


def scope_of(user: Any) -> StaffScope:
    supervises = has_role(user, Role.SUPERVISOR, Role.ADMINISTRATOR)
    team_ids = frozenset(
        AgentProfile.teams.through.objects.filter(agentprofile__user_id=user.pk).values_list(
            "team_id", flat=True
        )
    )
    unrestricted = user.is_superuser or has_role(user, Role.ADMINISTRATOR)
    if unrestricted or (supervises and not team_ids):
        return StaffScope(user.pk, supervises, None)
    return StaffScope(user.pk, supervises, team_ids)


def conversation_filter(scope: StaffScope) -> Q:
    """The rule above as a query condition on ``Conversation``."""
    if scope.team_ids is None:
        return Q()
    visible = Q(assigned_agent_id=scope.user_id) | Q(team_id__in=scope.team_ids)
    if scope.supervises:
        return visible | Q(team__isnull=True)
    return visible | Q(team__isnull=True, status=ConversationStatus.WAITING)


def visible_conversations(
    who: Any | StaffScope, queryset: QuerySet[Conversation] | None = None
) -> QuerySet[Conversation]:
    scope = who if isinstance(who, StaffScope) else scope_of(who)
    base = Conversation.objects.all() if queryset is None else queryset
    return base.filter(conversation_filter(scope))


def visible_teams(scope: StaffScope) -> QuerySet[Team]:
    """The teams someone may pick in a report filter."""
    teams = Team.objects.all()
    return teams if scope.team_ids is None else teams.filter(pk__in=scope.team_ids)


def team_for_assignment(
    conversation: Conversation, agent: Any, agent_team_ids: Sequence[int] | None = None
) -> int | None:
    """The team a conversation belongs to once ``agent`` has it: it stays with its team when
    the agent is a member, and otherwise follows the agent (to their first team by name).
    ``agent_team_ids``: the agent's teams by name, when the caller has them (no query then)."""
    if agent_team_ids is not None:
        agent_teams = list(agent_team_ids)
    else:
        agent_teams = list(
            Team.objects.filter(agents__user=agent).order_by("name").values_list("pk", flat=True)
        )
    if conversation.team_id in agent_teams or not agent_teams:
        return conversation.team_id
    return agent_teams[0]
