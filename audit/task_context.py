"""Audit context for Celery tasks: a task's audit records name the user whose action queued it
(the context of the request or socket that sent it), or "system" for scheduled work.

The sending side stamps the user's id on the task message; the worker binds a context with that
user, loaded from the database only if the task actually writes an audit record. Tasks run
eagerly (the embedded default) keep the caller's context as it is.
"""

from __future__ import annotations

from contextvars import Token
from typing import Any

from celery.signals import before_task_publish, task_postrun, task_prerun
from django.contrib.auth import get_user_model
from django.utils.functional import SimpleLazyObject

from audit.context import AuditContext, bind, current, reset

HEADER = "audit_user_id"
SYSTEM = "system"

_bound: dict[str, Token[Any]] = {}


@before_task_publish.connect(dispatch_uid="audit.stamp_task")
def stamp_task(headers: dict[str, Any] | None = None, **_: Any) -> None:
    user = current().user
    if headers is not None and user is not None and getattr(user, "is_authenticated", False):
        headers[HEADER] = user.pk


def context_for(user_id: Any) -> AuditContext:
    if not isinstance(user_id, int):
        return AuditContext(actor_repr=SYSTEM)
    user = SimpleLazyObject(lambda: get_user_model().objects.filter(pk=user_id).first())
    return AuditContext(user=user, actor_repr=SYSTEM)


@task_prerun.connect(dispatch_uid="audit.bind_task")
def bind_task(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    if task is None or task_id is None or task.request.is_eager:
        return
    _bound[task_id] = bind(context_for(getattr(task.request, HEADER, None)))


@task_postrun.connect(dispatch_uid="audit.unbind_task")
def unbind_task(task_id: str | None = None, **_: Any) -> None:
    token = _bound.pop(task_id or "", None)
    if token is not None:
        reset(token)
