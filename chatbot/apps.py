from django.apps import AppConfig


class ChatbotConfig(AppConfig):
    name = "chatbot"
    verbose_name = "Chat"

    def ready(self) -> None:
        # Chat acts on what routing announces (routing never imports chat).
        from chatbot import receivers  # noqa: F401
