"""Every websocket route of the project, in one place (like urls.py for HTTP).

The customer chat is reached from shops' own sites, so its origin is checked per shop inside
the consumer; staff sockets only accept pages of the platform itself (scheme, host and port:
``core.origins``) and need a session."""

from typing import Any

from channels.auth import AuthMiddlewareStack
from django.urls import path

from chatbot.consumers import ConsoleConsumer, CustomerChatConsumer
from core.consumers import HeartbeatConsumer
from core.origins import SameOriginValidator


def staff_only(app: Any) -> Any:
    return SameOriginValidator(AuthMiddlewareStack(app))


websocket_urlpatterns = [
    path("ws/chat/<str:site_key>/", CustomerChatConsumer.as_asgi()),
    path("ws/console/", staff_only(ConsoleConsumer.as_asgi())),
    path("ws/heartbeat/", staff_only(HeartbeatConsumer.as_asgi())),
]
