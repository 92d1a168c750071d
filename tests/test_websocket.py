"""Websockets go through Channels with origin validation and session authentication, over the
real Redis channel layer configured by REDIS_URL."""

import pytest
from channels.testing import WebsocketCommunicator
from channels_redis.core import RedisChannelLayer
from django.conf import settings

from config.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


def session_headers(client, user, origin: str = "http://127.0.0.1") -> list[tuple[bytes, bytes]]:
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return [(b"origin", origin.encode()), (b"cookie", cookie.encode())]


async def test_a_foreign_origin_is_refused(client, make_user):
    from channels.db import database_sync_to_async as sync_to_async

    user = await sync_to_async(make_user)("wendy")
    headers = await sync_to_async(session_headers)(client, user, origin="https://evil.example")
    communicator = WebsocketCommunicator(application, "/ws/heartbeat/", headers=headers)
    connected, _ = await communicator.connect()
    assert not connected
    await communicator.disconnect()


async def test_anonymous_visitors_are_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/heartbeat/", headers=[(b"origin", b"http://127.0.0.1")]
    )
    connected, code = await communicator.connect()
    assert not connected and code == 4401
    await communicator.disconnect()


async def test_a_logged_in_user_from_an_allowed_origin_gets_answers_and_error_frames(
    client, make_user
):
    from channels.db import database_sync_to_async as sync_to_async

    user = await sync_to_async(make_user)("wendy")
    headers = await sync_to_async(session_headers)(client, user)
    communicator = WebsocketCommunicator(application, "/ws/heartbeat/", headers=headers)
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to({"type": "ping", "id": 7})
    assert await communicator.receive_json_from() == {"type": "pong", "id": 7}
    await communicator.send_to(text_data="{not json")
    error = await communicator.receive_json_from()
    assert error["type"] == "error" and error["code"] == "invalid_json"
    await communicator.send_json_to({"type": "launch"})
    assert (await communicator.receive_json_from())["code"] == "unknown_type"
    await communicator.disconnect()


async def test_the_channel_layer_is_redis_and_delivers_between_channels():
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    assert isinstance(layer, RedisChannelLayer)
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "test.message", "text": "你好"})
    assert (await layer.receive(channel))["text"] == "你好"


async def test_a_burst_of_sockets_joining_groups_waits_for_a_redis_connection_instead_of_failing():
    """Hundreds of sockets connecting at once each borrow a Redis connection for group_add;
    with more of them in flight than the pool holds, the plain pool fails them."""
    import asyncio

    from redis.exceptions import MaxConnectionsError

    from config.channel_layer import BlockingPoolRedisChannelLayer

    def joins(layer, prefix):
        return [layer.group_add("burst", f"{prefix}.socket!{i}") for i in range(300)]

    plain = RedisChannelLayer(
        hosts=[{"address": settings.REDIS_URL, "max_connections": 5}], prefix="test-burst-plain"
    )
    results = await asyncio.gather(*joins(plain, "plain"), return_exceptions=True)
    assert any(isinstance(r, MaxConnectionsError) for r in results)
    await plain.flush()

    layer = BlockingPoolRedisChannelLayer(
        hosts=[settings.REDIS_URL], prefix="test-burst", max_connections=5
    )
    listener = await layer.new_channel()
    await asyncio.gather(*joins(layer, "blocking"), layer.group_add("burst", listener))
    connection = layer.connection(0)
    assert await connection.zcard(layer._group_key("burst")) == 301
    await layer.group_send("burst", {"type": "hello"})
    assert (await layer.receive(listener))["type"] == "hello"
    await layer.flush()
