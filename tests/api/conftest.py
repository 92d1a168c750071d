import pytest
from django.test import Client

from accounts.roles import Role
from desk.models import Label
from profiles.models import ApiScope, ApiToken, Customer
from routing.models import AgentProfile, Presence, Team
from tests.desk.conftest import make_conversation
from tests.factories import make_shop

READ = ApiScope.CONVERSATIONS_READ
WRITE = ApiScope.CONVERSATIONS_WRITE
CONTACTS = ApiScope.CONTACTS_READ


@pytest.fixture
def shop(db):
    return make_shop("API shop")


@pytest.fixture
def other_shop(db):
    return make_shop("Someone else's shop", origins="http://else.test")


class Api:
    """A shop back end calling the API with one token."""

    def __init__(self, value: str, token: ApiToken) -> None:
        self.client = Client()
        self.token = token
        self.headers = {"Authorization": f"Bearer {value}"}

    def get(self, path: str, **params):
        return self.client.get(f"/api/v1/{path}", params, headers=self.headers)

    def post(self, path: str, body=None):
        return self.client.post(
            f"/api/v1/{path}", body or {}, content_type="application/json", headers=self.headers
        )

    def put(self, path: str, body):
        return self.client.put(
            f"/api/v1/{path}", body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api_for():
    def _api(shop, *scopes: str) -> Api:
        token, value = ApiToken.issue(shop, "integration", scopes or (READ, WRITE))
        return Api(value, token)

    return _api


@pytest.fixture
def api(shop, api_for):
    return api_for(shop, READ, WRITE)


@pytest.fixture
def team(db):
    return Team.objects.create(name="Returns")


@pytest.fixture
def agent(make_user, team):
    user = make_user("mei", Role.AGENT)
    profile = AgentProfile.objects.create(user=user, presence=Presence.ONLINE, capacity=5)
    profile.teams.add(team)
    return user


@pytest.fixture
def colleague(make_user, team):
    user = make_user("tao", Role.AGENT)
    profile = AgentProfile.objects.create(user=user, presence=Presence.ONLINE, capacity=5)
    profile.teams.add(team)
    return user


@pytest.fixture
def customer(shop):
    return Customer.objects.create(
        shop=shop,
        external_id="c-42",
        display_name="张伟",
        phone="+86 138-0013-8000",
        email="zhang@example.com",
    )


@pytest.fixture
def labels(shop):
    return {name: Label.objects.create(shop=shop, name=name) for name in ("refund", "vip", "late")}


__all__ = ["make_conversation"]
