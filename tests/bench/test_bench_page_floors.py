"""A page bench's floor page (bench.pages) writes the numbers that the page shows: the same counts
per reference date and norm (with the sum of the regions), the same actions with the same traffic
lights. Otherwise the floor would be cheaper because it shows less, and the ratio would lie."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from accounting.selectors.overview import fund_overview
from bench import bench_accounting, bench_norms, pages
from core.templatetags.nl import format_date


@pytest.fixture
def norms_bench(small_bench):
    return small_bench(bench_norms)["client"]


def _floor_rows(html: str) -> list[list[str]]:
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", html)]


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _date(text: str) -> str:
    """A floor's date (the bare template writes a date as `15 januari 2020`, a raw SQLite value as
    `2020-01-15`) the way the page writes it."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return format_date(dt.date.fromisoformat(text))
    day, month, year = text.split()
    return format_date(dt.date(int(year), MONTHS.index(month) + 1, int(day)))


@pytest.mark.django_db
def test_the_trend_floor_page_shows_the_counts_and_region_sums_of_the_trend_page(norms_bench):
    page = pages.get(norms_bench, f"/normen/gebied/{bench_norms.SLUG}/").decode()
    floor = pages.get(norms_bench, pages.url("norms-trend")).decode()

    regions = bench_norms.N_REGIONS
    own = [row for row in _floor_rows(floor) if len(row) == 3]
    sums = {
        (d, code): (total, reporting)
        for d, code, total, reporting in (r for r in _floor_rows(floor) if len(r) == 4)
    }
    expected: dict[str, list[str]] = {}
    for day, code, count in own:  # by reference date, the norms in their order
        total, reporting = sums[(day, code)]
        expected.setdefault(_date(day), []).extend([count, f"{total} ({reporting} van {regions})"])
    shown = {
        day: re.findall(r'<td class="jf-num">(.*?)</td>', cells)
        for day, cells in re.findall(
            r'<tr><th scope="row">(\d+-\d+-\d{4})</th>((?:<td class="jf-num">[^<]*</td>)+)</tr>',
            page,
        )
    }

    assert len(expected) == bench_norms.N_MONTHS
    assert shown == expected


@pytest.mark.django_db
def test_the_action_plan_floor_page_shows_the_actions_and_traffic_lights_of_the_plan_page(
    norms_bench,
):
    page = pages.get(norms_bench, f"/normen/gebied/{bench_norms.SLUG}/uitvoeringsplan/").decode()
    floor = pages.get(norms_bench, pages.url("norms-action-plan")).decode()

    expected = [
        (number, owner, activity, result, _date(planned), light)
        for _line, number, owner, activity, result, planned, light in _floor_rows(floor)
    ]
    shown = [
        (number, owner, activity, result, planned, light)
        for light, number, owner, activity, result, planned in re.findall(
            r'<tr data-light="(\w+)"><th scope="row"><a [^>]*>([^<]*)</a></th>'
            r"<td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>",
            page,
        )
    ]

    assert len(expected) == bench_norms.N_ACTIONS
    assert {light for *_, light in expected} >= {"green", "red"}
    assert shown == expected


@pytest.fixture
def accounting_bench(small_bench):
    return small_bench(bench_accounting)["fund"]


@pytest.mark.django_db
def test_the_overview_floor_gives_the_numbers_of_the_fund_overview(accounting_bench):
    overview = fund_overview(accounting_bench)
    years, projects, municipalities = bench_accounting._overview_raw()

    cents = Decimal("0.01")
    assert [(y, Decimal(tranche).quantize(cents)) for y, tranche, *_ in years] == [
        (y.year, y.tranche) for y in overview.years
    ]
    assert [
        (ref, title, awards, Decimal(awarded).quantize(cents), Decimal(paid).quantize(cents))
        for ref, title, _, awards, awarded, _, paid, *_ in projects
    ] == [(p.reference, p.title, p.awards, p.awarded, p.paid) for p in overview.projects]
    assert len(projects) > 1 and any(p.paid for p in overview.projects)
    assert [
        (name or "Rijk (specifieke uitkering)", Decimal(charged).quantize(cents))
        for name, charged, *_ in municipalities
    ] == [(m.name, m.charged) for m in overview.municipalities]


@pytest.mark.django_db
def test_the_spuk_floor_gives_every_figure_and_text_of_the_verantwoording(accounting_bench):
    from accounting.models import SpukBudgetLine, SpukExplanation
    from accounting.selectors.spuk import spuk_verantwoording
    from core.models import Region

    spuk, year = bench_accounting.STATE["spuk"], bench_accounting.SISA_YEAR
    line = SpukBudgetLine.objects.filter(division__fund=spuk, division__year__lte=year).first()
    SpukBudgetLine.objects.filter(pk=line.pk).update(region=Region.objects.first())
    SpukExplanation.objects.create(
        line=line,
        year=year,
        text="Meer vraag dan begroot.",
        entered_by=bench_accounting.bench_two(),
    )
    sisa = spuk_verantwoording(bench_accounting.STATE["spuk"], bench_accounting.SISA_YEAR)
    raw = bench_accounting._sisa_raw()
    decisions, lines = raw[: len(sisa.decisions)], raw[len(sisa.decisions) :]

    cents = Decimal("0.01")
    assert [(y, number, Decimal(amount).quantize(cents)) for y, number, _, amount in decisions] == [
        (d.grant_year, d.number, d.granted) for d in sisa.decisions
    ]
    assert [
        (
            year,
            label,
            region or "",
            awards or "",
            Decimal(budget).quantize(cents),
            -Decimal(spent or 0).quantize(cents),
            -Decimal(cumulative or 0).quantize(cents),
            text or "",
        )
        for year, _, label, region, awards, budget, spent, cumulative, text, _ in lines
    ] == [
        (
            r.grant_year,
            r.label,
            r.region,
            r.awards,
            r.budget,
            r.spent_year,
            r.cumulative,
            r.explanation,
        )
        for r in sisa.rows
    ]
    assert any(r.awards for r in sisa.rows) and any(r.region for r in sisa.rows)
    assert "Meer vraag dan begroot." in [r.explanation for r in sisa.rows]
    assert any(r.cumulative for r in sisa.rows)
