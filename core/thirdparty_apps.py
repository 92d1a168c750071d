"""Names for the third-party apps the admin lists, in the reader's language.

django-axes calls itself "Axes" and django-otp's TOTP plugin "Otp_Totp" (its device model
"TOTP device"), none of it through gettext: staff reading the admin in Chinese saw those
English names. INSTALLED_APPS points at these configs instead; the apps are otherwise the same.
"""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class LoginProtectionConfig(AxesAppConfig):
    verbose_name = _("Log-in protection")


class AuthenticatorConfig(TOTPAppConfig):
    verbose_name = _("Two-factor authentication")

    def ready(self) -> None:
        super().ready()
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # Only the displayed names: the migration state reads the model's declared options.
        TOTPDevice._meta.verbose_name = _("authenticator app")
        TOTPDevice._meta.verbose_name_plural = _("authenticator apps")


# django-axes names its models through gettext but ships no Chinese catalogue, and Django's
# admin misses a few of its own (the index's screen-reader headings). Listed here so that
# makemessages keeps them in ours.
CATALOGUE_ONLY = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
)
