"""One adapter per channel: ``handle(request, account)`` answers the provider's webhook,
``send(delivery)`` makes the outbound call and returns the provider's id for it."""

from __future__ import annotations

from types import ModuleType


def adapter_for(kind: str) -> ModuleType:
    from gateway.channels import (
        email,
        instagram,
        messenger,
        sms,
        telegram,
        voice,
        webhook,
        wechat,
        whatsapp,
    )

    return {
        "sms": sms,
        "voice": voice,
        "wechat": wechat,
        "email": email,
        "webhook": webhook,
        "whatsapp": whatsapp,
        "messenger": messenger,
        "instagram": instagram,
        "telegram": telegram,
    }[kind]
