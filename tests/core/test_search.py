"""One search for every list (core.search): full-text on PostgreSQL, icontains on SQLite; the
proposal list, meetings, journal, forecasts (the region dashboard) and region reports use it."""

import re

import pytest

from core.models import Provider
from core.search import search, terms_of
from tests.factories import ProviderFactory


def test_terms_are_words_lowercased_and_capped():
    assert terms_of("  V-TF-2016-008  Leiden ") == ["v", "tf", "2016", "008", "leiden"]
    assert terms_of("") == [] and len(terms_of("a " * 50)) == 8


@pytest.mark.django_db
def test_every_word_must_occur_in_one_of_the_fields():
    ProviderFactory(name="GGZ Leiden Jeugd", kvk_number="12345678")
    ProviderFactory(name="Jeugdhulp Rijnland", kvk_number="87654321")
    ProviderFactory(name="LVB Zorg Bollenstreek")
    names = lambda q: sorted(  # noqa: E731
        search(Provider.objects.all(), q, ["name", "kvk_number"]).values_list("name", flat=True)
    )
    assert names("leiden") == ["GGZ Leiden Jeugd"]
    assert names("jeugd") == [
        "GGZ Leiden Jeugd",
        "Jeugdhulp Rijnland",
    ]  # a word prefix (PostgreSQL) or a part
    assert names("jeugd rijnland") == ["Jeugdhulp Rijnland"]
    assert names("8765") == ["Jeugdhulp Rijnland"]
    assert names("ggz rijnland") == []
    assert (
        names("   ")
        == names("")
        == ["GGZ Leiden Jeugd", "Jeugdhulp Rijnland", "LVB Zorg Bollenstreek"]
    )


def _rows(html: str, testid: str) -> str:
    table = re.search(rf'data-testid="{testid}".*?</table>', html, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))


def test_the_lists_search_and_filter(demo_client):
    client = demo_client("two")
    rows = _rows(client.get("/voorstellen/?q=V-TF-2016-008").content.decode(), "proposals")
    assert "Samen sterker" in rows and "V-TF-2016-002" not in rows
    # the SPUK is managed by Rotterdam: TWO Holland Rijnland does not see its proposals, Rotterdam does
    rows = _rows(client.get("/voorstellen/?q=mockingbird").content.decode(), "proposals")
    assert "V-SPUK-2020-002" not in rows
    rows = _rows(
        demo_client("rotterdam").get("/voorstellen/?q=mockingbird").content.decode(), "proposals"
    )
    assert "V-SPUK-2020-002" in rows and "Samen sterker" not in rows
    client = demo_client("two")
    rows = _rows(
        client.get("/voorstellen/?q=bollenstreek&status=running").content.decode(), "proposals"
    )
    assert "V-TF-2016-006" in rows and "(1)" in rows  # an applicant's name, and a status
    assert "Geen voorstel gevonden" in client.get("/voorstellen/?q=zzzz").content.decode()

    rows = _rows(
        client.get("/voorstellen/vergaderingen/?q=V-TF-2016-008").content.decode(), "meetings"
    )
    assert "14-9-2017" in rows and "9-3-2017" in rows and "23-3-2017" not in rows
    rows = _rows(
        client.get("/voorstellen/vergaderingen/?soort=pho_maatschappij").content.decode(),
        "meetings",
    )
    assert (
        "14-7-2016" in rows and "7-7-2016" not in rows
    )  # the PHO of July 2016, not the AO before it

    html = client.get(
        "/boekhouding/tijdelijk-fonds-holland-rijnland/journaal/?q=TF-2017-004"
    ).content.decode()
    rows = _rows(html, "journal")
    assert "TF-2017-004" in rows and "TF-2017-001" not in rows
    rows = _rows(
        client.get(
            "/boekhouding/tijdelijk-fonds-holland-rijnland/journaal/?soort=contribution_charged"
        ).content.decode(),
        "journal",
    )
    assert "Leiderdorp" in rows and "TF-2017-004" not in rows

    rows = _rows(
        client.get("/budgetten/regio/?jaar=2016&q=bollenstreek").content.decode(), "dashboard"
    )
    assert "LVB Zorg Bollenstreek" in rows and "GGZ Leiden" not in rows

    client = demo_client("rotterdam")  # the region reports are the SPUK's, which Rotterdam manages
    html = client.get("/boekhouding/verslagen/?q=haaglanden").content.decode()
    rows = _rows(html, "region-reports")
    assert "Ombuigcoördinator" in rows and "Mockingbird" not in rows
    rows = _rows(
        client.get("/boekhouding/verslagen/?status=received").content.decode(), "region-reports"
    )
    assert "V-SPUK-2020-002" in rows and "Ombuigcoördinator" not in rows


def test_pagination_keeps_the_search(demo_client):
    from proposals.models import Proposal

    fund = Proposal.objects.get(reference="V-TF-2016-008").fund
    for i in range(55):
        Proposal.objects.create(
            fund=fund,
            reference=f"X-{i:03d}",
            title=f"Zoekbaar {i}",
            summary="-",
            contact="-",
            status="submitted",
        )
    html = demo_client("two").get("/voorstellen/?q=zoekbaar&status=submitted").content.decode()
    assert (
        "Pagina 1 van 2" in html and 'href="?q=zoekbaar&amp;status=submitted&amp;pagina=2"' in html
    )
    assert (
        "Zoekbaar"
        in demo_client("two")
        .get("/voorstellen/?q=zoekbaar&status=submitted&pagina=2")
        .content.decode()
    )
