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

    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="customers", verbose_name=_("shop")
    )
    external_id = models.CharField(
        max_length=100, blank=True, default="", verbose_name=_("shop's customer id")
    )
    display_name = EncryptedTextField(blank=True, verbose_name=_("display name"))
    phone = EncryptedTextField(blank=True, verbose_name=_("phone"))
    phone_index = BlindIndexField(
        source="phone", normalizer="phone", verbose_name=_("phone look-up hash")
    )
    email = EncryptedTextField(blank=True, verbose_name=_("e-mail"))
    email_index = BlindIndexField(
        source="email", normalizer="email", verbose_name=_("e-mail look-up hash")
    )
    address = EncryptedTextField(blank=True, verbose_name=_("address"))
    segments = models.JSONField(
        default=list, blank=True, help_text=_('e.g. ["vip"]'), verbose_name=_("segments")
    )
    preferences = models.JSONField(
        default=dict,
        blank=True,
        help_text=_('e.g. {"proactive_suggestions": false}'),
        verbose_name=_("preferences"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
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

    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="identities", verbose_name=_("shop")
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="identities", verbose_name=_("customer")
    )
    kind = models.CharField(max_length=16, choices=IdentityKind.choices, verbose_name=_("kind"))
    value = EncryptedTextField(verbose_name=_("value"))
    value_index = BlindIndexField(
        source="value", normalizer="text", verbose_name=_("value look-up hash")
    )
    verified_at = models.DateTimeField(null=True, blank=True, verbose_name=_("verified at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("channel identity")
        verbose_name_plural = _("channel identities")
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

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, verbose_name=_("shop"))
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("customer")
    )
    channel = models.CharField(
        max_length=16, choices=IdentityKind.choices, verbose_name=_("channel")
    )
    address_index = models.CharField(
        max_length=64, db_index=True, verbose_name=_("address look-up hash")
    )
    # Who asked for the code (a chat visitor's token hash): only they may answer it, from any
    # socket or page of theirs.
    requester = models.CharField(
        max_length=64, db_index=True, blank=True, default="", verbose_name=_("requested by")
    )
    code_hash = models.CharField(max_length=64, verbose_name=_("code hash"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("used at"))

    class Meta:
        verbose_name = _("verification code")
        verbose_name_plural = _("verification codes")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} code #{self.pk}"


class ProductView(models.Model):
    """A browsing event: a customer (or a not yet identified visitor) looked at a product.
    Implicit feedback for the recommender, next to purchases."""

    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="views", verbose_name=_("shop")
    )
    customer = models.ForeignKey(
        Customer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="views",
        verbose_name=_("customer"),
    )
    visitor_key = models.CharField(max_length=64, blank=True, verbose_name=_("visitor key"))
    sku = models.CharField(max_length=64, verbose_name=_("SKU"))
    at = models.DateTimeField(db_index=True, verbose_name=_("time"))

    class Meta:
        verbose_name = _("product view")
        verbose_name_plural = _("product views")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["shop", "customer", "-at"])]

    def __str__(self) -> str:
        return f"view of {self.sku}"


