"""A provider's forecast belongs to one region's budget (issue 13). Jeugdhulp Rijnland gets a 2016
budget from Midden-Holland's fund beside the one from Holland Rijnland's knelpunten fund: it
forecasts each budget apart, each region's staff see only the forecast and the BSNs of their own
budget, the provider sees both, each under its region, and the 105% stop of one budget does not stop
intake in the other."""

import datetime as dt
import re
from decimal import ROUND_CEILING, Decimal

import pytest
from django.contrib.auth import get_user_model

from accounting.services.awards import budget_grant_make
from allocations.models import ForecastSubmission, IntakeStop
from allocations.selectors.forecasts import percent_text, provider_status
from allocations.selectors.products import product_budgets, tariffs_for
from allocations.services import budget_requests as request_services
from allocations.services import clients as client_services
from allocations.services import forecasts as forecast_services
from allocations.services import products as product_services
from core.models import Provider
from core.templatetags.nl import format_euro
from fund.models import Fund

PROVIDER = "jeugdhulp-rijnland"
HR_FUND = "knelpunten-zin-2016"
MH_FUND = "transformatiefonds-midden-holland-demo"
BASE = f"/budgetten/aanbieder/{PROVIDER}/"
HR_TEXT, MH_TEXT = (
    "Prognose van het budget in Holland Rijnland (test).",
    "Prognose van het budget in Midden-Holland (test).",
)
HR_BSN, MH_BSN = "999996630", "999995844"  # public test numbers, not people
MH_UNITS = Decimal("100")  # granted by Midden-Holland at € 70 an hour: € 7.000
MH_FORECAST = Decimal("110")  # 110% of Midden-Holland's budget: its intake stops


def _row(units: Decimal):
    return forecast_services.ForecastRow(
        product_code="45A01",
        units_delivered=units - 10,
        clients_in_care=12,
        average_duration_weeks=Decimal("20"),
        expected_outflow=2,
        expected_units=Decimal("10"),
        waiting_list=3,
        waiting_weeks=Decimal("4"),
        trend="stable",
        regional_use_percent=Decimal("90"),
    )


@pytest.fixture
def two_regions(alloc_demo):
    """Jeugdhulp Rijnland with budgets from both regions in 2016, each forecast for December: Holland
    Rijnland's at 102% (BSN asked), Midden-Holland's at 110% (stop); one BSN registered under each."""
    users = get_user_model().objects
    provider = Provider.objects.get(slug=PROVIDER)
    hr, mh = Fund.objects.get(slug=HR_FUND), Fund.objects.get(slug=MH_FUND)
    staff_mh, user = users.get(username="two-midden-holland"), users.get(username="aanbieder")
    product = provider.products.get(code="45A01")
    product_services.tariff_set(
        region=mh.region,
        year=2016,
        product_code="45A01",
        unit=product.unit,
        price=Decimal("70"),
        user=staff_mh,
    )
    request = request_services.budget_request_submit(
        provider=provider,
        year=2016,
        quantities={product: MH_UNITS},
        fund=mh,
        user=user,
        motivation="Gezinshuizen (test).",
        scaling_down="Afgeschaald (test).",
        referring_back="Terugverwezen (test).",
        shortening="Korter (test).",
        demand_evidence="Meer vraag (test).",
    )
    budget_grant_make(
        request=request, granted={request.lines.get().pk: MH_UNITS}, note="", user=staff_mh
    )

    hr_budget = sum(product_budgets(provider=provider, year=2016, fund=hr).values())
    hr_price = tariffs_for(provider=provider, year=2016, region_id=hr.region_id)[
        "45A01"
    ].price.amount
    hr_units = (hr_budget * Decimal("1.02") / hr_price).quantize(
        Decimal("1"), rounding=ROUND_CEILING
    )
    forecast_services.forecast_submit(
        provider=provider,
        fund=hr,
        year=2016,
        month=12,
        rows=[_row(hr_units)],
        explanation=HR_TEXT,
        source="web",
        user=user,
    )
    forecast_services.forecast_submit(
        provider=provider,
        fund=mh,
        year=2016,
        month=12,
        rows=[_row(MH_FORECAST)],
        explanation=MH_TEXT,
        source="web",
        user=user,
    )
    client_services.client_register(
        provider=provider,
        product=product,
        year=2016,
        bsn=MH_BSN,
        intake_on=dt.date(2016, 12, 5),
        user=user,
        fund=mh,
    )
    # Midden-Holland's budget is stopped; Holland Rijnland's intake goes on, with the BSN passed on
    client_services.client_register(
        provider=provider,
        product=product,
        year=2016,
        bsn=HR_BSN,
        intake_on=dt.date(2016, 12, 6),
        user=user,
        fund=hr,
    )
    mh_cost = format_euro(Decimal("70") * MH_FORECAST)
    return provider, hr, mh, mh_cost


