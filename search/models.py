"""The search index: keyed hashes of tokens, never the tokens themselves.

One ``SearchEntry`` per message and one ``SearchContact`` per customer (name, phone, e-mail,
order numbers: a search by phone finds the customer's conversations). Each row says which key
version hashed it, so a key rotation can re-index while searches keep working.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from search.fields import TokenArrayField


class SearchKey(models.Model):
    """One search key: a key version (``SEARCH_KEY_VERSION``) under one ``BLIND_INDEX_KEY``,
    which ``fingerprint`` tells apart without revealing it. Retired once no row uses it."""

    version = models.PositiveIntegerField(verbose_name=_("version"))
    fingerprint = models.CharField(max_length=16, verbose_name=_("key fingerprint"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    retired_at = models.DateTimeField(null=True, blank=True, verbose_name=_("retired at"))

    class Meta:
        verbose_name = _("search key")
        verbose_name_plural = _("search keys")
        constraints = [
            models.UniqueConstraint(fields=["version", "fingerprint"], name="unique_search_key")
        ]

    def __str__(self) -> str:
        return f"v{self.version} ({self.fingerprint})"


class SearchEntry(models.Model):
    message = models.OneToOneField(
        "conversations.Message",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("message"),
    )
    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("conversation"),
    )
    shop_id = models.IntegerField(verbose_name=_("shop"))
    # The SearchKey that hashed the row (no foreign key: rows are matched per key, never joined).
    key_id = models.IntegerField(verbose_name=_("search key"))
    tokens = TokenArrayField(verbose_name=_("token hashes"))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"message {self.message_id} (key {self.key_id})"


class SearchContact(models.Model):
    customer = models.OneToOneField(
        "profiles.Customer",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("customer"),
    )
    shop_id = models.IntegerField(verbose_name=_("shop"))
    # The SearchKey that hashed the row (no foreign key: rows are matched per key, never joined).
    key_id = models.IntegerField(verbose_name=_("search key"))
    tokens = TokenArrayField(verbose_name=_("token hashes"))

    class Meta:
        verbose_name = _("search contact")
        verbose_name_plural = _("search contacts")

    def __str__(self) -> str:
        return f"customer {self.customer_id} (key {self.key_id})"


class BackfillState(models.Model):
    """Where an interrupted ``search_backfill`` goes on from."""

    name = models.CharField(max_length=20, primary_key=True, verbose_name=_("name"))
    last_id = models.BigIntegerField(default=0, verbose_name=_("last id done"))
    key_id = models.IntegerField(default=0, verbose_name=_("search key"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("search backfill state")
        verbose_name_plural = _("search backfill states")

    def __str__(self) -> str:
        return f"{self.name} after {self.last_id}"
