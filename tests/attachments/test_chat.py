"""Attachments and cards in the live chat, over real websockets and the Redis channel layer."""

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from attachments.models import Attachment
from chatbot.services import agent as agent_actions
from conversations.models import Conversation, ConversationStatus, Message
from tests.attachments.conftest import PDF, jpeg_with_gps, png
from tests.chatbot.conftest import customer, staff, until
from tests.factories import SHOP_ORIGIN, make_shop

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop(transactional_db):
    """The sockets' threads read the shop: it must be committed (unlike the uploads tests)."""
    return make_shop(origins=SHOP_ORIGIN)


def is_type(kind, **fields):
    return lambda f: f.get("type") == kind and all(f.get(k) == v for k, v in fields.items())


def bot_says(f):
    return f.get("type") == "message" and f.get("sender") == "bot"


@sync_to_async
def upload(shop, token, data, name):
    response = Client().post(
        f"/attachments/{shop.site_key}/upload/",
        {"file": SimpleUploadedFile(name, data)},
        HTTP_X_VISITOR_TOKEN=token,
        HTTP_ORIGIN=SHOP_ORIGIN,
    )
    assert response.status_code == 201, response.content
    return response.json()


@sync_to_async
def get(url, client=None, **headers):
    return (client or Client()).get(url, **headers)


async def test_a_photo_only_message_is_stored_acknowledged_and_never_answered(shop):
    cust, welcome = await customer(shop, hello={"language": "zh-CN"})
    token = welcome["visitor_token"]
    photo = await upload(shop, token, jpeg_with_gps(), "damaged.jpg")
    await cust.send_json_to(
        {"type": "message", "client_id": "p-1", "text": "", "attachments": [photo["id"]]}
    )
    ack = await until(cust, is_type("ack"))
    assert ack == {"type": "ack", "client_id": "p-1", "seq": 1}
    echo = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "customer")
    [item] = echo["attachments"]
    assert item["id"] == photo["id"] and item["name"] == "damaged.jpg"
    assert item["kind"] == "image" and item["url"] and item["thumbnail_url"]
    assert "attachments" not in echo["payload"]
    assert (await get(item["url"], HTTP_X_VISITOR_TOKEN=token)).status_code == 200
    reply = await until(cust, bot_says)
    assert reply["text"].startswith("已收到图片")
    assert reply["payload"]["handoff_offered"] and "answer_log_id" not in reply["payload"]
    row = await sync_to_async(Attachment.objects.get)(pk=photo["id"])
    assert (row.message_id is not None and row.conversation_id == welcome["conversation_id"]) or (
        row.conversation_id == echo["conversation_id"]
    )
    # Resending the same frame stores nothing new and gets the same ack.
    await cust.send_json_to(
        {"type": "message", "client_id": "p-1", "text": "", "attachments": [photo["id"]]}
    )
    assert (await until(cust, is_type("ack")))["seq"] == 1
    assert await sync_to_async(Message.objects.filter(client_id="p-1").count)() == 1
    await cust.disconnect()

    # Coming back: the history carries the attachment with a fresh URL for this visitor.
    again, resumed = await customer(shop, hello={"visitor_token": token})
    [first] = resumed["messages"][:1]
    assert first["attachments"][0]["id"] == photo["id"]
    assert (await get(first["attachments"][0]["url"])).status_code == 200
    await again.disconnect()


async def test_a_photo_after_an_order_question_goes_to_a_person_at_once(shop, trained):
    cust, welcome = await customer(shop, hello={"language": "en"})
    await cust.send_json_to({"type": "message", "client_id": "q", "text": "order LM1001 arrived"})
    await until(cust, is_type("ack"))
    photo = await upload(shop, welcome["visitor_token"], png(), "box.png")
    await cust.send_json_to({"type": "message", "client_id": "p", "attachments": [photo["id"]]})
    reply = await until(cust, lambda f: bot_says(f) and "picture" in f["text"])
    assert "colleague" in reply["text"]
    await until(cust, is_type("status", status="waiting"))
    conversation = await sync_to_async(Conversation.objects.get)(pk=reply["conversation_id"])
    assert conversation.handoff_reason == "attachment"
    await cust.disconnect()


async def test_attachments_must_be_the_visitors_own_and_unsent(shop):
    alice, alice_welcome = await customer(shop)
    bob, _ = await customer(shop)
    photo = await upload(shop, alice_welcome["visitor_token"], png(), "a.png")
    await bob.send_json_to(
        {"type": "message", "client_id": "b", "text": "", "attachments": [photo["id"]]}
    )
    error = await until(bob, is_type("error"))
    assert error["code"] == "invalid_field"
    assert not await sync_to_async(Conversation.objects.exists)()  # nothing was started
    await bob.send_json_to(
        {"type": "message", "client_id": "b2", "text": "hi", "attachments": [photo["id"]] * 6}
    )
    assert "At most 5" in (await until(bob, is_type("error")))["detail"]
    await bob.send_json_to({"type": "message", "client_id": "b3", "attachments": "x"})
    assert (await until(bob, is_type("error")))["detail"] == "attachments must be a list."
    await alice.disconnect()
    await bob.disconnect()


@sync_to_async
def assign(conversation_id, user):
    Conversation.objects.filter(pk=conversation_id).update(
        status=ConversationStatus.ASSIGNED, assigned_agent=user
    )


