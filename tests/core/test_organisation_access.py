"""The organisation is the unit of access: TWO staff see and manage the funds of the organisations
they work for, and everything that belongs to them; nothing of another organisation's funds."""

import pytest

from core.models import Membership
from core.roles import Role
from core.services import membership_set
from fund.selectors import funds_visible_to
from proposals.selectors import proposals_visible_to
from tests.factories import FundFactory, OrganisationFactory, make_user
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_offices():
    leiden, gouda = (
        OrganisationFactory(name="TWO Jeugdhulp Leiden-test"),
        OrganisationFactory(name="TWO Jeugdhulp Gouda-test"),
    )
    fund_l = FundFactory(name="Fonds Leiden", managed_by=leiden)
    fund_g = FundFactory(name="Fonds Gouda", managed_by=gouda)
    return leiden, gouda, fund_l, fund_g


def test_staff_see_and_manage_only_their_organisations_funds(two_offices):
    leiden, gouda, fund_l, fund_g = two_offices
    staff = make_user("two-leiden", Role.TWO, organisations=[leiden])
    assert list(funds_visible_to(staff)) == [fund_l]
    assert staff.has_perm("fund.view_fund", fund_l) and staff.has_perm("fund.manage_fund", fund_l)
    assert not staff.has_perm("fund.view_fund", fund_g) and not staff.has_perm(
        "fund.manage_fund", fund_g
    )
    assert staff.has_perm("accounting.manage_books", fund_l) and not staff.has_perm(
        "accounting.manage_books", fund_g
    )
    assert staff.has_perm("accounting.view_overview", fund_l) and not staff.has_perm(
        "accounting.view_overview", fund_g
    )


def test_a_person_who_works_for_two_organisations_sees_both_and_only_both(two_offices):
    leiden, gouda, fund_l, fund_g = two_offices
    FundFactory(name="Fonds elders", managed_by=OrganisationFactory())
    both = make_user("two-beide", Role.TWO, organisations=[leiden, gouda])
    assert {f.name for f in funds_visible_to(both)} == {"Fonds Leiden", "Fonds Gouda"}
    assert both.has_perm("fund.manage_fund", fund_l) and both.has_perm("fund.manage_fund", fund_g)


def test_proposals_and_meetings_follow_the_fund(two_offices):
    leiden, gouda, fund_l, fund_g = two_offices
    own, other = (
        ProposalFactory(fund=fund_l, status="submitted"),
        ProposalFactory(fund=fund_g, status="submitted"),
    )
    staff = make_user("two-leiden", Role.TWO, organisations=[leiden])
    assert list(proposals_visible_to(staff)) == [own]
    assert staff.has_perm("proposals.view_proposal", own) and not staff.has_perm(
        "proposals.view_proposal", other
    )
    assert staff.has_perm("proposals.manage_proposal", own) and not staff.has_perm(
        "proposals.manage_proposal", other
    )
    assert not staff.has_perm("proposals.manage_meeting", fund_g)


def test_without_a_membership_a_two_user_sees_no_fund(two_offices):
    nobody = make_user("two-los", Role.TWO, organisations=[])
    assert list(funds_visible_to(nobody)) == []
    assert list(proposals_visible_to(nobody)) == []


def test_a_functional_administrator_sees_no_fund_by_that_role(two_offices):
    leiden, _gouda, fund_l, _fund_g = two_offices
    admin = make_user("beheer-leiden", Role.ADMINISTRATOR)
    membership_set(organisation=leiden, member=admin, role=Membership.Role.ADMINISTRATOR)
    assert list(funds_visible_to(admin)) == []
    assert not admin.has_perm("fund.view_fund", fund_l)


def test_pages_of_another_organisations_fund_are_not_found(two_offices, client_as):
    leiden, gouda, fund_l, fund_g = two_offices
    client = client_as(make_user("two-leiden", Role.TWO, organisations=[leiden]))
    assert client.get(f"/fondsen/{fund_l.slug}/").status_code == 200
    page = client.get("/fondsen/").content.decode()
    assert "Fonds Leiden" in page and "Fonds Gouda" not in page
    assert client.get(f"/fondsen/{fund_g.slug}/").status_code == 404
    assert client.get(f"/boekhouding/{fund_g.slug}/overzicht/").status_code == 404
    assert client.get(f"/boekhouding/{fund_g.slug}/journaal/").status_code == 404
    proposal = ProposalFactory(fund=fund_g, status="submitted", title="Project van Gouda")
    assert client.get(f"/voorstellen/{proposal.pk}/").status_code == 404
    assert "Project van Gouda" not in client.get("/voorstellen/").content.decode()
