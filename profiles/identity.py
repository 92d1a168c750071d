"""Who a customer is across channels: channel identities, one-time codes, merging.

A web visitor, a WeChat openid, a phone number and the shop's own customer id may all be one
person. They become one ``Customer`` only on proof: a signature from the shop's back end, or a
one-time code answered by whoever holds the phone or mailbox. Merging moves everything that
points at the duplicate (orders, conversations, identities, views) to the survivor.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import phonenumbers
from django.conf import settings
from django.core.cache import cache
from django.core.mail import mail_admins
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import context as audit_context
from audit.services import record
from conversations.signals import send_on_commit
from core import crypto
from core.fields import blind_lookup
from profiles import delivery
from profiles.models import ChannelIdentity, Customer, IdentityKind, VerificationCode
from profiles.signals import customer_merged

CODE_LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5
# Codes per address per window: enough for "I didn't get it", too few to spam someone's phone.
MAX_CODES = 3
CODE_WINDOW = timedelta(minutes=15)
# How long a browser that answered a code stays identified without asking again.
VISITOR_TRUST = timedelta(days=30)
# Flood caps on top of the window above (issue 17 L9: 3 per 15 minutes still let one number get
# about 288 messages a day). Settings override them; see README, Security.
OTP_LIMITS = {
    "OTP_MAX_PER_ADDRESS_PER_DAY": 10,
    "OTP_MAX_PER_IP_PER_HOUR": 10,
    "OTP_MAX_PER_SHOP_PER_HOUR": 300,
    # The circuit breaker: past this many codes in an hour, across all shops, none are sent
    # until the hour is over and the administrators are alerted (a pumping attack costs money).
    "OTP_MAX_PER_HOUR": 1000,
}

logger = logging.getLogger(__name__)

PHONE_RE = re.compile(r"^\+?\d{6,15}$")
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


class IdentityError(Exception):
    """A request about identity the customer must be told about (code and message)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def normalized(kind: str, value: str) -> str:
    value = value.strip()
    if kind == IdentityKind.PHONE:
        return crypto.NORMALIZERS["phone"](value)
    if kind == IdentityKind.EMAIL:
        return value.casefold()
    return value


def _index(kind: str, value: str) -> str:
    # One blind-index space per kind: the same string as a phone and as an openid must differ.
    return blind_lookup(ChannelIdentity, "value", f"{kind}:{normalized(kind, value)}")


def find_identity(shop, kind: str, value: str) -> ChannelIdentity | None:  # type: ignore[no-untyped-def]
    return (
        ChannelIdentity.objects.select_related("customer")
        .filter(shop=shop, kind=kind, value_index=_index(kind, value))
        .first()
    )


def customer_for(
    shop,  # type: ignore[no-untyped-def]
    kind: str,
    value: str,
    *,
    verified_since: datetime | None = None,
) -> Customer | None:
    identity = find_identity(shop, kind, value)
    if identity is None:
        return None
    if verified_since is not None and (
        identity.verified_at is None or identity.verified_at < verified_since
    ):
        return None
    return identity.customer


def link_identity(
    customer: Customer, kind: str, value: str, *, verified: bool, reason: str
) -> Customer:
    """Record that ``customer`` is reachable as (kind, value). If that identity already belongs
    to another customer and this link is proven, the two are one person: merge them. Returns
    the customer that survives."""
    with transaction.atomic():
        identity = find_identity(customer.shop, kind, value)
        now = timezone.now()
        if identity is None:
            identity = ChannelIdentity(shop=customer.shop, customer=customer, kind=kind)
            identity.value = f"{kind}:{normalized(kind, value)}"
            identity.verified_at = now if verified else None
            identity.save()
            record(
                "profiles.identity_linked",
                object_type="profiles.customer",
                object_id=customer.pk,
                changes={"kind": kind, "verified": verified, "reason": reason},
            )
            return customer
        if identity.customer_id != customer.pk:
            if not verified:
                return identity.customer
            customer = merge_customers(identity.customer, customer, reason=reason)
        if verified:
            ChannelIdentity.objects.filter(pk=identity.pk).update(verified_at=now)
        return customer


