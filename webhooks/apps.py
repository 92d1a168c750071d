from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed outgoing event webhooks that shops subscribe to."""

    name = "webhooks"
    verbose_name = _("Event webhooks")

    def ready(self) -> None:
        from webhooks import listeners, receivers  # noqa: F401
