"""Log-in throttling, session expiry, password rules and the Content Security Policy."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_five_wrong_passwords_lock_the_account_for_that_address(client, make_user):
    make_user("ann", Role.AGENT, password="Right-pass-2026")
    statuses = [
        client.post("/accounts/login/", {"username": "ann", "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    locked = client.post("/accounts/login/", {"username": "ann", "password": "Right-pass-2026"})
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    # Another user at the same address is not locked out by ann's failures.
    make_user("bob", Role.AGENT, password="Bob-pass-2026!")
    assert (
        client.post(
            "/accounts/login/", {"username": "bob", "password": "Bob-pass-2026!"}
        ).status_code
        == 302
    )


def test_a_successful_log_in_resets_the_count_and_sessions_end_after_a_working_day(
    client, make_user
):
    make_user("cat", Role.AGENT, password="Cat-pass-2026!")
    for _ in range(4):
        client.post("/accounts/login/", {"username": "cat", "password": "wrong"})
    assert (
        client.post(
            "/accounts/login/", {"username": "cat", "password": "Cat-pass-2026!"}
        ).status_code
        == 302
    )
    assert client.session.get_expiry_age() == 8 * 3600


def test_weak_passwords_are_refused():
    for weak in ("12345678", "password", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/docs/", "/chat/no-such-shop/"])
def test_pages_carry_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert script_src.strip() == "'self'"
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    if response.status_code == 200:
        # Nothing inline would run under that policy, so nothing inline is served.
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())


def test_staff_with_an_authenticator_app_need_its_code(client, make_user):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user("dee", Role.SUPERVISOR, password="Dee-pass-2026!")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    form = {"username": "dee", "password": "Dee-pass-2026!"}
    without = client.post("/accounts/login/", form)
    assert without.status_code == 200 and "authenticator" in without.content.decode()
    assert "_auth_user_id" not in client.session
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    wrong = "000000" if code != "000000" else "111111"
    client.post("/accounts/login/", {**form, "otp_token": wrong})
    assert "_auth_user_id" not in client.session
    # A wrong code throttles the device (django-otp): the right one waits a moment.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    assert client.post("/accounts/login/", {**form, "otp_token": code}).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_staff_without_a_device_log_in_with_the_password_and_the_admin_uses_the_same_form(
    client, make_user
):
    make_user("eve", Role.AGENT, password="Eve-pass-2026!")
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/accounts/login/?next=/admin/"
    response = client.post("/accounts/login/", {"username": "eve", "password": "Eve-pass-2026!"})
    assert response.status_code == 302
