from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AuditedModelAdmin
from chatbot.services import ChatError
from desk.models import Label, Macro
from desk.services.macros import clean_steps


@admin.register(Label)
class LabelAdmin(AuditedModelAdmin):
    list_display = ["name", "colour", "shop"]
    list_filter = ["shop"]
    search_fields = ["name"]


class MacroForm(forms.ModelForm):
    class Meta:
        model = Macro
        fields = ["name", "owner", "shop", "actions"]
        help_texts = {
            "actions": _(
                'A list of steps, e.g. [{"action": "add_label", "params": {"label": "refund"}}, '
                '{"action": "send_reply", "params": {"text": "Hello {customer.name}"}}, '
                '{"action": "close"}].'
            )
        }

    def clean_actions(self) -> list:
        try:
            return clean_steps(self.cleaned_data.get("actions"))
        except ChatError as exc:
            raise forms.ValidationError(exc.detail) from None


@admin.register(Macro)
class MacroAdmin(AuditedModelAdmin):
    form = MacroForm
    list_display = ["name", "owner", "shop", "updated_at"]
    list_filter = ["shop"]
    search_fields = ["name"]
