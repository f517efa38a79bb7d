"""A corpus of bad inputs fed to every upload and to the forms (issue 12, Tests): each answer is a
Dutch message or a 4xx, never a 500, and the row count of every table is the same before and after.

Cases: the broken files of tests.corpus.files (for the forecast XLSX and the circular upload as
XLSX), bad CSV files for the circular, and bad form values (empty, huge, wrong type, formulas,
control characters, other digits, far and impossible dates) for the number, date and BSN fields."""

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from core.roles import Role
from tests.allocations.factories import World
from tests.allocations.xlsx_helpers import filled
from tests.corpus.files import bad_xlsx
from tests.factories import MunicipalityFactory, RegionFactory, make_user

pytestmark = pytest.mark.django_db

DUTCH = (
    "niets opgeslagen",
    "geweigerd",
    "geen geldig",
    "Dit veld is verplicht",
    "is geen getal",
    "Nederlands",
    "cijfers 0 tot en met 9",
    "te groot",
    "Vul ",
    "Voer ",
    "Zorg ",
    "elfproef",
    "datum",
    "leeg",
    "niet te lezen",
    "UTF-8",
    "groter dan",
    "beschadigd",
    "DTD",
    "Alleen .xlsx",
)

HUGE_TEXT = "9" * 100_000
CSV_HEADER = "cbs_code,gemeente,jaar,domein,bedrag\n"
BAD_CSV = {
    "csv empty": b"",
    "csv only a header": CSV_HEADER.encode(),
    "csv latin-1": (CSV_HEADER + "GM9001,Gem\xe9ente,2019,regionaal,5\n").encode("latin-1"),
    "csv utf-16": (CSV_HEADER + "GM9001,Gemeente,2019,regionaal,5\n").encode("utf-16"),
    "csv formula amount": (CSV_HEADER + 'GM9001,Gemeente,2019,regionaal,"=1+1"\n').encode(),
    "csv formula code": (
        CSV_HEADER + '=HYPERLINK("http://x"),Gemeente,2019,regionaal,5\n'
    ).encode(),
    "csv control characters": (
        CSV_HEADER + "GM9001,Gem\x00ente\x07,2019,regionaal,5\x1b\n"
    ).encode(),
    "csv arabic-indic digits": (CSV_HEADER + "GM9001,Gemeente,٢٠١٩,regionaal,٥\n").encode(),
    "csv huge amount": (CSV_HEADER + f"GM9001,Gemeente,2019,regionaal,{HUGE_TEXT}\n").encode(),
    "csv far year": (CSV_HEADER + "GM9001,Gemeente,99999999999999999999,regionaal,5\n").encode(),
    "csv binary": bytes(range(256)) * 8,
    "csv wrong columns": b"a;b;c\n1;2;3\n",
    "csv huge file": b"x" * (6 * 1024 * 1024),
}

BAD_NUMBERS = [
    "",
    " ",
    "abc",
    "12,500.50",
    "1.2.3",
    "1_000",
    "١٠٠",
    "1e5",
    "NaN",
    "-Infinity",
    "=1+1",
    "@SUM(A1)",
    "\x00\x01",
    "1\n2",
    HUGE_TEXT,
    "99999999999999999999,99",
    "-5",
    "0,001",
]
BAD_DATES = [
    "",
    "abc",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "2016-02-30",
    "99999999-01-01",
    "31-12-2016x",
    "=TODAY()",
    "\x00",
    HUGE_TEXT,
]
BAD_BSNS = [
    "",
    "123",
    "999991773",
    "99999177２",
    "١٢٣٤٥٦٧٨٩",
    "=1+1",
    "9" * 20,
    "\x00" * 9,
    HUGE_TEXT,
]
BAD_MONTHS = ["", "2016-13", "2016-00", "99999999999999999999-01", "٢٠١٦-٠٥", "=1+1", HUGE_TEXT]


def row_counts() -> dict[str, int]:
    """The number of rows of every table of the project's models (sessions excluded: logging in makes one)."""
    tables = sorted({m._meta.db_table for m in apps.get_models()} - {"django_session"})
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def refused(response, case="") -> None:
    assert response.status_code < 500, case
    if response.status_code < 400:
        page = response.content.decode()
        assert response.status_code == 200 and any(word in page for word in DUTCH), (
            case,
            page[:3000],
        )


CASES = 0


@pytest.fixture
def world():
    return World()


@pytest.fixture
def provider_client(world, client):
    provider = world.provider("aanbieder-c")
    client.force_login(provider.user, backend="django.contrib.auth.backends.ModelBackend")
    client.raise_request_exception = False
    return provider, client


