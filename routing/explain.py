"""Why a conversation went to whom, in the reader's language.

An assignment stores its facts (the ranked candidates, the requirements, the winner) and an
English one-line summary for logs. People read the sentence rebuilt from the facts, through
gettext, so a supervisor using the Chinese interface reads it in Chinese.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from routing.models import AssignmentDecision, DecisionKind


def explain_scores(
    winner: dict[str, Any], candidates: int, requirements: dict[str, Any], fallback: bool
) -> str:
    """ "王芳 scored 0.75 (skill match 1.00, load 1/4), the best of 3 candidates; …"."""
    text = ngettext(
        "%(agent)s scored %(score)s (skill match %(match)s, load %(load)s/%(capacity)s), "
        "the best of %(n)s candidate",
        "%(agent)s scored %(score)s (skill match %(match)s, load %(load)s/%(capacity)s), "
        "the best of %(n)s candidates",
        candidates,
    ) % {
        "agent": winner.get("agent", ""),
        "score": f"{winner.get('score', 0):.2f}",
        "match": f"{winner.get('skill_match', 0):.2f}",
        "load": winner.get("load", 0),
        "capacity": winner.get("capacity", 0),
        "n": candidates,
    }
    if fallback:
        text += _("; no agent with the required skills was online")
    if rules := requirements.get("rules"):
        text += _("; rules: %(rules)s") % {"rules": ", ".join(str(r) for r in rules)}
    return text


def explain_decision(decision: AssignmentDecision) -> str:
    """The decision as a sentence; decisions without a scored winner (accepted from the
    queue, transfers) say what happened."""
    winner = next(
        (c for c in decision.candidates or [] if c.get("agent_id") == decision.winner_id), None
    )
    if winner is None:
        return str(DecisionKind(decision.kind).label) if decision.kind else decision.summary
    requirements = decision.requirements or {}
    # rank_candidates falls back to agents without the skills only when nobody has them.
    fallback = bool(requirements.get("skills")) and not winner.get("skill_match")
    text = explain_scores(winner, len(decision.candidates), requirements, fallback)
    if decision.kind == DecisionKind.SLA_REROUTE:
        return f"{DecisionKind.SLA_REROUTE.label}: {text}"
    return text
