"""Issue 14: in the SPUK verantwoording PDF a table row never splits over two pages, and the column
headers do not break their words. A long draft division (many lines whose descriptions wrap over
several lines in their cell) is rendered by WeasyPrint; each row's first and last word must be on
one page."""

import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from accounting.services.spuk import DivisionLineInput, spuk_division_save
from fund.models import Fund

PDF = "/boekhouding/spuk-bren-zuid-west/spuk/2022/verantwoording.pdf"
LINES = 70
DETAIL = "Onderbouwing per begrotingsonderdeel en project"
FILLER = " ".join(["woorden die de omschrijving over meerdere regels in haar cel laten lopen"] * 2)


def _long_division():
    fund = Fund.objects.get(slug="spuk-bren-zuid-west")
    spuk_division_save(
        fund=fund,
        year=2022,
        user=get_user_model().objects.get(username="rotterdam"),
        lines=[
            DivisionLineInput(
                part="2",
                label=f"Beginregel{i:02d} {FILLER} Eindregel{i:02d}",
                amount=Decimal("1000.50"),
            )
            for i in range(LINES)
        ],
    )


def _pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.django_db
def test_no_row_of_the_verantwoording_pdf_splits_over_two_pages(demo_client):
    _long_division()
    response = demo_client("rotterdam").get(PDF)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = _pages(response.content)
    # the table per budget line (the SiSa summary above it names the lines needing an explanation in
    # one cell; the notes after it may name them again): from its caption on, each row's first occurrence
    start = next(n for n, text in enumerate(pages) if DETAIL in text)
    table = [pages[start].split(DETAIL, 1)[1], *pages[start + 1 :]]
    assert len(table) >= 4  # long enough that rows meet page ends
    split = []
    for i in range(LINES):
        first = next(n for n, text in enumerate(table) if f"Beginregel{i:02d}" in text)
        last = next(n for n, text in enumerate(table) if f"Eindregel{i:02d}" in text)
        if first != last:
            split.append((i, start + first + 1, start + last + 1))
    assert split == [], f"rows split over pages (row, page of its start, page of its end): {split}"
    # the header repeats on each page, and no header word is broken over two lines
    for text in table[1:]:
        if "Eindregel" in text:
            assert "Cumulatieve besteding (t/m jaar T)" in text
    text = " ".join(pages)
    for word in (
        "Jeugdhulpregio",
        "Eindverantwoording",
        "Omschrijving",
        "Toelichting",
        "Cumulatieve",
        "Onderdeel",
    ):
        assert word in text
    assert not re.search(r"Eindverantwoordin\s|Jeugdhulpregi\s|Omschrijvin\s", text)
