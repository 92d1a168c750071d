"""What the desk does when a message is stored (``post_save`` of ``Message``, which the
transcript sends for every insert). This runs on the chat's hot path, so each check starts
with what is already in memory and touches the database only when it may matter."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from conversations.models import Message, Sender
from desk.services import mentions, snooze


@receiver(post_save, sender=Message)
def message_stored(sender: type[Message], instance: Message, created: bool, **_: Any) -> None:
    if not created:
        return
    if instance.sender == Sender.CUSTOMER:
        # A cache read; the database only for a conversation flagged as snoozed.
        snooze.customer_wrote(instance)
    elif instance.is_private and instance.sender == Sender.AGENT and "@" in instance.text:
        mentions.note_written(instance)
