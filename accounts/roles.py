"""The staff roles, as Django groups (created by migration 0001 of this app).

Group names are stable identifiers used in code; what a role may do is its group's permissions
plus, for data scoped to teams or categories, django-guardian object permissions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    KNOWLEDGE_EDITOR = "knowledge_editor"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"


ROLE_LABELS = {
    Role.AGENT: _("Customer-service agent"),
    Role.SUPERVISOR: _("Supervisor"),
    Role.KNOWLEDGE_EDITOR: _("Knowledge editor"),
    Role.AUDITOR: _("Auditor"),
    Role.ADMINISTRATOR: _("Administrator"),
}


def role_label(value: str) -> str:
    """The role's name in the reader's language; a value that is no role is shown as stored."""
    try:
        return str(ROLE_LABELS[Role(value)])
    except ValueError:
        return value


# Model permissions each role's group holds ("app_label.codename"). Later features add theirs;
# ``sync_role_permissions`` applies this table after every migrate.
_EDIT_KNOWLEDGE = [
    f"knowledge.{verb}_{model}"
    for model in ("entry", "entryanswer", "similarquestion", "tag", "dictionaryterm")
    for verb in ("view", "add", "change", "delete")
]
_VERBS = ("view", "add", "change", "delete")
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.AGENT: ["knowledge.view_entry"],
    Role.SUPERVISOR: [
        "knowledge.view_entry",
        "knowledge.view_answerlog",
        "conversations.view_conversation",
        "chatbot.view_cannedreply",
        "chatbot.add_cannedreply",
        "chatbot.change_cannedreply",
        "routing.view_assignmentdecision",
        "routing.view_slabreach",
        "routing.view_agentprofile",
        "routing.change_agentprofile",
        "routing.view_routingrule",
        "routing.view_team",
        # Dead letters: supervisors see failed deliveries and send them again.
        "gateway.view_outbounddelivery",
        "gateway.change_outbounddelivery",
        "webhooks.view_webhookdelivery",
        "webhooks.change_webhookdelivery",
        # The team's labels and shared macros (issue 21).
        *[f"desk.{verb}_{model}" for model in ("label", "macro") for verb in _VERBS],
        # Automation rules of the shops they supervise (automation.admin scopes them).
        *[f"automation.{verb}_rule" for verb in _VERBS],
        "automation.view_rulerun",
    ],
    Role.KNOWLEDGE_EDITOR: [
        *_EDIT_KNOWLEDGE,
        "knowledge.publish_entry",
        "knowledge.view_category",
        "knowledge.view_entryversion",
        "knowledge.view_answermodel",
        "knowledge.view_answerlog",
    ],
    Role.AUDITOR: ["audit.view_auditevent"],
    Role.ADMINISTRATOR: [
        *[f"gateway.{verb}_channelaccount" for verb in ("view", "add", "change", "delete")],
        "profiles.view_customer",
        *[f"profiles.{verb}_apitoken" for verb in ("view", "add", "change")],
        "profiles.export_customer_data",
        "profiles.erase_customer_data",
        "shops.view_shop",
        "shops.change_shop",
        "gateway.view_outbounddelivery",
        "gateway.change_outbounddelivery",
        *[f"webhooks.{verb}_webhooksubscription" for verb in ("view", "add", "change", "delete")],
        "webhooks.view_webhookdelivery",
        "webhooks.change_webhookdelivery",
        *[f"webhooks.{verb}_shopbot" for verb in ("view", "add", "change")],
        *[f"desk.{verb}_{model}" for model in ("label", "macro") for verb in _VERBS],
        *[f"automation.{verb}_{model}" for model in ("rule", "shopsupervisor") for verb in _VERBS],
        "automation.view_rulerun",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "auth.change_group",
        "audit.view_auditevent",
        *_EDIT_KNOWLEDGE,
        "knowledge.publish_entry",
        "knowledge.view_category",
        "knowledge.add_category",
        "knowledge.change_category",
        "knowledge.edit_category_entries",
        "knowledge.view_answermodel",
        "knowledge.view_answerlog",
        *[
            f"routing.{verb}_{model}"
            for model in (
                "team",
                "skill",
                "agentprofile",
                "routingrule",
                "routingpolicy",
                "businesshours",
                "holiday",
                "agentskill",
            )
            for verb in ("view", "add", "change", "delete")
        ],
        "routing.view_assignmentdecision",
        "routing.view_slabreach",
        *[f"shops.{verb}_shop" for verb in ("view", "add", "change")],
        *[f"chatbot.{verb}_cannedreply" for verb in ("view", "add", "change", "delete")],
        "conversations.view_conversation",
    ],
}

# Most privileged first: a user's role for display and audit is the first one they hold.
_PRECEDENCE = [
    Role.ADMINISTRATOR,
    Role.AUDITOR,
    Role.SUPERVISOR,
    Role.KNOWLEDGE_EDITOR,
    Role.AGENT,
]


def roles_of(user: Any) -> set[Role]:
    if user is None or not user.is_authenticated:
        return set()
    names = {g.name for g in user.groups.all()}
    return {role for role in Role if role.value in names}


def role_of(user: Any) -> str:
    if user is None or not user.is_authenticated:
        return ""
    if user.is_superuser:
        return Role.ADMINISTRATOR.value
    held = roles_of(user)
    return next((role.value for role in _PRECEDENCE if role in held), "")


def has_role(user: Any, *roles: Role) -> bool:
    return bool(user.is_authenticated) and (user.is_superuser or bool(roles_of(user) & set(roles)))
