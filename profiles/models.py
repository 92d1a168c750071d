from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import BlindIndexField, EncryptedTextField


class Segment(models.TextChoices):
    VIP = "vip", _("VIP")
    NEW = "new", _("New")
    AT_RISK = "at_risk", _("At risk")


class Customer(models.Model):
    """A shop's customer. Every personal field is encrypted at rest; phone and e-mail keep a
    blind index so a returning customer can be found by equality without decrypting anything.
    ``external_id`` is the shop's own id for the customer (from a signed chat identity or the
    shop API): an opaque reference, not personal data in itself."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="customers")
    external_id = models.CharField(max_length=100, blank=True, default="")
    display_name = EncryptedTextField(blank=True)
    phone = EncryptedTextField(blank=True)
    phone_index = BlindIndexField(source="phone", normalizer="phone")
    email = EncryptedTextField(blank=True)
    email_index = BlindIndexField(source="email", normalizer="email")
    address = EncryptedTextField(blank=True)
    segments = models.JSONField(default=list, blank=True, help_text=_('e.g. ["vip"]'))
    preferences = models.JSONField(
        default=dict, blank=True, help_text=_('e.g. {"proactive_suggestions": false}')
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        permissions = [
            ("export_customer_data", "Can export everything held about a customer"),
            ("erase_customer_data", "Can erase a customer's personal data"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "external_id"],
                condition=~Q(external_id=""),
                name="unique_customer_external_id",
            )
        ]

    def __str__(self) -> str:
        return f"Customer #{self.pk}"

    @property
    def is_vip(self) -> bool:
        return Segment.VIP in (self.segments or [])

    @property
    def wants_proactive_suggestions(self) -> bool:
        return (self.preferences or {}).get("proactive_suggestions", True) is not False


class IdentityKind(models.TextChoices):
    WEB_VISITOR = "web_visitor", _("Web chat visitor")
    SHOP_CUSTOMER = "shop_customer", _("Signed shop customer id")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("E-mail address")
    WECHAT = "wechat", _("WeChat openid")
    SOCIAL = "social", _("User id on another platform")


class ChannelIdentity(models.Model):
    """One way a customer reaches the shop. Several identities point at one customer once they
    are proven to be the same person (a signed shop id, or a one-time code answered on the
    channel); the value is encrypted, and found again through its blind index."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="identities")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="identities")
    kind = models.CharField(max_length=16, choices=IdentityKind.choices)
    value = EncryptedTextField()
    value_index = BlindIndexField(source="value", normalizer="text")
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "kind", "value_index"], name="unique_channel_identity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.customer}"


class VerificationCode(models.Model):
    """A one-time code sent to a customer's phone or e-mail to prove a chat visitor is them.
    Only an HMAC of the code is kept; it expires, and a few wrong guesses burn it."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, null=True, blank=True)
    channel = models.CharField(max_length=16, choices=IdentityKind.choices)
    address_index = models.CharField(max_length=64, db_index=True)
    # Who asked for the code (a chat visitor's token hash): only they may answer it, from any
    # socket or page of theirs.
    requester = models.CharField(max_length=64, db_index=True, blank=True, default="")
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} code #{self.pk}"


class ProductView(models.Model):
    """A browsing event: a customer (or a not yet identified visitor) looked at a product.
    Implicit feedback for the recommender, next to purchases."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="views")
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.CASCADE, related_name="views"
    )
    visitor_key = models.CharField(max_length=64, blank=True)
    sku = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["shop", "customer", "-at"])]

    def __str__(self) -> str:
        return f"view of {self.sku}"


class RecommenderModel(models.Model):
    """A trained recommender for one shop; the newest row per shop is the one in service."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)
    n_customers = models.PositiveIntegerField()
    n_products = models.PositiveIntegerField()
    n_interactions = models.PositiveIntegerField()
    train_seconds = models.FloatField()
    artifact = models.BinaryField()

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"recommender v{self.pk} for {self.shop}"


class Product(models.Model):
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="products")
    sku = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=100, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="CNY")
    stock = models.IntegerField(default=0)
    attributes = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["shop", "sku"]
        constraints = [models.UniqueConstraint(fields=["shop", "sku"], name="unique_product_sku")]

    def __str__(self) -> str:
        return f"{self.sku} {self.name}"


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Pending payment")
    PAID = "paid", _("Paid")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    RETURNED = "returned", _("Returned")


class Order(models.Model):
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="orders")
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    number = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=OrderStatus.choices)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="CNY")
    carrier = models.CharField(max_length=50, blank=True)
    tracking_number = models.CharField(max_length=64, blank=True)
    placed_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(fields=["shop", "number"], name="unique_order_number")
        ]

    def __str__(self) -> str:
        return self.number


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    sku = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.quantity} × {self.sku}"


class OrderEvent(models.Model):
    """The order's status timeline, one row per status it reached."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=OrderStatus.choices)
    at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.order} {self.status}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A shop back end's credential for the data API. Only the hash is stored; the token is
    shown once, when it is created in the admin."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.shop}: {self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, shop, name: str) -> tuple[ApiToken, str]:  # type: ignore[no-untyped-def]
        token = secrets.token_urlsafe(32)
        return cls.objects.create(
            shop=shop, name=name, token_hash=hash_token(token), prefix=token[:8]
        ), token
