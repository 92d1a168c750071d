from functools import cache

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from core.health import run_checks


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Public on purpose (load balancers and uptime checks call it); it reveals reachability,
    not configuration."""
    report = run_checks()
    return JsonResponse(report, status=200 if report["ok"] else 503)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


FAVICON = "favicon.ico"


@cache
def _favicon() -> bytes:
    """The icon as collected (what WhiteNoise serves with DEBUG off), else where it lives in
    the source (development without collectstatic). Read once: it only changes on a deploy."""
    if staticfiles_storage.exists(FAVICON):
        with staticfiles_storage.open(FAVICON) as icon:
            return icon.read()
    found = finders.find(FAVICON)
    if not found:
        raise Http404("no favicon.ico among the static files")
    with open(found, "rb") as icon:
        return icon.read()


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask every origin for /favicon.ico, whatever the page links to: answer it
    here rather than with a 404 on every first visit."""
    return HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")
