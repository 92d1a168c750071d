from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField
from knowledge.models import Language


def new_site_key() -> str:
    return secrets.token_urlsafe(12)


def new_identity_secret() -> str:
    return secrets.token_urlsafe(32)


# A signed identity is good for ten minutes (issue 17 L8): one copied from a page, a log or a
# browser history stops working soon after, instead of identifying the customer forever.
IDENTITY_SIGNATURE_MAX_AGE = 600
_TIMESTAMPED = re.compile(r"^(\d{1,12})\.([0-9a-f]{64})$")


def normalize_origin(origin: str) -> str:
    """``https://Shop.example:443/`` → ``https://shop.example`` (scheme://host[:port])."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an origin: {origin!r}")
    default_port = {"http": 80, "https": 443}[parts.scheme]
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


class Shop(models.Model):
    """A shop that embeds the chat. Its public site key goes in the widget's script tag; its
    identity secret stays on the shop's server and signs customer ids."""

    name = models.CharField(_("name"), max_length=100)
    site_key = models.SlugField(_("site key"), max_length=32, unique=True, default=new_site_key)
    identity_secret = EncryptedTextField(
        _("identity secret"),
        default=new_identity_secret,
        help_text=_(
            "Signs customer ids: signature = TS + '.' + hex(HMAC-SHA256(secret, "
            "customer_id + ':' + TS)), TS the current Unix time; valid for 10 minutes."
        ),
    )
    legacy_signatures_until = models.DateTimeField(
        _("accept untimed signatures until"),
        null=True,
        blank=True,
        help_text=_(
            "Until then the old signature form, hex(HMAC-SHA256(secret, customer_id)) without "
            "a time, is still accepted, so the shop can move its back end over. Empty: refused."
        ),
    )
    allowed_origins = models.TextField(
        _("allowed origins"),
        blank=True,
        help_text=_(
            "One per line, e.g. https://shop.example. Pages elsewhere cannot open the chat."
        ),
    )
    welcome_message = models.CharField(
        _("welcome message"),
        max_length=300,
        blank=True,
        default="您好！我是智能客服，请问有什么可以帮您？ Hi! How can I help you?",
    )
    default_language = models.CharField(
        _("default language"),
        max_length=8,
        choices=Language.choices,
        default=Language.ZH_HANS,
        help_text=_(
            "The bot answers in this language when neither the customer's question nor the "
            "conversation (the widget's or channel's language) shows one."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    message_retention_days = models.PositiveIntegerField(
        _("keep messages for (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(7)],
        help_text=_(
            "Message texts of closed conversations older than this are purged every night. "
            "Empty: kept until a customer's data is erased."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("shop")
        verbose_name_plural = _("shops")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        bad = []
        for line in self.allowed_origins.splitlines():
            if line.strip():
                try:
                    normalize_origin(line)
                except ValueError:
                    bad.append(line.strip())
        if bad:
            raise ValidationError({"allowed_origins": _("Not an origin: %s") % ", ".join(bad)})

    def origin_list(self) -> set[str]:
        return {normalize_origin(o) for o in self.allowed_origins.splitlines() if o.strip()}

    def origin_allowed(self, origin: str | None, own_hosts: list[str]) -> bool:
        if not origin:
            return False
        try:
            normalized = normalize_origin(origin)
        except ValueError:
            return False
        host = urlsplit(normalized).hostname or ""
        # The platform's own chat page (/chat/<key>/) is always allowed.
        if any(h == host or (h.startswith(".") and host.endswith(h)) for h in own_hosts):
            return True
        return normalized in self.origin_list()

    def _hmac(self, message: str) -> str:
        return hmac.new(self.identity_secret.encode(), message.encode(), hashlib.sha256).hexdigest()

    def sign(self, customer_id: str, timestamp: int | None = None) -> str:
        """What the shop's back end puts in ``data-customer-signature`` (``TS.HEX``)."""
        ts = int(time.time()) if timestamp is None else timestamp
        return f"{ts}.{self._hmac(f'{customer_id}:{ts}')}"

    def verify_identity(self, customer_id: str, signature: str) -> bool:
        """A signature of ``customer_id`` at most ten minutes old (or, while the shop is
        moving over, one of the old untimed form)."""
        if not customer_id or not isinstance(signature, str):
            return False
        try:  # as bytes: compare_digest raises TypeError on non-ASCII str; a bad one just fails
            given = signature.encode("ascii")
            customer_id.encode()
        except UnicodeEncodeError:  # lone surrogates or non-ASCII from a hostile client
            return False
        if match := _TIMESTAMPED.match(signature):
            ts = int(match.group(1))
            if abs(time.time() - ts) > IDENTITY_SIGNATURE_MAX_AGE:
                return False
            return hmac.compare_digest(given, self.sign(customer_id, ts).encode())
        if self.legacy_signatures_until and timezone.now() < self.legacy_signatures_until:
            return hmac.compare_digest(given, self._hmac(customer_id).encode())
        return False

    def masked_identity_secret(self) -> str:
        return "•" * 8 + self.identity_secret[-4:] if self.identity_secret else ""

    def rotate_identity_secret(self) -> str:
        """A new secret (returned once, for the administrator to hand to the shop); every
        signature made with the old one stops working at once."""
        self.identity_secret = new_identity_secret()
        self.save(update_fields=["identity_secret"])
        return self.identity_secret
