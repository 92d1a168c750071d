"""Who answers a waiting conversation, and when. One module per kind of action:

- ``scoring``: what a conversation needs (skills, team, priority) and how agents score for it;
- ``assignment``: giving a conversation to an agent, automatically or by hand;
- ``sla``: re-routing missed first replies, and the sweep Celery beat runs;
- ``presence``: agents going online and offline, and the queue as a customer sees it.

Routing never imports chat (only its models, until ``Conversation`` moves): it announces what
it decided with ``routing.signals`` and chat acts on it. The public functions are re-exported
here, so ``from routing import services as routing`` keeps working.
"""

from routing.services.assignment import assign_one, assign_to, assign_waiting, enqueue
from routing.services.presence import (
    DEFAULT_HANDLE_SECONDS,
    agents_queryset,
    back_at,
    queue,
    queue_position,
    set_presence,
    socket_closed,
    socket_opened,
)
from routing.services.scoring import (
    OnlineAgent,
    Requirements,
    loads,
    online_profiles,
    priority_for,
    profile_for,
    rank_candidates,
    requirements_for,
    skill_match,
)
from routing.services.sla import refresh_priorities, requeue, reroute_sla_breaches, sweep

__all__ = [
    "DEFAULT_HANDLE_SECONDS",
    "OnlineAgent",
    "Requirements",
    "agents_queryset",
    "assign_one",
    "assign_to",
    "assign_waiting",
    "back_at",
    "enqueue",
    "loads",
    "online_profiles",
    "priority_for",
    "profile_for",
    "queue",
    "queue_position",
    "rank_candidates",
    "refresh_priorities",
    "requeue",
    "requirements_for",
    "reroute_sla_breaches",
    "set_presence",
    "skill_match",
    "socket_closed",
    "socket_opened",
    "sweep",
]
