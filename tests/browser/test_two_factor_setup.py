"""A password user without an authenticator app is sent to set one up at the first login: the QR
code (drawn by us, allowed by the Content-Security-Policy) and the secret as text, the first code
confirms it, and the site opens; the pages pass axe."""

import base64

import pytest
from django_otp.oath import TOTP

from core.roles import Role
from tests.browser.conftest import assert_accessible, follow
from tests.factories import make_user
from tests.second_factor import next_code


@pytest.mark.browser
def test_the_first_login_sets_up_the_app_with_the_qr_code(page, transactional_db):
    make_user("two-eerste", Role.TWO)
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("two-eerste")
    page.get_by_label("Wachtwoord").fill("pw-two-eerste")
    follow(page, page.get_by_role("button", name="Inloggen"))
    assert page.url.endswith("/accounts/tweestapsverificatie/instellen/")
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Beginnen"))
    qr = page.get_by_test_id("totp-qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")  # drawn, not refused
    assert_accessible(page)
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code uit uw authenticator-app").fill("000000")
    follow(page, page.get_by_role("button", name="Bevestigen"))
    assert "Deze code is niet juist" in page.get_by_role("alert").inner_text()
    code = f"{TOTP(base64.b32decode(secret), t0=0).token():06d}"
    page.get_by_label("Code uit uw authenticator-app").fill(code)
    follow(page, page.get_by_role("button", name="Bevestigen"))
    assert page.get_by_role("heading", name="Tweestapsverificatie ingesteld").is_visible()
    follow(page, page.get_by_role("link", name="Back-upcodes maken"))
    follow(page, page.get_by_role("button", name="Nieuwe back-upcodes maken"))
    assert page.get_by_test_id("backup-tokens").locator("li").count() == 10
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Verder naar het Jeugdfonds"))
    assert (
        "/accounts/" not in page.url and page.get_by_role("button", name="Uitloggen").is_visible()
    )

    # the next login asks for the code
    follow(page, page.get_by_role("button", name="Uitloggen"))
    page.get_by_label("Gebruikersnaam").fill("two-eerste")
    page.get_by_label("Wachtwoord").fill("pw-two-eerste")
    follow(page, page.get_by_role("button", name="Inloggen"))
    assert_accessible(page)
    page.get_by_label("Code uit uw authenticator-app").fill(next_code("two-eerste"))
    follow(page, page.get_by_role("button", name="Bevestigen"))
    assert "/accounts/" not in page.url
