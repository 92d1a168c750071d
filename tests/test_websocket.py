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
    return [(b"host", b"127.0.0.1"), (b"origin", origin.encode()), (b"cookie", cookie.encode())]


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
        application,
        "/ws/heartbeat/",
        headers=[(b"host", b"127.0.0.1"), (b"origin", b"http://127.0.0.1")],
    )
    connected, _ = await communicator.connect()
    # Accepted, then closed with the code the page can show (not a bare HTTP 403).
    assert connected
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": 4401}
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


async def test_events_to_several_groups_reach_each_member_once_in_order():
    """``group_send_batch``: the customer's and the staff's groups of a conversation hear each
    chat message from one call; a socket in both hears it once; several events arrive in the
    order they were given; the excluded channel (a socket handling them itself) gets none."""
    import asyncio

    from config.channel_layer import BlockingPoolRedisChannelLayer

    layer = BlockingPoolRedisChannelLayer(hosts=[settings.REDIS_URL], prefix="test-many")
    customer, staff, both = [await layer.new_channel() for _ in range(3)]
    await layer.group_add("conv-1", customer)
    await layer.group_add("conv-staff-1", staff)
    for group in ("conv-1", "conv-staff-1"):
        await layer.group_add(group, both)

    sends = [
        (["conv-1", "conv-staff-1", "nobody-here"], {"type": "m", "n": 1}),
        (["nobody-here"], {"type": "m", "n": 2}),
        *((["conv-1"], {"type": "m", "n": n}) for n in range(3, 23)),
    ]
    assert await layer.group_send_batch(sends, exclude=staff) == [True, False] + [False] * 20

    assert [(await layer.receive(customer))["n"] for _ in range(21)] == [1, *range(3, 23)]
    assert [(await layer.receive(both))["n"] for _ in range(21)] == [1, *range(3, 23)]
    for channel in (both, staff):  # "both" got message 1 once; "staff" was left out
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(layer.receive(channel), timeout=0.5)
    await layer.flush()
