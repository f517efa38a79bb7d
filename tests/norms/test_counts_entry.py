"""Entry of counts: the form per area and month, the XLSX template and the whole-file upload."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from norms.models import NormCount

FORM = "/normen/gebied/regio-a/tellingen/"
UPLOAD = "/normen/gebied/regio-a/tellingen/upload/"


def test_form_saves_a_months_counts_and_the_page_shows_them(region_user, client_as):
    client = client_as(region_user)
    response = client.post(
        FORM,
        {
            "reference_date": "2021-08-05",
            "norm_jeugdbeschermer-5-werkdagen": "0",
            "norm_gedragen-koers-6-weken": "4",
            "norm_passende-hulp-3-maanden": "17",
        },
    )
    assert response.status_code == 302
    page = client.get("/normen/gebied/regio-a/").content.decode()
    # the message and the trend table in the one date format on screen (issue 14): 5-8-2021, not 05-08-2021
    assert "telling(en) van 5-8-2021 opgeslagen." in page
    assert '<th scope="row">5-8-2021</th>' in page and ">17<" in page and "05-08-2021" not in page
    assert "augustus 2021" not in page.split("Ontbrekende perioden")[1].split("GI")[0]


def test_form_refuses_a_future_date_and_an_empty_form(region_user, client_as):
    client = client_as(region_user)
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    response = client.post(FORM, {"reference_date": future, "norm_passende-hulp-3-maanden": "3"})
    assert response.status_code == 400 and "peildatum in de toekomst" in response.content.decode()
    response = client.post(FORM, {"reference_date": "2021-08-15"})
    assert (
        response.status_code == 400 and "Vul ten minste één aantal in." in response.content.decode()
    )
    response = client.post(
        FORM, {"reference_date": "2021-08-15", "norm_passende-hulp-3-maanden": "-1"}
    )
    assert response.status_code == 400
    assert not NormCount.objects.exists()


def _filled_template(client, rows):
    wb = load_workbook(
        io.BytesIO(
            client.get(
                "/normen/gebied/regio-a/tellingen/sjabloon.xlsx?peildatum=2021-09-15"
            ).content
        )
    )
    ws = wb["Tellingen"]
    for r, values in rows.items():
        for c, value in values.items():
            ws.cell(r, c, value)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("tellingen.xlsx", out.getvalue())


def test_upload_of_the_filled_template_saves_every_row(region_user, client_as):
    client = client_as(region_user)
    upload = _filled_template(client, {5: {5: 1}, 6: {5: 2}, 7: {5: 3}, 8: {5: 4}})
    assert client.post(UPLOAD, {"file": upload}).status_code == 302
    assert sorted(NormCount.objects.values_list("count", flat=True)) == [1, 2, 3, 4]
    assert set(NormCount.objects.values_list("reference_date", flat=True)) == {dt.date(2021, 9, 15)}


def test_a_bad_row_refuses_the_whole_file_with_row_and_reason(region_user, client_as):
    client = client_as(region_user)
    upload = _filled_template(
        client, {5: {5: 1}, 6: {5: "veel"}, 7: {2: "onzin-norm", 5: 3}, 8: {5: None}}
    )
    response = client.post(UPLOAD, {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Rij 6, kolom E: aantal moet een heel getal van 0 tot 100000 zijn" in page
    assert "Rij 7, kolom B: onbekende normcode &#x27;onzin-norm&#x27;" in page
    assert "Rij 8, kolom E: aantal ontbreekt" in page
    assert not NormCount.objects.exists()


def test_a_broken_file_is_refused_not_a_500(region_user, client_as):
    client = client_as(region_user)
    for content in (b"PK\x03\x04 not really a zip", b"", b"peildatum,norm,aantal\n"):
        response = client.post(UPLOAD, {"file": SimpleUploadedFile("x.xlsx", content)})
        assert response.status_code == 400
        assert (
            "Het bestand is geweigerd; er is niets opgeslagen." in response.content.decode()
            or "Kies een ingevuld sjabloon" in response.content.decode()
        )
    assert not NormCount.objects.exists()


def test_a_template_of_another_area_is_refused(region_user, client_as):
    client = client_as(region_user)
    upload = _filled_template(client, {2: {2: "regio-b"}, 5: {5: 1}})
    response = client.post(UPLOAD, {"file": upload})
    assert response.status_code == 400
    assert (
        "Rij 2, kolom B: het bestand is voor gebied &#x27;regio-b&#x27;, niet voor &#x27;regio-a&#x27;"
        in response.content.decode()
    )
