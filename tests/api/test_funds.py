"""Funds, contributions and circulars through the API, as the demo users' systems see them."""

from decimal import Decimal

import pytest

from core.models import Municipality
from fund.models import Contribution, Fund

HR_FUNDS = ["knelpunten-zin-2016", "tijdelijk-fonds-holland-rijnland"]


def _slugs(response):
    return sorted(f["slug"] for f in response.json()["results"])


@pytest.mark.parametrize(
    ("username", "slugs"),
    [
        ("two", HR_FUNDS),
        ("two-midden-holland", ["transformatiefonds-midden-holland-demo"]),
        ("pho-leiden", HR_FUNDS),
        ("rotterdam", ["spuk-bren-zuid-west"]),
        ("regio-holland-rijnland", sorted([*HR_FUNDS, "spuk-bren-zuid-west"])),
    ],
)
def test_each_role_sees_the_funds_it_sees_on_the_site(as_user, username, slugs):
    response = as_user(username).get("/api/v1/funds/")
    assert response.status_code == 200
    assert _slugs(response) == slugs
    assert response.json()["count"] == len(slugs)


@pytest.mark.parametrize("username", ["aanbieder", "beheer-holland-rijnland"])
def test_roles_without_funds_403(as_user, username):
    response = as_user(username).get("/api/v1/funds/")
    assert response.status_code == 403
    assert response.json() == {"detail": "U hebt geen toegang tot dit onderdeel."}


def test_fund_detail_has_tranches_and_contributions_as_decimal_strings(as_user):
    fund = Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland")
    response = as_user("two").get(f"/api/v1/funds/{fund.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert (
        body["name"] == fund.name and body["managed_by"]["name"] == "TWO Jeugdhulp Holland Rijnland"
    )
    first = body["tranches"][0]
    assert (first["year"], first["amount"], first["status"], first["basis"]) == (
        2016,
        "1000000.00",
        "definitive",
        "meicirculaire-2016",
    )
    alphen = first["contributions"][0]
    assert alphen == {
        "municipality": {
            "id": alphen["municipality"]["id"],
            "name": "Alphen aan den Rijn",
            "cbs_code": "GM0484",
        },
        "counted_budget": "22864639.00",
        "amount": "245856.00",
    }
    # the contributions of a year add up to the tranche, exactly
    for tranche in body["tranches"]:
        assert sum(Decimal(c["amount"]) for c in tranche["contributions"]) == Decimal(
            tranche["amount"]
        )


def test_another_organisations_fund_is_404(as_user):
    fund = Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland")
    client = as_user("two-midden-holland")
    assert client.get(f"/api/v1/funds/{fund.pk}/").status_code == 404
    assert client.get(f"/api/v1/contributions/?fund={fund.pk}").json()["count"] == 0


def test_contributions_filtered_and_paged(as_user):
    fund = Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland")
    client = as_user("two")
    response = client.get(f"/api/v1/contributions/?fund={fund.pk}&year=2017&page_size=5")
    body = response.json()
    expected = Contribution.objects.filter(tranche__fund=fund, tranche__year=2017).count()
    assert body["count"] == expected == 13
    assert len(body["results"]) == 5 and "page=2" in body["next"]
    assert {(r["fund"], r["year"]) for r in body["results"]} == {(fund.pk, 2017)}
    assert client.get("/api/v1/contributions/?status=provisional").json()["count"] == 0


def test_a_contribution_is_written_with_its_tranche_municipality_and_amounts_in_cents(as_user):
    fund = Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland")
    body = as_user("two").get(f"/api/v1/contributions/?fund={fund.pk}&year=2018").json()
    first = body["results"][0]
    c = Contribution.objects.select_related("tranche", "municipality").get(pk=first["id"])
    assert first == {
        "id": c.pk,
        "fund": fund.pk,
        "year": 2018,
        "tranche_status": c.tranche.status,
        "municipality": {
            "id": c.municipality.pk,
            "name": c.municipality.name,
            "cbs_code": c.municipality.cbs_code,
        },
        "counted_budget": str(c.counted_budget.amount.quantize(Decimal("0.01"))),
        "amount": str(c.amount.amount.quantize(Decimal("0.01"))),
    }
    assert first["municipality"]["name"] == "Alphen aan den Rijn"  # by name within the tranche
    assert all(len(r["amount"].split(".")[1]) == 2 for r in body["results"])


def test_etag_then_304_until_something_changes(as_user):
    client = as_user("two")
    first = client.get("/api/v1/contributions/")
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"')
    again = client.get("/api/v1/contributions/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    # another user's answer differs, and so does its tag
    other = as_user("two-midden-holland").get("/api/v1/contributions/", HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200
    client = as_user("two")
    Municipality.objects.filter(name="Alphen aan den Rijn").update(name="Alphen a/d Rijn")
    changed = client.get("/api/v1/contributions/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_circulars_for_two_staff(as_user):
    response = as_user("two").get("/api/v1/circulars/?year=2016")
    names = [c["name"] for c in response.json()["results"]]
    # national data: every TWO staff member sees all of them, as on the site
    assert names == ["Meicirculaire 2016", "Meicirculaire 2016 Midden-Holland (demo)"]
    assert as_user("pho-leiden").get("/api/v1/circulars/").status_code == 403
