"""The search box and its filters, as the results page and the JSON endpoint read them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from analytics.forms import CHANNELS
from conversations.models import ConversationStatus
from desk.models import Label
from search.services import MAX_QUERY, Filters

STATUSES = [("", _("Any status")), *ConversationStatus.choices]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY, strip=True)
    label = forms.ModelChoiceField(
        Label.objects.select_related("shop"),
        label=_("Label"),
        required=False,
        empty_label=_("All labels"),
    )
    agent = forms.ModelChoiceField(
        get_user_model().objects.none(),
        label=_("Agent"),
        required=False,
        empty_label=_("Any agent"),
        widget=forms.Select(attrs={"translate": "no"}),  # user names
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=CHANNELS, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    page = forms.IntegerField(min_value=1, max_value=50, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = get_user_model().objects.filter(
            is_active=True, groups__name__in=[Role.AGENT, Role.SUPERVISOR]
        )
        self.fields["agent"].queryset = staff.distinct().order_by("username")  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs.update(
            {"type": "search", "autofocus": True, "data-testid": "search-query"}
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            label=data["label"].pk if data.get("label") else None,
            agent=data["agent"].pk if data.get("agent") else None,
            channel=data.get("channel") or "",
            status=data.get("status") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
