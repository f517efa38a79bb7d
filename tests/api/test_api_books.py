"""The fund's journal lines, the SPUK division and the SPUK verantwoording through the API (issue
16): the figures of the pages' selectors, as decimal strings, for whoever keeps those books on the
site (the coordinating municipality for its SPUK, TWO staff for their funds); a 404 or nothing for
anyone else."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from accounting.models import JournalLine
from accounting.selectors.spuk import division_check, spuk_verantwoording
from fund.models import Fund
from tests.api.money import api

SPUK = "spuk-bren-zuid-west"


@pytest.fixture
def user(demo_world, db):
    return lambda name: get_user_model().objects.get(username=name)


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_coordinating_municipality_reads_its_spuk_division_and_verantwoording(user):
    fund = Fund.objects.get(slug=SPUK)
    client = api(user("rotterdam"))

    divisions = _results(client.get(f"/api/v1/spuk-divisions/?fund={fund.pk}"))

    assert divisions, "the demo has SPUK divisions"
    for shown, division in zip(divisions, fund.spuk_divisions.order_by("year"), strict=True):
        check = division_check(division)
        assert (shown["year"], shown["status"]) == (division.year, division.status)
        assert Decimal(shown["grant"]) == check.grant
        assert Decimal(shown["total"]) == check.total
        assert [line["label"] for line in shown["lines"]] == [line.label for line in check.lines]
        assert [f["message"] for f in shown["findings"]] == [f.message for f in check.findings]

    year = divisions[-1]["year"]
    report = client.get(f"/api/v1/spuk-verantwoording/{fund.pk}/{year}/").json()
    sisa = spuk_verantwoording(fund, year)
    assert report["fund"] == {"id": fund.pk, "name": fund.name}
    assert [
        (d["grant_year"], d["budget"], d["cumulative"], d["final"]) for d in report["decisions"]
    ] == [(d.grant_year, f"{d.budget:.2f}", f"{d.cumulative:.2f}", d.final) for d in sisa.decisions]
    assert report["totals"]["budget"] == f"{sisa.totals['budget']:.2f}"
    assert len(report["rows"]) == len(sisa.rows)


def test_journal_lines_are_read_by_who_keeps_the_books_and_balance_per_entry(user):
    fund = Fund.objects.get(slug=SPUK)
    lines = _results(
        api(user("rotterdam")).get(f"/api/v1/journal-lines/?fund={fund.pk}&page_size=500")
    )

    assert len(lines) == JournalLine.objects.filter(entry__fund=fund).count() > 0
    per_entry = defaultdict(Decimal)
    for line in lines:
        assert line["fund"] == fund.pk
        per_entry[line["entry"]] += Decimal(line["amount"])
    assert set(per_entry.values()) == {Decimal("0.00")}  # debit and credit add up per entry
    assert _results(
        api(user("rotterdam")).get(f"/api/v1/journal-lines/?fund={fund.pk}&account=bank")
    )


@pytest.mark.parametrize(
    "username", ["two", "two-midden-holland", "pho-leiden", "regio-midden-holland", "aanbieder"]
)
def test_others_get_nothing_of_the_spuk_books(user, username):
    fund = Fund.objects.get(slug=SPUK)
    client = api(user(username))
    assert _results(client.get(f"/api/v1/journal-lines/?fund={fund.pk}")) == []
    assert _results(client.get("/api/v1/spuk-divisions/")) == []
    assert client.get(f"/api/v1/spuk-verantwoording/{fund.pk}/2021/").status_code == 404