def merge_customers(first: Customer, second: Customer, *, reason: str) -> Customer:
    """Make two records of one person into one. The shop's own record (with an external id)
    survives, else the older one. Everything pointing at the other moves over; contact fields
    the survivor lacks are filled in; segments are united."""
    if first.pk == second.pk:
        return first
    if first.shop_id != second.shop_id:
        raise IdentityError("cross_shop", "Customers of different shops are never merged.")
    if first.external_id and second.external_id and first.external_id != second.external_id:
        # Two shop accounts proven by one phone: a shared phone, not one person. Keep both.
        raise IdentityError(
            "identity_conflict",
            _("This contact belongs to another account. Please contact the shop."),
        )
    keep, gone = sorted([first, second], key=lambda c: (not c.external_id, c.created_at, c.pk))
    with transaction.atomic():
        keep = Customer.objects.select_for_update().get(pk=keep.pk)
        gone = Customer.objects.select_for_update().get(pk=gone.pk)
        moved: dict[str, int] = {}
        for relation in Customer._meta.related_objects:
            if not relation.one_to_many:
                continue
            count = relation.related_model._default_manager.filter(
                **{relation.field.name: gone}
            ).update(**{relation.field.name: keep})
            if count:
                moved[relation.related_model._meta.label_lower] = count
        for field in ("display_name", "phone", "email", "address"):
            if not getattr(keep, field) and getattr(gone, field):
                setattr(keep, field, getattr(gone, field))
        keep.segments = sorted(set(keep.segments or []) | set(gone.segments or []))
        keep.preferences = {**(gone.preferences or {}), **(keep.preferences or {})}
        if not keep.external_id and gone.external_id:
            keep.external_id = gone.external_id
        gone_pk = gone.pk
        gone.delete()
        keep.save()
        record(
            "profiles.customers_merged",
            object_type="profiles.customer",
            object_id=keep.pk,
            changes={"merged_customer": gone_pk, "moved": moved, "reason": reason},
        )
        send_on_commit(
            customer_merged, sender=Customer, customer=keep, merged_id=gone_pk, reason=reason
        )
    return keep


@dataclass(frozen=True)
class PendingVerification:
    id: int
    channel: str
    masked: str
    expires_in: int


def address_kind(address: str) -> str:
    address = address.strip()
    if EMAIL_RE.match(address):
        return IdentityKind.EMAIL
    if PHONE_RE.match(crypto.NORMALIZERS["phone"](address)) and not re.search(r"[A-Za-z]", address):
        return IdentityKind.PHONE
    raise IdentityError("invalid_address", _("Enter a mobile number or an e-mail address."))


def mask_address(kind: str, address: str) -> str:
    if kind == IdentityKind.EMAIL:
        name, _at, domain = address.strip().partition("@")
        return f"{name[:1]}***@{domain}"
    # The number as the customer knows it (national form), not the +86 prefix.
    try:
        digits = str(phonenumbers.parse(address, settings.PHONE_REGION).national_number)
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", address)
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) > 7 else "****" + digits[-2:]


def _code_hash(address_index: str, code: str) -> str:
    return crypto.blind_index(code, context=f"profiles.verification:{address_index}")


def customer_with_contact(shop, kind: str, address: str) -> Customer | None:  # type: ignore[no-untyped-def]
    """The customer this phone/e-mail reaches: a contact field the shop gave us, else an
    identity proven earlier."""
    field = "phone" if kind == IdentityKind.PHONE else "email"
    customer = (
        Customer.objects.filter(
            shop=shop, **{f"{field}_index": blind_lookup(Customer, field, address)}
        )
        .order_by("id")
        .first()
    )
    return customer or customer_for(shop, kind, address)


def start_verification(  # type: ignore[no-untyped-def]
    shop, address: str, *, requester: str, language: str = "zh"
) -> PendingVerification:
    """Send a one-time code to ``address`` if it belongs to one of the shop's customers.
    The reply is the same whether it does or not, so the chat cannot be used to find out
    who is a customer. ``requester`` (say, a visitor's token hash) is who may answer it."""
    kind = address_kind(address)
    address_index = _index(kind, address)
    since = timezone.now() - CODE_WINDOW
    recent = VerificationCode.objects.filter(
        shop=shop, address_index=address_index, created_at__gte=since
    ).count()
    if recent >= MAX_CODES:
        raise IdentityError(
            "too_many_codes", _("Too many codes requested. Please try again in 15 minutes.")
        )
    _admit_code(shop, address_index)
    customer = customer_with_contact(shop, kind, address)
    code = f"{secrets.randbelow(10**6):06d}"
    pending = VerificationCode.objects.create(
        shop=shop,
        customer=customer,
        channel=kind,
        address_index=address_index,
        requester=requester,
        code_hash=_code_hash(address_index, code),
        expires_at=timezone.now() + CODE_LIFETIME,
    )
    if customer is not None:
        text = (
            f"Your {shop.name} verification code is {code}. It expires in 10 minutes."
            if language == "en"
            else f"【{shop.name}】您的验证码是 {code}，10 分钟内有效。请勿告诉他人。"
        )
        destination = normalized(kind, address)
        if kind == IdentityKind.PHONE:
            transaction.on_commit(lambda: delivery.send_sms(destination, text))
        else:
            transaction.on_commit(
                lambda: delivery.send_email(destination, f"{shop.name} verification code", text)
            )
    record(
        "profiles.verification_requested",
        object_type="profiles.customer",
        object_id=customer.pk if customer else "",
        changes={"channel": kind, "known": customer is not None},
    )
    return PendingVerification(
        pending.pk, kind, mask_address(kind, address), int(CODE_LIFETIME.total_seconds())
    )


def _limit(name: str) -> int:
    return int(getattr(settings, name, OTP_LIMITS[name]))


