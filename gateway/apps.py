from django.apps import AppConfig


class GatewayConfig(AppConfig):
    name = "gateway"
    verbose_name = "Channels (SMS, voice, WeChat, e-mail, webhook)"

    def ready(self) -> None:
        from gateway import signals  # noqa: F401  (outbound delivery of replies)
