"""The fund pages as each role sees them, and their query counts."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from fund.models import BudgetCircular, Contribution, Fund, Tranche
from fund.selectors import fund_contribution_table
from tests.fund.conftest import PROVISIONAL_FUND

pytestmark = pytest.mark.django_db
FUND = "/fondsen/tijdelijk-fonds-holland-rijnland/"
PROEF = f"/fondsen/{PROVISIONAL_FUND}/"


def test_login_required(client, demo):
    response = client.get(FUND)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_two_sees_tranches_table_and_totals(demo_client, provisional_tranche):
    response = demo_client("two").get(FUND)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tijdelijk Fonds Jeugdhulp Holland Rijnland" in html
    assert "€ 7.000.000,00" in html
    assert "€ 3.000.000,00" in html
    assert "Meicirculaire 2016" in html
    assert "Alphen aan den Rijn" in html and "Zoeterwoude" in html
    # 2018 and 2019 were recalculated (seed 002 besluitpunt 3b): provisional beside definitive
    assert "2018 voorlopig" in html and "2019 definitief" in html
    assert "Herberekenen" not in html  # every year of the demo fund is definitive
    assert "Herberekenen" in demo_client("two").get(PROEF).content.decode()


@pytest.mark.parametrize(
    "username", ["pho-leiden", "pho-alphen-aan-den-rijn", "regio-holland-rijnland"]
)
def test_region_members_see_the_fund_but_cannot_manage(demo_client, username, provisional_tranche):
    response = demo_client(username).get(PROEF)
    assert response.status_code == 200
    assert "Herberekenen" not in response.content.decode()
    assert demo_client(username).get(PROEF + "2018/herberekenen/").status_code == 403


def test_provider_sees_no_fund(demo_client):
    assert demo_client("aanbieder").get(FUND).status_code == 404
    assert demo_client("aanbieder").get("/fondsen/").status_code == 403


def test_coordinator_sees_spuk_but_not_the_regional_fund(demo_client):
    client = demo_client("rotterdam")
    assert client.get("/fondsen/spuk-bren-zuid-west/").status_code == 200
    assert client.get(FUND).status_code == 404
    listing = client.get("/fondsen/").content.decode()
    assert "SPUK" in listing and "Tijdelijk Fonds" not in listing


def test_region_user_of_another_region_sees_spuk_of_its_landsdeel_only(demo_client):
    client = demo_client("regio-midden-holland")
    assert client.get(FUND).status_code == 404
    assert client.get("/fondsen/spuk-bren-zuid-west/").status_code == 200


def test_unknown_fund_is_404(demo_client):
    assert demo_client("two").get("/fondsen/bestaat-niet/").status_code == 404
    assert demo_client("two").get(FUND + "bijdragen.pdf").status_code == 404


def test_csv_download_adds_up(demo_client):
    response = demo_client("two").get(FUND + "bijdragen.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["municipality", "cbs_code", "2016", "2017", "2018", "2019", "total"]
    assert rows[-1][0] == "Totaal" and rows[-1][-1] == "7000000.00"
    assert sum(Decimal(r[-1]) for r in rows[1:-1]) == Decimal("7000000")


def test_xlsx_download_has_numbers_with_euro_format(demo_client):
    response = demo_client("two").get(FUND + "bijdragen.xlsx")
    assert response.streaming  # sent from a temporary file in parts
    assert response["Content-Disposition"] == (
        'attachment; filename="bijdragen-tijdelijk-fonds-holland-rijnland.xlsx"'
    )
    ws = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(ws.iter_rows(values_only=True))
    header = rows[1]
    assert header[:3] == ("Gemeente", "CBS-code", "2016 (definitief)")
    alphen = next(r for r in rows if r[0] == "Alphen aan den Rijn")
    assert isinstance(alphen[2], (int, float)) and alphen[2] == 245856
    total = next(r for r in rows if r[0] == "Totaal")
    # 2018 and 2019 were recalculated: provisional, definitive and difference beside each other
    assert header[2:11] == (
        "2016 (definitief)",
        "2017 (definitief)",
        "2018 (voorlopig)",
        "2018 (definitief)",
        "2018 verschil",
        "2019 (voorlopig)",
        "2019 (definitief)",
        "2019 verschil",
        "Totaal",
    )
    assert total[2:11] == (1000000, 3000000, 2000000, 2000000, 0, 1000000, 1000000, 0, 7000000)
    # whole euros (the fund rounds to the euro), the headers and totals bold, municipalities not
    alphen_row = next(r for r in ws.iter_rows() if r[0].value == "Alphen aan den Rijn")
    assert alphen_row[2].number_format == '"€" #,##0;-"€" #,##0'
    assert not alphen_row[0].font.bold and not alphen_row[2].font.bold
    total_row = next(r for r in ws.iter_rows() if r[0].value == "Totaal")
    assert total_row[0].font.bold and total_row[2].font.bold
    assert total_row[2].number_format == '"€" #,##0;-"€" #,##0'
    assert all(c.font.bold for c in next(ws.iter_rows(min_row=2, max_row=2)) if c.value)
    # each look is a named style of the workbook, not a font and format per cell
    assert (alphen_row[2].style, total_row[2].style) == ("Bedrag in euro's", "Bedrag in euro's vet")


def test_recalculation_page_preview_then_confirm(demo_client, provisional_tranche):
    client = demo_client("two")
    circular = BudgetCircular.objects.get(slug="meicirculaire-2017")
    url = PROEF + "2018/herberekenen/"
    preview = client.get(url, {"circular": circular.pk}).content.decode()
    assert "Verschil op grond van Meicirculaire 2017" in preview
    assert "Bevestig herberekening" in preview
    tranche = Tranche.objects.get(fund__slug=PROVISIONAL_FUND, year=2018)
    assert tranche.basis.slug == "meicirculaire-2016"  # the preview changed nothing
    response = client.post(url, {"circular": circular.pk, "note": "nieuw"}, follow=True)
    assert "zijn herberekend op Meicirculaire 2017" in response.content.decode()
    tranche.refresh_from_db()
    assert tranche.basis == circular


def test_definitive_tranche_recalculation_is_refused_with_a_message(demo_client):
    response = demo_client("two").get(
        "/fondsen/tijdelijk-fonds-holland-rijnland/2017/herberekenen/", follow=True
    )
    assert "is definitief" in response.content.decode()


def test_make_definitive_button(demo_client, provisional_tranche):
    response = demo_client("two").post(PROEF + "2018/definitief/", follow=True)
    assert "definitief vastgesteld" in response.content.decode()
    assert Tranche.objects.get(fund__slug=PROVISIONAL_FUND, year=2018).is_definitive


def test_history_page_shows_events(demo_client):
    html = (
        demo_client("two")
        .get("/fondsen/tijdelijk-fonds-holland-rijnland/2017/historie/")
        .content.decode()
    )
    assert "Definitief gemaakt" in html and "Berekend" in html


def test_circular_upload_page_reports_rows(demo_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.models import Region

    client = demo_client("two")
    bad = SimpleUploadedFile(
        "mc.csv",
        b"cbs_code,gemeente,jaar,domein,bedrag\nGM0484,Alphen,2019,regionaal,-1\nGM9999,X,2019,regionaal,1\n",
    )
    response = client.post(
        "/fondsen/circulaires/inlezen/",
        {
            "name": "Meicirculaire 2019",
            "published_year": 2019,
            "region": Region.objects.get(slug="holland-rijnland").pk,
            "file": bad,
        },
    )
    html = response.content.decode()
    assert "rij 2, kolom bedrag: negatief bedrag -1" in html
    assert "rij 3, kolom cbs_code: onbekende gemeente GM9999" in html
    assert not BudgetCircular.objects.filter(name="Meicirculaire 2019").exists()
    assert demo_client("pho-leiden").get("/fondsen/circulaires/inlezen/").status_code == 403


def _add_municipalities(fund: Fund, n: int):
    from djmoney.money import Money

    from tests.factories import MunicipalityFactory

    tranches = list(fund.tranches.all())
    # Test data at scale: the demo's tranches are definitive, so their model refuses new
    # contributions; bulk_create writes the rows as a migration of old data would.
    for _ in range(n):
        municipality = MunicipalityFactory(region=fund.region)
        Contribution.objects.bulk_create(
            Contribution(
                tranche=t,
                municipality=municipality,
                counted_budget=Money(1, "EUR"),
                amount=Money(1, "EUR"),
            )
            for t in tranches
        )


@pytest.mark.parametrize("extra", [0, 60])
def test_fund_page_query_count_does_not_grow(demo_client, django_assert_max_num_queries, extra):
    client = demo_client("two")
    _add_municipalities(Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland"), extra)
    client.get("/")  # the session's idle end is written once, on the first request after login
    # +2 each: the provisional figures of the recalculated years (their events and the contributions' history)
    with django_assert_max_num_queries(10):
        assert client.get(FUND).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(FUND + "bijdragen.xlsx").status_code == 200


def test_change_log_shows_who_changed_a_tranche(demo_client, provisional_tranche):
    client = demo_client("two")
    client.post(PROEF + "2018/definitief/")
    html = client.get(PROEF + "wijzigingen/").content.decode()
    assert "Tranche 2018" in html
    assert "status: provisional → definitive" in html
    assert "Tessa de Wit" in html or "two" in html
    assert demo_client("pho-leiden").get(PROEF + "wijzigingen/").status_code == 403


@pytest.mark.parametrize("amount", ["0.29", "1234567.29", "9999999.99", "0.07"])
def test_page_shows_stored_cents_exactly(demo_client, provisional_tranche, amount):
    """Cents are read as integers (SQLite hands back floats: 0.29 * 100 is 28.999...). A provisional
    tranche: the demo's are definitive, and their contributions cannot be changed."""
    contribution = Contribution.objects.filter(
        tranche=provisional_tranche, municipality__name="Zoeterwoude"
    ).get()
    Contribution.objects.filter(pk=contribution.pk).update(
        amount=Decimal(amount)
    )  # test data, not a booking
    html = demo_client("two").get(PROEF).content.decode()
    euros, cents = amount.split(".")
    assert f"€ {int(euros):,}".replace(",", ".") + f",{cents}" in html
    table = fund_contribution_table(Fund.objects.get(slug=PROVISIONAL_FUND))
    row = next(r for r in table.rows if r.municipality.name == "Zoeterwoude")
    assert Decimal(amount) in row.amounts
    assert table.grand_total == sum(
        Contribution.objects.filter(tranche__fund__slug=PROVISIONAL_FUND).values_list(
            "amount", flat=True
        ),
        Decimal(0),
    )
