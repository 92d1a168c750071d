"""An anonymous visitor proves who they are with a one-time code, then gets their orders."""

import re

import pytest
from channels.db import database_sync_to_async
from django.test import override_settings

from audit.models import AuditEvent
from conversations.models import Conversation
from profiles.delivery import LocmemSmsBackend
from profiles.models import ChannelIdentity, Customer, IdentityKind
from tests.chatbot.conftest import ask, customer, until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("sms_outbox"),
]


@pytest.fixture
def sms_outbox():
    LocmemSmsBackend.outbox.clear()
    with override_settings(SMS_BACKEND="profiles.delivery.LocmemSmsBackend"):
        yield LocmemSmsBackend.outbox
    LocmemSmsBackend.outbox.clear()


def is_type(kind):
    return lambda frame: frame.get("type") == kind


def sent_code(outbox) -> str:
    assert outbox, "no SMS was sent"
    return re.search(r"\d{6}", outbox[-1][1]).group(0)


async def test_a_visitor_verifies_their_phone_and_then_sees_their_order(shop_data, sms_outbox):
    cust, welcome = await customer(shop_data)
    assert welcome["identified"] is False
    refused = await ask(cust, "我的订单到哪了", "o1")
    assert refused["payload"]["identification_required"] and "LM1001" not in refused["text"]

    await cust.send_json_to({"type": "verify_start", "address": "138 0013 8000"})
    sent = await until(cust, is_type("verification_sent"))
    assert sent["masked"] == "138****8000" and sent["channel"] == "phone"
    assert sms_outbox[-1][0] == "+8613800138000"
    await cust.send_json_to({"type": "verify_code", "code": sent_code(sms_outbox)})
    seen = {}
    while len(seen) < 2:  # the frame to this socket and the bot's message, in either order
        frame = await until(cust, lambda f: f["type"] in ("identified", "message"))
        seen[frame["type"]] = frame
    assert seen["identified"]["display_name"] == "张三"
    assert seen["message"]["payload"]["identified"]

    answer = await ask(cust, "我的订单到哪了", "o2")
    assert "LM1001" in answer["text"] and "SF123" in answer["text"]
    # The conversation the visitor started anonymously is now the customer's.
    conversation = await database_sync_to_async(
        Conversation.objects.select_related("customer").get
    )()
    assert conversation.customer.external_id == "c-1"
    await cust.disconnect()

    # The same browser coming back is still recognised; no new code needed.
    again, welcome = await customer(shop_data, hello={"visitor_token": welcome["visitor_token"]})
    assert welcome["identified"] is True and welcome["conversation_id"] == conversation.pk
    await again.disconnect()
    verified = AuditEvent.objects.filter(action="profiles.identity_verified")
    assert await database_sync_to_async(verified.count)() == 1


async def test_the_code_survives_a_reconnect_but_not_a_change_of_visitor(shop_data, sms_outbox):
    """The code belongs to the visitor (their token), not to the socket that asked for it: a
    network blip or another page of the shop in between must not lose it. A different visitor
    holding the code still cannot use it."""
    first, welcome = await customer(shop_data)
    await first.send_json_to({"type": "verify_start", "address": "138 0013 8000"})
    await until(first, is_type("verification_sent"))
    code = sent_code(sms_outbox)
    await first.disconnect()

    stranger, _ = await customer(shop_data)
    await stranger.send_json_to({"type": "verify_code", "code": code})
    assert (await until(stranger, is_type("error")))["code"] == "no_verification_pending"
    await stranger.disconnect()

    again, _ = await customer(shop_data, hello={"visitor_token": welcome["visitor_token"]})
    await again.send_json_to({"type": "verify_code", "code": code})
    assert (await until(again, is_type("identified")))["display_name"] == "张三"
    answer = await ask(again, "我的订单到哪了", "o1")
    assert "LM1001" in answer["text"]
    await again.disconnect()

    # Used once: the same code from the same visitor does not work a second time.
    later, _ = await customer(shop_data, hello={"visitor_token": welcome["visitor_token"]})
    await later.send_json_to({"type": "verify_code", "code": code})
    assert (await until(later, is_type("error")))["code"] == "code_expired"
    await later.disconnect()


