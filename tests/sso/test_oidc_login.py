"""Login through an organisation's own OpenID Connect provider, against a real provider (node's
oidc-provider on loopback, tests/sso/oidc.py): the Django test client is our side, a requests
session is the person's browser at the provider."""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from axes.models import AccessAttempt, AccessLog

from core import sso
from core.middleware import LAST_SEEN
from core.models import Membership, SsoIdentity, SsoProvider
from core.roles import Role
from core.services import membership_set
from tests.factories import OrganisationFactory, make_user
from tests.second_factor import password_step
from tests.sso.oidc import oidc_provider  # noqa: F401  (the fixture)

SITE = "http://testserver"


def at_provider(url: str, login: str | None, browser: requests.Session | None = None) -> str:
    """As the person's browser at the provider: follow `url`, log in as `login` when asked (any
    password: the provider's development login), and return the address it sends us back to."""
    browser = browser or requests.Session()
    response = browser.get(url, allow_redirects=False, timeout=10)
    for _hop in range(10):
        if response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if target.startswith(SITE):
                return target[len(SITE) :]
            response = browser.get(target, allow_redirects=False, timeout=10)
            continue
        form = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        assert form and 'name="login"' in response.text, f"no login form at {response.url}"
        assert login is not None, "the provider asked for a login again"
        response = browser.post(
            urljoin(response.url, form.group(1).replace("&amp;", "&")),
            data={"prompt": "login", "login": login, "password": "wat-dan-ook"},
            allow_redirects=False,
            timeout=10,
        )
    raise AssertionError("the provider did not send the browser back")


@pytest.fixture
def organisation(db, oidc_provider):  # noqa: F811
    organisation = OrganisationFactory(name="TWO Jeugdhulp Holland Rijnland", slug="two-hr")
    oidc_provider.configure(
        organisation,
        organisation_claim="organisatie",
        organisation_claim_value="two-hr",
        role_claim="rol",
    )
    return organisation


@pytest.fixture
def anna(organisation):
    return make_user(
        "anna-de-vries", Role.TWO, organisations=[organisation], email="Anna@two.example"
    )


def sso_login(client, login: str, slug: str = "two-hr", browser=None):
    start = client.get(f"/accounts/sso/{slug}/?next=/fondsen/")
    assert start.status_code == 302
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["client_id"] == ["jeugdfonds"] and query["nonce"][0]
    return client.get(at_provider(start["Location"], login, browser))


def test_a_staff_member_logs_in_at_the_organisations_provider(client, anna, oidc_provider):  # noqa: F811
    response = sso_login(client, "anna")

    assert response.status_code == 302 and response["Location"] == "/fondsen/"
    assert client.session["_auth_user_id"] == str(anna.pk)
    assert client.session["login_method"] == "sso"  # the two-factor check exempts it
    assert client.session[LAST_SEEN]  # the idle clock started, as after a password login
    assert AccessLog.objects.filter(username="anna-de-vries").exists()  # axes saw the login
    assert SsoIdentity.objects.get(user=anna).subject == "anna"
    home = client.get("/")
    assert home.status_code == 200 and "anna-de-vries" in home.content.decode()

    # The second time the stored subject decides, whatever the e-mail address says now.
    client.logout()
    anna.email = "anna.devries@elders.example"
    anna.save()
    sso_login(client, "anna")
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_refusals_do_not_lock_out_the_address(client, anna):
    """Axes counts wrong passwords; a refusal after a good login at the provider is not one, and
    must not lock out colleagues behind the same address."""
    for _attempt in range(6):
        assert sso_login(client, "onbekend").status_code == 403
    assert not AccessAttempt.objects.exists()
    sso_login(client, "anna")
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_a_deactivated_user_is_logged_out(client, anna):
    sso_login(client, "anna")
    anna.is_active = False
    anna.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_password_login_is_not_marked_as_sso(client, anna):
    response = password_step(client, "anna-de-vries", "pw-anna-de-vries")
    assert response.status_code == 302
    assert "login_method" not in client.session


def test_an_unknown_person_gets_no_access_and_is_told_who_can_give_it(client, anna):
    response = sso_login(client, "onbekend")

    page = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in page
    assert "Een functioneel beheerder van uw organisatie moet u eerst een rol geven" in page
    assert "TWO Jeugdhulp Holland Rijnland" in page
    assert "_auth_user_id" not in client.session
    assert not SsoIdentity.objects.exists()