def _without_month(content: bytes) -> bytes:
    """The filled template with its month cell (B3 of the Prognose sheet) emptied."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content))
    wb["Prognose"]["B3"] = ""
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_every_broken_forecast_file_and_month_is_refused_and_nothing_changes(provider_client):
    provider, client = provider_client
    url = f"/budgetten/aanbieder/{provider.slug}/prognose/inlezen/"
    files = bad_xlsx(filled(provider, bsns=[("45A01", "999991772", "2016-05-02")]))
    files["too big"] = b"PK" + b"\x00" * (6 * 1024 * 1024)
    before = row_counts()
    for name, content in files.items():
        refused(
            client.post(
                url, {"month": "2016-05", "file": SimpleUploadedFile(f"{name}.xlsx", content)}
            ),
            name,
        )
    for month in BAD_MONTHS:
        # no month typed: the upload takes the file's (cell B3), so the file names none either
        content = filled(provider) if month else _without_month(filled(provider))
        refused(client.post(url, {"month": month, "file": SimpleUploadedFile("p.xlsx", content)}))
    refused(
        client.post(url, {"month": "2016-05", "file": "not a file"})
    )  # wrong type: text for a file
    refused(client.post(url, {"month": ["2016-05", "2016-06"]}))
    assert row_counts() == before
    assert len(files) + len(BAD_MONTHS) + 2 == 24


@pytest.fixture
def circular_client(client):
    region = RegionFactory()
    MunicipalityFactory(region=region, cbs_code="GM9001", name="Gemeente")
    user = make_user("two-corpus", Role.TWO)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.raise_request_exception = False
    return region, client


def test_every_broken_circular_file_and_field_is_refused_and_nothing_changes(
    circular_client, world
):
    region, client = circular_client
    provider = world.provider("aanbieder-d")
    files = {f"{name}.xlsx": content for name, content in bad_xlsx(filled(provider)).items()}
    files.update({f"{name}.csv": content for name, content in BAD_CSV.items()})
    files["wrong type.pdf"] = b"%PDF-1.4\n"
    before = row_counts()
    for index, (name, content) in enumerate(files.items()):
        refused(
            client.post(
                "/fondsen/circulaires/inlezen/",
                {
                    "name": f"Circulaire {index}",
                    "published_year": "2019",
                    "region": region.pk,
                    "file": SimpleUploadedFile(name, content),
                },
            ),
            name,
        )
    for year in ["", "abc", "99999999999999999999", "١٩٩٩", "=1+1", HUGE_TEXT]:
        refused(
            client.post(
                "/fondsen/circulaires/inlezen/",
                {
                    "name": "Circulaire jaar",
                    "published_year": year,
                    "region": region.pk,
                    "file": SimpleUploadedFile(
                        "c.csv", (CSV_HEADER + "GM9001,Gemeente,2019,regionaal,5\n").encode()
                    ),
                },
            )
        )
    refused(
        client.post(
            "/fondsen/circulaires/inlezen/",
            {"name": HUGE_TEXT, "published_year": "2019", "region": "x"},
        )
    )
    assert row_counts() == before
    assert len(files) + 6 + 1 == 35


def test_every_bad_value_in_the_client_registration_form_is_refused_and_nothing_changes(
    provider_client,
):
    provider, client = provider_client
    url = f"/budgetten/aanbieder/{provider.slug}/clienten/nieuw/?jaar=2016"
    product = provider.hours.pk
    before = row_counts()
    for bsn in BAD_BSNS:
        response = client.post(url, {"product": product, "bsn": bsn, "intake_on": "2016-05-02"})
        refused(response, repr(bsn[:20]))
        assert (
            bsn.strip() == "" or bsn not in response.content.decode()
        )  # the form never echoes a BSN
    for day in BAD_DATES:
        refused(
            client.post(url, {"product": product, "bsn": "999991772", "intake_on": day}),
            repr(day[:20]),
        )
    for product_value in ["", "abc", "99999999999999999999", "-1", "=1+1"]:
        refused(
            client.post(
                url, {"product": product_value, "bsn": "999991772", "intake_on": "2016-05-02"}
            )
        )
    assert row_counts() == before


def test_every_bad_amount_and_date_in_the_payment_form_is_refused_and_nothing_changes(client_as):
    from tests.accounting.test_provider_payments import _funded_world, _grant

    world = _funded_world()
    request = _grant(world)
    client = client_as(world.two)
    client.raise_request_exception = False
    url = f"/boekhouding/{world.fund.slug}/aanbieders/{request.pk}/betaling/"
    before = row_counts()
    for amount in BAD_NUMBERS:
        refused(
            client.post(
                url,
                {
                    "payment-kind": "advance",
                    "payment-amount": amount,
                    "payment-booked_on": "2016-08-01",
                },
            ),
            repr(amount[:20]),
        )
    for (
        day
    ) in BAD_DATES:  # 0001-01-01 and 9999-12-31 too: a booking date lies within its fund's window
        refused(
            client.post(
                url, {"payment-kind": "advance", "payment-amount": "10", "payment-booked_on": day}
            ),
            repr(day[:20]),
        )
    for kind in ["", "=1+1", HUGE_TEXT]:
        refused(
            client.post(
                url,
                {"payment-kind": kind, "payment-amount": "10", "payment-booked_on": "2016-08-01"},
            )
        )
    assert row_counts() == before


def test_the_corpus_has_its_size():
    """The number of cases fed above (reported in the issue's note)."""
    files_forecast = 24
    files_circular = 35
    registration = len(BAD_BSNS) + len(BAD_DATES) + 5
    payment = len(BAD_NUMBERS) + len(BAD_DATES) + 3
    assert (files_forecast, files_circular, registration, payment) == (24, 35, 25, 32)
    assert files_forecast + files_circular + registration + payment == 116
    assert dt.date(2016, 1, 1)  # far dates are in BAD_DATES: 0001-01-01 and 9999-12-31
