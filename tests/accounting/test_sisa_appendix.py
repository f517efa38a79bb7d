"""Issue 6: the SPUK verantwoording in the layout of a municipality's SiSa appendix: one row per
grant decision (beschikking) with the numbered indicators as columns, summing the budget lines
below it; the page, the PDF, the XLSX and the CLI show the same numbers."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from djmoney.money import Money
from openpyxl import load_workbook
from pypdf import PdfReader

from accounting.selectors.spuk import spuk_verantwoording
from accounting.services.awards import payment_make
from accounting.services.ledger import contributions_charge
from accounting.services.spuk import DivisionLineInput, spuk_division_save
from accounting.sisa import sisa_report
from core.roles import Role
from core.templatetags.nl import format_euro
from fund.models import Fund, Tranche
from fund.services import tranche_decision_record
from tests.accounting.factories import AwardFactory, committed
from tests.accounting.html import table_rows
from tests.factories import FundFactory, TrancheFactory, make_user
from tests.proposals.factories import ProposalFactory

SPUK = "spuk-bren-zuid-west"
URL = "/boekhouding/spuk-bren-zuid-west/spuk/{year}/verantwoording/"
# the summary's columns: year, /01, date, budget, /02, /03, not spent, /04, /05
BUDGET, SPENT, CUMULATIVE, NOT_SPENT = 3, 4, 5, 6
# the same figures in the detail table (one row per budget part or project)
LINE_MONEY = slice(5, 9)


def euro(text: str) -> Decimal:
    return Decimal(text.replace("€", "").strip().replace(".", "").replace(",", "."))


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()
    )


def sheet(content: bytes, name: str) -> list[list]:
    return [list(row) for row in load_workbook(io.BytesIO(content))[name].iter_rows()]


def _page(client, year):
    page = client.get(URL.format(year=year)).content.decode()
    return table_rows(page, "table-0"), table_rows(page, "table-1")


@pytest.mark.django_db
def test_the_appendix_has_one_row_per_grant_decision_and_its_numbers_are_the_sums_of_the_lines(
    demo_client,
):
    summary, lines = _page(demo_client("rotterdam"), 2021)
    header, decisions, total = summary[0], summary[1:-1], summary[-1]
    assert header[1:2] + header[4:6] + header[7:] == [
        "DEMO/01 Beschikkingsnummer",
        "DEMO/02 Besteding (jaar T) ten laste van Rijksmiddelen",
        "DEMO/03 Cumulatieve besteding ten laste van Rijksmiddelen (t/m jaar T)",
        "DEMO/04 Eindverantwoording (Ja/Nee)",
        "DEMO/05 Toelichting afwijking",
    ]
    tranches = Tranche.objects.filter(fund__slug=SPUK, year__lte=2021).order_by("year")
    # every grant of 2021 or before is a decision: a missing or an extra row fails here
    assert [(d[0], d[1], d[2]) for d in decisions] == [
        (str(t.year), t.grant_decision_number, f"{t.grant_decision_date:%d-%m-%Y}")
        for t in tranches
    ]
    assert all(d[1].startswith("DEMO-") for d in decisions)  # made-up demo numbers, marked as such
    line_body, line_total = lines[1:-1], lines[-1]
    for column, line_column in ((BUDGET, 5), (SPENT, 6), (CUMULATIVE, 7), (NOT_SPENT, 8)):
        for decision in decisions:
            own = [euro(r[line_column]) for r in line_body if r[0] == decision[0]]
            assert euro(decision[column]) == sum(own, Decimal(0))
        assert (
            euro(total[column])
            == sum((euro(d[column]) for d in decisions), Decimal(0))
            == euro(line_total[line_column])
        )
    first = decisions[0]
    assert first[4:7] == [
        "€ 200.000,00",
        "€ 1.648.944,00",
        "€ 61.056,00",
    ]  # Timon's second payment, 1 March 2021
    assert (
        first[7] == "Nee" and "Ombuigcoördinator Haaglanden" in first[8]
    )  # no 2021 explanation yet
    # the 2021 grant is divided (adopted 22-7-2021): its row shows the whole grant as budget, nothing spent yet
    # (spent in 2021: the vacatiegeld of building team 1 from part 1d, 450 + 500)
    assert decisions[1][3:7] == ["€ 4.680.380,00", "€ 950,00", "€ 950,00", "€ 4.679.430,00"]


@pytest.mark.django_db
def test_every_budget_line_of_the_decisions_is_a_detail_row(demo_client):
    from accounting.models import SpukBudgetLine

    _, lines = _page(demo_client("rotterdam"), 2020)
    labels = sorted(
        SpukBudgetLine.objects.filter(
            division__fund__slug=SPUK, division__year__lte=2020
        ).values_list("label", flat=True)
    )
    assert sorted(r[3] for r in lines[1:-1]) == labels and len(labels) == 6  # seed 004 Bijlage 4


@pytest.mark.django_db
def test_the_pdf_and_the_xlsx_hold_the_appendix_with_its_indicator_codes_and_numbers(demo_client):
    client = demo_client("rotterdam")
    summary, lines = _page(client, 2021)
    decisions, total = summary[1:-1], summary[-1]

    text = pdf_text(
        client.get("/boekhouding/spuk-bren-zuid-west/spuk/2021/verantwoording.pdf").content
    )
    assert "SiSa-bijlage 2021: één regel per beschikking" in text
    for code in ("DEMO/01", "DEMO/02", "DEMO/03", "DEMO/04", "DEMO/05"):
        assert code in text
    for row in decisions + [total]:
        for amount in row[BUDGET : NOT_SPENT + 1]:
            assert amount in text
    for d in decisions:
        assert d[2] in text  # the decision's date (the number may wrap in its cell)
        assert d[1].replace("-", "") in text.replace("-", "").replace(" ", "")

    xlsx = client.get("/boekhouding/spuk-bren-zuid-west/spuk/2021/verantwoording.xlsx").getvalue()
    rows = sheet(xlsx, "SiSa-bijlage")
    head = next(r for r in rows if r[0].value == "Jaar uitkering")
    assert [c.value for c in head][1] == "DEMO/01 Beschikkingsnummer"
    assert [c.value.split()[0] for c in head if c.value and c.value.startswith("DEMO/")] == [
        "DEMO/01",
        "DEMO/02",
        "DEMO/03",
        "DEMO/04",
        "DEMO/05",
    ]
    data = [r for r in rows if r[0].value in {d[0] for d in decisions} | {"Totaal"}]
    assert [r[0].value for r in data] == [d[0] for d in decisions] + ["Totaal"]
    for row, shown in zip(data, decisions + [total], strict=True):
        cells = row[BUDGET : NOT_SPENT + 1]
        assert all(c.data_type == "n" and "€" in c.number_format for c in cells)
        assert [format_euro(Decimal(str(c.value))) for c in cells] == shown[BUDGET : NOT_SPENT + 1]
    dated = [r[2] for r in data[:-1]]
    assert all(c.is_date for c in dated) and [f"{c.value:%d-%m-%Y}" for c in dated] == [
        d[2] for d in decisions
    ]
    assert [r[1].value for r in data[:-1]] == [d[1] for d in decisions]
    assert [
        r[0].value for r in sheet(xlsx, "Per onderdeel en project") if r[0].value == "2020"
    ] == ["2020"] * 6


@pytest.mark.django_db
def test_the_cli_writes_the_appendix_and_prints_one_line_per_decision(
    demo_client, tmp_path, capsys
):
    summary, _ = _page(demo_client("rotterdam"), 2021)
    out = tmp_path / "sisa.xlsx"
    call_command("spuk_verantwoording", SPUK, "2021", "--format", "xlsx", "--output", str(out))
    printed = capsys.readouterr().out.splitlines()
    decisions = summary[1:-1]
    appendix = [line for line in printed if line.startswith("DEMO/01 ")]
    assert [line.split(" | ")[0] for line in appendix] == [f"DEMO/01 {d[1]}" for d in decisions]
    assert [Decimal(line.split(" | ")[1].split()[1]) for line in appendix] == [
        euro(d[SPENT]) for d in decisions
    ]
    assert [Decimal(line.split(" | ")[2].split()[1]) for line in appendix] == [
        euro(d[CUMULATIVE]) for d in decisions
    ]
    assert "2 beschikking(en), 25 regels" in printed[-1]  # 2020: Bijlage 4; 2021: its division
    rows = sheet(out.read_bytes(), "SiSa-bijlage")
    assert [r[1].value for r in rows if r[0].value in ("2020", "2021")] == [d[1] for d in decisions]


def _spuk_fund():
    fund = FundFactory(spuk=True, sisa_code="H99")
    rotterdam = make_user(
        "coord-sisa", Role.COORDINATOR, municipality=fund.coordinating_municipality
    )
    for year, amount in ((2020, "100000"), (2021, "50000")):
        TrancheFactory(fund=fund, year=year, amount=Money(Decimal(amount), "EUR"))
    return fund, rotterdam


def _divide(fund, year, user, lines):
    spuk_division_save(
        fund=fund,
        year=year,
        user=user,
        lines=[
            DivisionLineInput(
                part=part, label=label, amount=Decimal(amount), proposal_id=proposal_id
            )
            for part, label, amount, proposal_id in lines
        ],
    )


@pytest.mark.django_db
def test_the_summary_adds_up_per_decision_with_a_decision_without_lines_and_a_line_without_a_grant(
    client_as,
):
    fund, rotterdam = _spuk_fund()
    tranche_decision_record(
        tranche=fund.tranches.get(year=2020),
        number="VWS-2020-1",
        date=dt.date(2019, 12, 1),
        user=rotterdam,
    )
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, title="Pool", status="awarded"),
        year=2020,
        number="SP-1",
        amount=Money(Decimal("60000"), "EUR"),
    )
    _divide(
        fund,
        2020,
        rotterdam,
        [("2", "Pool", "60000", award.proposal_id), ("4", "Onvoorzien", "40000", None)],
    )
    contributions_charge(tranche=fund.tranches.get(year=2020), user=None)
    committed(award)
    payment_make(
        award=award, amount=Decimal("45000"), final=False, user=None, booked_on=dt.date(2020, 6, 1)
    )
    payment_make(
        award=award,
        amount=Decimal("5000.01"),
        final=False,
        user=None,
        booked_on=dt.date(2021, 6, 1),
    )

    sisa = spuk_verantwoording(fund, 2021)
    assert [(d.grant_year, d.number, len(d.rows)) for d in sisa.decisions] == [
        (2020, "VWS-2020-1", 2),
        (2021, "", 0),
    ]
    first = sisa.decisions[0]
    assert (first.budget, first.spent_year, first.cumulative, first.not_spent) == (
        Decimal("100000.00"),
        Decimal("5000.01"),
        Decimal("50000.01"),
        Decimal("49999.99"),
    )
    assert sisa.decision_totals == sisa.totals
    assert (
        not first.final
        and first.explanation == "Toelichting ontbreekt (afwijking > 10%): Pool; Onvoorzien."
    )

    page = (
        client_as(rotterdam)
        .get(f"/boekhouding/{fund.slug}/spuk/2021/verantwoording/")
        .content.decode()
    )
    summary = table_rows(page, "table-0")
    assert summary[0][1] == "H99/01 Beschikkingsnummer" and summary[0][4].startswith("H99/02 ")
    assert summary[1][:2] == ["2020", "VWS-2020-1"] and summary[2][:3] == [
        "2021",
        "nog niet vastgelegd",
        "",
    ]
    assert summary[1][SPENT] == "€ 5.000,01" and summary[-1][CUMULATIVE] == "€ 50.000,01"
    assert "Beschikking 2021 (€ 50.000,00) is nog niet verdeeld" in page

    report = sisa_report(sisa)
    report_rows = report.tables[0].rows
    assert [r[0] for r in report_rows] == [
        "2020",
        "2021",
    ]  # a decision dropped from the table would fail here


@pytest.mark.django_db
def test_a_decision_is_final_when_every_line_is_and_without_lines_after_its_year():
    fund, rotterdam = _spuk_fund()
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, status="completed"),
        year=2020,
        number="SP-2",
        amount=Money(Decimal("100000"), "EUR"),
    )
    _divide(fund, 2020, rotterdam, [("2", "Af", "100000", award.proposal_id)])
    in_2020 = spuk_verantwoording(fund, 2020).decisions
    assert [d.final for d in in_2020] == [True]
    in_2021 = spuk_verantwoording(fund, 2021).decisions
    assert [d.final for d in in_2021] == [
        True,
        False,
    ]  # the 2021 grant, not divided, is open in 2021
    assert [d.final for d in spuk_verantwoording(fund, 2022).decisions] == [
        True,
        True,
    ]  # the end of the term


@pytest.mark.django_db
def test_without_a_sisa_code_the_indicators_are_numbered_under_spuk():
    fund = FundFactory(spuk=True)
    TrancheFactory(fund=fund, year=2020, amount=Money(Decimal("1000"), "EUR"))
    report = sisa_report(spuk_verantwoording(fund, 2020))
    assert report.tables[0].columns[1].label == "SPUK/01 Beschikkingsnummer"
    assert dict(report.facts)["Uitkeringscode (SiSa)"].startswith("nog niet vastgelegd")


@pytest.mark.django_db
def test_the_demo_records_a_decision_for_every_spuk_year(demo):
    fund = Fund.objects.get(slug=SPUK)
    decisions = list(
        fund.tranches.order_by("year").values_list(
            "year", "grant_decision_number", "grant_decision_date"
        )
    )
    assert [y for y, _, _ in decisions] == [2020, 2021, 2022] and fund.sisa_code == "DEMO"
    assert all(re.fullmatch(r"DEMO-\d{7}-\d{6}-J", n) and d.year == y - 1 for y, n, d in decisions)
