from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CannedReply(models.Model):
    title = models.CharField(_("title"), max_length=80)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    shop = models.ForeignKey(
        "shops.Shop",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Empty: available for every shop."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name_plural = _("canned replies")

    def __str__(self) -> str:
        return self.title
