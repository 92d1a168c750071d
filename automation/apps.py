from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AutomationConfig(AppConfig):
    """When an event happens, if conditions hold, then run actions: per-shop rules run in Celery."""

    name = "automation"
    verbose_name = _("Automation rules")

    def ready(self) -> None:
        from automation import receivers  # noqa: F401
