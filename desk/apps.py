from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """What an agent team organises its work with: labels, macros, snooze and mentions."""

    name = "desk"
    verbose_name = _("Agent desk")

    def ready(self) -> None:
        # Customer replies wake snoozes; notes with @someone notify them.
        from desk import receivers  # noqa: F401