def _page(client, url=f"{BASE}?jaar=2016"):
    response = client.get(url)
    return response.status_code, re.sub(r"\s+", " ", response.content.decode())


def test_each_region_sees_only_its_own_budget_s_forecast_and_bsns(two_regions, as_user):
    provider, hr, mh, mh_cost = two_regions
    status, page = _page(as_user("two"))
    assert status == 200
    assert HR_TEXT in page and "******630" in page
    assert (
        MH_TEXT not in page
        and "******844" not in page
        and mh_cost not in page
        and mh.name not in page
    )

    status, page = _page(as_user("two-midden-holland"))
    assert status == 200
    assert MH_TEXT in page and "******844" in page and mh_cost in page
    assert HR_TEXT not in page and "******630" not in page and hr.name not in page

    # the month's forecast of the other region's budget: 404, also when the fund is named
    client = as_user("two")
    assert client.get(f"{BASE}prognose/2016-12/details/?fonds={MH_FUND}").status_code == 404
    status, detail = _page(client, f"{BASE}prognose/2016-12/details/")
    assert status == 200 and hr.name in detail and mh.name not in detail
    client = as_user("two-midden-holland")
    assert client.get(f"{BASE}prognose/2016-12/details/?fonds={HR_FUND}").status_code == 404
    status, detail = _page(client, f"{BASE}prognose/2016-12/details/")
    assert status == 200 and mh.name in detail and mh_cost in detail and hr.name not in detail
    status, history = _page(client, f"{BASE}prognose/historie/?jaar=2016")
    assert status == 200 and mh_cost in history and HR_TEXT not in history
    status, dashboard = _page(as_user("two"), "/budgetten/regio/?jaar=2016")
    assert status == 200 and mh_cost not in dashboard


def test_the_provider_sees_both_each_under_its_region_and_one_stop_leaves_the_other_open(
    two_regions, as_user
):
    provider, hr, mh, mh_cost = two_regions
    assert list(
        IntakeStop.objects.filter(provider=provider, year=2016, ended_on__isnull=True).values_list(
            "fund__slug", flat=True
        )
    ) == [MH_FUND]
    status, page = _page(as_user("aanbieder"))
    assert status == 200
    hr_part = page.split(f'data-testid="fund-{HR_FUND}"')[1].split("</section>")[0]
    mh_part = page.split(f'data-testid="fund-{MH_FUND}"')[1].split("</section>")[0]
    assert "regio Holland Rijnland" in hr_part and "regio Midden-Holland" in mh_part
    assert "Opnamestop voor dit budget" in mh_part and "Opnamestop voor dit budget" not in hr_part
    assert "110,0% van het budget" in mh_part and "102," in hr_part
    assert "******630" in page and "******844" in page

    # Holland Rijnland's staff see no stop: their budget's intake is open
    status, page = _page(as_user("two"))
    assert 'data-testid="intake-stop' not in page
    status, page = _page(as_user("two-midden-holland"))
    assert 'data-testid="intake-stop"' in page


def test_two_budgets_in_a_year_the_provider_picks_the_fund(two_regions, as_user):
    provider, hr, mh, mh_cost = two_regions
    client = as_user("aanbieder")
    status, form = _page(client, f"{BASE}prognose/2016-11/")
    assert status == 200 and 'data-testid="fund-choice"' in form and "Fonds (regio)" in form
    before = ForecastSubmission.objects.count()
    fields = {
        "45A01-units_delivered": "50",
        "45A01-clients_in_care": "5",
        "45A01-average_duration_weeks": "10",
        "45A01-expected_outflow": "1",
        "45A01-expected_units": "5",
        "45A01-waiting_list": "0",
        "45A01-waiting_weeks": "0",
        "45A01-trend": "gelijk",
        "45A01-regional_use_percent": "90",
    }
    # Midden-Holland's tariff list prices 45A01 only: chosen, its form offers that product
    status, form = _page(client, f"{BASE}prognose/2016-11/?fonds={MH_FUND}")
    assert "45A01" in form and "41A03" not in form
    response = client.post(f"{BASE}prognose/2016-11/", fields)
    assert response.status_code == 200 and "kies het fonds (de regio)" in response.content.decode()
    assert ForecastSubmission.objects.count() == before  # nothing saved
    response = client.post(f"{BASE}prognose/2016-11/", {**fields, "fonds": MH_FUND})
    assert response.status_code == 302
    assert (
        ForecastSubmission.objects.get(
            provider=provider, year=2016, month=11, is_current=True, fund=mh
        ).source
        == "web"
    )
    # the client form asks which budget too, in Dutch
    status, form = _page(client, f"{BASE}clienten/nieuw/?jaar=2016")
    assert "Fonds (regio)" in form and "Kies het fonds" in form


