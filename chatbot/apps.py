from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatbotConfig(AppConfig):
    name = "chatbot"
    verbose_name = _("Chat")

    def ready(self) -> None:
        # Chat acts on what routing announces (routing never imports chat).
        from chatbot import receivers  # noqa: F401
