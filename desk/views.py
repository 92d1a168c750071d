"""The desk's staff JSON endpoints, used by the console (session cookie + CSRF header).

Thin: each view checks who is asking, parses the body and calls a service; a service's
``ChatError`` becomes a 4xx JSON answer ``{"error": code, "message": detail}``."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import Role, has_role
from chatbot.services import ChatError, require_view
from desk import actions
from desk.models import Macro
from desk.services import labels, listing, macros, mentions, snooze

STATUS = {
    "invalid_field": 400,
    "invalid_json": 400,
    "missing_variable": 400,
    "forbidden": 403,
    "not_found": 404,
}
MAX_BODY = 64 * 1024


def error(code: str, message: str, status: int | None = None) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status or STATUS.get(code, 400))


def console_user(view: Callable[..., JsonResponse]) -> Callable[..., JsonResponse]:
    """Agents and supervisors (the console's people); service errors become JSON 4xx."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        if not has_role(request.user, Role.AGENT, Role.SUPERVISOR):
            return error("forbidden", "This is for agents and supervisors.", 403)
        try:
            return view(request, *args, **kwargs)
        except ChatError as exc:
            return error(exc.code, exc.detail)

    return wrapped


def body(request: HttpRequest) -> dict[str, Any]:
    if len(request.body) > MAX_BODY:
        raise ChatError("invalid_field", "The request body is too large.")
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        raise ChatError("invalid_json", "The body must be a JSON object.") from None
    if not isinstance(data, dict):
        raise ChatError("invalid_json", "The body must be a JSON object.")
    return data


@require_GET
@console_user
def conversation_list(request: HttpRequest) -> JsonResponse:
    query = listing.ListQuery.parse(request.GET)
    return JsonResponse(listing.conversation_list(request.user, query))


@require_GET
@console_user
def label_list(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"labels": listing.all_labels()})


def _labels_of(conversation: Any) -> dict[str, Any]:
    return {
        "conversation_id": conversation.pk,
        "labels": labels.conversation_labels([conversation.pk])[conversation.pk],
        "customer_labels": labels.customer_labels(conversation.customer_id),
    }


@require_http_methods(["GET", "POST"])
@console_user
def conversation_labels(request: HttpRequest, pk: int) -> JsonResponse:
    """GET: the labels on the conversation and its customer. POST ``{"label": id|name,
    "remove": bool, "customer": bool}``: put a label on (or take it off) the conversation, or
    its customer."""
    if request.method == "GET":
        return JsonResponse(_labels_of(require_view(request.user, pk)))
    data = body(request)
    conversation = require_view(request.user, pk)
    remove, on_customer = data.get("remove", False), data.get("customer", False)
    if not isinstance(remove, bool) or not isinstance(on_customer, bool):
        raise ChatError("invalid_field", "remove and customer must be true or false.")
    label = labels.resolve_label(conversation.shop_id, data.get("label"))
    if on_customer:
        if conversation.customer is None:
            raise ChatError("not_found", "This conversation has no identified customer.")
        change = labels.remove_from_customer if remove else labels.add_to_customer
        changed = change(conversation.customer, label, request.user, via=conversation)
    else:
        change = labels.remove_from_conversation if remove else labels.add_to_conversation
        changed = change(conversation, label, request.user)
    return JsonResponse({"changed": changed, **_labels_of(conversation)})


@require_POST
@console_user
def conversation_action(request: HttpRequest, pk: int) -> JsonResponse:
    """One action of ``desk.actions`` by hand: ``{"action": name, "params": {...}}``."""
    data = body(request)
    conversation = require_view(request.user, pk)
    params = actions.check_params(data.get("action"), data.get("params"))
    result = actions.run(data["action"], conversation, request.user, **params)
    return JsonResponse({"action": data["action"], "result": result})


@require_POST
@console_user
def unsnooze(request: HttpRequest, pk: int) -> JsonResponse:
    conversation = require_view(request.user, pk)
    return JsonResponse({"woken": snooze.unsnooze(conversation, request.user)})


@require_http_methods(["GET", "POST"])
@console_user
def macro_list(request: HttpRequest) -> JsonResponse:
    """GET: the macros this person may run (``?conversation=<id>``: those for its shop).
    POST ``{"name", "actions": [...], "shared": bool, "shop": id|null}``: a new one."""
    if request.method == "POST":
        data = body(request)
        macro = macros.save_macro(
            request.user,
            name=data.get("name"),
            steps=data.get("actions"),
            shared=data.get("shared", False),
            shop_id=data.get("shop"),
        )
        return JsonResponse(macros.as_dict(macro), status=201)
    shop_id = None
    raw = request.GET.get("conversation")
    if raw:
        if not raw.isdigit() or len(raw) > 12:
            raise ChatError("invalid_field", "conversation must be a conversation id.")
        shop_id = require_view(request.user, int(raw)).shop_id
    found = macros.usable_macros(request.user, shop_id).order_by("name", "pk")
    return JsonResponse(
        {
            "macros": [macros.as_dict(m) for m in found[:200]],
            "actions": list(actions.ACTIONS),
            "may_share": macros.may_share(request.user),
        }
    )


def _macro(request: HttpRequest, pk: int) -> Macro:
    macro = macros.usable_macros(request.user).filter(pk=pk).first()
    if macro is None:
        raise ChatError("not_found", "No such macro, or not one you may use.")
    return macro


@require_http_methods(["POST", "DELETE"])
@console_user
def macro_detail(request: HttpRequest, pk: int) -> JsonResponse:
    macro = _macro(request, pk)
    if request.method == "DELETE":
        macros.delete_macro(request.user, macro)
        return JsonResponse({"deleted": pk})
    data = body(request)
    macro = macros.save_macro(
        request.user,
        name=data.get("name", macro.name),
        steps=data.get("actions", macro.actions),
        shared=data.get("shared", macro.shared),
        shop_id=data.get("shop", macro.shop_id),
        macro=macro,
    )
    return JsonResponse(macros.as_dict(macro))


@require_POST
@console_user
def macro_run(request: HttpRequest, pk: int) -> JsonResponse:
    """``{"conversation": id}``. 200 when every step ran; 422 with the same report when one
    failed (the steps before it stay done)."""
    data = body(request)
    macro = _macro(request, pk)
    conversation = require_view(request.user, data.get("conversation"))
    report = macros.run_macro(macro, conversation, request.user)
    return JsonResponse(report, status=200 if report["ok"] else 422)


@require_GET
@console_user
def mention_list(request: HttpRequest) -> JsonResponse:
    return JsonResponse(mentions.inbox(request.user))


@require_GET
@console_user
def mentioned_conversation(request: HttpRequest, pk: int) -> JsonResponse:
    """The conversation, read-only, for someone mentioned in it (audited)."""
    return JsonResponse(mentions.mentioned_view(request.user, pk))
