"""/api/schema/ and /api/docs/ document every endpoint of the API and every event webhook,
with curl and Python examples, and the docs page loads nothing from the network."""

import pytest

from api import urls as api_urls
from webhooks.models import EventType

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_every_api_route_is_documented(schema):
    documented = set(schema["paths"])
    for pattern in api_urls.urlpatterns:
        route = "/api/v1/" + str(pattern.pattern).replace(
            "<int:conversation_id>", "{conversation_id}"
        )
        assert route in documented, route
    for bulk in ("products", "customers", "orders", "views"):
        assert f"/api/v1/{bulk}/bulk/" in documented
    assert schema["components"]["securitySchemes"]["shopToken"]["scheme"] == "bearer"


def test_every_operation_says_what_it_answers(schema):
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/v1/conversations"):
            continue
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)
            assert {"401", "403", "429"} <= set(operation["responses"]), (method, path)
            assert operation["security"] == [{"shopToken": []}], (method, path)


def test_curl_and_python_examples(schema):
    intro = schema["info"]["description"]
    assert "curl " in intro and "import requests" in intro
    for scope in ("catalogue:write", "conversations:read", "conversations:write", "contacts:read"):
        assert scope in intro
    post = schema["paths"]["/api/v1/conversations/{conversation_id}/messages/"]["post"]
    assert "curl -X POST" in post["description"] and "api.post(" in post["description"]
    assert post["requestBody"]["content"]["application/json"]["examples"]


def test_every_event_is_documented_with_its_signature(schema):
    assert schema["openapi"].startswith("3.1")
    assert set(schema["webhooks"]) == set(EventType.values)
    for event_type, item in schema["webhooks"].items():
        operation = item["post"]
        assert "X-Signature" in operation["description"]
        assert "hmac.compare_digest" in operation["description"]
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        envelope = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert {"version", "id", "type", "created_at", "shop", "data"} <= set(
            envelope["properties"]
        ), event_type


def test_docs_page_loads_without_a_cdn(client):
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()
