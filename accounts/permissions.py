from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from accounts.roles import ROLE_PERMISSIONS


def sync_role_permissions(sender: Any = None, **kwargs: Any) -> None:
    """Ensure every role's group exists and holds the permissions in ROLE_PERMISSIONS
    (adds only, never removes:
    an administrator's extra grants survive a deploy). Runs after every migrate, because model
    permissions only exist once all apps have migrated."""
    from django.apps import apps

    # post_migrate fires once per app; permissions of every app exist only after the last one.
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender is not None and sender.label != with_models[-1].label:
        return
    for role, perms in ROLE_PERMISSIONS.items():
        # The migration creates the groups; recreating them here keeps a flushed database
        # (e.g. between transactional tests) usable.
        group = Group.objects.get_or_create(name=role.value)[0]
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        missing = set(wanted) - set(group.permissions.all())
        if missing:
            group.permissions.add(*missing)
