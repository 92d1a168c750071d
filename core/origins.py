"""Is a websocket opened by a page of this very site? Scheme, host and port must all match:
a page on ``http://127.0.0.1:9999`` is another origin than the platform on port 8000, although
the host name is the same (a hostname-only check let it read a staff snapshot)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host


def _header(scope: dict[str, Any], name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin1")
    return ""


def socket_origin(scope: dict[str, Any]) -> str:
    """The origin of a page served by the same site as this socket (``http://host:port``)."""
    host = _header(scope, b"host").strip().lower()
    scheme = "https" if scope.get("scheme") == "wss" else "http"
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy_header:  # TLS ends at the trusted proxy, which says so in this header
        name = proxy_header[0].removeprefix("HTTP_").replace("_", "-").lower().encode()
        if _header(scope, name).strip().lower() == proxy_header[1]:
            scheme = "https"
    return f"{scheme}://{host}" if host else ""


def same_origin(scope: dict[str, Any], origin: str | None) -> bool:
    """``origin`` is this site itself (on an allowed host), or a trusted origin for CSRF."""
    if not origin:
        return False
    origin = origin.strip().lower()
    if origin in {o.lower() for o in settings.CSRF_TRUSTED_ORIGINS}:
        return True
    own = socket_origin(scope)
    if not own or origin != own:
        return False
    domain, _port = split_domain_port(urlsplit(own).netloc)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


class SameOriginValidator:
    """ASGI middleware for staff sockets: refuse the handshake from any other origin."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if scope["type"] == "websocket" and not same_origin(scope, _header(scope, b"origin")):
            from channels.security.websocket import WebsocketDenier

            denier = WebsocketDenier()
            return await denier(scope, receive, send)
        return await self.app(scope, receive, send)
