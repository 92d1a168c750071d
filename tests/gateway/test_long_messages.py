"""Length fuzz of the channels: SMS and WeChat messages of any length up to 10,000 characters
are stored (cut to the chat's 2,000) and answered from their beginning; none is a 500 that
the provider would retry into a duplicate nobody answers."""

from __future__ import annotations

import pytest
import xmltodict

from conversations.models import Message
from tests.gateway.test_email_and_webhook import mailbox, platform, post_signed  # noqa: F401
from tests.gateway.test_sms import post_sms, sms  # noqa: F401 (fixture)
from tests.gateway.test_wechat import post, signed_query, text_message, wechat  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

LENGTHS = [999, 1000, 1001, 1999, 2000, 2001, 5000, 10_000]


def long_text(length: int) -> str:
    filler = "我想再多说几句。"
    return ("运费多少钱？" + filler * (length // len(filler) + 1))[:length]


def test_sms_of_every_length_is_answered(client, sms, provider):  # noqa: F811
    for n, length in enumerate(LENGTHS):
        assert post_sms(client, sms, long_text(length), sid=f"SM-len-{n}").status_code == 200
    bodies = [call.form["Body"] for call in provider.sent("/Messages.json")]
    assert bodies == ["满 99 元包邮"] * len(LENGTHS)
    stored = Message.objects.filter(sender="customer").values_list("text", flat=True)
    assert max(len(text) for text in stored) == 2000


def test_wechat_messages_of_every_length_are_answered(client, wechat):  # noqa: F811
    for n, length in enumerate(LENGTHS):
        response = post(client, wechat, text_message(long_text(length), 5000 + n), signed_query())
        assert response.status_code == 200, length
        assert xmltodict.parse(response.content)["xml"]["Content"] == "满 99 元包邮", length


def test_platform_webhook_messages_of_every_length_are_answered(client, platform, provider):  # noqa: F811
    url = f"/gateway/webhook/{platform.webhook_key}/"
    for n, length in enumerate(LENGTHS):
        payload = {"id": f"len-{n}", "user_id": f"u-{n}", "text": long_text(length)}
        response = post_signed(client, url, payload)
        assert response.status_code == 200, (length, response.content[:200])
    answers = [call.json["text"] for call in provider.sent("/hooks/replies")]
    assert answers == ["满 99 元包邮"] * len(LENGTHS)


def test_emails_of_every_length_are_answered(client, mailbox):  # noqa: F811
    url = f"/gateway/email/{mailbox.webhook_key}/"
    for n, length in enumerate(LENGTHS):
        payload = {
            "message_id": f"<len-{n}@example.com>",
            "sender": f"reader{n}@example.com",
            "subject": "运费",
            "text": long_text(length),
        }
        assert post_signed(client, url, payload).status_code == 200, length
    answers = [
        m.text for m in Message.objects.filter(sender="bot")
    ]  # encrypted: read, then compare
    assert answers == ["满 99 元包邮"] * len(LENGTHS)
