from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    """Files and images carried by messages: checked by content, re-encoded, encrypted at rest,
    served only through short-lived signed URLs (issue: rich messages)."""

    name = "attachments"
    verbose_name = _("Attachments")

    def ready(self) -> None:
        from attachments import receivers  # noqa: F401
