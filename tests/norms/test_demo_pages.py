"""The demo's seed figures read back from the pages, the chart, the PDF and the XLSX."""

import io
import re

from openpyxl import load_workbook
from pypdf import PdfReader

from norms.models import Action, InspectionReport
from proposals.models import Meeting


def text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("<main") :]))


def test_zuid_west_trend_page_shows_seed_001_with_chart_and_missing_periods(demo_client):
    client = demo_client("rotterdam")  # the coordinating municipality of Zuid-West
    page = text(client.get("/normen/gebied/zuid-west/"))
    # per norm two columns: the area's own count and the sum of its regions
    assert "15-1-2021 — — — — — — 72 —" in page
    assert "15-2-2021 — — — — 124 — 39 —" in page
    assert "15-6-2021 — — — — 61 — 20 —" in page
    assert "1-9-2021 — — — — 76 — 26 —" in page
    # the sum of its regions beside it: only Zuid-Holland Zuid reported (seed 000, mid-November 2020)
    assert "15-11-2020 — — — — — — — 96 (1 van 4)" in page
    assert "juli 2021: Vaste jeugdbeschermer, Gedragen koers, Passende hulp" in page
    assert "september 2021: Vaste jeugdbeschermer, Gedragen koers" in page
    chart = client.get("/normen/gebied/zuid-west/trend.svg")
    assert (
        chart["Content-Type"] == "image/svg+xml"
        and b"<svg" in chart.content
        and b"124" in chart.content
    )
    pdf = client.get("/normen/gebied/zuid-west/trend.pdf")
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "124" in pdf_text and "Normen jeugdbescherming Zuid-West" in pdf_text


def test_action_plan_page_pdf_and_xlsx_on_a_date_of_the_story(demo_client):
    client = demo_client("two")
    page = text(client.get("/normen/gebied/zuid-west/uitvoeringsplan/?per=2021-11-01"))
    assert "Stand per 1-11-2021" in page
    assert "groen: 1 · oranje: 4 · rood: 1 · loopt: 11" in page
    assert "oranje Oranje: risico gemeld of planningsdatum binnen 4 weken" in page
    assert (
        "Toekenning TF-2016-001 (Tijdelijk Fonds Jeugdhulp Holland Rijnland) € 80.000,00 € 80.000,00"
        in page
    )
    xlsx = client.get(
        "/normen/gebied/zuid-west/uitvoeringsplan/uitvoeringsplan.xlsx?per=2021-11-01"
    )
    assert xlsx.streaming
    ws = load_workbook(io.BytesIO(xlsx.getvalue()))["Uitvoeringsplan"]
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1] in ("1.1", "1.2", "2.2")}
    assert rows["1.1"][6] == "groen" and rows["1.1"][8].date().isoformat() == "2021-01-29"
    assert rows["1.2"][6] == "rood" and rows["1.2"][5].date().isoformat() == "2021-10-31"
    assert rows["2.2"][10].startswith("SPUK-project") and float(rows["2.2"][11]) == 446644.0
    pdf = client.get("/normen/gebied/zuid-west/uitvoeringsplan/uitvoeringsplan.pdf?per=2021-11-01")
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Uitvoeringsplan Zuid-West" in pdf_text and "groen: 1" in pdf_text


def test_action_shows_money_from_the_books_and_its_history(demo_client):
    client = demo_client("two")
    action = Action.objects.get(number="2.1", plan__area__slug="zuid-west")
    page = text(client.get(f"/normen/acties/{action.pk}/"))
    assert "Resultaat bereikt op 12-11-2021" in page
    assert (
        "Tessa de Wit Resultaat bereikt op 12-11-2021" in page
    )  # the change: who, what, from (empty), to
    paid = Action.objects.get(number="1.3", plan__area__slug="zuid-west")
    page = text(client.get(f"/normen/acties/{paid.pk}/"))
    assert "verplicht € 80.000,00, betaald € 80.000,00 (uit de boekhouding)" in page
    proposal = text(client.get(f"/voorstellen/{paid.award.proposal_id}/"))
    assert "Zuid-West actie 1.3: Regionale inzichten" in proposal


def test_inspection_tables_per_gi_from_seed_003(demo_client, django_user_model):
    client = demo_client("two")
    client.force_login(
        django_user_model.objects.create_superuser(
            "beheer-norm", "b@example.invalid", "pw-beheer-norm-12"
        ),
        backend="django.contrib.auth.backends.ModelBackend",
    )  # no demo office is in Noord-Holland
    report = InspectionReport.objects.get(area__slug="noord-holland-amsterdam")
    page = text(client.get(f"/normen/inspectie/{report.pk}/"))
    assert (
        "Tijdig een vaste jeugdbeschermer: vaste jeugdbeschermer GI Beoordeeld Op orde Niet op orde Briedis 1 1 0 DJGB 23 19 4 JBRA 21 17 4 LJ&amp;R 5 5 0 WSS 11 11 0 Som van de GI's 61 53 8 Totaal volgens het rapport 61 53 8"
        in page
    )
    assert (
        "passende hulp tijdig ingezet GI Beoordeeld Op orde Niet op orde Totaal volgens het rapport 54 32 22"
        in page
    )


def test_meeting_page_shows_the_latest_counts_of_the_funds_area(demo_client):
    client = demo_client("rotterdam")  # the SPUK's coordinating municipality
    meeting = Meeting.objects.filter(fund__slug="spuk-bren-zuid-west").order_by("-date").first()
    page = text(client.get(f"/voorstellen/vergaderingen/{meeting.pk}/"))
    assert "Waar het geld voor is: normen jeugdbescherming" in page
    assert "Zuid-West Norm Peildatum Aantal kinderen" in page
    # the latest meeting is the AO Jeugd of 8-7-2021, so June's counts are the latest up to its date
    assert (
        "Tijdig passende hulp 15-6-2021 61 Langer dan drie maanden gewacht op passende hulp 15-6-2021 20"
        in page
    )
