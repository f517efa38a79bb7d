"""A functional administrator manages the organisation's users and roles on a page; every change is
recorded and shown; the Django admin is for superusers only."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from core.exceptions import DomainError, WriteOnceError
from core.models import Membership, MembershipEvent
from core.roles import Role
from core.services import membership_set
from fund.selectors import funds_visible_to
from tests.factories import FundFactory, OrganisationFactory, make_user
from tests.second_factor import password_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    office = OrganisationFactory(name="TWO Jeugdhulp Leiden-test", slug="two-leiden-test")
    FundFactory(name="Fonds Leiden", managed_by=office)
    admin = make_user("beheer-leiden", Role.ADMINISTRATOR)
    membership_set(organisation=office, member=admin, role=Membership.Role.ADMINISTRATOR)
    return office, admin


def test_the_administrator_adds_changes_and_removes_a_user_and_sees_every_change(
    office, client_as, django_capture_on_commit_callbacks
):
    office, admin = office
    colleague = make_user("two-nieuw", Role.TWO, organisations=[])
    client = client_as(admin)
    page = client.get("/organisaties/", follow=True)
    assert "Gebruikers van TWO Jeugdhulp Leiden-test" in page.content.decode()

    client.post("/organisaties/two-leiden-test/", {"username": "two-nieuw", "role": "medewerker"})
    assert [f.name for f in funds_visible_to(get_user_model().objects.get(pk=colleague.pk))] == [
        "Fonds Leiden"
    ]
    client.post(
        f"/organisaties/two-leiden-test/gebruikers/{colleague.pk}/rol/", {"role": "beheerder"}
    )
    client.post(f"/organisaties/two-leiden-test/gebruikers/{colleague.pk}/verwijderen/")
    assert list(funds_visible_to(get_user_model().objects.get(pk=colleague.pk))) == []

    log = [
        (e.member.username, e.action, e.role_before, e.role_after, e.actor.username)
        for e in MembershipEvent.objects.filter(organisation=office, member=colleague).order_by(
            "pk"
        )
    ]
    assert log == [
        ("two-nieuw", "added", "", "medewerker", "beheer-leiden"),
        ("two-nieuw", "role_changed", "medewerker", "beheerder", "beheer-leiden"),
        ("two-nieuw", "removed", "beheerder", "", "beheer-leiden"),
    ]
    text = client.get("/organisaties/two-leiden-test/").content.decode()
    assert "Rol gewijzigd: was medewerker, wordt functioneel beheerder" in text
    assert "Verwijderd: was functioneel beheerder" in text


def test_a_new_user_is_invited_by_mail_and_sets_a_password(
    office, client_as, django_capture_on_commit_callbacks
):
    office, admin = office
    with django_capture_on_commit_callbacks(execute=True):
        client_as(admin).post(
            "/organisaties/two-leiden-test/",
            {
                "username": "nieuwe-collega",
                "first_name": "Nina",
                "last_name": "Nieuw",
                "email": "nina@example.org",
                "role": "medewerker",
            },
        )
    user = get_user_model().objects.get(username="nieuwe-collega")
    assert not user.has_usable_password()
    assert user.groups.filter(name=Role.TWO).exists()
    assert len(mail.outbox) == 1 and "TWO Jeugdhulp Leiden-test" in mail.outbox[0].subject
    link = next(
        word for word in mail.outbox[0].body.split() if "/accounts/wachtwoord-instellen/" in word
    )
    client = client_as(admin)
    client.logout()
    form = client.get(link, follow=True)
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": "Een-lang-wachtwoord-42", "new_password2": "Een-lang-wachtwoord-42"},
        follow=True,
    )
    assert "Uw wachtwoord is ingesteld" in response.content.decode()
    client.logout()
    password_step(client, "nieuwe-collega", "Een-lang-wachtwoord-42")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_only_the_organisations_administrator_may_change_its_users(office, client_as):
    office, admin = office
    other = OrganisationFactory(name="TWO Jeugdhulp Gouda-test", slug="two-gouda-test")
    staff = make_user("two-leiden", Role.TWO, organisations=[office])
    assert client_as(admin).get("/organisaties/two-gouda-test/").status_code == 404
    assert client_as(staff).get("/organisaties/").status_code == 403
    response = client_as(staff).post(
        f"/organisaties/two-leiden-test/gebruikers/{staff.pk}/rol/", {"role": "beheerder"}
    )
    assert response.status_code == 404
    assert Membership.objects.get(user=staff, organisation=office).role == "medewerker"
    with pytest.raises(DomainError):
        membership_set(organisation=other, member=staff, role="medewerker", user=admin)
    assert not Membership.objects.filter(organisation=other).exists()


def test_a_bad_role_changes_nothing(office, client_as):
    office, admin = office
    staff = make_user("two-leiden", Role.TWO, organisations=[office])
    response = client_as(admin).post(
        f"/organisaties/two-leiden-test/gebruikers/{staff.pk}/rol/", {"role": "koning"}, follow=True
    )
    assert "Kies een rol" in response.content.decode()
    assert Membership.objects.get(user=staff, organisation=office).role == "medewerker"


def test_the_membership_log_is_write_once(office):
    event = MembershipEvent.objects.first()
    with pytest.raises(WriteOnceError):
        event.save()
    with pytest.raises(WriteOnceError):
        MembershipEvent.objects.all().delete()


def test_the_django_admin_is_for_superusers_only(office, client_as):
    _office, admin = office
    staff = make_user("two-staf", Role.TWO)
    staff.is_staff = True
    staff.save()
    assert (
        client_as(staff).get("/beheer/").status_code == 302
    )  # to the admin's login: not for staff
    assert client_as(staff).get("/beheer/core/membership/").status_code == 302
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    assert client_as(root).get("/beheer/core/membership/").status_code == 200
