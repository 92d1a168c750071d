"""Keeps the index current: conversations and profiles do not know search exists, search
listens to their saves."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from conversations.models import Message
from profiles.models import ChannelIdentity, Customer, Order

_CONTACT_FIELDS = frozenset(("display_name", "phone", "email"))


def _message_saved(sender: Any, instance: Message, created: bool, raw: bool, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if raw or (update_fields is not None and "text" not in update_fields):
        return
    if getattr(instance, "indexed_with_insert", False):  # the chat's one-statement store
        return
    from search.indexing import index_message

    index_message(instance)


def _customer_saved(sender: Any, instance: Customer, raw: bool, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if raw or (update_fields is not None and not _CONTACT_FIELDS.intersection(update_fields)):
        return
    from search.indexing import index_customer

    index_customer(instance)


def _owner_saved(sender: Any, instance: Any, raw: bool, **kwargs: Any) -> None:
    if raw or instance.customer_id is None:
        return
    from search.indexing import index_customer

    customer = Customer.objects.filter(pk=instance.customer_id).first()
    if customer is not None:
        index_customer(customer)


def connect() -> None:
    post_save.connect(_message_saved, sender=Message, dispatch_uid="search.message_saved")
    post_save.connect(_customer_saved, sender=Customer, dispatch_uid="search.customer_saved")
    post_save.connect(_owner_saved, sender=Order, dispatch_uid="search.order_saved")
    post_save.connect(_owner_saved, sender=ChannelIdentity, dispatch_uid="search.identity_saved")
