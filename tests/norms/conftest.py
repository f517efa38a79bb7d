import datetime as dt

import pytest

from core.roles import Role
from norms import services
from norms.models import ActionPlan, Area
from tests.factories import RegionFactory, make_user


@pytest.fixture
def norm_codes(db):
    return services.norms_ensure()


@pytest.fixture
def region_area(db, norm_codes):
    supra = Area.objects.create(
        name="Test-West",
        slug="test-west",
        kind=Area.Kind.SUPRA,
        monitoring_start=dt.date(2021, 7, 5),
        supervision_start=dt.date(2021, 7, 5),
    )
    region = RegionFactory(slug="regio-a", name="Regio A")
    return Area.objects.create(
        name="Regio A",
        slug="regio-a",
        kind=Area.Kind.REGION,
        region=region,
        parent=supra,
        monitoring_start=dt.date(2021, 7, 5),
        supervision_start=dt.date(2021, 7, 5),
    )


@pytest.fixture
def region_user(region_area):
    return make_user("regio-a-user", Role.REGION, region=region_area.region)


@pytest.fixture
def plan(region_area):
    return ActionPlan.objects.create(
        area=region_area, title="Plan A", adopted_on=dt.date(2021, 9, 30)
    )
