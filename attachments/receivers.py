"""Whenever an attachment row goes (erasure, a conversation deleted in the admin, the purge of
unattached uploads), its encrypted files go with it, after the deletion commits."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from attachments.models import Attachment
from attachments.services import forget_files_on_commit


@receiver(post_delete, sender=Attachment, dispatch_uid="attachments.delete_files")
def delete_files(sender: type, instance: Attachment, **kwargs: Any) -> None:
    forget_files_on_commit(instance)
