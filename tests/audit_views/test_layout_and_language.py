"""The audit log in the Chinese UI names roles in Chinese: the role filter and the table
(issue 18, item 12). The layout half of the item is checked in a browser
(tests/browser/test_audit_views.py)."""

import re

import pytest

from accounts.roles import Role
from audit.services import record

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-Hans"}


def test_role_filter_options_and_the_role_column_are_in_chinese(auditor_client, make_user):
    record("test.edited", actor=make_user("sue", Role.SUPERVISOR))
    html = auditor_client.get("/audit/", **ZH).content.decode()

    select = re.search(r'<select name="role"[^>]*>(.*?)</select>', html, re.S).group(1)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert options == ["全部角色", "客服坐席", "主管", "知识库编辑", "审计员", "管理员"]
    row = re.search(r'<tr data-event="\d+">(.*?)</tr>', html, re.S).group(1)
    assert "<td>主管</td>" in row and "supervisor" not in row


def test_filtering_by_a_translated_role_still_matches_the_stored_code(auditor_client, make_user):
    record("test.by_supervisor", actor=make_user("sue", Role.SUPERVISOR))
    record("test.by_agent", actor=make_user("al", Role.AGENT))
    html = auditor_client.get("/audit/", {"role": "supervisor"}, **ZH).content.decode()
    assert "test.by_supervisor" in html and "test.by_agent" not in html
