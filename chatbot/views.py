from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from accounts.roles import Role, has_role, role_of
from shops.models import Shop


@require_GET
def chat_page(request: HttpRequest, site_key: str) -> HttpResponse:
    """Full-page chat for mobile links; the websocket is what checks the visitor."""
    if "\x00" in site_key:  # PostgreSQL text cannot hold NUL: no shop has such a key
        raise Http404("No such chat.")
    shop = get_object_or_404(Shop, site_key=site_key, is_active=True)
    return render(
        request, "chatbot/chat_page.html", {"shop": shop, "widget_src": static("widget.js")}
    )


@require_GET
@login_required
def console_page(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, Role.AGENT, Role.SUPERVISOR):
        raise PermissionDenied("The console is for agents and supervisors.")
    return render(
        request,
        "chatbot/console.html",
        {"ws_path": "/ws/console/", "role": role_of(request.user)},
    )