async def test_a_wrong_code_reveals_nothing_and_counts_down(shop_data, sms_outbox):
    cust, _ = await customer(shop_data)
    await cust.send_json_to({"type": "verify_start", "address": "+8613800138000"})
    await until(cust, is_type("verification_sent"))
    wrong = "000000" if sent_code(sms_outbox) != "000000" else "111111"
    await cust.send_json_to({"type": "verify_code", "code": wrong})
    error = await until(cust, is_type("error"))
    assert error["code"] == "wrong_code" and "4" in error["detail"]
    answer = await ask(cust, "查一下订单 LM1001", "o1")
    assert answer["payload"]["identification_required"] and "SF123" not in answer["text"]
    await cust.disconnect()


async def test_an_unknown_number_gets_the_same_reply_but_no_sms(shop_data, sms_outbox):
    cust, _ = await customer(shop_data)
    await cust.send_json_to({"type": "verify_start", "address": "13900000000"})
    sent = await until(cust, is_type("verification_sent"))
    assert sent["masked"] == "139****0000"
    assert sms_outbox == []
    await cust.send_json_to({"type": "verify_code", "code": "123456"})
    assert (await until(cust, is_type("error")))["code"] == "wrong_code"
    await cust.disconnect()


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"type": "verify_start", "address": "not a phone"}, "invalid_address"),
        ({"type": "verify_start", "address": ["138"]}, "invalid_field"),
        ({"type": "verify_code", "code": "123456"}, "no_verification_pending"),
        ({"type": "preferences", "proactive_suggestions": False}, "identification_required"),
    ],
)
async def test_bad_identity_frames_get_clear_errors(shop_data, frame, code):
    cust, _ = await customer(shop_data)
    await cust.send_json_to(frame)
    assert (await until(cust, is_type("error")))["code"] == code
    await cust.disconnect()


async def test_codes_for_one_number_are_rate_limited(shop_data, sms_outbox):
    cust, _ = await customer(shop_data)
    for _ in range(3):
        await cust.send_json_to({"type": "verify_start", "address": "13800138000"})
        await until(cust, is_type("verification_sent"))
    await cust.send_json_to({"type": "verify_start", "address": "13800138000"})
    assert (await until(cust, is_type("error")))["code"] == "too_many_codes"
    assert len(sms_outbox) == 3
    await cust.disconnect()


async def test_verifying_merges_another_record_of_the_same_person(shop_data, sms_outbox):
    """A customer first known only by a WeChat openid proves the phone of the shop's record:
    one customer remains, with the WeChat identity and the shop's orders."""

    @database_sync_to_async
    def wechat_customer():
        from profiles.identity import link_identity

        lonely = Customer.objects.create(shop=shop_data, segments=["new"])
        link_identity(lonely, IdentityKind.WECHAT, "o-wx-42", verified=True, reason="wechat")
        return lonely

    lonely = await wechat_customer()

    # A WeChat conversation's session belongs to the WeChat customer; the web widget cannot
    # produce one, so drive the chat service as the WeChat channel will.
    from chatbot import services

    session = await database_sync_to_async(services.open_session)(shop_data)
    session.customer = lonely
    await database_sync_to_async(services.request_code)(session, "13800138000")
    merged = await database_sync_to_async(services.verify_code)(session, sent_code(sms_outbox))
    assert merged.external_id == "c-1"

    @database_sync_to_async
    def state():
        return (
            Customer.objects.filter(pk=lonely.pk).exists(),
            sorted(merged.identities.values_list("kind", flat=True)),
            list(Customer.objects.get(pk=merged.pk).segments),
            list(merged.orders.values_list("number", flat=True)),
            AuditEvent.objects.filter(action="profiles.customers_merged").count(),
        )

    exists, kinds, segments, orders, merges = await state()
    assert not exists
    assert "wechat" in kinds and "web_visitor" in kinds
    assert segments == ["new"] and orders == ["LM1001"]
    assert merges == 1
    assert (
        await database_sync_to_async(ChannelIdentity.objects.filter(customer=lonely).count)() == 0
    )
