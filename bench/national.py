"""National-scale data for benchmarks: 42 regions in 10 landsdelen, 342 municipalities, a May
circular, 10 funds x 4 years with contributions. Idempotent: benchmark modules call
`ensure_national()` and get the same data.

The sizes are module constants, read when the data is made, so the smoke test
(tests/bench) can make the same shapes at tiny sizes."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from djmoney.money import Money

from core.models import Membership, Municipality, Region
from core.roles import Role
from core.services import membership_set, office_of, user_create_or_update
from fund.models import BudgetAmount, BudgetCircular, BudgetDomain, Contribution, Fund, Tranche
from fund.selectors import compute_contributions

N_REGIONS, N_MUNICIPALITIES, N_FUNDS, YEARS = 42, 342, 10, [2020, 2021, 2022, 2023]
NATIONAL_REGION = "bench-nederland"
# Two tiny sizes for the smoke test: every module runs at both, and its "ours" must make as many
# queries at the second as at the first.
SMOKE_SIZES = (
    {"N_REGIONS": 3, "N_MUNICIPALITIES": 3, "N_FUNDS": 2},
    {"N_REGIONS": 5, "N_MUNICIPALITIES": 7, "N_FUNDS": 3},
)
# `BENCH_SCALE=10 make bench` multiplies every size of SMOKE_SIZES (scale_sizes) but these: ten
# times as many municipalities fill the same ten funds.
UNSCALED = ("N_FUNDS",)


def analyze() -> None:
    """Statistics of the generated data for the planner, as a production database has them
    (PostgreSQL's autovacuum analyses a table after large changes; an operator of the embedded
    SQLite runs ANALYZE). Without them PostgreSQL plans a freshly bulk-loaded table as if it were
    nearly empty, and one query of the SPUK page took 9 s instead of a tenth of one."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def scale_sizes(module, scale: int) -> dict[str, object]:
    """Multiply the sizes a bench module names in SMOKE_SIZES (numbers, or dicts of numbers) by
    `scale`, except those in its UNSCALED (counts of months or funds that do not grow with the
    country). Returns the new sizes. Used by the runner for BENCH_SCALE."""
    sizes = {}
    for name in getattr(module, "SMOKE_SIZES", ({},))[0]:
        if name in getattr(module, "UNSCALED", ()):
            continue
        value = getattr(module, name)
        if isinstance(value, dict):
            value = {key: number * scale for key, number in value.items()}
        else:
            value = value * scale
        setattr(module, name, value)
        sizes[name] = value
    return sizes


def bench_two(*organisation_regions: Region):
    """The benches' TWO user: staff of the national region's office (which manages the national
    funds) and of the offices of `organisation_regions`."""
    user = get_user_model().objects.filter(username="bench-two").first() or user_create_or_update(
        username="bench-two", role=Role.TWO, password="bench"
    )
    for region in (*Region.objects.filter(slug=NATIONAL_REGION), *organisation_regions):
        membership_set(organisation=office_of(region), member=user, role=Membership.Role.STAFF)
    return user


def ensure_regional_offices(
    regions: list[Region], *, proposals_per_fund: int = 3
) -> dict[str, object]:
    """Every region its own office (TWO Jeugdhulp <region>), a staff member `bench-two-<slug>` and a
    fund with a tranche and a few proposals: the funds of one installation serving many regions.
    Returns {region slug: staff user}. Idempotent."""
    from proposals.models import (
        Proposal,  # bench data only: national is imported by the fund bench too
    )

    staff = {}
    for region in regions:
        office = office_of(region)
        user = get_user_model().objects.filter(username=f"bench-two-{region.slug}").first()
        if user is None:
            user = user_create_or_update(
                username=f"bench-two-{region.slug}", role=Role.TWO, password="bench"
            )
            membership_set(organisation=office, member=user, role=Membership.Role.STAFF)
        fund, created = Fund.objects.get_or_create(
            slug=f"bench-regiofonds-{region.slug}",
            defaults={
                "name": f"Regiofonds {region.name}",
                "kind": Fund.Kind.REGIONAL,
                "region": region,
                "managed_by": office,
                "term_start": dt.date(2020, 1, 1),
                "term_end": dt.date(2023, 12, 31),
            },
        )
        if created:
            Tranche.objects.create(fund=fund, year=2020, amount=Money(Decimal("500000"), "EUR"))
            Proposal.objects.bulk_create(
                Proposal(
                    fund=fund,
                    reference=f"V-REGIO-{region.pk}-{i}",
                    title=f"Voorstel {i} van {region.name}",
                    summary="Bench",
                    contact="Bench",
                    status="submitted",
                    created_by=user,
                )
                for i in range(proposals_per_fund)
            )
        staff[region.slug] = user
    return staff


