"""TWO records a new circular as JSON: the rows get the upload's own rules (fund.imports), a
refused request names the row and field of each problem in Dutch and saves nothing, and only TWO
staff may do it."""

from decimal import Decimal

import pytest

from core.models import Municipality
from fund.exceptions import FileRejected
from fund.imports import parse_budget_file
from fund.models import BudgetAmount, BudgetCircular, BudgetDomain

pytestmark = pytest.mark.django_db

URL = "/api/v1/circulars/"


def _codes() -> list[str]:
    return sorted(
        Municipality.objects.filter(region__slug="holland-rijnland").values_list(
            "cbs_code", flat=True
        )
    )


def _rows() -> list[dict]:
    # numbers as JSON numbers and as Dutch text: the upload reads both
    return [
        {"cbs_code": code, "jaar": 2019, "domein": "regionaal", "bedrag": f"{1000 + n}.{n:02d}"}
        if n % 2
        else {
            "cbs_code": code,
            "jaar": "2019",
            "domein": "regionaal",
            "bedrag": f"{1000 + n},{n:02d}",
        }
        for n, code in enumerate(_codes())
    ]


def test_two_records_a_circular_and_every_amount_is_kept_to_the_cent(as_user):
    rows = _rows()
    response = as_user("two").post(
        URL,
        {
            "name": "Meicirculaire 2019",
            "published_year": 2019,
            "region": "holland-rijnland",
            "rows": rows,
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == "Meicirculaire 2019" and body["source_name"] == "API"
    circular = BudgetCircular.objects.get(pk=body["id"])
    amounts = dict(
        BudgetAmount.objects.filter(circular=circular).values_list(
            "municipality__cbs_code", "amount"
        )
    )
    assert amounts == {code: Decimal(f"{1000 + n}.{n:02d}") for n, code in enumerate(_codes())}
    assert as_user("two").get(f"{URL}{circular.pk}/").json()["name"] == "Meicirculaire 2019"


def test_bad_rows_are_named_with_the_uploads_own_reasons_and_nothing_is_saved(as_user):
    rows = _rows()
    rows[1]["bedrag"] = "-1"
    rows[2]["cbs_code"] = "GM9999"
    del rows[3]["bedrag"]
    rows[4]["domein"] = "zorg"
    before = BudgetCircular.objects.count(), BudgetAmount.objects.count()

    response = as_user("two").post(
        URL,
        {
            "name": "Meicirculaire 2019",
            "published_year": 2019,
            "region": "holland-rijnland",
            "rows": rows,
        },
        content_type="application/json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "De circulaire is niet ingelezen; er is niets opgeslagen."
    found = {(e["row"], e["field"], e["message"]) for e in body["errors"]}
    assert (2, "bedrag", "negatief bedrag -1") in found
    assert (3, "cbs_code", "onbekende gemeente GM9999") in found
    assert (4, "bedrag", "bedrag ontbreekt") in found
    assert any(
        row == 5 and field == "domein" and "onbekend domein 'zorg'" in m for row, field, m in found
    )
    assert (BudgetCircular.objects.count(), BudgetAmount.objects.count()) == before

    # the same rows as a file get the same reasons (the rows of a file start at 2, under the header)
    lines = ["cbs_code,gemeente,jaar,domein,bedrag"] + [
        f"{r.get('cbs_code', '')},x,{r.get('jaar', '')},{r.get('domein', '')},{str(r.get('bedrag', '')).replace(',', '.')}"
        for r in rows
    ]
    with pytest.raises(FileRejected) as upload:
        parse_budget_file(
            "\n".join(lines).encode(),
            "mc.csv",
            set(_codes()),
            set(BudgetDomain.objects.values_list("code", flat=True)),
        )
    assert {(line - 1, column, reason) for _, line, column, reason in upload.value.errors} == found


def test_a_name_that_exists_or_a_request_without_rows_is_refused_in_dutch(as_user):
    client = as_user("two")
    existing = BudgetCircular.objects.first()
    response = client.post(
        URL,
        {
            "name": existing.name,
            "published_year": 2019,
            "region": "holland-rijnland",
            "rows": _rows(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["name"] == ["Er bestaat al een circulaire met deze naam."]

    response = client.post(
        URL,
        {"name": "Leeg", "published_year": 2019, "region": "nergens", "rows": []},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"region", "rows"}


def test_only_two_staff_record_a_circular(as_user):
    for username in ("pho-leiden", "aanbieder"):
        response = as_user(username).post(
            URL,
            {
                "name": "Meicirculaire 2019",
                "published_year": 2019,
                "region": "holland-rijnland",
                "rows": _rows(),
            },
            content_type="application/json",
        )
        assert response.status_code == 403, username
        assert response.json()["detail"]
    assert not BudgetCircular.objects.filter(name="Meicirculaire 2019").exists()


def test_a_region_with_a_nul_character_is_refused_like_an_unknown_one_and_nothing_is_saved(as_user):
    # found by the schema's property tests on PostgreSQL, which refuses NUL in text with an error
    client = as_user("two")
    count = BudgetCircular.objects.count()
    response = client.post(
        URL,
        {"name": "Nul", "published_year": 2019, "region": "holland-\x00rijnland", "rows": _rows()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"region"}
    assert "bestaat niet" in response.json()["fields"]["region"][0]
    assert BudgetCircular.objects.count() == count
