"""The Redis channel layer, with a connection pool fit for thousands of idle websockets.

Two things differ from channels_redis's own pool:

- **Blocking pool.** channels_redis builds redis-py's default asyncio pool, which holds at most
  100 connections and raises ``MaxConnectionsError`` on the 101st concurrent command. A daphne
  with a few thousand sockets reaches that whenever many of them connect at once (each
  ``group_add`` borrows a connection): the load benchmark lost sockets that way at about 2,500
  per process. A blocking pool queues those commands for a moment instead, and keeps the number
  of Redis connections per process bounded (``CHANNEL_LAYER_MAX_CONNECTIONS``).
- **Read timeout longer than the blocking pop.** Every socket's receive loop waits in
  ``BZPOPMIN`` for ``brpop_timeout`` (5 s) seconds. redis-py 8 gives every connection a 5 s
  read timeout by default, so an idle socket's pop and its read timeout raced, and the loser
  raised ``TimeoutError`` out of the consumer: daphne closed idle customer sockets every 5-20 s.
  The read timeout here is the pop's own wait plus a margin, so only a Redis that really stopped
  answering times out.
"""

from __future__ import annotations

from typing import Any

from channels_redis.core import RedisChannelLayer
from channels_redis.utils import create_pool
from redis.asyncio import BlockingConnectionPool, ConnectionPool

# How much longer than a blocking pop a read may take before Redis counts as unresponsive.
READ_TIMEOUT_MARGIN_SECONDS = 10.0


class BlockingPoolRedisChannelLayer(RedisChannelLayer):
    def __init__(
        self, *args: Any, max_connections: int = 200, pool_timeout: float = 10.0, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.max_connections = max_connections
        self.pool_timeout = pool_timeout

    @property
    def read_timeout(self) -> float:
        return self.brpop_timeout + READ_TIMEOUT_MARGIN_SECONDS

    def create_pool(self, index: int) -> ConnectionPool:
        host = dict(self.hosts[index])
        host.setdefault("socket_timeout", self.read_timeout)
        if "address" not in host:  # sentinels and the like: channels_redis's own pool
            return create_pool(host)
        return BlockingConnectionPool.from_url(
            host.pop("address"),
            max_connections=self.max_connections,
            timeout=self.pool_timeout,
            **host,
        )
