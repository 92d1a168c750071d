"""Whose rules a member of staff may edit: administrators every shop's, supervisors those of
the shops they supervise (``ShopSupervisor``), nobody else any."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.roles import Role, has_role
from automation.models import ShopSupervisor
from shops.models import Shop


def editable_shops(user: Any) -> QuerySet[Shop]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Shop.objects.none()
    if user.is_superuser or has_role(user, Role.ADMINISTRATOR):
        return Shop.objects.all()
    if has_role(user, Role.SUPERVISOR):
        return Shop.objects.filter(
            pk__in=ShopSupervisor.objects.filter(user=user).values("shop_id")
        )
    return Shop.objects.none()


def may_edit(user: Any, shop_id: int | None) -> bool:
    return shop_id is not None and editable_shops(user).filter(pk=shop_id).exists()
