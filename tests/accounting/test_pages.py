"""Pages: permissions per role, constant query counts, background reports with progress."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from djmoney.money import Money

from accounting.models import ReportJob, SpukBudgetDivision, SpukBudgetLine
from accounting.services.awards import payment_make
from accounting.services.ledger import contributions_charge
from accounting.services.spuk import (
    DivisionLineInput,
    spuk_division_save,
    spuk_explanation_save,
)
from core.converters import id_url_maker
from core.roles import Role
from proposals.services.meetings import meeting_create
from tests.accounting.factories import AwardFactory, committed, funded
from tests.accounting.html import table_rows
from tests.factories import FundFactory, TrancheFactory, make_user
from tests.proposals.factories import ProposalFactory


def _fund_with_projects(n):
    fund, _ = funded()
    for i in range(n):
        award = AwardFactory(
            proposal=ProposalFactory(fund=fund, status="awarded"),
            year=2017,
            amount=Money(Decimal("1000"), "EUR"),
        )
        committed(award)
        payment_make(award=award, amount=Decimal("400"), final=i % 2 == 0, user=None)
    return fund


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 40])
def test_fund_overview_page_and_exports_run_a_constant_number_of_queries(
    n, client_as, django_assert_max_num_queries
):
    fund = _fund_with_projects(n)
    two = make_user("two-q", Role.TWO)
    client = client_as(two)
    meeting_create(
        user=two, fund=fund, kind="ao_jeugd", date=dt.date(2017, 6, 1)
    )  # the overview compares with it
    with django_assert_max_num_queries(16):
        page = client.get(f"/boekhouding/{fund.slug}/overzicht/")
    assert len(table_rows(page.content.decode(), "table-1")) == n + 2  # header, projects, total
    with django_assert_max_num_queries(
        16
    ):  # 14 + the projects' matrix cells + the user's memberships (issue 13)
        client.get(f"/boekhouding/{fund.slug}/overzicht.xlsx")


@pytest.mark.django_db
def test_the_overview_shows_what_changed_since_the_last_meeting(client_as):
    fund = _fund_with_projects(1)
    meeting_create(
        user=make_user("two-m", Role.TWO),
        fund=fund,
        kind="pho_maatschappij",
        date=dt.date(2017, 3, 23),
    )
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, title="Nieuw project", status="awarded"),
        year=2017,
        amount=Money(Decimal("5000"), "EUR"),
    )
    committed(award)
    page = (
        client_as(make_user("two-c", Role.TWO))
        .get(f"/boekhouding/{fund.slug}/overzicht/")
        .content.decode()
    )
    changes = table_rows(page, "table-2")
    assert changes[0] == ["Jaar of project", "Wat", "Was", "Is"]
    assert [
        "2017",
        "verplicht",
        "€ 400,00",
        "€ 5.400,00",
    ] in changes  # the first was paid and closed at 400
    assert [award.proposal.reference, "nieuw project", "—", "Nieuw project (Toegekend)"] in changes


@pytest.mark.django_db
def test_who_sees_which_books(client_as):
    fund = _fund_with_projects(1)
    from tests.factories import MunicipalityFactory

    inside = make_user(
        "pho-in", Role.PORTFOLIO_HOLDER, municipality=fund.region.municipalities.first()
    )
    outside = make_user("pho-out", Role.PORTFOLIO_HOLDER, municipality=MunicipalityFactory())
    coordinator = make_user("coord", Role.COORDINATOR, municipality=MunicipalityFactory())
    assert client_as(inside).get(f"/boekhouding/{fund.slug}/overzicht/").status_code == 200
    assert client_as(inside).get(f"/boekhouding/{fund.slug}/journaal/").status_code == 404
    assert client_as(outside).get(f"/boekhouding/{fund.slug}/overzicht/").status_code == 404
    assert client_as(coordinator).get(f"/boekhouding/{fund.slug}/overzicht.pdf").status_code == 404


@pytest.mark.django_db
def test_a_payment_over_the_award_shows_the_message_and_books_nothing(client_as):
    fund = _fund_with_projects(0)
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, status="awarded"),
        year=2017,
        amount=Money(Decimal("1000"), "EUR"),
    )
    committed(award)
    payment_make(award=award, amount=Decimal("400"), final=False, user=None)
    client = client_as(make_user("two-p", Role.TWO))
    response = client.post(
        f"/boekhouding/{fund.slug}/journaal/payment/",
        {
            "payment-award": award.pk,
            "payment-kind": "advance",
            "payment-amount": "600.01",
            "payment-booked_on": "2017-05-01",
            "payment-note": "",
        },
        follow=True,
    )
    assert "kan nog ten hoogste € 600,00 worden betaald" in response.content.decode()
    response = client.post(
        f"/boekhouding/{fund.slug}/journaal/payment/",
        {
            "payment-award": award.pk,
            "payment-kind": "advance",
            "payment-amount": "600",
            "payment-booked_on": "2017-05-01",
            "payment-note": "",
        },
        follow=True,
    )
    assert "Geboekt: Voorschot" in response.content.decode()


@pytest.mark.django_db
def test_the_coordinator_divides_and_adopts_the_spuk_budget_on_the_page(client_as):
    fund = FundFactory(spuk=True)
    TrancheFactory(fund=fund, year=2021, amount=Money(Decimal("1000"), "EUR"))
    rotterdam = make_user("coord-r", Role.COORDINATOR, municipality=fund.coordinating_municipality)
    client = client_as(rotterdam)
    data = {
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for i, (part, label, amount) in enumerate(
        [("2", "Thema", "810"), ("2o", "Onvoorzien thema's", "90"), ("4", "Onvoorzien", "100")]
    ):
        data.update(
            {
                f"lines-{i}-part": part,
                f"lines-{i}-label": label,
                f"lines-{i}-amount": amount,
                f"lines-{i}-region": "",
            }
        )
    url = f"/boekhouding/{fund.slug}/spuk/2021/verdeling/"
    page = client.post(url, data, follow=True).content.decode()
    assert "De verdeling telt op tot de uitkering en volgt de 10%-regels." in page
    client.post(f"/boekhouding/{fund.slug}/spuk/2021/vaststellen/", {"deviation_note": ""})
    assert SpukBudgetDivision.objects.get(fund=fund, year=2021).status == "adopted"
    other = make_user("pho-x", Role.PORTFOLIO_HOLDER, municipality=fund.coordinating_municipality)
    assert client_as(other).get(url).status_code == 404


@pytest.mark.django_db
def test_a_large_report_is_made_in_the_background_and_then_downloaded(
    client_as, monkeypatch, django_capture_on_commit_callbacks
):
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)
    fund = _fund_with_projects(1)
    client = client_as(make_user("two-j", Role.TWO))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/boekhouding/taken/", {"kind": "fund_overview", "fund": fund.slug, "format": "pdf"}
        )
    job = ReportJob.objects.get()
    assert response["Location"] == f"/boekhouding/taken/{job.pk}/"
    status = client.get(f"/boekhouding/taken/{job.pk}/status/").json()
    assert status["status"] == "done" and status["progress"] == 100
    download = client.get(status["download"])
    assert (
        download.getvalue()[:4] == b"%PDF" and "fondsoverzicht" in download["Content-Disposition"]
    )
    assert (
        client_as(make_user("two-k", Role.TWO)).get(f"/boekhouding/taken/{job.pk}/").status_code
        == 404
    )


def _spuk_with_projects(n):
    fund = FundFactory(spuk=True)
    TrancheFactory(fund=fund, year=2021, amount=Money(Decimal("1000000"), "EUR"))
    rotterdam = make_user(
        f"coord-{n}", Role.COORDINATOR, municipality=fund.coordinating_municipality
    )
    contributions_charge(tranche=fund.tranches.get(), user=None)
    awards = [
        AwardFactory(
            proposal=ProposalFactory(fund=fund, status="awarded"),
            year=2021,
            amount=Money(Decimal("1000"), "EUR"),
            number=f"SP-{n}-{i}",
        )
        for i in range(n)
    ]
    lines = [
        DivisionLineInput(
            part="2", label=f"Project {i}", amount=Decimal("1000"), proposal_id=a.proposal_id
        )
        for i, a in enumerate(awards)
    ]
    lines.append(
        DivisionLineInput(part="4", label="Onvoorzien", amount=Decimal(1000000 - 1000 * n))
    )
    spuk_division_save(fund=fund, year=2021, lines=lines, user=rotterdam)
    for a in awards:
        committed(a)
        payment_make(
            award=a, amount=Decimal("500"), final=False, user=None, booked_on=dt.date(2021, 6, 1)
        )
    return fund, rotterdam


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 40])
def test_spuk_verantwoording_page_runs_a_constant_number_of_queries(
    n, client_as, django_assert_max_num_queries
):
    fund, rotterdam = _spuk_with_projects(n)
    client = client_as(rotterdam)
    with django_assert_max_num_queries(14):
        page = client.get(f"/boekhouding/{fund.slug}/spuk/2021/verantwoording/").content.decode()
    rows = table_rows(page, "table-1")
    assert len(rows) == n + 3  # header, projects, unforeseen, total
    assert rows[1][6] == "€ 500,00" and rows[1][10] == "Toelichting vereist: afwijking > 10%"


@pytest.mark.django_db
def test_the_coordinator_explains_a_deviation_and_the_sisa_row_shows_it(client_as):
    fund, rotterdam = _spuk_with_projects(1)
    client = client_as(rotterdam)
    page = client.get(f"/boekhouding/{fund.slug}/spuk/2021/verantwoording/").content.decode()
    link = re.search(r'href="(/boekhouding/[^"]+/toelichting/\d+/)"', page).group(1)
    client.post(link, {"line": "0", "text": "Project loopt door in 2022"})
    rows = table_rows(
        client.get(f"/boekhouding/{fund.slug}/spuk/2021/verantwoording/").content.decode(),
        "table-1",
    )
    assert rows[1][10] == "Project loopt door in 2022"


@pytest.mark.django_db
def test_the_deviating_lines_link_to_their_explanation_and_say_whether_it_is_given(client_as):
    fund, rotterdam = _spuk_with_projects(2)
    client = client_as(rotterdam)
    lines = {line.label: line for line in SpukBudgetLine.objects.filter(division__fund=fund)}
    spuk_explanation_save(
        line=lines["Project 1"], year=2021, text="Loopt door in 2022", user=rotterdam
    )
    page = client.get(f"/boekhouding/{fund.slug}/spuk/2021/verantwoording/").content.decode()
    listed = re.search(r'data-testid="explanations">(.*?)</ul>', page, re.S).group(1)
    items = re.findall(
        r'<li><a class="utrecht-link" href="([^"]+)">([^<]+)</a>: (.*?)</li>', listed
    )
    expected_url = {
        label: reverse("accounting:spuk_explanation", args=[fund.slug, 2021, line.pk])
        for label, line in lines.items()
    }
    missing = '<span class="jf-badge jf-badge--red">toelichting ontbreekt</span>'
    assert items == [
        (expected_url["Project 0"], "Project 0 (2021)", missing),
        (expected_url["Project 1"], "Project 1 (2021)", "toelichting gegeven"),
        (expected_url["Onvoorzien"], "Onvoorzien (2021)", missing),
    ]
    assert client.get(items[0][0]).status_code == 200


def test_an_id_url_is_the_reversed_url_with_the_id_in_its_place():
    make = id_url_maker("accounting:spuk_explanation", "spuk-2017", 2021)
    for pk in (1, 42, 9_223_372_036_854_775_807):
        assert make(pk) == reverse("accounting:spuk_explanation", args=["spuk-2017", 2021, pk])
    with pytest.raises(ValueError, match="last part"):
        id_url_maker("accounting:job_status")  # its id is followed by "status/"
