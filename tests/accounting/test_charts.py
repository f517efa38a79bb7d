"""SVG charts beside the figures: the fund's use per year (page and PDF) and, for the SPUK, budget
against spending per part; the figures that need it are explained next to them."""

import io

from pypdf import PdfReader

from accounting import reports
from accounting.selectors.overview import fund_overview
from accounting.selectors.spuk import spuk_parts, spuk_verantwoording
from fund.models import Fund
from reports.pdf import report_pdf


def test_the_fund_overview_shows_its_use_per_year_as_a_chart_and_explains_its_figures(demo_client):
    client = demo_client("pho-alphen-aan-den-rijn")
    html = client.get("/boekhouding/tijdelijk-fonds-holland-rijnland/overzicht/").content.decode()
    assert 'src="/boekhouding/tijdelijk-fonds-holland-rijnland/gebruik-per-jaar.svg"' in html
    assert "2017: vulling € 3.000.000,00" in html  # the chart in words
    assert "<dt>Uitgewisseld</dt>" in html and "Alphen aan den Rijn in 2017 minder zwaar" in html
    svg = client.get("/boekhouding/tijdelijk-fonds-holland-rijnland/gebruik-per-jaar.svg")
    assert (
        svg["Content-Type"] == "image/svg+xml"
        and b"<svg" in svg.content
        and b"Betaald" in svg.content
    )
    assert demo_client("aanbieder").get(
        "/boekhouding/tijdelijk-fonds-holland-rijnland/gebruik-per-jaar.svg"
    ).status_code in (403, 404)
    fund = Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland")
    pdf = report_pdf(reports.fund_overview_report(fund_overview(fund)))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())  # a column header may wrap onto two lines in the PDF
    assert "Gebruik per jaar" in text and "Vulling (tranche)" in text


def test_the_spuk_page_charts_budget_against_spending_per_part(demo_client):
    client = demo_client("rotterdam")
    html = client.get("/boekhouding/spuk-bren-zuid-west/spuk/").content.decode()
    assert 'src="/boekhouding/spuk-bren-zuid-west/spuk/2020/onderdelen.svg"' in html
    svg = client.get("/boekhouding/spuk-bren-zuid-west/spuk/2020/onderdelen.svg")
    assert svg.status_code == 200 and b"<svg" in svg.content and b"Besteed" in svg.content
    fund = Fund.objects.get(slug="spuk-bren-zuid-west")
    parts = spuk_parts(fund, 2020)
    assert parts and sum(budget for _, budget, _ in parts) == sum(
        r.budget for r in spuk_verantwoording(fund, 2020).rows if r.grant_year == 2020
    )
    assert demo_client("regio-midden-holland").get(
        "/boekhouding/spuk-bren-zuid-west/spuk/2020/onderdelen.svg"
    ).status_code in (403, 404)
