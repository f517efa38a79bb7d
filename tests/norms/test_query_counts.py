"""The trend page and the action plan make as many queries with much data as with little."""

import datetime as dt

import pytest

from core.roles import Role
from norms.models import Action, Area, NormCount
from tests.factories import RegionFactory, make_user


def _grow(supra, plan, norms, *, regions: int, months: int, actions: int, first: int = 0):
    for i in range(first, first + regions):
        area = Area.objects.create(
            name=f"R{i}",
            slug=f"r{i}",
            kind=Area.Kind.REGION,
            parent=supra,
            region=RegionFactory(slug=f"q{i}", name=f"Q{i}"),
        )
        NormCount.objects.bulk_create(
            NormCount(
                area=area,
                norm=norm,
                reference_date=dt.date(2021 + m // 12, m % 12 + 1, 15),
                count=m,
                source="region",
            )
            for m in range(months)
            for norm in norms.values()
        )
    NormCount.objects.bulk_create(
        NormCount(
            area=supra,
            norm=norm,
            reference_date=dt.date(2021 + m // 12, m % 12 + 1, 15),
            count=m,
            source="region",
        )
        for m in range(months)
        for norm in norms.values()
        if not first
    )
    Action.objects.bulk_create(
        Action(
            plan=plan,
            solution_line=i % 8 + 1,
            number=f"{i}",
            owner="R",
            activity="A",
            result="R",
            planned_date=dt.date(2022, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(first, first + actions)
    )


PINNED = {
    "/normen/gebied/test-west/": 10,
    "/normen/gebied/test-west/uitvoeringsplan/": 6,
}  # session, user, roles, ... included


@pytest.mark.parametrize(
    "page", ["/normen/gebied/test-west/", "/normen/gebied/test-west/uitvoeringsplan/"]
)
def test_query_count_does_not_grow_with_the_data(
    page,
    region_area,
    norm_codes,
    client_as,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    from norms.models import ActionPlan

    supra = region_area.parent
    plan = ActionPlan.objects.create(area=supra, title="Plan", adopted_on=dt.date(2021, 9, 30))
    admin = make_user("two-q", Role.TWO)
    admin.is_superuser = True  # sees every area
    admin.save()
    client = client_as(admin)
    _grow(supra, plan, norm_codes, regions=1, months=2, actions=3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(page).status_code == 200
    _grow(supra, plan, norm_codes, regions=5, months=24, actions=200, first=10)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(page).status_code == 200
    assert len(small.captured_queries) == PINNED[page]
