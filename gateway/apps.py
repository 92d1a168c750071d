from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatewayConfig(AppConfig):
    name = "gateway"
    verbose_name = _("Channels (SMS, voice, WeChat, e-mail, chat apps, webhook)")

    def ready(self) -> None:
        from gateway import signals  # noqa: F401  (outbound delivery of replies)
