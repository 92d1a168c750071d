"""Files and images carried by messages.

The bytes live in the ``attachments`` storage (``settings.STORAGES``), encrypted with the same
key ring as message text; the row holds what the chat shows about them and who may see them.
An upload is unattached (``message`` empty) until the message that carries it is stored;
unattached uploads older than a day are purged (``attachments.tasks``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField


class UploaderKind(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    STAFF = "staff", _("Staff")
    CHANNEL = "channel", _("Channel (WeChat, MMS, e-mail, webhook)")


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    VIDEO = "video", _("Video")
    FILE = "file", _("File")


class Attachment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    shop = models.ForeignKey(
        "shops.Shop",
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("shop"),
    )
    # The conversation it belongs to: a staff upload names it at once, a customer's gets it
    # with the message that carries it.
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("conversation"),
    )
    message = models.ForeignKey(
        "conversations.Message",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("message"),
    )
    uploader_kind = models.CharField(
        max_length=10, choices=UploaderKind.choices, verbose_name=_("uploaded by")
    )
    # SHA-256 of the uploading visitor's token (as conversations store it), never the token.
    visitor_token_hash = models.CharField(
        max_length=64, blank=True, db_index=True, verbose_name=_("visitor token hash")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("staff member"),
    )
    # File names say things ("张三-身份证.jpg"): encrypted like message text.
    name = EncryptedTextField(verbose_name=_("file name"))
    size = models.PositiveIntegerField(verbose_name=_("size (bytes)"))
    content_type = models.CharField(max_length=100, verbose_name=_("content type"))
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices, verbose_name=_("kind"))
    width = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("width"))
    height = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("height"))
    file_key = models.CharField(max_length=255, verbose_name=_("storage key"))
    thumbnail_key = models.CharField(
        max_length=255, blank=True, verbose_name=_("thumbnail storage key")
    )
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    def read_bytes(self) -> bytes:
        """The file's content, decrypted (for the data-subject export)."""
        from attachments import storage

        return storage.read(self.file_key)


class ShopAttachmentPolicy(models.Model):
    """A shop's own limits for attachments (a side table: the shop model stays the shops
    app's). Without a row, ``settings.ATTACHMENT_MAX_BYTES`` applies."""

    shop = models.OneToOneField(
        "shops.Shop",
        on_delete=models.CASCADE,
        related_name="attachment_policy",
        verbose_name=_("shop"),
    )
    max_file_mb = models.PositiveIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        verbose_name=_("largest file (MB)"),
        help_text=_("Files larger than this are refused, for customers and staff alike."),
    )

    class Meta:
        verbose_name = _("attachment policy")
        verbose_name_plural = _("attachment policies")

    def __str__(self) -> str:
        return f"{self.shop}: {self.max_file_mb} MB"
