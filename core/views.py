import hmac
import ipaddress
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from core.health import public_view, run_checks


def _may_see_details(request: HttpRequest) -> bool:
    """Loopback callers (an operator on the host; not a request a local proxy forwarded) and
    holders of ``HEALTHZ_TOKEN`` see the details; everyone else only up/down."""
    token = settings.HEALTHZ_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if token and given and hmac.compare_digest(given.encode(), token.encode()):
        return True
    if "X-Forwarded-For" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Public on purpose (load balancers and uptime checks call it): 200 while the web tier can
    serve (database, Redis), else 503; a Celery problem only marks it "degraded". Details
    (errors, hosts, workers, latencies) only for loopback or ``HEALTHZ_TOKEN``."""
    report = run_checks()
    body = report if _may_see_details(request) else public_view(report)
    return JsonResponse(body, status=200 if report["ok"] else 503)


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
