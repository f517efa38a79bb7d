import datetime as dt
import hashlib
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounting.services.awards import award_make
from core.roles import Role
from proposals.services import meetings as meeting_services
from tests.factories import MunicipalityFactory, make_user
from tests.proposals.factories import pho
from tests.proposals.test_awards import adopted_proposal, regional_fund_with_municipalities

pytestmark = pytest.mark.django_db


def text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages).split())


def test_overview_is_made_with_the_meeting_and_never_changes(client_as):
    two = make_user("two-ov", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("1000000"), Decimal("3000000")), years=(2016, 2017)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    award_make(
        user=two,
        proposal=proposal,
        year=2017,
        amount=Decimal("250000"),
        period_start=dt.date(2017, 1, 1),
        period_end=dt.date(2017, 12, 31),
    )
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="ao_jeugd", date=dt.date(2017, 9, 1)
    )
    snapshot = meeting.overview
    pdf = text(bytes(snapshot.pdf))
    for expected in [
        "Fondsoverzicht",
        "€ 4.000.000",
        "€ 250.000",
        "€ 3.750.000",
        proposal.reference,
        "AO Jeugd 1 september 2017",
    ]:
        assert expected in pdf, expected
    # a later award does not change the overview that went with this agenda
    award_make(
        user=two,
        proposal=proposal,
        year=2017,
        amount=Decimal("100000"),
        period_start=dt.date(2017, 1, 1),
        period_end=dt.date(2017, 12, 31),
    )
    client = client_as(two)
    page = client.get(reverse("proposals:meeting", args=[meeting.pk])).content.decode()
    assert "€ 3.750.000" in page and "€ 3.650.000" not in page
    download = client.get(reverse("proposals:meeting_overview_pdf", args=[meeting.pk]))
    assert hashlib.sha256(download.content).hexdigest() == snapshot.sha256
    # the next meeting shows the new state
    later = meeting_services.meeting_create(
        user=two, fund=fund, kind="ao_jeugd", date=dt.date(2017, 10, 1)
    )
    assert "€ 3.650.000" in text(bytes(later.overview.pdf))


def test_overview_visible_to_portfolio_holders_of_the_region_only(client_as):
    two = make_user("two-ov", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(2)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 9, 1)
    )
    assert (
        client_as(pho(municipalities[0]))
        .get(reverse("proposals:meeting_overview_pdf", args=[meeting.pk]))
        .status_code
        == 200
    )
    outsider = pho(MunicipalityFactory())
    assert (
        client_as(outsider).get(reverse("proposals:meeting", args=[meeting.pk])).status_code == 404
    )


def test_award_and_letter_through_the_pages(client_as):
    two = make_user("two-ov", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("3000000"),), years=(2017,)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    client = client_as(two)
    response = client.post(
        reverse("accounting:award_make", args=[proposal.pk]),
        {
            "year": "2017",
            "amount": "125000,00",
            "period_start": "2017-04-01",
            "period_end": "2017-12-31",
            "advance_percent": "80",
            "conditions": "",
        },
        follow=True,
    )
    assert (
        "Toekenning TF-2017-001 is vastgelegd en als verplichting geboekt"
        in response.content.decode()
    )
    response = client.post(
        reverse("accounting:award_make", args=[proposal.pk]),
        {
            "year": "2017",
            "amount": "9999999",
            "period_start": "2017-04-01",
            "period_end": "2017-12-31",
            "advance_percent": "80",
        },
        follow=True,
    )
    assert "Het fonds kan nog € 2.875.000,00 toekennen" in response.content.decode()
    response = client.post(
        reverse("proposals:letter_issue", args=[proposal.pk, "TF-2017-001"]),
        {"addressee": "Jeugdhulp Rijnland", "signatory": "De voorzitter", "reason": ""},
        follow=True,
    )
    assert "Beschikking TF-2017-001 versie 1 is opgemaakt" in response.content.decode()
    pdf = client.get(reverse("proposals:letter_pdf", args=[proposal.pk, "TF-2017-001", 1]))
    assert pdf["Content-Type"] == "application/pdf" and "€ 125.000,00" in text(pdf.content)
    response = client.post(
        reverse("proposals:letter_issue", args=[proposal.pk, "TF-2017-001"]),
        {"addressee": "Jeugdhulp Rijnland", "signatory": "De voorzitter", "reason": ""},
        follow=True,
    )
    assert "Vermeld de reden van de correctie" in response.content.decode()


def test_overview_shows_each_projects_matrix_on_the_page_and_in_the_pdf(client_as):
    from proposals.models import MatrixCell

    two = make_user("two-mx", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("1000000"),), years=(2017,)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    cells = sorted(MatrixCell.objects.filter(proposal=proposal).values_list("row", "column"))
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="ao_jeugd", date=dt.date(2017, 9, 1)
    )
    grid = ["".join("■" if (r, c) in cells else "□" for c in (1, 2, 3)) for r in (1, 2, 3)]
    assert "■" in "".join(grid)
    pdf = text(bytes(meeting.overview.pdf))
    assert " ".join(grid) in pdf and "■ gedekt, □ niet" in pdf
    page = client_as(two).get(reverse("proposals:meeting", args=[meeting.pk])).content.decode()
    assert "<br>".join(grid) in page
    assert (
        "Matrix: Jeugd- en opvoedhulp / gedragsproblematiek ×" in page
    )  # the cells in words, for screen readers