def ensure_national() -> dict:
    """Returns {"region": the region holding all N_MUNICIPALITIES (342), "funds": [...], ...}.

    Every fund is filled by all municipalities (one region holds them), so a fund page
    shows the national table; the other regions exist for providers and SPUK requests.
    """
    if Fund.objects.filter(slug="bench-fund-0").exists():
        region = Region.objects.get(slug=NATIONAL_REGION)
        return {
            "region": region,
            "funds": list(Fund.objects.filter(slug__startswith="bench-fund-").order_by("pk")),
            "regions": list(Region.objects.filter(slug__startswith="bench-")),
        }
    regions = [
        Region(name=f"Bench regio {i}", slug=f"bench-regio-{i}", landsdeel=f"Landsdeel {i % 10}")
        for i in range(N_REGIONS - 1)
    ]
    regions.append(Region(name="Bench Nederland", slug=NATIONAL_REGION, landsdeel="Landsdeel 0"))
    Region.objects.bulk_create(regions)
    region = Region.objects.get(slug=NATIONAL_REGION)
    Municipality.objects.bulk_create(
        Municipality(cbs_code=f"GM{5000 + i:04d}", name=f"Benchgemeente {i:03d}", region=region)
        for i in range(N_MUNICIPALITIES)
    )
    municipalities = list(Municipality.objects.filter(region=region))
    domains = [
        BudgetDomain.objects.get_or_create(code=c, defaults={"name": c})[0]
        for c in ("regionaal", "veiligheid", "lokaal")
    ]
    circular = BudgetCircular.objects.create(
        name="Bench meicirculaire", slug="bench-meicirculaire", published_year=2020
    )
    BudgetAmount.objects.bulk_create(
        BudgetAmount(
            circular=circular,
            municipality=m,
            budget_year=y,
            domain=d,
            amount=Money(
                Decimal(1_000_000 + (i * 7919 + j * 104729) % 9_000_000) + Decimal("0.37"), "EUR"
            ),
        )
        for i, m in enumerate(municipalities)
        for y in YEARS
        for j, d in enumerate(domains)
    )
    funds = []
    for f in range(N_FUNDS):
        fund = Fund.objects.create(
            name=f"Bench fonds {f}",
            slug=f"bench-fund-{f}",
            kind=Fund.Kind.REGIONAL,
            region=region,
            managed_by=office_of(region),
            term_start=dt.date(2020, 1, 1),
            term_end=dt.date(2023, 12, 31),
            letterhead_name="Bench regio, TWO Jeugdhulp",
            deciding_body="het bestuur van de Bench regio",
            letterhead_address="Postbus 1\n1000 AA Bench",
            legal_ground="Regeling Bench fonds",
        )
        funds.append(fund)
        for y in YEARS:
            tranche = Tranche.objects.create(
                fund=fund,
                year=y,
                amount=Money(Decimal(1_000_000 * (f + 1)) + Decimal("0.55"), "EUR"),
                basis=circular,
                rounding_unit="0.01",
            )
            computed = compute_contributions(tranche=tranche, circular=circular)
            Contribution.objects.bulk_create(
                Contribution(
                    tranche=tranche,
                    municipality=m,
                    counted_budget=Money(b, "EUR"),
                    amount=Money(a, "EUR"),
                )
                for m, (b, a) in computed.items()
            )
    return {
        "region": region,
        "funds": funds,
        "regions": list(Region.objects.filter(slug__startswith="bench-")),
    }
