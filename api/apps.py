from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST conversation API under /api/v1/ with scoped tokens."""

    name = "api"
    verbose_name = _("Conversation API")

    def ready(self) -> None:
        from api import schema  # noqa: F401  (registers the token's security scheme)
