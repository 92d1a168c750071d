"""Audit records for authentication and permission changes, from day one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.crypto import salted_hmac
from guardian.models import GroupObjectPermission, UserObjectPermission

from audit.middleware import client_ip
from audit.services import record

User = get_user_model()
_PRIVILEGE_FLAGS = ("is_superuser", "is_staff", "is_active")


@receiver(user_logged_in, dispatch_uid="audit.login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record("auth.login", obj=user, actor=user, ip_address=client_ip(request) if request else None)


@receiver(user_logged_out, dispatch_uid="audit.logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(
            "auth.logout", obj=user, actor=user, ip_address=client_ip(request) if request else None
        )


@receiver(user_login_failed, dispatch_uid="audit.login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # Django already masks the password in ``credentials``. The attempted name is kept only
    # when it is an account's: an unknown one is often a password typed into the wrong field,
    # so the trail keeps a keyed hash of it instead (repeated attempts still show as one name;
    # design decision, README Security).
    typed = str(credentials.get("username", ""))[:150]
    if typed and User._default_manager.filter(**{User.USERNAME_FIELD: typed}).exists():
        username = typed
    else:
        username = unknown_username(typed)
    record(
        "auth.login_failed",
        actor_repr=username,
        changes={"username": username},
        ip_address=client_ip(request) if request else None,
    )


def unknown_username(typed: str) -> str:
    digest = salted_hmac("audit.unknown_username", typed, algorithm="sha256").hexdigest()
    return f"unknown:{digest[:16]}"


def _describe(model: Any, pks: set[int] | None) -> list[str]:
    if not pks:
        return []
    if model is Permission:
        return sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in Permission.objects.filter(pk__in=pks).select_related("content_type")
        )
    return sorted(str(o) for o in model.objects.filter(pk__in=pks))


def _membership_changed(
    instance: Any, action: str, model: Any, pk_set: set[int] | None, what: str
) -> None:
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":
        # After a clear the removed rows are gone; capture them while they still exist.
        pk_set = set(getattr(instance, what).values_list("pk", flat=True))
    verb = "added" if action == "post_add" else "removed"
    names = _describe(model, pk_set)
    if names:
        record(f"permissions.{what}_{verb}", obj=instance, changes={verb: names})


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit.user_groups")
def _user_groups(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **kw: Any
) -> None:
    if reverse:
        # group.user_set.add(user): report it on each user so the trail reads per person.
        if action in ("post_add", "post_remove"):
            verb = "added" if action == "post_add" else "removed"
            for user in User.objects.filter(pk__in=pk_set or ()):
                record(f"permissions.groups_{verb}", obj=user, changes={verb: [str(instance)]})
        return
    _membership_changed(instance, action, model, pk_set, "groups")


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="audit.user_perms")
def _user_permissions(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **kw: Any
) -> None:
    if not reverse:
        _membership_changed(instance, action, model, pk_set, "user_permissions")


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="audit.group_perms")
def _group_permissions(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **kw: Any
) -> None:
    if not reverse:
        _membership_changed(instance, action, model, pk_set, "permissions")


@receiver(pre_save, sender=User, dispatch_uid="audit.user_flags")
def _privilege_flags(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return
    old = User.objects.filter(pk=instance.pk).values(*_PRIVILEGE_FLAGS).first()
    if old is None:
        return
    changed = {
        f: [old[f], getattr(instance, f)]
        for f in _PRIVILEGE_FLAGS
        if old[f] != getattr(instance, f)
    }
    if changed:
        record("permissions.user_flags_changed", obj=instance, changes=changed)


@receiver(post_save, sender=User, dispatch_uid="audit.user_created")
def _user_created(
    sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        record(
            "accounts.user_created",
            obj=instance,
            changes={f: getattr(instance, f) for f in _PRIVILEGE_FLAGS},
        )


@receiver(post_save, sender=UserObjectPermission, dispatch_uid="audit.uop_saved")
@receiver(post_save, sender=GroupObjectPermission, dispatch_uid="audit.gop_saved")
@receiver(post_delete, sender=UserObjectPermission, dispatch_uid="audit.uop_deleted")
@receiver(post_delete, sender=GroupObjectPermission, dispatch_uid="audit.gop_deleted")
def _object_permission(sender: Any, instance: Any, **kwargs: Any) -> None:
    if "created" in kwargs:  # post_save
        verb = "granted" if kwargs["created"] else "changed"
    else:
        verb = "revoked"
    holder = instance.user if sender is UserObjectPermission else instance.group
    record(
        f"permissions.object_permission_{verb}",
        object_type=f"{instance.content_type.app_label}.{instance.content_type.model}",
        object_id=instance.object_pk,
        changes={
            "permission": instance.permission.codename,
            "holder": f"{'user' if sender is UserObjectPermission else 'group'}:{holder}",
        },
    )
