"""Report examples never show a customer's personal data (issue 18, item 10)."""

import io

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from knowledge.models import AnswerLog

pytestmark = pytest.mark.django_db

ASKED = [
    "我的手机 13800138000 收不到验证码",
    "手机13912345678收不到验证码怎么办",
    "my email is li.na@example.com, the invoice never arrived",
    "the invoice never arrived at wang.wei@example.org",
    "card 4111 1111 1111 1111 was charged twice",
    "my card 5500 0000 0000 0004 was charged twice",
]
SECRETS = [
    "13800138000",
    "13912345678",
    "li.na@example.com",
    "wang.wei@example.org",
    "4111 1111 1111 1111",
    "5500 0000 0000 0004",
]


@pytest.fixture
def supervisor(client, make_user):
    for question in ASKED:
        AnswerLog.objects.create(question=question, answered=False, confidence=0.1, latency_ms=1)
    client.force_login(make_user("sue", Role.SUPERVISOR))
    return client


def test_topic_examples_on_the_page_and_in_the_exports_are_masked(supervisor):
    page = supervisor.get("/analytics/knowledge/").content.decode()
    topics = page.split('data-table="unanswered_topics"')[1].split("</section>")[0]
    assert "[phone]" in topics and "[email]" in topics and "[card]" in topics
    csv_text = supervisor.get(
        "/analytics/knowledge/", {"export": "csv", "table": "unanswered_topics"}
    ).content.decode()
    xlsx = supervisor.get("/analytics/knowledge/", {"export": "xlsx", "table": "unanswered_topics"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    for secret in SECRETS:
        assert secret not in page, secret
        assert secret not in csv_text, secret
        assert secret not in cells, secret
