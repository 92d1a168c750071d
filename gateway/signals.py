from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from chatbot.console import transcript_facts
from conversations.models import Conversation, Message
from gateway import services, window
from gateway.models import ChannelThread


@receiver(post_save, sender=Message)
def send_replies_out(sender: type[Message], instance: Message, created: bool, **_: Any) -> None:
    """Every reply on a conversation that came in over SMS, WeChat, e-mail or a webhook goes
    back out the same way, whoever wrote it (bot, agent, system)."""
    if created and services.wants_delivery(instance):
        services.enqueue(instance)


@receiver(transcript_facts, sender=Conversation)
def reply_window(sender: type[Conversation], conversation: Conversation, **_: Any) -> dict | None:
    """The console shows "window closed — send template" (WhatsApp) or "only a person's reply,
    until …" (Messenger, Instagram) from this before the agent types."""
    if conversation.channel not in window.WINDOWED:
        return None
    thread = (
        ChannelThread.objects.select_related("account")
        .filter(conversation_id=conversation.pk)
        .first()
    )
    state = window.state(thread) if thread is not None else None
    return {"reply_window": state} if state is not None else None
