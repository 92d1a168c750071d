"""The console's search: a results page and the same results as JSON. Agents and supervisors
only; what they find is limited to what they may see (``routing.scope``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.roles import Role, has_role
from analytics.forms import CHANNELS
from search.forms import SearchForm
from search.services import Page, Result, SearchError, search


def _allowed(request: HttpRequest) -> None:
    if not has_role(request.user, Role.AGENT, Role.SUPERVISOR):
        raise PermissionDenied(_("Search is for agents and supervisors."))


def _run(request: HttpRequest) -> tuple[SearchForm, Page | None, str]:
    form = SearchForm(request.GET or None)
    if not request.GET:
        return form, None, ""
    if not form.is_valid():
        return form, None, _("Check the search fields.")
    try:
        page = search(
            request.user,
            form.cleaned_data["q"],
            form.filters(),
            page=form.cleaned_data["page"] or 1,
        )
    except SearchError as exc:
        return form, None, str(exc)
    return form, page, ""


@login_required
@require_GET
def results_page(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    form, page, error = _run(request)
    channels = dict(CHANNELS)
    for result in page.results if page else []:
        result.channel_label = str(channels.get(result.conversation.channel, ""))  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "search/results.html",
        {"form": form, "page": page, "error": error, "query": query.urlencode()},
        status=400 if error else 200,
    )


def result_dict(result: Result) -> dict[str, Any]:
    conversation = result.conversation
    agent = conversation.assigned_agent
    return {
        "conversation_id": conversation.pk,
        "shop": conversation.shop.name,
        "channel": conversation.channel,
        "status": conversation.status,
        "agent_name": (agent.get_short_name() or agent.get_username()) if agent else None,
        "created_at": conversation.created_at.isoformat(),
        "updated_at": conversation.updated_at.isoformat(),
        "contact_match": result.contact_match,
        "hits": [
            {
                "message_id": h.message_id,
                "seq": h.seq,
                "sender": h.sender,
                "created_at": h.created_at.isoformat(),
                "snippet_html": h.snippet,
            }
            for h in result.hits
        ],
        "url": f"/console/?conversation={conversation.pk}",
    }


@login_required
@require_GET
def results_json(request: HttpRequest) -> JsonResponse:
    _allowed(request)
    form, page, error = _run(request)
    if error or page is None:
        errors = {k: [str(e) for e in v] for k, v in form.errors.items()} if form.errors else {}
        return JsonResponse(
            {
                "error": "bad_request",
                "message": error or _("Type something to search for, or choose a filter."),
                "fields": errors,
            },
            status=400,
        )
    return JsonResponse(
        {
            "page": page.page,
            "has_next": page.has_next,
            "results": [result_dict(r) for r in page.results],
        }
    )
