import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from analytics.reports import Filters
from desk.models import Label
from routing.models import Team
from routing.scope import StaffScope, visible_teams
from shops.models import Shop

CHANNELS = [
    ("", _("All channels")),
    ("web", _("Web chat")),
    ("sms", _("SMS")),
    ("voice", _("Voice")),
    ("wechat", _("WeChat")),
    ("email", _("E-mail")),
    ("webhook", _("Other platforms")),
]
MAX_DAYS = 366


class ReportFilters(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))
    shop = forms.ModelChoiceField(
        Shop.objects.all(), label=_("Site"), required=False, empty_label=_("All sites")
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=CHANNELS, required=False)
    team = forms.ModelChoiceField(
        Team.objects.all(), label=_("Team"), required=False, empty_label=_("All teams")
    )
    label = forms.ModelChoiceField(
        Label.objects.select_related("shop"),
        label=_("Label"),
        required=False,
        empty_label=_("All labels"),
    )

    def __init__(self, *args: Any, scope: StaffScope | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        if scope is not None:
            # A supervisor of some teams may only pick those teams.
            self.fields["team"].queryset = visible_teams(scope)  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean()
        today = timezone.localdate()
        data["end"] = data.get("end") or today
        data["start"] = data.get("start") or data["end"] - dt.timedelta(days=29)
        if data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        if (data["end"] - data["start"]).days >= MAX_DAYS:
            raise forms.ValidationError(_("Choose at most a year."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            start=data["start"],
            end=data["end"],
            shop_id=data["shop"].pk if data.get("shop") else None,
            channel=data.get("channel") or "",
            team_id=data["team"].pk if data.get("team") else None,
            label_id=data["label"].pk if data.get("label") else None,
            scope=self.scope,
        )
