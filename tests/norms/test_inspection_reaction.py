"""The region's reaction to an inspection report: three fields of at most 600 characters each."""

import datetime as dt

import pytest

from core.roles import Role
from norms.models import InspectionReport
from tests.factories import ProviderFactory, make_user


@pytest.fixture
def report(region_area):
    return InspectionReport.objects.create(
        area=region_area, title="Regiorapport A", published_on=dt.date(2021, 7, 5)
    )


def test_region_saves_its_three_answers(report, region_user, client_as):
    client = client_as(region_user)
    response = client.post(
        f"/normen/inspectie/{report.pk}/",
        {
            "proud": "De doorbraakaanpak.",
            "actions": "x" * 600,
            "noticeable": "Sneller een vaste jeugdbeschermer.",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/normen/inspectie/{report.pk}/").content.decode()
    assert "De doorbraakaanpak." in page and "Sneller een vaste jeugdbeschermer." in page
    report.refresh_from_db()
    assert len(report.reaction_actions) == 600 and report.reaction_by == region_user


def test_601_characters_are_refused_and_nothing_is_saved(report, region_user, client_as):
    response = client_as(region_user).post(
        f"/normen/inspectie/{report.pk}/", {"proud": "y" * 601, "actions": "", "noticeable": "z"}
    )
    assert response.status_code == 400
    assert (
        "Zorg dat deze waarde niet meer dan 600 tekens bevat (het zijn er nu 601)."
        in response.content.decode()
    )
    report.refresh_from_db()
    assert report.reaction_noticeable == ""


def test_a_provider_cannot_see_or_answer(report, client_as):
    provider = make_user("prov-r", Role.PROVIDER, provider=ProviderFactory())
    client = client_as(provider)
    assert client.get(f"/normen/inspectie/{report.pk}/").status_code == 404
    assert client.post(f"/normen/inspectie/{report.pk}/", {"proud": "x"}).status_code == 404
