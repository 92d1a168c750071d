"""A shop's own bot takes the built-in bot's place: the customer's message reaches it as a
signed message.created webhook, and its answer, posted through the API, reaches the customer's
socket at once."""

import asyncio
import gc
import hmac

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.test import Client

from conversations.models import ConversationStatus, Message, Sender
from profiles.models import ApiScope, ApiToken
from tests.chatbot.conftest import customer, until
from tests.webhooks.conftest import endpoint  # noqa: F401  (fixture)
from webhooks.bots import set_bot_mode
from webhooks.models import BotMode, EventType, WebhookSubscription

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", autouse=True)
def collect_consumer_connections():
    """Consumer threads are gone after each test, but their database connections linger until
    collected: the test database cannot be dropped while they are open."""
    yield
    gc.collect()


async def webhook(endpoint, predicate, timeout: float = 10.0):  # noqa: F811
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for request in list(endpoint.requests):
            if predicate(request.json):
                return request
        await asyncio.sleep(0.05)
    raise AssertionError(f"no such webhook; got {[r.json for r in endpoint.requests]}")


def is_message(sender):
    return lambda f: f.get("type") == "message" and f.get("sender") == sender


@sync_to_async
def external_bot_shop(shop, url):
    set_bot_mode(shop, BotMode.WEBHOOK)
    subscription = WebhookSubscription.objects.create(
        shop=shop, name="Our bot", url=url, event_types=[EventType.MESSAGE_CREATED]
    )
    _, token = ApiToken.issue(
        shop, "bot", [ApiScope.CONVERSATIONS_READ, ApiScope.CONVERSATIONS_WRITE]
    )
    return subscription.secret, token


@sync_to_async
def api_post(token, path, body):
    response = Client().post(
        f"/api/v1/{path}",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    return response.status_code, response.json()


async def test_an_external_bot_answers_through_the_api(shop, trained, endpoint):  # noqa: F811
    secret, token = await external_bot_shop(shop, endpoint.url)
    cust, _ = await customer(shop)

    # A question the built-in bot would answer ("满 99 元包邮"): it stays quiet.
    await cust.send_json_to({"type": "message", "client_id": "c-1", "text": "运费多少钱"})
    await until(cust, lambda f: f.get("type") == "ack")
    request = await webhook(
        endpoint, lambda e: e["type"] == "message.created" and e["data"]["message"]["seq"] == 1
    )
    # The bot checks the signature as documented before trusting the event.
    mac = hmac.new(
        secret.encode(), request.headers["X-Timestamp"].encode() + b"." + request.body, "sha256"
    )
    assert request.headers["X-Signature"] == f"sha256={mac.hexdigest()}"
    event = request.json["data"]
    assert event["message"]["text"] == "运费多少钱"
    assert event["conversation"]["status"] == ConversationStatus.BOT
    await cust.receive_nothing(timeout=0.5)
    conversation_id = event["conversation"]["id"]
    assert not await sync_to_async(
        Message.objects.filter(conversation_id=conversation_id, sender=Sender.BOT).exists
    )()

    # The shop's bot answers through the API; the customer sees it on their socket.
    status, body = await api_post(
        token,
        f"conversations/{conversation_id}/messages/",
        {"sender": "bot", "text": "运费 8 元，满 199 包邮", "client_id": "evt-answer-1"},
    )
    assert status == 201, body
    answer = await until(cust, is_message("bot"))
    assert answer["text"] == "运费 8 元，满 199 包邮" and answer["seq"] == 2

    # Its own answer comes back as an event too (the bot can ignore sender "bot").
    await webhook(endpoint, lambda e: e["data"]["message"]["seq"] == 2)

    # It gives up on the next question: the customer is queued for a person.
    await cust.send_json_to({"type": "message", "client_id": "c-2", "text": "我要投诉"})
    await webhook(endpoint, lambda e: e["data"]["message"]["text"] == "我要投诉")
    status, body = await api_post(token, f"conversations/{conversation_id}/handoff/", {})
    assert status == 200, body
    await until(cust, lambda f: f.get("type") == "status" and f["status"] == "waiting")
    # With people now, the external bot may no longer speak.
    status, body = await api_post(
        token, f"conversations/{conversation_id}/messages/", {"sender": "bot", "text": "还在"}
    )
    assert status == 409 and body["code"] == "not_with_the_bot"
    await cust.disconnect()


async def test_switched_back_the_built_in_bot_answers_again(shop, trained, endpoint):  # noqa: F811
    await external_bot_shop(shop, endpoint.url)
    await sync_to_async(set_bot_mode)(shop, BotMode.BUILT_IN)
    cust, _ = await customer(shop)
    await cust.send_json_to({"type": "message", "client_id": "c-1", "text": "运费多少钱"})
    answer = await until(cust, is_message("bot"))
    assert answer["text"] == "满 99 元包邮"
    await cust.disconnect()
