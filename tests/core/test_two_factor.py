"""Two-factor login (core.two_factor): where TWO_FACTOR_ENFORCED is on, a password user reaches no
page before they have set up an authenticator app and confirmed a code in this session; a wrong
code is refused in Dutch; a backup code works once; a single sign-on session is exempt. The
setting is on by default outside development and off in development."""

import base64
import os
import re
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.middleware import LAST_SEEN
from core.roles import Role
from demo.organisations import DEMO_BACKUP_CODES, give_second_factor
from tests.factories import make_user
from tests.second_factor import code_step, next_code, password_step

pytestmark = pytest.mark.django_db

THROTTLED = "Er is 1 keer een verkeerde code ingevuld. Wacht een paar seconden"
WRONG_CODE = "Deze code is niet juist. Controleer de code en probeer het opnieuw."


@pytest.fixture
def enforced(settings):
    settings.TWO_FACTOR_ENFORCED = True


def _plain_paths(patterns, prefix=""):
    """Every URL of the project without a parameter (the admin's too)."""
    for p in patterns:
        route = str(p.pattern)
        if "<" in route or "(?P" in route or "\\" in route:
            continue
        route = route.lstrip("^").rstrip("$")
        if isinstance(p, URLResolver):
            yield from _plain_paths(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            yield "/" + prefix + route


def test_a_password_user_without_an_app_opens_no_page_until_it_is_set_up(client, enforced):
    make_user("two-nieuw", Role.TWO)
    assert password_step(client, "two-nieuw", "pw-two-nieuw").status_code == 302
    setup = "/accounts/tweestapsverificatie/instellen/"
    qr = "/accounts/tweestapsverificatie/qr/"
    open_anyway = {
        "/accounts/login/",
        "/accounts/logout/",
        "/health/",
        setup,
        qr,
        "/accounts/oidc/terug/",
    }
    walked = sorted(set(_plain_paths(get_resolver().url_patterns)) - open_anyway)
    assert len(walked) > 30  # the walk reaches the whole site, not a corner of it
    refused = {path: client.get(path) for path in walked}
    assert {p: (r.status_code, r.get("Location")) for p, r in refused.items()} == {
        p: (302, setup) for p in walked
    }

    welcome = client.get(setup).content.decode()
    assert "Tweestapsverificatie instellen" in welcome and "authenticator-app" in welcome
    page = client.post(setup, {"setup_view-current_step": "welcome"}).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page  # the QR code, drawn by us
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    wrong = client.post(
        setup, {"setup_view-current_step": "generator", "generator-token": "000000"}
    )
    assert "Deze code is niet juist" in wrong.content.decode()
    code = f"{TOTP(base64.b32decode(secret)).token():06d}"
    done = client.post(setup, {"setup_view-current_step": "generator", "generator-token": code})
    assert (
        done.status_code == 302 and done["Location"] == "/accounts/tweestapsverificatie/ingesteld/"
    )
    assert "Back-upcodes maken" in client.get(done["Location"]).content.decode()
    assert client.get("/").status_code == 200  # confirmed in this session
    device = TOTPDevice.objects.get(user__username="two-nieuw")
    assert base64.b32encode(device.bin_key).decode() == secret

    backup = client.post("/accounts/tweestapsverificatie/back-upcodes/")
    assert backup.status_code == 302
    listed = client.get("/accounts/tweestapsverificatie/back-upcodes/").content.decode()
    tokens = StaticDevice.objects.get(user__username="two-nieuw").token_set.all()
    assert len(tokens) == 10 and all(t.token in listed for t in tokens)


def test_with_an_app_the_code_is_asked_and_a_wrong_one_refused_in_dutch(client, enforced):
    give_second_factor(make_user("two-app", Role.TWO))
    asked = password_step(client, "two-app", "pw-two-app", path="/accounts/login/?next=/fondsen/")
    html = asked.content.decode()
    assert asked.status_code == 200 and "Code uit uw authenticator-app" in html
    assert client.get("/").status_code == 302  # not logged in between the two steps

    wrong = code_step(client, "123456", path="/accounts/login/?next=/fondsen/")
    assert wrong.status_code == 200 and WRONG_CODE in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    # after a wrong code the next is checked only a second later (2, 4, ... after more)
    hurried = code_step(client, next_code("two-app"), path="/accounts/login/?next=/fondsen/")
    assert THROTTLED in hurried.content.decode()
    time.sleep(1.1)
    right = code_step(client, next_code("two-app"), path="/accounts/login/?next=/fondsen/")
    assert right.status_code == 302
    assert right["Location"] == "/fondsen/"
    assert client.get("/fondsen/").status_code == 200
    # the idle-session clock (core.middleware) starts at this login too
    assert LAST_SEEN in client.session


def test_a_backup_code_logs_in_once(client, enforced):
    give_second_factor(make_user("two-reserve", Role.TWO))
    first, second = DEMO_BACKUP_CODES[:2]

    def backup_login(code):
        client.logout()
        password_step(client, "two-reserve", "pw-two-reserve")
        page = client.post("/accounts/login/", {"wizard_goto_step": "backup"})
        assert "Back-upcode" in page.content.decode()
        return code_step(client, code, step="backup")

    assert backup_login(first).status_code == 302
    assert client.get("/").status_code == 200
    again = backup_login(first)
    assert again.status_code == 200 and WRONG_CODE in again.content.decode()
    time.sleep(1.1)  # after a wrong code the next is checked only a second later
    assert backup_login(second).status_code == 302


def test_a_single_sign_on_session_is_exempt_a_password_session_is_not(client, enforced):
    user = make_user("two-sso", Role.TWO)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/")["Location"] == "/accounts/tweestapsverificatie/instellen/"
    session = client.session
    session["login_method"] = "sso"
    session.save()
    assert client.get("/").status_code == 200


def test_a_post_without_the_step_starts_again_with_a_dutch_message(client, enforced):
    make_user("two-oud-tabblad", Role.TWO)
    for path in ["/accounts/login/", "/accounts/tweestapsverificatie/instellen/"]:
        if path != "/accounts/login/":
            password_step(client, "two-oud-tabblad", "pw-two-oud-tabblad")
        response = client.post(path, {"token": "123456"}, follow=True)
        assert response.redirect_chain == [(path, 302)]
        assert (
            "Dit formulier was onvolledig of verlopen; begin opnieuw." in response.content.decode()
        )


def test_a_session_with_an_app_but_without_its_code_logs_in_again(client, enforced):
    user = make_user("two-oud", Role.TWO)
    give_second_factor(user)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/fondsen/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/fondsen/"
    assert "_auth_user_id" not in client.session


def test_where_it_is_not_enforced_the_password_alone_logs_in(client, settings):
    settings.TWO_FACTOR_ENFORCED = False
    give_second_factor(make_user("two-dev", Role.TWO))
    response = password_step(client, "two-dev", "pw-two-dev")
    assert response.status_code == 302 and client.get("/").status_code == 200


def test_wrong_passwords_still_lock_the_login_through_the_two_steps(client, enforced):
    give_second_factor(make_user("two-slot", Role.TWO))
    statuses = [password_step(client, "two-slot", "fout").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    locked = password_step(client, "two-slot", "pw-two-slot")
    assert locked.status_code == 429 and "Tijdelijk geblokkeerd" in locked.content.decode()


def test_the_admin_shows_no_secret_of_anybody(admin_client):
    for url in ["/beheer/otp_totp/totpdevice/", "/beheer/otp_static/staticdevice/"]:
        assert admin_client.get(url).status_code == 404
    assert "otp_totp" not in admin_client.get("/beheer/").content.decode()


def test_the_reset_command_removes_a_lost_app(client, enforced):
    user = make_user("two-kwijt", Role.TWO)
    give_second_factor(user)
    out = StringIO()
    call_command("two_factor_reset", "two-kwijt", stdout=out)
    assert "2 middel(en) voor de tweede stap verwijderd" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert password_step(client, "two-kwijt", "pw-two-kwijt").status_code == 302
    assert client.get("/")["Location"] == "/accounts/tweestapsverificatie/instellen/"
    with pytest.raises(CommandError, match="Er is geen gebruiker „niemand”"):
        call_command("two_factor_reset", "niemand")


def _enforced_in(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ENV", "TWO_FACTOR_ENFORCED"}}
    if env.get("DJANGO_ENV", "development") != "development":
        clean.update(
            DATABASE_URL="postgres://u@127.0.0.1/db",
            SECRET_KEY="x" * 50,
            ALLOWED_HOSTS="jeugdfonds.example",
            BSN_ENCRYPTION_KEYS="k",
            DEFAULT_FROM_EMAIL="a@b.c",
            AWS_STORAGE_BUCKET_NAME="jeugdfonds-bestanden",
        )
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.TWO_FACTOR_ENFORCED)"],
        cwd=django_settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "printed"),
    [
        ({}, "False"),
        ({"DJANGO_ENV": "production"}, "True"),
        ({"DJANGO_ENV": "staging"}, "True"),
        ({"DJANGO_ENV": "production", "TWO_FACTOR_ENFORCED": "0"}, "False"),
        ({"TWO_FACTOR_ENFORCED": "yes"}, "True"),
    ],
)
def test_enforced_by_default_outside_development_only(env, printed):
    result = _enforced_in(env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == printed


def test_a_value_that_is_not_yes_or_no_fails_loudly():
    result = _enforced_in({"TWO_FACTOR_ENFORCED": "verplicht"})
    assert result.returncode != 0
    assert "TWO_FACTOR_ENFORCED='verplicht' is not a yes/no value" in result.stderr


def test_the_demo_users_have_the_documented_app(demo_users):
    device = TOTPDevice.objects.get(user__username="two")
    assert base64.b32encode(device.bin_key).decode() == "DEMODEMODEMODEMODEMODEMODEMODEMO"
    users = get_user_model().objects.filter(totpdevice__isnull=False).count()
    assert users == get_user_model().objects.count() > 10


@pytest.fixture
def demo_users(db):
    from demo import organisations

    organisations.load()
