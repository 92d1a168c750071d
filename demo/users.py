"""Demo staff accounts, one per role, for the local demo (`make run`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.roles import Role


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    superuser: bool = False


DEMO_USERS = [
    DemoUser("admin", "demo-admin-2026", Role.ADMINISTRATOR, superuser=True),
    DemoUser("supervisor", "demo-supervisor-2026", Role.SUPERVISOR),
    DemoUser("editor", "demo-editor-2026", Role.KNOWLEDGE_EDITOR),
    DemoUser("auditor", "demo-auditor-2026", Role.AUDITOR),
    DemoUser("agent1", "demo-agent-2026", Role.AGENT),
    DemoUser("agent2", "demo-agent-2026", Role.AGENT),
]


@transaction.atomic
def seed_demo_users() -> list[DemoUser]:
    """Create the demo users if missing; existing ones keep whatever was changed since."""
    User = get_user_model()
    created = []
    for demo in DEMO_USERS:
        user, was_created = User.objects.get_or_create(
            username=demo.username,
            defaults={"is_staff": True, "is_superuser": demo.superuser},
        )
        if was_created:
            user.set_password(demo.password)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=demo.role.value))
            created.append(demo)
    return created
