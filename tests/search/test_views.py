"""The results page and the JSON endpoint."""

import pytest

from accounts.roles import Role
from tests.search.conftest import conversation, say

pytestmark = pytest.mark.django_db(transaction=True)


def test_results_page_shows_highlighted_escaped_hits_with_a_console_link(client, org):
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(conv, "<b>我要退款</b> 订单 LM20261001")
    client.force_login(org["ann"])
    response = client.get("/search/", {"q": "退款"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/console/?conversation={conv.pk}"' in html
    assert "&lt;b&gt;我要<mark>退款</mark>&lt;/b&gt;" in html


def test_results_page_says_why_a_search_cannot_run(client, org):
    client.force_login(org["ann"])
    response = client.get("/search/", {"q": "！！！"})
    assert response.status_code == 400
    assert "Nothing to search for" in response.content.decode()
    response = client.get(
        "/search/", {"q": "x", "date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert response.status_code == 400
    assert "The start date is after the end date." in response.content.decode()


def test_json_endpoint(client, org):
    conv = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(conv, "call me on 138 0013 8000 about LM20261001")
    client.force_login(org["ann"])
    payload = client.get("/search/api/", {"q": "+8613800138000 lm-20261001"}).json()
    assert [r["conversation_id"] for r in payload["results"]] == [conv.pk]
    snippet = payload["results"][0]["hits"][0]["snippet_html"]
    assert "<mark>138 0013 8000</mark>" in snippet and "<mark>LM20261001</mark>" in snippet
    bad = client.get("/search/api/", {"q": "a", "status": "nonsense"})
    assert bad.status_code == 400
    assert bad.json()["error"] == "bad_request" and bad.json()["message"]
    assert "status" in bad.json()["fields"]


def test_other_roles_may_not_search(client, make_user, org):
    client.force_login(make_user("ed", Role.KNOWLEDGE_EDITOR))
    assert client.get("/search/", {"q": "x"}).status_code == 403
    assert client.get("/search/api/", {"q": "x"}).status_code == 403
