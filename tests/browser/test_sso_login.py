"""A staff member logs in with her organisation's account, in the browser, through a real
OpenID Connect provider (tests/sso/oidc.py), and logs out here and there."""

import pytest

from core.roles import Role
from tests.browser.conftest import assert_accessible, follow
from tests.factories import OrganisationFactory, make_user
from tests.sso.oidc import oidc_provider_live  # noqa: F401  (the fixture)


@pytest.fixture
def organisation(transactional_db, oidc_provider_live):  # noqa: F811
    organisation = OrganisationFactory(name="TWO Jeugdhulp Holland Rijnland", slug="two-hr")
    oidc_provider_live.configure(organisation, role_claim="rol")
    return organisation


@pytest.fixture
def at_provider(page):
    """The provider's pages import a web font: nothing leaves the machine."""
    page.route("https://fonts.googleapis.com/**", lambda route: route.abort())
    return page


def log_in_at_provider(page, login):
    follow(
        page,
        page.get_by_role(
            "link", name="Inloggen met uw organisatie: TWO Jeugdhulp Holland Rijnland"
        ),
    )
    assert page.url.startswith("http://127.0.0.1:") and "/interaction/" in page.url
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("wat-dan-ook")
    follow(page, page.get_by_role("button", name="Sign-in"))


@pytest.mark.browser
def test_log_in_with_the_organisation_and_out_at_both(at_provider, live_server, organisation):
    page = at_provider
    make_user("anna-de-vries", Role.TWO, organisations=[organisation], email="anna@two.example")
    page.goto("/accounts/login/")
    assert_accessible(page)
    log_in_at_provider(page, "anna")

    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", name="Welkom, anna-de-vries").is_visible()

    with page.expect_navigation(url="**/session/end**"):
        page.get_by_role("button", name="Uitloggen").click()
    follow(page, page.get_by_role("button", name="Yes, sign me out"))
    assert page.url == f"{live_server.url}/accounts/login/"

    # Logged out at the provider too: it asks who she is again.
    follow(
        page,
        page.get_by_role(
            "link", name="Inloggen met uw organisatie: TWO Jeugdhulp Holland Rijnland"
        ),
    )
    assert page.locator("input[name=login]").is_visible()


@pytest.mark.browser
def test_an_unknown_person_sees_who_can_give_her_a_role(at_provider, organisation):
    page = at_provider
    page.goto("/accounts/login/")
    log_in_at_provider(page, "onbekend")

    assert page.get_by_role("heading", name="Geen toegang").is_visible()
    assert page.get_by_text(
        "Een functioneel beheerder van uw organisatie moet u eerst een rol geven"
    ).is_visible()
    assert page.get_by_role("button", name="Uitloggen").count() == 0
    assert_accessible(page)
