"""An API bench's floor (bench.pages.api_floor_view) is asked as the API is: through the same
middleware, with the same token, which it looks up; without a valid token it answers 401 like the
API. And it writes as many rows as the API's page, with the same total."""

import json

import pytest
from django.test import Client

from bench import bench_api, pages


@pytest.fixture
def api_bench(small_bench):
    return small_bench(bench_api)["client"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("floor", "ours"),
    [
        ("api-contributions", bench_api.contributions_ours),
        ("api-forecasts", bench_api.forecasts_ours),
    ],
)
def test_an_api_floor_writes_the_rows_and_total_of_the_apis_page(api_bench, floor, ours):
    expected = json.loads(ours())

    written = json.loads(pages.get(api_bench, pages.api_url(floor)))

    assert expected["count"] > 0
    assert written["count"] == expected["count"]
    assert len(written["results"]) == len(expected["results"])


@pytest.mark.django_db
def test_an_api_floor_refuses_a_request_without_a_valid_token(api_bench):
    assert Client().get(pages.api_url("api-contributions")).status_code == 401
    wrong = Client(HTTP_AUTHORIZATION="Token niet-geldig")
    assert wrong.get(pages.api_url("api-contributions")).status_code == 401
