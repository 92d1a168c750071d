import asyncio
import datetime as dt
import json
from typing import Any

import pytest
from channels.db import database_sync_to_async as sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings

from accounts.roles import Role
from config.asgi import application
from knowledge.answering import holder
from knowledge.models import Category, Intent, Status
from knowledge.training import train_and_store
from profiles.models import Customer, Order, OrderEvent, Product
from tests.factories import SHOP_ORIGIN
from tests.knowledge.conftest import make_entry


async def customer(shop, origin: str = SHOP_ORIGIN, hello: dict | None = None):
    """A connected customer socket that has said hello; returns (communicator, welcome)."""
    communicator = WebsocketCommunicator(
        application,
        f"/ws/chat/{shop.site_key}/",
        headers=[(b"host", b"127.0.0.1"), (b"origin", origin.encode())],
    )
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to({"type": "hello", **(hello or {})})
    welcome = await communicator.receive_json_from(timeout=10)
    assert welcome["type"] == "welcome", welcome
    return communicator, welcome


async def staff(client, user):
    @sync_to_async
    def cookie() -> str:
        client.force_login(user)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )

    communicator = WebsocketCommunicator(
        application,
        "/ws/console/",
        headers=[
            (b"host", b"127.0.0.1"),
            (b"origin", b"http://127.0.0.1"),
            (b"cookie", (await cookie()).encode()),
        ],
    )
    communicator.scope["client"] = ["198.51.100.7", 52000]  # where a browser's socket comes from
    connected, code = await communicator.connect()
    return communicator, connected, code


async def until(communicator, predicate, timeout: float = 5.0) -> dict[str, Any]:
    """Read frames until one matches; fails with the frames seen so far."""
    seen = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise AssertionError(
                f"no matching frame; saw {json.dumps(seen, ensure_ascii=False)[:3000]}"
            )
        try:
            frame = await communicator.receive_json_from(timeout=remaining)
        except TimeoutError as exc:
            raise AssertionError(
                f"no matching frame; saw {json.dumps(seen, ensure_ascii=False)[:3000]}"
            ) from exc
        seen.append(frame)
        if predicate(frame):
            return frame


@pytest.fixture
def agent(make_user, transactional_db):
    return make_user("agent007", Role.AGENT)


@pytest.fixture
def shop_data(shop, trained):
    orders = Category.objects.create(name="Orders")
    entry = make_entry(
        orders,
        "我的订单到哪了",
        "",
        "zh-Hans",
        ["查一下我的订单", "where is my order", "訂單到咗邊"],
        Status.PUBLISHED,
    )
    entry.intent = Intent.ORDER_STATUS
    entry.save()
    train_and_store("shop data tests")
    holder.refresh_now()
    Product.objects.create(
        shop=shop, sku="LAMP-1", name="北欧落地灯 Floor lamp", price="399.00", stock=12
    )
    Product.objects.create(
        shop=shop, sku="TEE-9", name="纯棉T恤 Cotton tee", price="89.00", stock=0
    )
    mine = Customer.objects.create(
        shop=shop, external_id="c-1", display_name="张三", phone="+86 138-0013-8000"
    )
    theirs = Customer.objects.create(shop=shop, external_id="c-2")
    placed = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
    for number, owner in (("LM1001", mine), ("LM2002", theirs)):
        order = Order.objects.create(
            shop=shop,
            customer=owner,
            number=number,
            status="shipped",
            total="399.00",
            placed_at=placed,
            carrier="SF",
            tracking_number="SF123",
        )
        OrderEvent.objects.create(order=order, status="paid", at=placed)
        OrderEvent.objects.create(order=order, status="shipped", at=placed + dt.timedelta(days=1))
    return shop


def bot_reply(frame):
    return frame.get("type") == "message" and frame["sender"] == "bot"


async def ask(cust, text, client_id):
    await cust.send_json_to({"type": "message", "client_id": client_id, "text": text})
    return await until(cust, bot_reply)