def _hour_key(scope: str, ident: object) -> str:
    # OTP_COUNTER_NAMESPACE lets the test suite give each test counters of its own.
    namespace = getattr(settings, "OTP_COUNTER_NAMESPACE", "")
    return f"otp:{namespace}:{scope}:{ident}:{int(time.time() // 3600)}"


def _public_ip(ip: str) -> str:
    """The caller's address when it is a public one. A loopback or private address is the
    reverse proxy in front of the app (no trusted forwarded address): capping it would cap
    every customer at once, so the shop and global caps cover that case."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    return "" if address.is_private or address.is_loopback else ip


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def _bump(key: str) -> int:
    cache.add(key, 0, timeout=2 * 3600)
    try:
        return int(cache.incr(key))
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=2 * 3600)
        return 1


def _admit_code(shop, address_index: str) -> None:  # type: ignore[no-untyped-def]
    """Refuse a code past any flood cap: per address per day, per caller address and per shop
    per hour, and the hourly circuit breaker over every shop. Counters live in the shared
    cache (Redis), so every process counts together."""
    too_many = IdentityError(
        "too_many_codes", _("Too many codes requested. Please try again later.")
    )
    if cache.get(_hour_key("breaker", "all")):
        raise IdentityError(
            "codes_paused", _("Codes cannot be sent right now. Please try again later.")
        )
    day = VerificationCode.objects.filter(
        shop=shop, address_index=address_index, created_at__gte=timezone.now() - timedelta(days=1)
    ).count()
    if day >= _limit("OTP_MAX_PER_ADDRESS_PER_DAY"):
        raise too_many
    # The socket's or request's client address, from the audit context every entry point binds.
    ip = _public_ip(audit_context.current().ip_address or "")
    ip_key = _hour_key("ip", hashlib.sha256(ip.encode()).hexdigest()[:32]) if ip else ""
    if ip_key and _count(ip_key) >= _limit("OTP_MAX_PER_IP_PER_HOUR"):
        raise too_many
    shop_key = _hour_key("shop", shop.pk)
    if _count(shop_key) >= _limit("OTP_MAX_PER_SHOP_PER_HOUR"):
        raise too_many
    if _bump(_hour_key("all", "all")) > _limit("OTP_MAX_PER_HOUR"):
        _open_breaker()
        raise IdentityError(
            "codes_paused", _("Codes cannot be sent right now. Please try again later.")
        )
    _bump(shop_key)
    if ip_key:
        _bump(ip_key)


def _open_breaker() -> None:
    """Stop every code for the rest of the hour and alert the administrators, once."""
    if not cache.add(_hour_key("breaker", "all"), 1, timeout=3600):
        return
    limit = _limit("OTP_MAX_PER_HOUR")
    logger.error("One-time codes paused: more than %s requested this hour", limit)
    record(
        "profiles.otp_circuit_open",
        object_type="profiles.verificationcode",
        changes={"limit_per_hour": limit},
    )
    try:
        mail_admins(
            "One-time codes paused",
            f"More than {limit} one-time codes were requested in the last hour across all "
            "shops, so none are sent until the hour is over. Check the audit log "
            "(profiles.verification_requested) for the shops and addresses involved.",
        )
    except Exception:
        logger.exception("Could not e-mail the administrators about the paused codes")


def confirm_verification(shop, requester: str, code: str) -> Customer:  # type: ignore[no-untyped-def]
    """The customer whose code ``requester`` asked for last, once; wrong guesses count against
    the code. The code belongs to the requester, not to a socket: a reconnect in between (a
    network blip, another page of the shop) does not lose it."""
    code = str(code).strip()
    with transaction.atomic():
        pending = (
            VerificationCode.objects.select_for_update(of=("self",))
            .select_related("customer")
            .filter(shop=shop, requester=requester)
            .exclude(requester="")
            .order_by("-id")
            .first()
        )
        if pending is None:
            raise IdentityError("no_verification_pending", _("Ask for a code first."))
        if (
            pending.used_at is not None
            or pending.expires_at <= timezone.now()
            or pending.attempts >= MAX_ATTEMPTS
        ):
            raise IdentityError("code_expired", _("This code has expired. Ask for a new one."))
        pending.attempts += 1
        correct = pending.customer is not None and secrets.compare_digest(
            pending.code_hash, _code_hash(pending.address_index, code)
        )
        if correct:
            pending.used_at = timezone.now()
        pending.save(update_fields=["attempts", "used_at"])
    if not correct:
        left = MAX_ATTEMPTS - pending.attempts
        record(
            "profiles.verification_failed",
            object_type="profiles.customer",
            object_id=pending.customer_id or "",
            changes={"attempts": pending.attempts},
        )
        if left <= 0:
            raise IdentityError("code_expired", _("Too many wrong codes. Ask for a new one."))
        raise IdentityError(
            "wrong_code", _("That code is not right. %(left)d attempts left.") % {"left": left}
        )
    customer = pending.customer
    assert customer is not None
    record(
        "profiles.identity_verified",
        object_type="profiles.customer",
        object_id=customer.pk,
        changes={"channel": pending.channel},
    )
    return customer
