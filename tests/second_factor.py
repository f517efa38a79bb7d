"""The code an authenticator app shows, computed in the tests from the device's secret (as the
demo's README tells a person to do with DEMO_TOTP_SECRET)."""

import time

from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.organisations import give_second_factor


def device_of(username: str) -> TOTPDevice:
    """The user's authenticator app; the demo's (DEMO_TOTP_SECRET) for a user the tests' factory
    made without one."""
    device = TOTPDevice.objects.filter(user__username=username, name="default").first()
    if device is None:
        from django.contrib.auth import get_user_model

        give_second_factor(get_user_model().objects.get(username=username))
        device = TOTPDevice.objects.get(user__username=username, name="default")
    return device


def next_code(username: str) -> str:
    """A code the server will take now: the app's current one, or, when that one was used already
    (a second login within its 30 seconds; TOTP takes a code once), the next one, which the
    server's tolerance of one step accepts; otherwise wait for the next step."""
    while True:
        device = device_of(username)
        now = int((time.time() - device.t0) // device.step) + device.drift
        counter = max(now, device.last_t + 1)
        if counter <= now + device.tolerance:
            return f"{hotp(device.bin_key, counter, digits=device.digits):0{device.digits}d}"
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)


def password_step(client, username: str, password: str, path="/accounts/login/", **extra):
    """The login page's first step (username and password), as the form posts it."""
    return client.post(
        path,
        {
            "login_view-current_step": "auth",
            "auth-username": username,
            "auth-password": password,
        },
        **extra,
    )


def code_step(client, code: str, step="token", path="/accounts/login/"):
    """The login page's second step: the app's code (step "token") or a backup code ("backup")."""
    return client.post(path, {"login_view-current_step": step, f"{step}-otp_token": code})
