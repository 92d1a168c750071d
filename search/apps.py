from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Keyed token search over encrypted conversations: HMAC tokens, never plaintext."""

    name = "search"
    verbose_name = _("Conversation search")

    def ready(self) -> None:
        from search import receivers

        receivers.connect()
