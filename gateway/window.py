"""The reply windows of Meta's channels, as the platforms define them.

WhatsApp: a business may send anything for 24 hours after the customer's last message (the
customer-service window); after that only an approved template. Messenger and Instagram: any
message within 24 hours; from then until 7 days only a person's reply, sent with the
``HUMAN_AGENT`` tag; after that nothing. Telegram and the other channels have no window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from conversations.models import Sender
from gateway.models import ChannelKind, ChannelThread

STANDARD = timedelta(hours=24)
HUMAN_AGENT = timedelta(days=7)
WINDOWED = (ChannelKind.WHATSAPP, ChannelKind.MESSENGER, ChannelKind.INSTAGRAM)


@dataclass(frozen=True)
class Permission:
    allowed: bool
    tag: str = ""  # Messenger/Instagram: "HUMAN_AGENT" outside the standard window
    template: bool = False  # WhatsApp: only a template may go
    reason: str = ""


def closes_at(thread: ChannelThread) -> datetime | None:
    return thread.last_inbound_at + STANDARD if thread.last_inbound_at else None


def is_open(thread: ChannelThread, now: datetime | None = None) -> bool:
    end = closes_at(thread)
    return end is not None and (now or timezone.now()) < end


def permission(thread: ChannelThread, sender: str, now: datetime | None = None) -> Permission:
    """May a message by ``sender`` (bot, agent, system) go out on this thread now, and how."""
    now = now or timezone.now()
    kind = thread.account.kind
    if kind not in WINDOWED or is_open(thread, now):
        return Permission(True)
    if kind == ChannelKind.WHATSAPP:
        return Permission(
            sender == Sender.AGENT,
            template=True,
            reason="window closed — send template (24 hours since the customer's last message)",
        )
    last = thread.last_inbound_at
    if sender == Sender.AGENT and last is not None and now < last + HUMAN_AGENT:
        return Permission(True, tag="HUMAN_AGENT")
    if sender == Sender.AGENT:
        return Permission(False, reason="more than 7 days since the customer's last message")
    return Permission(False, reason="automated message outside the 24-hour window")


def state(thread: ChannelThread, now: datetime | None = None) -> dict[str, object] | None:
    """What the console shows before an agent replies (None: this channel has no window)."""
    kind = thread.account.kind
    if kind not in WINDOWED:
        return None
    now = now or timezone.now()
    end = closes_at(thread)
    data: dict[str, object] = {
        "channel": kind,
        "open": is_open(thread, now),
        "closes_at": end.isoformat() if end else None,
    }
    if kind == ChannelKind.WHATSAPP:
        template = thread.account.whatsapp_templates.filter(is_active=True).first()
        data["template"] = template.name if template else None
    else:
        last = thread.last_inbound_at
        data["human_agent_until"] = (last + HUMAN_AGENT).isoformat() if last else None
    return data