async def test_customer_photo_reaches_the_agent_and_the_agents_pdf_reaches_the_customer(
    shop, agent, client
):
    cust, welcome = await customer(shop)
    token = welcome["visitor_token"]
    photo = await upload(shop, token, png(), "screenshot.png")
    await cust.send_json_to(
        {"type": "message", "client_id": "c1", "text": "看这个", "attachments": [photo["id"]]}
    )
    ack = await until(cust, is_type("ack"))
    conversation_id = (await sync_to_async(Message.objects.get)(client_id="c1")).conversation_id
    await assign(conversation_id, agent)

    console, connected, _ = await staff(client, agent)
    assert connected
    await console.send_json_to({"type": "open", "conversation_id": conversation_id})
    transcript = await until(console, is_type("transcript"))
    seen = next(m for m in transcript["messages"] if m["seq"] == ack["seq"])
    staff_url = seen["attachments"][0]["thumbnail_url"]
    assert (await get(staff_url, client)).status_code == 200
    # The agent's URL is theirs: the visitor cannot use it.
    assert (await get(staff_url)).status_code == 403

    # The agent uploads a PDF for this conversation and replies with it.
    @sync_to_async
    def staff_upload():
        client.force_login(agent)
        return client.post(
            "/attachments/upload/",
            {"conversation": conversation_id, "file": SimpleUploadedFile("manual.pdf", PDF)},
        ).json()

    pdf = await staff_upload()
    await console.send_json_to(
        {
            "type": "reply",
            "conversation_id": conversation_id,
            "client_id": "a1",
            "text": "",
            "attachments": [pdf["id"]],
        }
    )
    await until(console, is_type("ack", client_id="a1"))
    got = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "agent")
    [item] = got["attachments"]
    assert item["name"] == "manual.pdf" and item["kind"] == "file"
    download = await get(item["url"], HTTP_X_VISITOR_TOKEN=token)
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    await console.disconnect()
    await cust.disconnect()


async def test_price_question_carries_product_cards(shop_data):
    cust, _ = await customer(shop_data)
    await cust.send_json_to({"type": "message", "client_id": "m", "text": "北欧落地灯多少钱"})
    answer = await until(cust, bot_says)
    [card] = answer["cards"]
    assert card == {
        "type": "product",
        "sku": "LAMP-1",
        "name": "北欧落地灯 Floor lamp",
        "price": "399.00",
        "currency": "CNY",
        "stock": 12,
    }
    await cust.disconnect()


async def test_order_answer_carries_an_order_card_with_its_timeline(shop_data):
    cust, _ = await customer(
        shop_data, hello={"customer_id": "c-1", "signature": shop_data.sign("c-1")}
    )
    await cust.send_json_to({"type": "message", "client_id": "o", "text": "我的订单到哪了"})
    answer = await until(cust, bot_says)
    [card] = answer["cards"]
    assert card["type"] == "order" and card["number"] == "LM1001"
    assert card["status"] == "shipped" and card["status_label"] == "已发货"
    assert [(s["status"], s["label"]) for s in card["timeline"]] == [
        ("paid", "已付款"),
        ("shipped", "已发货"),
    ]
    await cust.disconnect()


async def test_agent_sends_product_and_order_cards_but_not_another_customers_order(
    shop_data, agent, client
):
    cust, _ = await customer(
        shop_data, hello={"customer_id": "c-1", "signature": shop_data.sign("c-1")}
    )
    await cust.send_json_to({"type": "message", "client_id": "m", "text": "你好"})
    await until(cust, is_type("ack"))
    conversation_id = (await sync_to_async(Message.objects.get)(client_id="m")).conversation_id
    await assign(conversation_id, agent)
    console, _, _ = await staff(client, agent)
    for n, card in enumerate(
        ({"type": "product", "sku": "LAMP-1"}, {"type": "order", "number": "lm1001"})
    ):
        await console.send_json_to(
            {
                "type": "send_card",
                "conversation_id": conversation_id,
                "card": card,
                "client_id": f"k{n}",
            }
        )
        await until(console, is_type("ack", client_id=f"k{n}"))
        got = await until(cust, lambda f: f.get("type") == "message" and f["sender"] == "agent")
        assert got["cards"][0]["type"] == card["type"]
    assert got["cards"][0]["number"] == "LM1001" and got["text"].startswith("订单 LM1001")
    await console.send_json_to(
        {
            "type": "send_card",
            "conversation_id": conversation_id,
            "card": {"type": "order", "number": "LM2002"},
            "client_id": "k9",
        }
    )
    assert (await until(console, is_type("error")))["code"] == "not_found"
    await console.disconnect()
    await cust.disconnect()


def test_image_only_reply_by_an_agent_needs_their_own_upload(shop, agent, make_user):
    conversation = Conversation.objects.create(
        shop=shop, visitor_token_hash="v" * 64, status="assigned", assigned_agent=agent
    )
    other = make_user("other-agent")
    with pytest.raises(Exception, match="unknown, not yours"):
        Attachment.objects.create(
            shop=shop,
            uploader_kind="staff",
            uploaded_by=other,
            conversation=conversation,
            name="x.pdf",
            size=1,
            content_type="application/pdf",
            kind="file",
            file_key="k",
        )
        agent_actions.post_agent_message(
            agent,
            conversation.pk,
            "c",
            "",
            private=False,
            attachments=[str(Attachment.objects.get().pk)],
        )
