"""seed 004 H7, §6.4, Bijlagen 4 and 5 as the coordinating municipality sees them: the 2021 grant's
composition, its division adding up to the grant (the SiSa row shows it), the research line of
Bijlage 5, Bijlage 4's coordination line, and the regulation named in the SiSa header."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from accounting.models import SpukBudgetDivision
from proposals.models import AmbassadorAdvice, Decision, Proposal
from tests.accounting.html import table_rows

pytestmark = pytest.mark.django_db
SPUK = "spuk-bren-zuid-west"
REGULATION = (
    "Regeling van de Staatssecretaris van Volksgezondheid, Welzijn en Sport houdende regels met betrekking tot "
    "het verstrekken van een specifieke uitkering voor de instandhouding en doorontwikkeling van de "
    "bovenregionale expertisecentra jeugdhulp (BWBR0044990)"
)
RESEARCH = [
    ("Onderzoek: een postdoc onderzoeker", "€ 75.000,00"),
    ("Onderzoek: een onderzoeker", "€ 45.000,00"),
    ("Onderzoek: bijdrage gezinnen", "€ 10.000,00"),
    ("Onderzoek: bijdrage professionals", "€ 10.000,00"),
    ("Onderzoek: vacatiegelden leerbijeenkomsten", "€ 4.000,00"),
    ("Onderzoek: materiële kosten", "€ 15.000,00"),
]


def rows(html: str, testid: str) -> list[list[str]]:
    return table_rows(html, testid)


def test_the_2021_grant_shows_its_composition_and_2022_is_provisional(demo_client):
    html = demo_client("rotterdam").get(f"/fondsen/{SPUK}/").content.decode()
    composition = re.sub(
        r"\s+", " ", html[html.index('data-testid="composition-2021"') :].split("</span>")[0]
    )
    assert (
        "75% vast (€ 3.510.285,00), 25% naar het aantal jongeren tot 23 jaar, 964.582 in het landsdeel "
        "(€ 1.170.095,00)"
    ) in composition
    tranches = {r[0]: r for r in rows(html, "tranches")[1:]}
    assert tranches["2021"][1] == "€ 4.680.380,00"
    assert tranches["2022"][1] == "€ 4.850.000,00" and tranches["2022"][3] == "Voorlopig"
    assert REGULATION in html


def test_the_2021_division_adds_up_to_the_grant_and_holds_the_research_lines(demo_client):
    html = (
        demo_client("rotterdam").get(f"/boekhouding/{SPUK}/spuk/2021/verdeling/").content.decode()
    )
    assert "De verdeling telt op tot de uitkering en volgt de 10%-regels." in html
    body = rows(html, "division")
    total = body[-1]
    assert total[-1] == "€ 4.680.380,00"
    parts = {r[0][:2] for r in body[1:-1]}
    assert {"1a", "1b", "1c", "1d", "1e", "2.", "3.", "4."} <= parts
    learning = [r for r in body[1:-1] if r[0].startswith("3.")]
    assert [(r[1].split(" (")[0], r[4]) for r in learning] == RESEARCH
    assert all("Onderzoek kennis- en ontwikkelfunctie BREN" in r[3] for r in learning)
    assert (
        sum(Decimal(r[4].replace("€", "").replace(".", "").replace(",", ".")) for r in learning)
        == 159000
    )
    unforeseen = next(r for r in body if r[0].startswith("4."))
    assert unforeseen[4] == "€ 468.038,00"  # 10% of the grant


def test_the_research_runs_four_years_with_its_yearly_lines(demo_client):
    research = Proposal.objects.get(
        fund__slug=SPUK, title__startswith="Onderzoek kennis- en ontwikkelfunctie"
    )
    page = demo_client("rotterdam").get(f"/voorstellen/{research.pk}/").content.decode()
    assert "Vierjarig onderzoek (2021 t/m 2024)" in page and "€ 159.000 per jaar" in page
    assert research.status == "adopted"
    # the next year's division (2022, reserved, provisional) carries the research's lines too (a draft)
    draft = (
        demo_client("rotterdam").get(f"/boekhouding/{SPUK}/spuk/2022/verdeling/").content.decode()
    )
    learning = [r for r in rows(draft, "division")[1:-1] if r[0].startswith("3.")]
    assert [(r[1].split(" (")[0], r[4]) for r in learning] == RESEARCH
    assert SpukBudgetDivision.objects.get(fund__slug=SPUK, year=2022).status == "draft"


def test_bijlage_4_rotterdam_line_is_coordination_and_timon_sets_its_own_lines(demo_client):
    body = rows(
        demo_client("rotterdam").get(f"/boekhouding/{SPUK}/spuk/2020/verdeling/").content.decode(),
        "division",
    )
    rotterdam = next(r for r in body if "gemeente Rotterdam" in r[1])
    assert (
        rotterdam[0]
        == "1. Proceskosten: coördinatie (uren voorzitters expertteams, projectleiding en -ondersteuning)"
    )
    assert (
        "projectleiding en projectondersteuning" in rotterdam[1] and rotterdam[4] == "€ 102.300,00"
    )
    timon = next(r for r in body if "Timon" in r[1])
    assert (
        "de bedragen per project bepaalt Timon met ZHZ en Rijnmond" in timon[1]
        and timon[4] == "€ 751.056,00"
    )
    assert body[-1][-1] == "€ 1.710.000,00"


def test_the_sisa_header_names_the_regulation_of_the_seed(demo_client):
    client = demo_client("rotterdam")
    html = client.get(f"/boekhouding/{SPUK}/spuk/2021/verantwoording/").content.decode()
    assert (
        f"<dt>Specifieke uitkering</dt><dd>De {REGULATION}</dd>" in html
    )  # the fund's legal ground, as data
    assert "randvoorwaardelijke functies" not in html
    xlsx = load_workbook(
        io.BytesIO(client.get(f"/boekhouding/{SPUK}/spuk/2021/verantwoording.xlsx").getvalue())
    )
    cells = [c.value for ws in xlsx.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert f"De {REGULATION}" in cells


def test_no_ambassador_advice_before_their_first_meeting_on_16_july_2021(demo_client):
    assert AmbassadorAdvice.objects.exists()
    assert not AmbassadorAdvice.objects.filter(meeting__date__lt=dt.date(2021, 7, 16)).exists()
    assert not AmbassadorAdvice.objects.filter(meeting__isnull=True).exists()
    client = demo_client("rotterdam")
    alone = Decision.objects.filter(
        proposal__fund__slug=SPUK, decided_at__date__lt=dt.date(2021, 7, 16)
    )
    assert alone.count() >= 8
    for decision in alone.select_related("proposal"):
        page = client.get(f"/voorstellen/{decision.proposal_id}/").content.decode()
        assert 'data-testid="advice"' not in page
        assert (
            "Besluit van de gemeente Rotterdam alleen: de bestuurlijk ambassadeurs waren nog niet bijeengekomen"
            in page
        )
    research = Proposal.objects.get(
        fund__slug=SPUK, title__startswith="Onderzoek kennis- en ontwikkelfunctie"
    )
    page = client.get(f"/voorstellen/{research.pk}/").content.decode()
    assert (
        "bijeenkomst van 16-7-2021" in page
        and "gehoord het advies van de bestuurlijk ambassadeurs" in page
    )


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019])
def test_every_year_of_the_tijdelijk_fonds_is_evaluated(demo_client, year):
    """seed 002 §3.2 (5): a yearly evaluation of goals against delivered performance."""
    page = (
        demo_client("two")
        .get(f"/boekhouding/tijdelijk-fonds-holland-rijnland/evaluatie/{year}/")
        .content.decode()
    )
    body = rows(page, "table-0")[1:]
    reported = [r for r in body if r[5] != "—"]
    assert reported and len(reported) == len(body)
    if year < 2019:
        assert f"Tussenstand eind {year}" in page
