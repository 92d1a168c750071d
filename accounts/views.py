from django.contrib.auth.views import LoginView, redirect_to_login
from django.http import HttpRequest, HttpResponse
from django_otp import login as otp_login

from accounts.forms import StaffLoginForm
from accounts.landing import landing_url


class StaffLoginView(LoginView):
    form_class = StaffLoginForm

    def form_valid(self, form: StaffLoginForm) -> HttpResponse:
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)  # marks the session as verified
        return response

    def get_default_redirect_url(self) -> str:
        # Used when no (safe) ``next`` was given; the user is logged in by now.
        return landing_url(self.request.user)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin signs in through the same form (and second factor) as everything else."""
    return redirect_to_login(request.GET.get("next", "/admin/"))
