"""The Redis channel layer with a connection pool that waits instead of failing.

channels_redis builds redis-py's default asyncio pool, which holds at most 100 connections and
raises ``MaxConnectionsError`` on the 101st concurrent command. A daphne with a few thousand
sockets reaches that whenever many of them connect at once (each ``group_add`` borrows a
connection): the load benchmark lost sockets that way at about 2,500 per process. A blocking
pool queues those commands for a moment instead, and keeps the number of Redis connections per
process bounded (``CHANNEL_LAYER_MAX_CONNECTIONS``).
"""

from __future__ import annotations

from typing import Any

from channels_redis.core import RedisChannelLayer
from redis.asyncio import BlockingConnectionPool


class BlockingPoolRedisChannelLayer(RedisChannelLayer):
    def __init__(
        self, *args: Any, max_connections: int = 200, pool_timeout: float = 10.0, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.max_connections = max_connections
        self.pool_timeout = pool_timeout

    def create_pool(self, index: int) -> BlockingConnectionPool:
        host = dict(self.hosts[index])
        if "address" not in host:  # sentinels and the like: channels_redis's own pool
            return super().create_pool(index)
        return BlockingConnectionPool.from_url(
            host.pop("address"),
            max_connections=self.max_connections,
            timeout=self.pool_timeout,
            **host,
        )
