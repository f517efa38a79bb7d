"""The fund list and the proposal list of one region's staff cost as many queries with one region on
the installation as with all 42, each with its own office, staff and fund (bench data)."""

import pytest

from bench.national import ensure_regional_offices
from tests.factories import RegionFactory

# session, user, memberships (cached on the user), the page's own queries
FUND_LIST_QUERIES = 6
PROPOSAL_LIST_QUERIES = (
    11  # and the funds a proposal can be made in, the funds to filter by, the page count
)


@pytest.fixture
def staff_of_first_region(db, request):
    regions = [
        RegionFactory(name=f"Regio {i:02d}", slug=f"regio-{i:02d}") for i in range(request.param)
    ]
    staff = ensure_regional_offices(regions)
    return regions[0], staff[regions[0].slug]


@pytest.mark.parametrize("staff_of_first_region", [1, 42], indirect=True)
def test_the_fund_list_of_one_regions_staff(
    staff_of_first_region, client_as, django_assert_max_num_queries
):
    region, user = staff_of_first_region
    client = client_as(user)
    with django_assert_max_num_queries(FUND_LIST_QUERIES):
        page = client.get("/fondsen/").content.decode()
    assert "Regiofonds Regio 00" in page and "Regiofonds Regio 01" not in page


@pytest.mark.parametrize("staff_of_first_region", [1, 42], indirect=True)
def test_the_proposal_list_of_one_regions_staff(
    staff_of_first_region, client_as, django_assert_max_num_queries
):
    region, user = staff_of_first_region
    client = client_as(user)
    with django_assert_max_num_queries(PROPOSAL_LIST_QUERIES):
        page = client.get("/voorstellen/").content.decode()
    assert "Voorstel 0 van Regio 00" in page and "van Regio 01" not in page
