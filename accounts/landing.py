"""Where staff land after logging in: the page their main role works in."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accounts.roles import Role, role_of


def landing_url(user: Any) -> str:
    """The main page of the user's most privileged role (``accounts.roles.role_of``): agents
    work in the console, supervisors read the reports, auditors the audit log, editors the
    knowledge base and administrators the admin. Anyone else gets the home page."""
    role = role_of(user)
    if role == Role.AGENT:
        return reverse("console")
    if role == Role.SUPERVISOR:
        return reverse("analytics_overview")
    if role == Role.AUDITOR:
        return reverse("audit_log")
    if role == Role.KNOWLEDGE_EDITOR:
        return reverse("admin:knowledge_entry_changelist")
    if role == Role.ADMINISTRATOR:
        return reverse("admin:index")
    return reverse("home")
