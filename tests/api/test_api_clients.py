"""A provider registers a client taken in above budget through the API (issue 16): the BSN passes
the 11-check, is stored encrypted, logged, and never in any answer: only masked."""

import pytest

from allocations.models import BsnAccessLog, ClientRegistration
from tests.allocations.factories import World, submit
from tests.api.money import api

URL = "/api/v1/clients/"
BSN = "999996708"  # a public test number, not a person


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def amber(world):
    provider = world.provider("aanbieder-bsn")
    submit(provider, 7, expected="520")  # 102% of the budget: a BSN per client above budget
    return provider


def test_a_provider_registers_a_client_and_sees_only_the_masked_bsn(world, amber):
    data = {"product_code": "45A01", "bsn": BSN, "intake_on": "2016-07-11"}
    response = api(amber.user).post(URL, data, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["bsn_masked"], body["product_code"], body["year"]) == ("******708", "45A01", 2016)
    assert body["fund"] == {"id": world.fund.pk, "name": world.fund.name}
    assert BSN not in response.content.decode()
    registration = ClientRegistration.objects.get()
    assert BSN not in registration.bsn_encrypted
    log = BsnAccessLog.objects.get()
    assert (log.event, log.user, log.reason) == (
        "change",
        amber.user,
        "Bovenbegrotelijke opname vastgelegd",
    )
    for client in (api(amber.user), api(world.two)):
        for url in (URL, f"{URL}{registration.pk}/"):
            text = client.get(url).content.decode()
            assert "******708" in text and BSN not in text, url
    other = world.provider("aanbieder-ander")
    assert api(other.user).get(f"{URL}{registration.pk}/").status_code == 404
    assert api(other.user).get(URL).json()["results"] == []


def test_a_bad_bsn_is_refused_without_echoing_it_and_nothing_is_saved(world, amber):
    client = api(amber.user)
    response = client.post(
        URL, {"product_code": "45A01", "bsn": "999996709", "intake_on": "2016-07-11"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Dit is geen geldig BSN (de elfproef klopt niet)."
    assert "999996709" not in response.content.decode()

    response = client.post(
        URL, {"product_code": "99X99", "bsn": BSN, "intake_on": "2016-07-11"}, format="json"
    )
    assert response.json()["detail"] == "product_code: dit product staat niet op uw productenlijst."
    response = client.post(URL, {"product_code": "45A01", "bsn": BSN}, format="json")
    assert response.status_code == 400 and BSN not in response.content.decode()
    assert "intake_on" in response.json()["fields"]

    within = world.provider("aanbieder-binnen")
    submit(within, 7)  # 90%: no BSN is collected (AVG)
    response = api(within.user).post(
        URL, {"product_code": "45A01", "bsn": BSN, "intake_on": "2016-07-11"}, format="json"
    )
    assert response.status_code == 400
    assert (ClientRegistration.objects.count(), BsnAccessLog.objects.count()) == (0, 0)


def test_only_a_provider_registers_its_own_clients(world, amber):
    data = {"product_code": "45A01", "bsn": BSN, "intake_on": "2016-07-11"}
    response = api(world.two).post(URL, data, format="json")
    assert response.status_code == 403
    assert ClientRegistration.objects.count() == 0
