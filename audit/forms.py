"""The audit log's filters: one form for the page and the CSV export."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django import forms
from django.db import connection
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import ROLE_LABELS, Role
from audit.models import AuditEvent

# "auth.login" matches that action only; "auth." or "auth.*" every action starting with "auth.".
_ACTION = re.compile(r"^[\w.:-]+\*?$")


class AuditFilters(forms.Form):
    actor = forms.CharField(label=_("Actor (username)"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("All roles")), *[(r.value, ROLE_LABELS[r]) for r in Role]],
        required=False,
        help_text=_("The actor's role when the event was written."),
    )
    action = forms.CharField(
        label=_("Action"),
        max_length=80,
        required=False,
        help_text=_("Exact, or a prefix ending in “.” or “*” (e.g. auth.*)."),
    )
    object_type = forms.CharField(label=_("Object type"), max_length=100, required=False)
    object_id = forms.CharField(label=_("Object id"), max_length=64, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))
    ip_address = forms.GenericIPAddressField(label=_("IP address"), required=False)
    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        help_text=_("Searches the action, actor, object and changes."),
    )

    def clean_action(self) -> str:
        value = self.cleaned_data["action"].strip()
        if value and not _ACTION.match(value):
            raise forms.ValidationError(
                _("Use letters, digits and “._:-”, optionally ending in “*”.")
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def used(self) -> dict[str, str]:
        """The filters actually set, as text (for the export's own audit record)."""
        return {
            name: str(value) for name, value in self.cleaned_data.items() if value not in ("", None)
        }

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        data = self.cleaned_data
        if data.get("actor"):
            events = events.filter(actor_repr__iexact=data["actor"].strip())
        if data.get("role"):
            events = events.filter(actor_role=data["role"])
        if action := data.get("action"):
            if action.endswith(("*", ".")):
                events = events.filter(action__startswith=action.rstrip("*"))
            else:
                events = events.filter(action=action)
        if data.get("object_type"):
            events = events.filter(object_type=data["object_type"].strip())
        if data.get("object_id"):
            events = events.filter(object_id=data["object_id"].strip())
        # Dates are local (settings.TIME_ZONE); both ends are inclusive.
        if data.get("start"):
            events = events.filter(created_at__gte=_local_midnight(data["start"]))
        if data.get("end"):
            events = events.filter(
                created_at__lt=_local_midnight(data["end"] + dt.timedelta(days=1))
            )
        if data.get("ip_address"):
            events = events.filter(ip_address=data["ip_address"])
        if text := (data.get("q") or "").strip():
            events = events.annotate(changes_text=Cast("changes", TextField())).filter(
                Q(action__icontains=text)
                | Q(actor_repr__icontains=text)
                | Q(object_type__icontains=text)
                | Q(object_id__icontains=text)
                | Q(object_repr__icontains=text)
                | Q(changes_text__icontains=_json_text(text))
            )
        return events


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone()
    )


def _json_text(text: str) -> str:
    # Search the changes as the database spells them: JSON-escaped quotes and backslashes, and
    # on SQLite (which keeps json.dumps' output) non-ASCII as \uXXXX; jsonb prints it as is.
    return json.dumps(text, ensure_ascii=connection.vendor != "postgresql")[1:-1]
