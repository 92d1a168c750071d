"""Macros: a named sequence of ``desk.actions`` run in order with one click. The run stops at
the first step that fails and says which one and why; steps before it stay done (each is a
complete action, like a click), and the whole run is audited."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from accounts.roles import Role, has_role
from audit.services import record
from chatbot.services import ChatError
from conversations.models import Conversation
from desk import actions
from desk.models import Macro

MAX_STEPS = 20
MAX_NAME = Macro._meta.get_field("name").max_length


def usable_macros(user: Any, shop_id: int | None = None) -> QuerySet[Macro]:
    """The user's own macros and the shared ones (for ``shop_id``'s shop when given)."""
    macros = Macro.objects.filter(Q(owner=user) | Q(owner__isnull=True))
    if shop_id is not None:
        macros = macros.filter(Q(shop__isnull=True) | Q(shop_id=shop_id))
    return macros.select_related("shop", "owner")


def as_dict(macro: Macro) -> dict[str, Any]:
    return {
        "id": macro.pk,
        "name": macro.name,
        "shared": macro.shared,
        "shop_id": macro.shop_id,
        "actions": macro.actions,
    }


def clean_steps(steps: Any) -> list[dict[str, Any]]:
    """``[{"action": name, "params": {...}}, ...]`` checked against ``desk.actions``."""
    if not isinstance(steps, list) or not steps:
        raise ChatError("invalid_field", "A macro needs at least one action.")
    if len(steps) > MAX_STEPS:
        raise ChatError("invalid_field", f"A macro has at most {MAX_STEPS} actions.")
    cleaned = []
    for number, step in enumerate(steps, 1):
        if not isinstance(step, dict):
            raise ChatError("invalid_field", f"Step {number} must be an object.")
        try:
            params = actions.check_params(step.get("action"), step.get("params"))
        except ChatError as exc:
            raise ChatError(exc.code, f"Step {number}: {exc.detail}") from None
        cleaned.append({"action": step["action"], "params": params})
    return cleaned


def may_share(user: Any) -> bool:
    return user.is_superuser or has_role(user, Role.SUPERVISOR, Role.ADMINISTRATOR)


def save_macro(
    user: Any,
    *,
    name: Any,
    steps: Any,
    shared: Any = False,
    shop_id: Any = None,
    macro: Macro | None = None,
) -> Macro:
    """Create (or, with ``macro``, change) a macro from the console. Anyone may keep personal
    macros; shared ones are a supervisor's."""
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_NAME:
        raise ChatError("invalid_field", f"name must be 1-{MAX_NAME} characters.")
    if not isinstance(shared, bool):
        raise ChatError("invalid_field", "shared must be true or false.")
    if shop_id is not None and (isinstance(shop_id, bool) or not isinstance(shop_id, int)):
        raise ChatError("invalid_field", "shop must be a shop id or null.")
    if shared and not may_share(user):
        raise ChatError("forbidden", "Only a supervisor can share a macro with the team.")
    if macro is not None and not may_edit(user, macro):
        raise ChatError("forbidden", "Only its owner or a supervisor can change this macro.")
    from shops.models import Shop

    if shop_id is not None and not Shop.objects.filter(pk=shop_id).exists():
        raise ChatError("invalid_field", "No such shop.")
    cleaned = clean_steps(steps)
    created = macro is None
    macro = macro or Macro()
    before = {"name": macro.name, "actions": macro.actions, "owner": macro.owner_id}
    macro.name = name.strip()
    macro.actions = cleaned
    macro.owner = None if shared else (macro.owner if macro.owner_id else user)
    macro.shop_id = shop_id
    macro.save()
    record(
        "desk.macro_created" if created else "desk.macro_changed",
        obj=macro,
        actor=user,
        changes={
            "before": None if created else before,
            "name": macro.name,
            "actions": cleaned,
            "shared": macro.shared,
        },
    )
    return macro


def may_edit(user: Any, macro: Macro) -> bool:
    return macro.owner_id == user.pk or (macro.owner_id is None and may_share(user))


def delete_macro(user: Any, macro: Macro) -> None:
    if not may_edit(user, macro):
        raise ChatError("forbidden", "Only its owner or a supervisor can delete this macro.")
    record("desk.macro_deleted", obj=macro, actor=user, changes={"name": macro.name})
    macro.delete()


def run_macro(macro: Macro, conversation: Conversation, actor: Any) -> dict[str, Any]:
    """Run each step in order; stop at the first failure. Returns what each step did:
    ``{"ok", "macro", "steps": [{"action", "ok", "result" | "error"}], "failed_step"}``."""
    if macro.shop_id is not None and macro.shop_id != conversation.shop_id:
        raise ChatError("forbidden", "This macro belongs to another shop.")
    done: list[dict[str, Any]] = []
    failed: int | None = None
    for number, step in enumerate(macro.actions or [], 1):
        name = step.get("action") if isinstance(step, dict) else None
        try:
            params = actions.check_params(name, step.get("params") if name else None)
            result = actions.run(str(name), conversation, actor, **params)
        except ChatError as exc:
            done.append(
                {"action": name, "ok": False, "error": {"code": exc.code, "detail": exc.detail}}
            )
            failed = number
            break
        done.append({"action": name, "ok": True, "result": result})
    record(
        "desk.macro_run",
        obj=conversation,
        actor=actor,
        changes={"macro": macro.pk, "name": macro.name, "steps": done, "failed_step": failed},
    )
    return {
        "type": "macro_result",
        "ok": failed is None,
        "macro": as_dict(macro),
        "conversation_id": conversation.pk,
        "steps": done,
        "failed_step": failed,
    }