class RecommenderModel(models.Model):
    """A trained recommender for one shop; the newest row per shop is the one in service."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, verbose_name=_("shop"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    n_customers = models.PositiveIntegerField(verbose_name=_("customers"))
    n_products = models.PositiveIntegerField(verbose_name=_("products"))
    n_interactions = models.PositiveIntegerField(verbose_name=_("interactions"))
    train_seconds = models.FloatField(verbose_name=_("training time (s)"))
    artifact = models.BinaryField(verbose_name=_("stored model"))

    class Meta:
        verbose_name = _("recommender model")
        verbose_name_plural = _("recommender models")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"recommender v{self.pk} for {self.shop}"


class Product(models.Model):
    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="products", verbose_name=_("shop")
    )
    sku = models.CharField(max_length=64, verbose_name=_("SKU"))
    name = models.CharField(max_length=200, verbose_name=_("product name"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    category = models.CharField(max_length=100, blank=True, verbose_name=_("category"))
    price = models.DecimalField(max_digits=12, decimal_places=2, verbose_name=_("price"))
    currency = models.CharField(max_length=3, default="CNY", verbose_name=_("currency"))
    stock = models.IntegerField(default=0, verbose_name=_("stock"))
    attributes = models.JSONField(default=dict, blank=True, verbose_name=_("attributes"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
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
    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="orders", verbose_name=_("shop")
    )
    customer = models.ForeignKey(
        Customer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        verbose_name=_("customer"),
    )
    number = models.CharField(max_length=64, verbose_name=_("order number"))
    status = models.CharField(max_length=12, choices=OrderStatus.choices, verbose_name=_("status"))
    total = models.DecimalField(max_digits=12, decimal_places=2, verbose_name=_("total"))
    currency = models.CharField(max_length=3, default="CNY", verbose_name=_("currency"))
    carrier = models.CharField(max_length=50, blank=True, verbose_name=_("courier"))
    tracking_number = models.CharField(max_length=64, blank=True, verbose_name=_("tracking number"))
    placed_at = models.DateTimeField(verbose_name=_("placed at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(fields=["shop", "number"], name="unique_order_number")
        ]

    def __str__(self) -> str:
        return self.number


class OrderItem(models.Model):
    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="items", verbose_name=_("order")
    )
    sku = models.CharField(max_length=64, verbose_name=_("SKU"))
    name = models.CharField(max_length=200, verbose_name=_("product name"))
    quantity = models.PositiveIntegerField(verbose_name=_("quantity"))
    unit_price = models.DecimalField(max_digits=12, decimal_places=2, verbose_name=_("unit price"))

    class Meta:
        verbose_name = _("order item")
        verbose_name_plural = _("order items")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.sku}"


class OrderEvent(models.Model):
    """The order's status timeline, one row per status it reached."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="events", verbose_name=_("order")
    )
    status = models.CharField(max_length=12, choices=OrderStatus.choices, verbose_name=_("status"))
    at = models.DateTimeField(verbose_name=_("time"))
    note = models.CharField(max_length=200, blank=True, verbose_name=_("note"))

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.order} {self.status}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiScope(models.TextChoices):
    """What a token may do. Tokens made before scopes existed were given catalogue:write (the
    only thing the API did then) by migration 0011."""

    CATALOGUE_WRITE = "catalogue:write", _("Write products, customers, orders and views (bulk)")
    CONVERSATIONS_READ = "conversations:read", _("Read conversations and transcripts")
    CONVERSATIONS_WRITE = (
        "conversations:write",
        _("Act on conversations (messages, notes, assign, close, snooze, labels)"),
    )
    CONTACTS_READ = "contacts:read", _("Read customers' contact details unmasked")


class ApiToken(models.Model):
    """A shop back end's credential for the data API. Only the hash is stored; the token is
    shown once, when it is created in the admin."""

    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("shop")
    )
    name = models.CharField(max_length=80, verbose_name=_("name"))
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=_("token hash")
    )
    prefix = models.CharField(max_length=8, editable=False, verbose_name=_("prefix"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last used at")
    )
    revoked = models.BooleanField(default=False, verbose_name=_("revoked"))
    scopes = models.JSONField(default=list, blank=True, verbose_name=_("scopes"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.shop}: {self.name} ({self.prefix}…)"

    @classmethod
    def issue(  # type: ignore[no-untyped-def]
        cls, shop, name: str, scopes: tuple[str, ...] | list[str] = (ApiScope.CATALOGUE_WRITE,)
    ) -> tuple[ApiToken, str]:
        token = secrets.token_urlsafe(32)
        return cls.objects.create(
            shop=shop,
            name=name,
            token_hash=hash_token(token),
            prefix=token[:8],
            scopes=[str(scope) for scope in scopes],
        ), token

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])
