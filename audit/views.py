"""Read-only audit log pages for auditors and administrators: list, detail, CSV export.

Viewing the list is deliberately not audited (every page view would add an event and flood
the trail); exporting it is, with the filters used and the number of rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Callable, Iterator
from functools import wraps
from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.handlers.asgi import ASGIRequest
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import Role, has_role
from audit.forms import AuditFilters
from audit.models import AuditEvent, ChainCheck
from audit.services import record
from audit.verify_now import progress_of, start_verification
from core.spreadsheets import SafeCsvWriter

PAGE_SIZE = 50
EXPORT_MAX_ROWS = 100_000
EXPORT_BATCH = 1000
EXPORT_COLUMNS = [
    "id",
    "created_at",
    "actor",
    "actor_id",
    "role",
    "action",
    "object_type",
    "object_id",
    "object",
    "ip_address",
    "changes",
    "prev_hash",
    "hash",
]


def _auditors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not has_role(request.user, Role.AUDITOR, Role.ADMINISTRATOR):
            raise PermissionDenied("The audit log is for auditors and administrators.")
        return view(request, *args, **kwargs)

    return wrapped


def auditors_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    return require_GET(_auditors(view))


def _filtered(request: HttpRequest) -> tuple[AuditFilters, QuerySet[AuditEvent] | None]:
    form = AuditFilters(request.GET)
    if not form.is_valid():
        return form, None
    return form, form.apply(AuditEvent.objects.all()).order_by("-id")


def _invalid(request: HttpRequest, form: AuditFilters) -> HttpResponse:
    context = {"form": form, "page": None, "query": "", **_chain_status(request)}
    return render(request, "audit/list.html", context, status=400)


def _chain_status(request: HttpRequest) -> dict[str, Any]:
    """The last check, how many events were written after it, and a run being watched."""
    check = ChainCheck.objects.order_by("-finished_at", "-id").first()
    since = None
    if check is not None and check.ok:
        # The trail is append-only and an intact check walked all of it: the rest is new.
        since = max(0, AuditEvent.objects.count() - check.events_checked)
    elif check is not None:
        since = AuditEvent.objects.filter(created_at__gt=check.finished_at).count()
    run = request.GET.get("run", "")
    watched = progress_of(run) if run else None
    return {
        "check": check,
        "events_since": since,
        "run": run if watched else "",
        "run_state": _progress_message(watched) if watched else "",
    }


@auditors_only
def event_list(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    if events is None:
        return _invalid(request, form)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("run", None)
    context = {"form": form, "page": page, "query": query.urlencode(), **_chain_status(request)}
    return render(request, "audit/list.html", context)


@require_POST
@_auditors
def verify_now(request: HttpRequest) -> HttpResponse:
    """Start a check of the hash chain in the background; the page follows its progress."""
    run_id = start_verification(request.user)
    progress_url = reverse("audit_verify_progress", args=[run_id])
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"run": run_id, "progress_url": progress_url}, status=202)
    return redirect(f"{reverse('audit_log')}?run={run_id}")


@auditors_only
def verify_progress(request: HttpRequest, run_id: str) -> HttpResponse:
    state = progress_of(run_id)
    if state is None:
        raise Http404("No such verification run.")
    return JsonResponse({**state, "message": _progress_message(state)})


def _progress_message(state: dict[str, Any]) -> str:
    values = {"checked": state.get("checked", 0), "total": state.get("total", 0)}
    if state["state"] == "queued":
        return _("Waiting for a worker to start the check…")
    if state["state"] == "running":
        return _("Verifying the hash chain: %(checked)s of %(total)s events…") % values
    if state["state"] == "failed":
        return _("The check could not finish; see the server log.")
    if state.get("ok"):
        return _("Done: the hash chain is intact (%(checked)s events).") % values
    return _("Done: the hash chain is BROKEN.")


def changes_table(changes: Any) -> list[tuple[str, Any, Any]] | None:
    """``[(field, before, after)]`` when ``changes`` is a before/after diff, else ``None``.

    Two shapes are diffs: ``{field: [before, after]}`` (``audit.services.diff``) and
    ``{"before": {...}, "after": {...}}``. Lists of names such as ``{"added": [a, b]}`` are not.
    """
    if not isinstance(changes, dict) or not changes:
        return None
    if set(changes) == {"before", "after"} and all(isinstance(v, dict) for v in changes.values()):
        before, after = changes["before"], changes["after"]
        return [(k, before.get(k), after.get(k)) for k in sorted(set(before) | set(after))]
    if set(changes) & {"added", "removed"}:
        return None
    if all(isinstance(v, list) and len(v) == 2 for v in changes.values()):
        return [(str(k), v[0], v[1]) for k, v in changes.items()]
    return None


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


@auditors_only
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(AuditEvent, pk=pk)
    table = changes_table(event.changes)
    context = {
        "event": event,
        "diff": [(f, _show(b), _show(a)) for f, b, a in table] if table else None,
        "changes_json": json.dumps(event.changes, ensure_ascii=False, indent=2, sort_keys=True),
        "previous": AuditEvent.objects.filter(pk__lt=event.pk).order_by("-pk").first(),
        "following": AuditEvent.objects.filter(pk__gt=event.pk).order_by("pk").first(),
        "back_query": request.GET.urlencode(),
    }
    return render(request, "audit/detail.html", context)


# --- CSV export ------------------------------------------------------------------------------


def _csv_rows(events: list[AuditEvent]) -> str:
    out = io.StringIO()
    writer = SafeCsvWriter(out)  # the shared formula-safe writer (core.spreadsheets)
    local = timezone.get_default_timezone()
    for e in events:
        writer.writerow(
            [
                v
                for v in (
                    e.pk,
                    timezone.localtime(e.created_at, local).isoformat(timespec="seconds"),
                    e.actor_repr,
                    e.actor_id if e.actor_id is not None else "",
                    e.actor_role,
                    e.action,
                    e.object_type,
                    e.object_id,
                    e.object_repr,
                    e.ip_address or "",
                    json.dumps(e.changes, ensure_ascii=False, sort_keys=True),
                    e.prev_hash,
                    e.hash,
                )
            ]
        )
    return out.getvalue()


def _next_batch(events: QuerySet[AuditEvent], below: int, size: int) -> list[AuditEvent]:
    # Keyset pagination (newest first): no long-lived cursor or transaction while the client
    # downloads, and each batch is a cheap index range scan.
    return list(events.filter(pk__lt=below).order_by("-pk")[:size])


def _header() -> str:
    out = io.StringIO()
    csv.writer(out).writerow(EXPORT_COLUMNS)
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read UTF-8 (Chinese) correctly


def _sync_chunks(events: QuerySet[AuditEvent], upper: int, limit: int) -> Iterator[str]:
    yield _header()
    below, left = upper + 1, limit
    while left > 0:
        batch = _next_batch(events, below, min(EXPORT_BATCH, left))
        if not batch:
            return
        yield _csv_rows(batch)
        below, left = batch[-1].pk, left - len(batch)


async def _async_chunks(events: QuerySet[AuditEvent], upper: int, limit: int) -> AsyncIterator[str]:
    # Under ASGI (daphne) a synchronous iterator would be read into memory in full before the
    # first byte is sent; an asynchronous one really streams.
    yield _header()
    below, left = upper + 1, limit
    while left > 0:
        batch = await sync_to_async(_next_batch)(events, below, min(EXPORT_BATCH, left))
        if not batch:
            return
        yield await sync_to_async(_csv_rows)(batch)
        below, left = batch[-1].pk, left - len(batch)


@auditors_only
def export_csv(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    if events is None:
        return _invalid(request, form)
    # Freeze the set being exported before recording the export, so the export's own event
    # (and anything written while the file downloads) is not part of it. The table is
    # append-only, so rows up to ``upper`` cannot change any more.
    upper = AuditEvent.objects.aggregate(top=Max("pk"))["top"] or 0
    frozen = events.filter(pk__lte=upper)
    total = frozen.count()
    rows = min(total, EXPORT_MAX_ROWS)
    record(
        "audit.exported",
        object_type="audit.auditevent",
        changes={
            "filters": form.used(),
            "rows": rows,
            "truncated": total > EXPORT_MAX_ROWS,
            "format": "csv",
        },
    )
    if isinstance(request, ASGIRequest):
        content: Any = _async_chunks(events, upper, rows)
    else:
        content = _sync_chunks(events, upper, rows)
    response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime(timezone.now(), timezone.get_default_timezone())
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp:%Y%m%d-%H%M}.csv"'
    response["X-Export-Rows"] = str(rows)
    response["Cache-Control"] = "no-store"
    return response
