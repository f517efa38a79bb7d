import datetime as dt
from decimal import Decimal

import pytest

PROVISIONAL_FUND = "proeffonds-holland-rijnland"


@pytest.fixture
def provisional_tranche(demo):
    """A provisional tranche on the Meicirculaire 2016 (2,000,000 for 2018, the 13 municipalities of
    Holland Rijnland). The demo's own provisional years are made definitive by the story (seed 002
    besluitpunt 3b), so tests of recalculating a provisional year use this one."""
    from core.models import Region
    from fund import services
    from fund.models import BudgetCircular, Fund

    region = Region.objects.get(slug="holland-rijnland")
    fund = Fund.objects.create(
        name="Proeffonds Holland Rijnland",
        slug=PROVISIONAL_FUND,
        kind=Fund.Kind.REGIONAL,
        region=region,
        term_start=dt.date(2018, 1, 1),
        term_end=dt.date(2019, 12, 31),
        managed_by=region.organisations.get(kind="office"),
    )
    return services.tranche_create(
        fund=fund,
        year=2018,
        amount=Decimal(2_000_000),
        basis=BudgetCircular.objects.get(slug="meicirculaire-2016"),
    )
