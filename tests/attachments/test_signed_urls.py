"""Attachments are reached only through short-lived URLs signed for one audience."""

import time

from django.core import signing as django_signing

from attachments import signing
from tests.attachments.conftest import PDF, png


def test_url_works_for_its_visitor(upload, client, visitor_token):
    body = upload(png(), "a.png").json()
    assert client.get(body["url"], HTTP_X_VISITOR_TOKEN=visitor_token).status_code == 200


def test_another_visitors_url_is_refused(upload, client):
    body = upload(png(), "a.png").json()
    response = client.get(body["url"], HTTP_X_VISITOR_TOKEN="another-visitor-token-123456")
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"


def test_url_for_another_visitors_attachment_cannot_be_forged(upload, client):
    """Visitor B's own audience put on visitor A's attachment id: not signed by us, so 403;
    signed by us for B (as if B had been issued it), still 403: B may not see it."""
    body = upload(png(), "a.png").json()
    tampered = body["url"].replace("/file/", "/file/x")
    assert client.get(tampered).status_code == 403
    issued_to_b = signing.url(body["id"], signing.visitor_audience("b" * 64))
    assert client.get(issued_to_b).status_code == 403


def test_expired_url_is_refused(upload, client, settings, monkeypatch, visitor_token):
    body = upload(PDF, "a.pdf").json()
    later = time.time() + settings.ATTACHMENT_URL_SECONDS + 5
    monkeypatch.setattr(django_signing.time, "time", lambda: later)
    response = client.get(body["url"], HTTP_X_VISITOR_TOKEN=visitor_token)
    assert response.status_code == 403
    assert response.json()["error"] == "expired"


def test_an_unknown_attachment_is_not_found(client, db):
    url = signing.url("00000000-0000-0000-0000-000000000000", signing.visitor_audience("x"))
    assert client.get(url).status_code == 404
