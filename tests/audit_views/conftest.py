import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from accounts.roles import Role
from audit.models import AuditEvent
from audit.services import record

LOCAL = ZoneInfo(settings.TIME_ZONE)


def listed(response) -> list[int]:
    """The event ids the list page shows, top to bottom."""
    return [int(pk) for pk in re.findall(r'data-event="(\d+)"', response.content.decode())]


def record_at(when: dt.datetime, action: str, monkeypatch, **kwargs) -> AuditEvent:
    """An event written at ``when``, as ``record()`` itself writes it (so the chain holds)."""
    with monkeypatch.context() as m:
        m.setattr("audit.services.timezone.now", lambda: when)
        return record(action, **kwargs)


@pytest.fixture
def auditor(make_user):
    return make_user("audrey", Role.AUDITOR)


@pytest.fixture
def auditor_client(client, auditor):
    client.force_login(auditor)
    return client
