"""SiSa explanations of a deviating SPUK budget line go through one service: validated, one per
line and year, the latest text counts."""

import datetime as dt
from decimal import Decimal

import pytest
from djmoney.money import Money

from accounting.exceptions import AccountingError
from accounting.models import SpukExplanation
from accounting.services.awards import payment_make
from accounting.services.ledger import contributions_charge
from accounting.services.spuk import DivisionLineInput, spuk_division_save, spuk_explanation_save
from core.roles import Role
from tests.accounting.factories import AwardFactory, committed
from tests.accounting.html import table_rows
from tests.factories import FundFactory, TrancheFactory, make_user
from tests.proposals.factories import ProposalFactory


@pytest.fixture
def spuk(db):
    """A SPUK 2021 with one project line that spent half its budget (so it needs an explanation)."""
    fund = FundFactory(spuk=True)
    TrancheFactory(fund=fund, year=2021, amount=Money(Decimal("100000"), "EUR"))
    coordinator = make_user(
        "coord-expl", Role.COORDINATOR, municipality=fund.coordinating_municipality
    )
    contributions_charge(tranche=fund.tranches.get(), user=None)
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, status="awarded"),
        year=2021,
        amount=Money(Decimal("1000"), "EUR"),
        number="SP-EXPL-1",
    )
    division = spuk_division_save(
        fund=fund,
        year=2021,
        user=coordinator,
        lines=[
            DivisionLineInput(
                part="2",
                label="Project Noord",
                amount=Decimal("1000"),
                proposal_id=award.proposal_id,
            ),
            DivisionLineInput(part="4", label="Onvoorzien", amount=Decimal("99000")),
        ],
    )
    committed(award)
    payment_make(
        award=award, amount=Decimal("500"), final=False, user=None, booked_on=dt.date(2021, 6, 1)
    )
    return fund, division.lines.get(label="Project Noord"), coordinator


def test_the_explanation_is_saved_trimmed_and_by_whom(spuk):
    _fund, line, coordinator = spuk
    explanation = spuk_explanation_save(
        line=line, year=2021, text="  Project loopt door in 2022 \n", user=coordinator
    )
    assert (explanation.text, explanation.year, explanation.entered_by) == (
        "Project loopt door in 2022",
        2021,
        coordinator,
    )


def test_a_new_explanation_for_the_same_line_and_year_replaces_the_old_one(spuk):
    _fund, line, coordinator = spuk
    spuk_explanation_save(line=line, year=2021, text="Eerste versie", user=coordinator)
    spuk_explanation_save(line=line, year=2021, text="Project loopt door in 2022", user=coordinator)
    spuk_explanation_save(line=line, year=2022, text="Afgerond in 2022", user=coordinator)
    assert sorted(SpukExplanation.objects.values_list("year", "text")) == [
        (2021, "Project loopt door in 2022"),
        (2022, "Afgerond in 2022"),
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "   ",
            "Schrijf een toelichting bij Project Noord; een lege toelichting wordt niet opgeslagen.",
        ),
        ("x" * 2001, "Een toelichting is ten hoogste 2000 tekens; deze heeft er 2001."),
    ],
)
def test_an_empty_or_too_long_explanation_is_refused(spuk, text, message):
    _fund, line, coordinator = spuk
    with pytest.raises(AccountingError) as refused:
        spuk_explanation_save(line=line, year=2021, text=text, user=coordinator)
    assert refused.value.message == message
    assert not SpukExplanation.objects.exists()


def test_no_explanation_for_a_year_before_the_grant(spuk):
    _fund, line, coordinator = spuk
    with pytest.raises(AccountingError) as refused:
        spuk_explanation_save(line=line, year=2020, text="Te vroeg", user=coordinator)
    assert (
        refused.value.message
        == "Project Noord hoort bij de uitkering 2021; een toelichting over 2020 kan niet."
    )
    assert not SpukExplanation.objects.exists()


def test_the_page_saves_through_the_service_and_the_sisa_row_shows_the_latest_text(spuk, client_as):
    fund, line, coordinator = spuk
    client = client_as(coordinator)
    url = f"/boekhouding/{fund.slug}/spuk/2021/toelichting/{line.pk}/"
    client.post(url, {"line": line.pk, "text": "Eerste versie"})
    response = client.post(
        url, {"line": line.pk, "text": "Project loopt door in 2022"}, follow=True
    )
    page = response.content.decode()
    assert "De toelichting bij Project Noord is opgeslagen." in page
    assert table_rows(page, "table-1")[1][10] == "Project loopt door in 2022"
    assert (
        "Project loopt door in 2022</textarea>" in client.get(url).content.decode()
    )  # the form shows the latest


def test_the_page_shows_an_empty_explanation_as_an_error_on_the_form(spuk, client_as):
    fund, line, coordinator = spuk
    response = client_as(coordinator).post(
        f"/boekhouding/{fund.slug}/spuk/2021/toelichting/{line.pk}/",
        {"line": line.pk, "text": "   "},
    )
    assert response.status_code == 200 and "Dit veld is verplicht." in response.content.decode()
    assert not SpukExplanation.objects.exists()
