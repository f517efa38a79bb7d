"""A provider sends its monthly forecast as JSON (issue 16): read by the same rules as the XLSX
upload, saved by the same service; one bad value refuses the whole request with the row and field
of every error in Dutch, and nothing is saved."""

import pytest

from allocations.exceptions import FileRejected
from allocations.models import BsnAccessLog, ClientRegistration, ForecastSubmission
from allocations.services.forecasts import forecast_import
from tests.allocations.factories import World
from tests.allocations.xlsx_helpers import filled
from tests.api.money import api, forecast_json

URL = "/api/v1/forecasts/"
BSN = "999991772"  # a public test number, not a person


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def provider(world):
    return world.provider("aanbieder-api")  # budget 1000 hours x € 100 = € 100.000


def test_a_provider_sends_a_forecast_and_reads_it_back_with_its_status(provider):
    response = api(provider.user).post(URL, forecast_json(month=5), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["year"], body["month"], body["version"], body["source"]) == (2016, 5, 1, "api")
    # (500 delivered + 400 expected) x € 100 against a budget of € 100.000: 90%, green
    assert (body["cost"], body["budget"], body["percent"], body["status"]) == (
        "90000.00",
        "100000.00",
        "90.0",
        "green",
    )
    assert body["provider"] == {"id": provider.pk, "name": provider.name}
    line = body["lines"][1]
    assert (line["product_code"], line["units_delivered"], line["trend"], line["cost"]) == (
        "45A01",
        "500.00",
        "stijgend",
        "90000.00",
    )
    assert body["explanation"] == "Afgeschaald naar basis-GGZ"
    # the same forecast, read as TWO reads it
    listed = api(provider.user).get(URL).json()["results"]
    assert [(f["id"], f["status"]) for f in listed] == [(body["id"], "green")]


def test_above_105_percent_the_forecast_says_red_and_the_intake_stops(provider):
    # 500 + 560 hours = € 106.000: above 105% of € 100.000
    data = forecast_json(month=6, lines={"45A01": {"expected_units": "560"}})
    body = api(provider.user).post(URL, data, format="json").json()
    assert (body["percent"], body["status"]) == ("106.0", "red")

    budgets = api(provider.user).get("/api/v1/budgets/").json()["results"]
    assert [(b["granted"], b["forecast"]["status"], b["forecast"]["month"]) for b in budgets] == [
        ("100000.00", "red", 6)
    ]
    assert budgets[0]["forecast"]["intake_stop_since"] is not None


def test_one_bad_value_refuses_the_whole_forecast_with_the_row_and_field_of_each_error(provider):
    data = forecast_json(
        lines={
            "45A01": {"units_delivered": -5, "trend": "omhoog"},
            "43A02": {"regional_use_percent": "120"},
        }
    )
    data["lines"].append({"product_code": "99X99"})

    response = api(provider.user).post(URL, data, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "De prognose is geweigerd; er is niets opgeslagen."
    assert [(e["row"], e["field"], e["message"]) for e in body["errors"]] == [
        (1, "units_delivered", "negatief getal"),
        (1, "trend", "'omhoog' is geen trend; kies stijgend, gelijk of dalend"),
        (2, "regional_use_percent", "percentage boven 100"),
        (3, "product_code", "onbekend product '99X99'"),
    ]
    assert body["errors"][0]["column"] == "Geleverd t/m maand (eenheden)"
    assert ForecastSubmission.objects.count() == 0


def test_the_json_is_checked_by_the_same_rules_as_the_xlsx_upload(provider):
    bad = {"45A01": [500, "10,5", 12, 3, "1.2.3", 5, 6, "stijgend", "90,25"]}
    with pytest.raises(FileRejected) as upload:
        forecast_import(
            provider=provider,
            year=2016,
            month=5,
            content=filled(provider, rows=bad),
            user=provider.user,
        )
    names = ["units_delivered", "clients_in_care", "average_duration_weeks", "expected_outflow"]
    names += ["expected_units", "waiting_list", "waiting_weeks", "trend", "regional_use_percent"]
    data = forecast_json(lines={"45A01": dict(zip(names, bad["45A01"], strict=True))})

    body = api(provider.user).post(URL, data, format="json").json()

    assert [e["message"] for e in body["errors"]] == [reason for *_, reason in upload.value.errors]
    assert [e["field"] for e in body["errors"]] == [
        "clients_in_care",
        "expected_units",
        "regional_use_percent",
    ]


def test_every_product_must_be_forecast_as_in_the_template(provider):
    data = forecast_json()
    data["lines"] = data["lines"][:1]
    body = api(provider.user).post(URL, data, format="json").json()
    assert [(e["row"], e["message"]) for e in body["errors"]] == [
        (None, "product 43A02 ontbreekt; vul voor elk product een rij in")
    ]


def test_clients_above_budget_are_registered_with_the_forecast_and_never_sent_back(provider):
    # 500 + 520 hours = € 102.000: 102%, every client taken in above budget needs its BSN
    data = forecast_json(
        month=7,
        lines={"45A01": {"expected_units": 520}},
        clients=[{"product_code": "45A01", "bsn": BSN, "intake_on": "2016-07-04"}],
    )
    response = api(provider.user).post(URL, data, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "amber"
    assert BSN not in response.content.decode()
    registration = ClientRegistration.objects.get()
    assert registration.masked_bsn == "******772"
    log = BsnAccessLog.objects.get(registration=registration)
    assert (log.event, log.user, log.on_behalf_of) == ("change", provider.user, provider.name)
    listed = api(provider.user).get("/api/v1/clients/").json()["results"]
    assert [c["bsn_masked"] for c in listed] == ["******772"]
    assert BSN not in str(listed)


def test_a_bad_bsn_or_a_bsn_within_budget_refuses_everything_and_is_not_echoed(provider):
    bad = forecast_json(
        month=7,
        lines={"45A01": {"expected_units": 520}},
        clients=[{"product_code": "45A01", "bsn": "999991773", "intake_on": "2015-07-04"}],
    )
    response = api(provider.user).post(URL, bad, format="json")
    assert response.status_code == 400
    assert "999991773" not in response.content.decode()
    assert [
        (e["section"], e["row"], e["field"], e["message"]) for e in response.json()["errors"]
    ] == [
        ("clients", 1, "bsn", "BSN voldoet niet aan de elfproef"),
        ("clients", 1, "intake_on", "opnamedatum valt niet in 2016"),
    ]
    # within budget (90%) a BSN is not collected (AVG): the service refuses, nothing is saved
    green = forecast_json(
        month=7, clients=[{"product_code": "45A01", "bsn": BSN, "intake_on": "2016-07-04"}]
    )
    response = api(provider.user).post(URL, green, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith(
        "Een BSN wordt alleen vastgelegd voor cliënten die boven budget zijn opgenomen"
    )
    assert (ForecastSubmission.objects.count(), ClientRegistration.objects.count()) == (0, 0)


def test_only_a_provider_sends_a_forecast_and_only_for_a_year_it_has_a_budget(world, provider):
    response = api(world.two).post(URL, forecast_json(), format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen een aanbieder dient een prognose in, voor zichzelf."

    response = api(provider.user).post(URL, forecast_json(year=2017), format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith(
        "Er is voor 2017 nog geen budget toegekend"
    )
    for body in ([1, 2], {"year": "twee", "month": 13, "lines": "geen lijst"}):
        response = api(provider.user).post(URL, body, format="json")
        assert response.status_code == 400, body
    assert ForecastSubmission.objects.count() == 0
