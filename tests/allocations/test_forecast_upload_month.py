"""The forecast upload takes the month from the file (cell B3 of the template) when none is typed."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from allocations.models import ForecastSubmission

BASE = "/budgetten/aanbieder/jeugdhulp-rijnland/prognose/"


def _filled(content: bytes, *, month_cell=None) -> bytes:
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Prognose"]
    for r in range(6, ws.max_row + 1):
        delivered = Decimal(str(ws.cell(row=r, column=5).value))
        ws.cell(row=r, column=9, value=float(delivered * Decimal("0.2")))
    if month_cell is not None:
        ws["B3"] = month_cell
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_month_comes_from_the_file(demo_client):
    client = demo_client("aanbieder")
    template = client.get(BASE + "sjabloon/", {"month": "2016-12"}).content
    before = ForecastSubmission.objects.filter(
        provider__slug="jeugdhulp-rijnland", year=2016, month=12
    ).count()
    response = client.post(
        BASE + "inlezen/",
        {"month": "", "file": SimpleUploadedFile("p.xlsx", _filled(template))},
        follow=True,
    )
    assert "De prognose 2016-12 is ingelezen." in response.content.decode()
    assert (
        ForecastSubmission.objects.filter(
            provider__slug="jeugdhulp-rijnland", year=2016, month=12
        ).count()
        == before + 1
    )
    # a file that names no month, and none typed: a clear message on the form, nothing saved
    response = client.post(
        BASE + "inlezen/",
        {"month": "", "file": SimpleUploadedFile("p.xlsx", _filled(template, month_cell=""))},
    )
    assert "Het bestand noemt geen maand" in response.content.decode()
    assert (
        ForecastSubmission.objects.filter(
            provider__slug="jeugdhulp-rijnland", year=2016, month=12
        ).count()
        == before + 1
    )