def test_a_known_user_without_a_role_in_the_organisation_gets_no_access(client, anna, organisation):
    Membership.objects.filter(user=anna).delete()
    response = sso_login(client, "anna")
    assert response.status_code == 403
    assert "moet u eerst een rol geven" in response.content.decode()
    assert "_auth_user_id" not in client.session

    # Once the administrator gives the role, the same login lets her in.
    membership_set(organisation=organisation, member=anna, role=Membership.Role.STAFF)
    sso_login(client, "anna")
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_the_role_claim_must_name_the_role_given_here(client, anna):
    Membership.objects.filter(user=anna).update(role=Membership.Role.ADMINISTRATOR)
    response = sso_login(client, "anna")  # the provider says: medewerker
    assert response.status_code == 403 and "_auth_user_id" not in client.session


def test_someone_of_another_organisation_is_refused(client, anna):
    response = sso_login(client, "vreemd")
    assert response.status_code == 403
    assert "Uw account hoort niet bij TWO Jeugdhulp Holland Rijnland" in response.content.decode()


def test_a_callback_with_a_wrong_state_is_refused(client, anna):
    client.get("/accounts/sso/two-hr/")
    response = client.get("/accounts/oidc/terug/?code=abc&state=verzonnen")
    assert response.status_code == 400
    assert "Deze inlogpoging is ongeldig of verlopen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_callback_cannot_be_used_twice(client, anna):
    start = client.get("/accounts/sso/two-hr/")
    callback = at_provider(start["Location"], "anna")
    client.get(callback)
    client.logout()
    response = client.get(callback)
    assert response.status_code == 400 and "_auth_user_id" not in client.session


def test_a_person_who_cancels_at_the_provider_is_told_so(client, anna):
    start = client.get("/accounts/sso/two-hr/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(f"/accounts/oidc/terug/?error=access_denied&state={state}")
    assert response.status_code == 403
    assert "is afgebroken" in response.content.decode()


def test_an_unknown_organisation_is_a_dutch_404(client, anna):
    response = client.get("/accounts/sso/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze organisatie is niet bekend" in response.content.decode()


def test_a_provider_that_does_not_answer_gives_a_dutch_page(client, db):
    SsoProvider.objects.create(
        organisation=OrganisationFactory(slug="offline"),
        issuer="http://127.0.0.1:9",  # the discard port: nothing answers
        client_id="jeugdfonds",
        client_secret_encrypted=sso.encrypt_secret("geheim"),
    )
    response = client.get("/accounts/sso/offline/")
    assert response.status_code == 503
    assert "is nu niet bereikbaar" in response.content.decode()


def test_logout_ends_the_session_here_and_at_the_provider(client, anna, oidc_provider):  # noqa: F811
    browser = requests.Session()
    sso_login(client, "anna", browser=browser)
    # While her session at the provider lasts, the provider does not ask again.
    client.logout()
    sso_login(client, "anna", browser=browser)  # login=None would fail if it asked
    id_token = client.session["oidc_id_token"]

    response = client.post("/accounts/logout/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    end_session = re.search(r'href="(http://127\.0\.0\.1:\d+/session/end\?[^"]+)"', page).group(1)
    query = parse_qs(urlsplit(end_session.replace("&amp;", "&")).query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/accounts/login/"]

    confirm = browser.get(end_session.replace("&amp;", "&"), timeout=10)
    form = re.search(r'<form[^>]*action="([^"]+)"', confirm.text)
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', confirm.text).group(1)
    done = browser.post(
        urljoin(confirm.url, form.group(1)),
        data={"xsrf": xsrf, "logout": "yes"},
        allow_redirects=False,
        timeout=10,
    )
    assert done.headers["Location"] == "http://testserver/accounts/login/"

    # Her session at the provider is over: the next login asks for her account again.
    start = client.get("/accounts/sso/two-hr/")
    with pytest.raises(AssertionError, match="asked for a login again"):
        at_provider(start["Location"], None, browser)


def test_the_login_page_offers_only_organisations_with_sso(client, anna):
    OrganisationFactory(name="TWO Zonder SSO")
    page = client.get("/accounts/login/?next=/fondsen/").content.decode()
    assert "Inloggen met uw organisatie: TWO Jeugdhulp Holland Rijnland" in page
    assert 'href="/accounts/sso/two-hr/?next=/fondsen/"' in page
    assert "TWO Zonder SSO" not in page
