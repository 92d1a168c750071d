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
- **Several events to several groups in two round trips** (``group_send_batch``).
  channels_redis's ``group_send`` costs four round trips per group (expire members, read
  members, expire the members' queues, push), even for an empty group: every chat message goes
  to the customer's and the staff's group, so a bot-answered question cost sixteen. Here the
  members of all groups are read by one script and pushed to by another, which also drops
  expired queue entries; nothing is pushed when nobody else listens.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from channels_redis.core import RedisChannelLayer
from channels_redis.utils import create_pool
from redis.asyncio import BlockingConnectionPool, ConnectionPool

logger = logging.getLogger(__name__)

# How much longer than a blocking pop a read may take before Redis counts as unresponsive.
READ_TIMEOUT_MARGIN_SECONDS = 10.0


class BlockingPoolRedisChannelLayer(RedisChannelLayer):
    def __init__(
        self, *args: Any, max_connections: int = 200, pool_timeout: float = 10.0, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.max_connections = max_connections
        self.pool_timeout = pool_timeout
        self._last_score = 0.0

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

    async def group_send_batch(
        self, sends: list[tuple[list[str], dict[str, Any]]], exclude: str | None = None
    ) -> list[bool]:
        """Several ``(groups, message)`` sends, in order, in two round trips at most (one when
        nobody else listens): a channel in several groups of one send receives its message
        once. ``exclude`` (a channel of this process, whose consumer handles the events
        itself) is left out; returns, per send, whether it was a member."""
        if self.ring_size != 1:  # groups spread over several Redis servers
            for groups, message in sends:
                for group in groups:
                    await self.group_send(group, message)
            return [False] * len(sends)
        wanted = list(dict.fromkeys(group for groups, _ in sends for group in groups))
        for group in wanted:
            assert self.require_valid_group_name(group), "Group name not valid"
        connection = self.connection(0)
        replies = await connection.eval(
            _READ_GROUPS,
            len(wanted),
            *(self._group_key(g) for g in wanted),
            int(time.time()) - self.group_expiry,
        )
        members = {g: [n.decode() for n in names] for g, names in zip(wanted, replies, strict=True)}
        excluded: list[bool] = []
        keys: list[bytes] = []
        payloads: list[bytes] = []
        capacities: list[int] = []
        for groups, message in sends:
            names = list(dict.fromkeys(n for g in groups for n in members[g]))
            excluded.append(exclude is not None and exclude in names)
            if excluded[-1]:
                names.remove(exclude)
            if not names:
                continue
            by_connection, messages, capacity = self._map_channel_keys_to_connection(names, message)
            for key in by_connection[0]:
                keys.append(key)
                payloads.append(messages[key])
                capacities.append(capacity[key])
        if not keys:
            return excluded
        now = time.time()
        # One score per push, increasing across batches too: a queue pops equal scores in the
        # order of the (randomly prefixed) payload bytes, which would reorder two events.
        first = max(now, self._last_score + 1e-6)
        scores = [first + i * 1e-6 for i in range(len(keys))]
        self._last_score = scores[-1]
        over_capacity = await connection.eval(
            _PUSH_TO_CHANNELS,
            len(keys),
            *keys,
            *payloads,
            *capacities,
            *scores,
            int(now) - int(self.expiry),
            self.expiry,
        )
        if over_capacity:
            logger.info("%s of %s channels over capacity", over_capacity, len(keys))
        return excluded


# A group's members, after dropping those that expired (channels_redis's group_send does this
# with two commands per group).
_READ_GROUPS = """
local groups = {}
for i = 1, #KEYS do
    redis.call('ZREMRANGEBYSCORE', KEYS[i], 0, ARGV[1])
    groups[i] = redis.call('ZRANGE', KEYS[i], 0, -1)
end
return groups
"""

# channels_redis's group-send script, which also drops each queue's expired events first (its
# own group_send does that in a separate pipeline) and takes one score per push.
_PUSH_TO_CHANNELS = """
local n = #KEYS
local over_capacity = 0
local oldest = ARGV[3 * n + 1]
local expiry = ARGV[3 * n + 2]
for i = 1, n do
    redis.call('ZREMRANGEBYSCORE', KEYS[i], 0, oldest)
    if redis.call('ZCOUNT', KEYS[i], '-inf', '+inf') < tonumber(ARGV[n + i]) then
        redis.call('ZADD', KEYS[i], ARGV[2 * n + i], ARGV[i])
        redis.call('EXPIRE', KEYS[i], expiry)
    else
        over_capacity = over_capacity + 1
    end
end
return over_capacity
"""
