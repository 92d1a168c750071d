"""The rules every shop starts with (editable and removable in the admin). The inactivity
close replaces a hand-written timer: a conversation the customer left after the bot's or an
agent's last word is closed after 30 minutes, with a message saying so."""

from __future__ import annotations

from typing import Any

INACTIVITY_NAME = "Close after 30 minutes without a customer reply"
INACTIVITY_MINUTES = 30
INACTIVITY_TEXTS = {
    "zh-Hans": "您已经有一段时间没有回复了，本次会话先结束。如需帮助，欢迎随时再来找我们。",
    "zh-Hant": "您已經有一段時間沒有回覆了，本次對話先結束。如需幫助，歡迎隨時再來找我們。",
    "en": "We haven't heard from you for a while, so we're closing this chat. "
    "Write again any time if you need help.",
}


def inactivity_rule(shop_id: int) -> dict[str, Any]:
    return {
        "shop_id": shop_id,
        "name": INACTIVITY_NAME,
        "event": "inactivity",
        "inactivity_minutes": INACTIVITY_MINUTES,
        "conditions": {},
        "actions": [{"action": "close_with_message", "params": {"text": dict(INACTIVITY_TEXTS)}}],
        "order": 1000,
        "stop_after": False,
        "enabled": True,
    }


def seed(shop: Any, rule_model: Any = None) -> None:
    """Give ``shop`` the default rules it does not have yet (by name)."""
    if rule_model is None:
        from automation.models import Rule as rule_model
    values = inactivity_rule(shop.pk)
    if not rule_model.objects.filter(shop_id=shop.pk, name=values["name"]).exists():
        rule_model.objects.create(**values)
