"""A minimal authenticated websocket: staff pages use it to know the live connection works."""

from __future__ import annotations

import json
from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

# Application close codes (4000-4999 are ours to define).
CLOSE_UNAUTHENTICATED = 4401


class HeartbeatConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Accepted first: a refused handshake reaches the page as a bare HTTP 403.
            await self.accept()
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        await self.accept()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        try:
            message: Any = json.loads(text_data or "")
        except json.JSONDecodeError:
            await self._error("invalid_json", "Messages must be JSON objects.")
            return
        if not isinstance(message, dict) or message.get("type") != "ping":
            await self._error("unknown_type", "The only message type here is 'ping'.")
            return
        await self.send(text_data=json.dumps({"type": "pong", "id": message.get("id")}))

    async def _error(self, code: str, detail: str) -> None:
        await self.send(text_data=json.dumps({"type": "error", "code": code, "detail": detail}))
