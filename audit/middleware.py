from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from audit.context import AuditContext, bind, reset


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites it,
    # and daphne's --proxy-headers already puts the real client address here when configured.
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = bind(
            AuditContext(user=getattr(request, "user", None), ip_address=client_ip(request))
        )
        try:
            return self.get_response(request)
        finally:
            reset(token)
