from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from chatbot.models import Message
from gateway import services


@receiver(post_save, sender=Message)
def send_replies_out(sender: type[Message], instance: Message, created: bool, **_: Any) -> None:
    """Every reply on a conversation that came in over SMS, WeChat, e-mail or a webhook goes
    back out the same way, whoever wrote it (bot, agent, system)."""
    if created and services.wants_delivery(instance):
        services.enqueue(instance)
