"""What a rule can do. The conversation actions are the desk's (``desk.actions``, shared with
macros: labels, priority, team, agent, snooze, reply, note, close), run with no human actor;
automation adds its own: a canned reply, close with a message, an event webhook and an e-mail
to the shop's supervisors.

A stored action is ``{"action": name, "params": {...}}``. ``validate`` checks a rule's list
when it is saved; ``run`` does one for a conversation and returns what it did (a dict) or
raises ``ActionError``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from conversations.models import Conversation
from desk import actions as desk

ActionError = desk.ActionError
MAX_ACTIONS = 10

# Automation's own actions and their parameters (name: required).
OWN_PARAMS: dict[str, dict[str, bool]] = {
    "send_canned_reply": {"canned_reply": True},
    "close_with_message": {"text": True},
    "send_webhook": {"subscription": True, "event_type": False},
    "email_supervisors": {"subject": True, "text": True, "to": False},
}
NAMES = (*desk.ACTIONS, *OWN_PARAMS)


def validate(actions: Any) -> list[dict[str, Any]]:
    """The rule's actions if each is known and its parameters fit, else ActionError naming the
    first one that does not."""
    if not isinstance(actions, list) or not actions:
        raise ActionError("invalid_field", _("A rule needs a list of at least one action."))
    if len(actions) > MAX_ACTIONS:
        raise ActionError("invalid_field", _("At most %(n)d actions.") % {"n": MAX_ACTIONS})
    checked = []
    for i, step in enumerate(actions):
        if not isinstance(step, dict) or set(step) - {"action", "params"}:
            raise ActionError(
                "invalid_field",
                _('actions[%(i)d]: an action is {"action": name, "params": {...}}.') % {"i": i},
            )
        name, params = step.get("action"), step.get("params") or {}
        try:
            params = _check(name, params)
        except ActionError as exc:
            raise ActionError(exc.code, f"actions[{i}]: {exc.detail}") from exc
        checked.append({"action": name, "params": params})
    return checked


def _check(name: Any, params: Any) -> dict[str, Any]:
    if name in desk.ACTIONS:
        return desk.check_params(name, params)
    if name not in OWN_PARAMS:
        raise ActionError(
            "invalid_field",
            _("Unknown action %(name)r. Known: %(known)s.")
            % {"name": name, "known": ", ".join(NAMES)},
        )
    if not isinstance(params, dict):
        raise ActionError(
            "invalid_field", _("%(name)s: params must be an object.") % {"name": name}
        )
    allowed = OWN_PARAMS[name]
    unknown = sorted(set(params) - set(allowed))
    missing = [p for p, required in allowed.items() if required and params.get(p) in (None, "")]
    if unknown or missing:
        raise ActionError(
            "invalid_field",
            _("%(name)s takes %(params)s.") % {"name": name, "params": ", ".join(allowed)},
        )
    if name == "close_with_message" and isinstance(params.get("text"), dict):
        # One text per language ({"zh-Hans": ..., "en": ...}): the conversation's is sent.
        texts = params["text"]
        if not texts or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() and len(v) <= 2000
            for k, v in texts.items()
        ):
            raise ActionError(
                "invalid_field",
                _("close_with_message: text is a text, or one text per language."),
            )
    for key in ("text", "subject"):
        if isinstance(params.get(key), dict) and name == "close_with_message":
            continue
        if key in params and (not isinstance(params[key], str) or len(params[key]) > 2000):
            raise ActionError(
                "invalid_field", _("%(name)s: %(key)s is a text.") % {"name": name, "key": key}
            )
    for key in ("canned_reply", "subscription"):
        if key in params and (isinstance(params[key], bool) or not isinstance(params[key], int)):
            raise ActionError(
                "invalid_field", _("%(name)s: %(key)s is an id.") % {"name": name, "key": key}
            )
    if name == "send_webhook" and params.get("event_type") is not None:
        from webhooks.models import EventType

        if params["event_type"] not in EventType.values:
            raise ActionError(
                "invalid_field",
                _("send_webhook: event_type is one of %(types)s.")
                % {"types": ", ".join(EventType.values)},
            )
    if name == "email_supervisors" and "to" in params:
        to = params["to"]
        if not isinstance(to, list) or not all(isinstance(u, str) and u for u in to):
            raise ActionError("invalid_field", _("email_supervisors: to is a list of usernames."))
    return dict(params)


def run(name: str, conversation: Conversation, params: dict[str, Any], **event: Any) -> dict:
    if name in desk.ACTIONS:
        return desk.run(name, conversation, None, **params)
    return {
        "send_canned_reply": send_canned_reply,
        "close_with_message": close_with_message,
        "send_webhook": send_webhook,
        "email_supervisors": email_supervisors,
    }[name](conversation, event=event, **params)


# --- automation's own -------------------------------------------------------------------------


def send_canned_reply(
    conversation: Conversation, *, canned_reply: int, event: dict[str, Any], **_: Any
) -> dict[str, Any]:
    """A canned reply of the conversation's shop (or of every shop), sent in the bot's name."""
    from django.db.models import Q

    from chatbot.models import CannedReply

    reply = (
        CannedReply.objects.filter(pk=canned_reply)
        .filter(Q(shop_id=conversation.shop_id) | Q(shop__isnull=True))
        .first()
    )
    if reply is None:
        raise ActionError("not_found", "No such canned reply for this shop.")
    return {"title": reply.title, **desk.send_reply(conversation, None, text=reply.text)}


def in_language(text: str | dict[str, str], conversation: Conversation) -> str:
    """``text``, or of one text per language the conversation's (else the shop's, else the
    first)."""
    if isinstance(text, str):
        return text
    for code in (conversation.language, conversation.shop.default_language):
        if code in text:
            return text[code]
    return next(iter(text.values()))


def close_with_message(
    conversation: Conversation, *, text: str | dict[str, str], event: dict[str, Any], **_: Any
) -> dict[str, Any]:
    """Say ``text`` to the customer, then close (the usual closing line and rating follow)."""
    sent = desk.send_reply(conversation, None, text=in_language(text, conversation))
    return {**sent, **desk.close(conversation, None)}


def send_webhook(
    conversation: Conversation,
    *,
    subscription: int,
    event_type: str | None = None,
    event: dict[str, Any],
    **_: Any,
) -> dict[str, Any]:
    """The conversation, as an event webhook, to one subscription of the shop (whatever event
    types it subscribes to), signed and delivered like every other event."""
    from webhooks.events import conversation_data
    from webhooks.models import EventType, WebhookSubscription
    from webhooks.services import deliver_event

    target = WebhookSubscription.objects.filter(
        pk=subscription, shop_id=conversation.shop_id
    ).first()
    if target is None:
        raise ActionError("not_found", "No such webhook subscription in this shop.")
    if not target.is_active:
        raise ActionError("forbidden", "That webhook subscription is disabled.")
    fresh = Conversation.objects.select_related("shop", "customer", "assigned_agent", "team").get(
        pk=conversation.pk
    )
    data = {"conversation": conversation_data(fresh), "rule": event.get("rule")}
    deliveries = deliver_event(
        fresh.shop,
        event_type or EventType.CONVERSATION_STATUS_CHANGED,
        data,
        target,
        customer=fresh.customer,
    )
    return {"subscription": target.pk, "deliveries": len(deliveries)}


def supervisors_of(shop_id: int, usernames: list[str] | None = None) -> list[Any]:
    """The shop's supervisors (``ShopSupervisor``), or those of them named."""
    from automation.models import ShopSupervisor

    users = get_user_model().objects.filter(
        pk__in=ShopSupervisor.objects.filter(shop_id=shop_id).values("user_id"), is_active=True
    )
    if usernames:
        users = users.filter(username__in=usernames)
    return list(users.exclude(email=""))


def email_supervisors(
    conversation: Conversation,
    *,
    subject: str,
    text: str,
    to: list[str] | None = None,
    event: dict[str, Any],
    **_: Any,
) -> dict[str, Any]:
    """An e-mail to the shop's supervisors (or those named) with a link to the conversation;
    it names no customer and quotes nothing they wrote."""
    recipients = [u.email for u in supervisors_of(conversation.shop_id, to)]
    if not recipients:
        raise ActionError("not_found", "This shop has no supervisor with an e-mail address.")
    rule = (event.get("rule") or {}).get("name", "")
    body = "\n\n".join(
        [
            text,
            f"Conversation #{conversation.pk} ({conversation.channel}, {conversation.status})",
            f"Rule: {rule}" if rule else "",
        ]
    ).strip()
    send_mail(subject[:200], body, settings.DEFAULT_FROM_EMAIL, recipients)
    return {"to": len(recipients)}
