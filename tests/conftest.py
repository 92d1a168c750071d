import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import Role


@pytest.fixture
def make_user(db):
    """Create a staff user holding ``role`` (a Role), with a known password."""

    def _make(username: str, role: Role | None = None, password: str = "S3cure-pass-for-tests"):
        user = get_user_model().objects.create_user(username, password=password, is_staff=True)
        if role is not None:
            user.groups.add(Group.objects.get(name=role.value))
        return user

    return _make


@pytest.fixture(autouse=True)
def audit_anchors_per_test(settings, tmp_path):
    """Each test anchors the audit chain in its own file: anchors written by one test (whose
    events are rolled back) must not make the next test's shorter trail look truncated."""
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "audit-anchors.jsonl")


@pytest.fixture(autouse=True)
def otp_counters_per_test(settings):
    """One-time-code flood counters live in the shared Redis for an hour: each test counts
    from zero (profiles.identity, OTP_COUNTER_NAMESPACE)."""
    settings.OTP_COUNTER_NAMESPACE = uuid.uuid4().hex


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a test (or a request it made) that activated
    Chinese in this thread must not make the next test's English messages Chinese."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def celery_runs_tasks_inline():
    """Tasks run in the test process: nothing is left queued in the test broker. Tests that
    need a real worker start one themselves (see test_health)."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session", autouse=True)
def sentiment_model_ready():
    """Every customer message is scored by the sentiment model, which trains itself on first
    use (about 10 s on a fresh checkout). Do that once, up front, so no chat test or daphne
    subprocess pays for it in the middle of a conversation."""
    from sentiment.model import load_model

    load_model()


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """Every test gets its own channel-layer instance. The Redis layer keeps asyncio locks and
    connection pools bound to the event loop that first used them, and pytest-asyncio gives
    each test a new loop: a lock left held by one test's cancelled consumer would otherwise
    stall the next test and break every one after it."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def shop(transactional_db):
    from tests.factories import SHOP_ORIGIN, make_shop

    return make_shop(origins=SHOP_ORIGIN)


@pytest.fixture
def trained(transactional_db):
    """A small published knowledge base (zh and en) and an answer engine trained on it."""
    from knowledge.answering import holder
    from knowledge.models import Category, Status
    from knowledge.training import train_and_store
    from tests.knowledge.conftest import make_entry

    shipping = Category.objects.create(name="Shipping")
    entries = {
        "shipping": make_entry(
            shipping,
            "运费多少钱",
            "满 99 元包邮",
            "zh-Hans",
            ["邮费怎么算", "包邮吗", "运费怎么收"],
            Status.PUBLISHED,
        ),
        "delivery": make_entry(
            shipping,
            "多久发货",
            "24 小时内发货",
            "zh-Hans",
            ["什么时候发货", "几天能发货"],
            Status.PUBLISHED,
        ),
        "returns": make_entry(
            shipping,
            "How do I return an item?",
            "Returns within 7 days.",
            "en",
            ["return policy", "can I send it back"],
            Status.PUBLISHED,
        ),
    }
    train_and_store("chat tests")
    holder.refresh_now()
    return entries
