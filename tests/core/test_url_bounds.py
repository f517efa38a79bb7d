"""A year or an id in a URL that no record can have is a 404, never an OverflowError (issue 12, hole 3)."""

import pytest

from tests.allocations.factories import World

HUGE = "99999999999999999999"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/boekhouding/prestaties/1/{HUGE}/",
        f"/boekhouding/prestaties/{HUGE}/2017/",
        f"/voorstellen/{HUGE}/",
        f"/fondsen/tijdelijk-fonds-holland-rijnland/{HUGE}/historie/",
        f"/boekhouding/taken/{HUGE}/status/",
        f"/boekhouding/spuk-bren-zuid-west/spuk/{HUGE}/verantwoording/",
        f"/voorstellen/1/bijlagen/{HUGE}/",
        "/boekhouding/prestaties/1/20170/",
        f"/boekhouding/tijdelijk-fonds-holland-rijnland/evaluatie/{HUGE}/",
    ],
)
def test_out_of_range_numbers_in_a_url_are_a_404(client_as, two_user, url):
    client = client_as(two_user)
    client.raise_request_exception = False
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_an_out_of_range_year_parameter_shows_the_default_year(client_as):
    world = World()
    provider = world.provider("aanbieder-a")
    client = client_as(world.two)
    client.raise_request_exception = False
    response = client.get(f"/budgetten/aanbieder/{provider.slug}/?jaar={HUGE}")
    assert response.status_code == 200 and "2016" in response.content.decode()