def test_one_budget_in_a_year_is_taken_without_asking(alloc_demo, as_user):
    status, form = _page(as_user("aanbieder"), f"{BASE}prognose/2016-11/")
    assert status == 200 and 'data-testid="fund-choice"' not in form
    assert "Budget: Financiële knelpunten jeugdhulp 2016 (ZIN)" in form


@pytest.mark.parametrize("extra", [0, 4])
def test_provider_page_with_two_budgets_keeps_its_query_count(
    two_regions, as_user, django_assert_max_num_queries, extra
):
    provider, hr, mh, mh_cost = two_regions
    user = get_user_model().objects.get(username="aanbieder")
    for month in range(12 - extra, 12):  # more months of Midden-Holland's budget
        forecast_services.forecast_submit(
            provider=provider,
            fund=mh,
            year=2016,
            month=month,
            rows=[_row(Decimal("90"))],
            explanation="",
            source="web",
            user=user,
        )
    client = as_user("aanbieder")
    client.get(f"{BASE}?jaar=2016")  # the session is written once after logging in
    with django_assert_max_num_queries(22):
        status, page = _page(client)
    assert status == 200 and page.count("Opnamestop voor dit budget") == 1


def _report(client) -> str:
    from tests.allocations.test_forecast_report import pdf_text

    response = client.get(f"{BASE}prognoserapportage-2016.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def _figures(provider, fund):
    status = provider_status(provider=provider, year=2016, fund=fund)
    return (
        f"Toegekend budget {format_euro(status.budget)}; prognose {format_euro(status.cost)} = "
        f"{percent_text(status.percent)} van het budget."
    ), status


def test_the_report_pdf_shows_each_budget_on_its_own_with_its_region(two_regions, as_user):
    provider, hr, mh, mh_cost = two_regions
    hr_figures, hr_status = _figures(provider, hr)
    mh_figures, mh_status = _figures(provider, mh)
    assert mh_figures == f"Toegekend budget € 7.000,00; prognose {mh_cost} = 110,0% van het budget."
    combined = format_euro(hr_status.budget + mh_status.budget)

    text = _report(as_user("aanbieder"))
    hr_part = text.split(f"Budget regio Holland Rijnland: {hr.name}")[1].split(
        "Budget regio Midden-Holland"
    )[0]
    mh_part = text.split("Budget regio Midden-Holland: ")[
        1
    ]  # the heading may hyphenate the fund's name
    assert f"Regio Holland Rijnland Fonds {hr.name} Stand prognose maand 12" in hr_part
    assert f"Regio Midden-Holland Fonds {mh.name} Stand prognose maand 12" in mh_part
    assert (
        hr_figures in hr_part
        and "102," in hr_part
        and HR_TEXT in hr_part
        and MH_TEXT not in hr_part
    )
    assert mh_figures in mh_part and MH_TEXT in mh_part and HR_TEXT not in mh_part
    # each budget's own total line and intake stop: Midden-Holland's stopped, Holland Rijnland's open
    assert f"Totaal € 7.000,00 {mh_cost} 110,0%" in mh_part
    assert (
        "Algehele opnamestop voor dit budget sinds" in mh_part
        and "opnamestop voor dit budget sinds" not in hr_part
    )
    assert "2016-12 " + mh_cost + " 110,0%" in mh_part
    assert (
        "Bovenbegrotelijke cliënten vastgelegd in 2016: 1" in hr_part
        and "vastgelegd in 2016: 1" in mh_part
    )
    # never the two budgets added up
    assert combined not in text and format_euro(hr_status.cost + mh_status.cost) not in text


def test_each_region_s_staff_get_a_report_of_their_own_budget_only(two_regions, as_user):
    provider, hr, mh, mh_cost = two_regions
    hr_figures, _ = _figures(provider, hr)
    mh_figures, _ = _figures(provider, mh)
    text = _report(as_user("two"))
    assert (
        hr_figures in text and f"Regio Holland Rijnland Fonds {hr.name}" in text and HR_TEXT in text
    )
    assert (
        mh.name not in text
        and "Midden-Holland" not in text
        and mh_cost not in text
        and MH_TEXT not in text
    )
    assert "opnamestop" not in text.lower().replace(
        "grenzen 100% (budget) en 105% (opnamestop)", ""
    )

    text = _report(as_user("two-midden-holland"))
    assert (
        mh_figures in text and f"Regio Midden-Holland Fonds {mh.name}" in text and MH_TEXT in text
    )
    assert "Algehele opnamestop sinds" in text
    assert hr.name not in text and HR_TEXT not in text and hr_figures not in text


@pytest.mark.parametrize("extra", [0, 4])
def test_report_with_two_budgets_keeps_its_query_count(
    two_regions, as_user, django_assert_max_num_queries, extra
):
    provider, hr, mh, mh_cost = two_regions
    user = get_user_model().objects.get(username="aanbieder")
    for month in range(12 - extra, 12):  # more months of Midden-Holland's budget
        forecast_services.forecast_submit(
            provider=provider,
            fund=mh,
            year=2016,
            month=month,
            rows=[_row(Decimal("90"))],
            explanation="",
            source="web",
            user=user,
        )
    client = as_user("aanbieder")
    client.get(f"{BASE}?jaar=2016")  # the session is written once after logging in
    with django_assert_max_num_queries(14):
        text = _report(client)
    assert text.count("Per product (prognose maand 12)") == 2


def test_the_xlsx_export_and_the_history_show_each_budget_on_its_own_row(two_regions, as_user):
    import io

    from openpyxl import load_workbook

    from tests.accounting.html import table_rows

    provider, hr, mh, mh_cost = two_regions
    _, hr_status = _figures(provider, hr)
    client = as_user("aanbieder")
    response = client.get(f"{BASE}prognose/export.xlsx?jaar=2016")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    months = [r for r in workbook["Per maand"].iter_rows(min_row=3, values_only=True) if r[0] == 12]
    assert [
        (Decimal(str(r[1])), Decimal(str(r[2])), round(r[3], 3), r[5], r[6]) for r in months
    ] == [
        (
            hr_status.cost,
            hr_status.budget,
            float(round(hr_status.percent / 100, 3)),
            hr.name,
            "Holland Rijnland",
        ),
        (Decimal("7700"), Decimal("7000"), 1.1, mh.name, "Midden-Holland"),
    ]
    assert {
        Decimal(str(r[2])) for r in workbook["Per maand"].iter_rows(min_row=3, values_only=True)
    } == {hr_status.budget, 7000}
    products = [
        r for r in workbook["Per product"].iter_rows(min_row=2, values_only=True) if r[0] == 12
    ]
    assert sorted((Decimal(str(r[9])), r[13]) for r in products) == sorted(
        [(Decimal("7700"), mh.name), (hr_status.cost, hr.name)]
    )

    history = table_rows(
        client.get(f"{BASE}prognose/historie/?jaar=2016").content.decode(), "history"
    )
    december = [(row[6], row[7]) for row in history[1:] if row[0] == "12" and row[2] == "ja"]
    assert december == [
        (format_euro(hr_status.cost), f"{hr.name} (Holland Rijnland)"),
        (mh_cost, f"{mh.name} (Midden-Holland)"),
    ]
    # Midden-Holland's staff: their own budget's rows only
    response = as_user("two-midden-holland").get(f"{BASE}prognose/export.xlsx?jaar=2016")
    workbook = load_workbook(io.BytesIO(response.content))
    assert [r[5] for r in workbook["Per maand"].iter_rows(min_row=3, values_only=True)] == [mh.name]


def test_the_provider_page_charts_each_budget_against_its_own_limits(two_regions, as_user):
    """With two budgets the page draws a chart per budget, inside its section, from that budget's own
    months; a chart of both together against one 105% line would show no stop that exists."""
    provider, hr, mh, mh_cost = two_regions
    status, page = _page(as_user("aanbieder"))
    chart = f"{BASE}prognose-2016.svg"
    mh_part = page.split(f'data-testid="fund-{MH_FUND}"')[1].split("</section>")[0]
    hr_part = page.split(f'data-testid="fund-{HR_FUND}"')[1].split("</section>")[0]
    assert f'src="{chart}?fonds={MH_FUND}"' in mh_part and "maand 12: 110,0%" in mh_part
    assert f'src="{chart}?fonds={HR_FUND}"' in hr_part and "maand 12: 102," in hr_part
    assert f'src="{chart}"' not in page  # no combined chart

    provider_client = as_user("aanbieder")
    per_budget = {slug: provider_client.get(f"{chart}?fonds={slug}") for slug in (HR_FUND, MH_FUND)}
    assert all(
        r.status_code == 200 and r["Content-Type"] == "image/svg+xml" for r in per_budget.values()
    )
    assert per_budget[HR_FUND].content != per_budget[MH_FUND].content
    # another region's budget is no budget of theirs for TWO staff; an unknown fund is none at all
    assert as_user("two").get(f"{chart}?fonds={MH_FUND}").status_code == 404
    assert as_user("two-midden-holland").get(f"{chart}?fonds={HR_FUND}").status_code == 404
    assert as_user("two-midden-holland").get(f"{chart}?fonds={MH_FUND}").status_code == 200
    assert provider_client.get(f"{BASE}wachtlijst-2016.svg?fonds=geen-fonds").status_code == 404

    # a provider with one budget keeps the one chart of the year
    status, page = _page(as_user("aanbieder"), f"/budgetten/aanbieder/{PROVIDER}/?jaar=2017")
    assert f'src="{BASE}prognose-2017.svg"' in page
