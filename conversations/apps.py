from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    """The conversation and its transcript: the record every other app reads.

    It sits below routing and chat so that routing can place conversations without importing
    the chat layer that talks to customers.
    """

    name = "conversations"
    verbose_name = _("Conversations and messages")
