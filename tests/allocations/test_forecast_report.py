"""The provider's forecast report as PDF: the page's numbers and chart, no BSN, the page's permissions."""

import base64
import html
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounting.services.awards import budget_grant_make
from allocations import exports
from allocations.selectors import forecasts as forecast_selectors
from allocations.services import budget_requests as request_services
from allocations.services import forecasts as forecast_services
from core.models import Provider
from tests.allocations.factories import RULE_6_TEXT, ProductFactory, TariffFactory, row

TEST_BSNS = ["999991772", "999996708", "999996630", "999996642", "999995844"]
DEMO = ["jeugdhulp-rijnland", "ggz-leiden-jeugd", "lvb-zorg-bollenstreek"]


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()
    )


def _clean(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def by_testid(response, testid: str) -> str:
    """The text of the element with this data-testid (a dd, div or table) on the page."""
    match = re.search(
        rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', response.content.decode(), re.S
    )
    assert match, testid
    return _clean(match.group(2))


def table_rows(response, testid: str) -> list[list[str]]:
    """The body rows of a table on the page, each as its cells' text."""
    table = re.search(
        rf'<table[^>]*data-testid="{testid}".*?<tbody>(.*?)</tbody>',
        response.content.decode(),
        re.S,
    ).group(1)
    return [
        [_clean(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]


def report_url(slug: str, year: int = 2016) -> str:
    return reverse("allocations:report_pdf", args=[slug, year])


@pytest.mark.parametrize("slug", DEMO)
def test_pdf_shows_the_numbers_of_the_provider_page(as_user, slug):
    client = as_user("two")
    page = client.get(reverse("allocations:provider", args=[slug]) + "?jaar=2016")
    response = client.get(report_url(slug))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="prognoserapportage-{slug}-2016.pdf"'
    )
    text = pdf_text(response.content)
    name = Provider.objects.get(slug=slug).name
    assert f"Prognoserapportage {name} 2016" in text
    assert (
        "Regio Holland Rijnland" in text
        and "Fonds Financiële knelpunten jeugdhulp 2016 (ZIN)" in text
    )
    assert f"Status: {by_testid(page, 'status')}" in text
    assert (
        f"Toegekend budget {by_testid(page, 'budget-total')}; prognose {by_testid(page, 'forecast-cost')}."
        in text
    )
    assert (
        f"Totaal {by_testid(page, 'budget-total')} {by_testid(page, 'forecast-cost').replace(' van het budget', '').replace(' = ', ' ')}"
        in text
    )
    months = table_rows(page, "forecasts")
    # seed 002 §2.2: the demo's forecasts start with July 2016, the month the budgets were granted
    assert [row[0] for row in months] == [
        "2016-07",
        "2016-08",
        "2016-09",
        "2016-10",
        "2016-11",
        "2016-12",
    ]
    for month, _version, _source, _submitted, cost, percent, status in months:
        assert f"{month} {cost} {percent} {status}" in text
    assert by_testid(page, "explanation") in text


@pytest.mark.parametrize("slug", DEMO)
def test_pdf_per_product_equals_the_latest_months_detail_page(as_user, slug):
    client = as_user("two")
    detail = client.get(reverse("allocations:forecast_detail", args=[slug, "2016-12"]))
    text = pdf_text(client.get(report_url(slug)).content)
    assert "Per product (prognose maand 12)" in text
    lines = table_rows(detail, "forecast-lines")
    assert len(lines) == 3
    for product, *_units, _price, cost, budget, waiting, weeks, trend, _use in lines:
        percent = (
            Decimal(cost[2:].replace(".", "").replace(",", "."))
            * 100
            / Decimal(budget[2:].replace(".", "").replace(",", "."))
        )
        assert (
            f"{product} {budget} {cost} {f'{percent:.1f}'.replace('.', ',')}% {waiting} {weeks} {trend}"
            in text
        )


def test_red_provider_pdf_shows_the_intake_stop_in_words(as_user):
    text = pdf_text(as_user("aanbieder-lvb").get(report_url("lvb-zorg-bollenstreek")).content)
    assert "Status: ● Rood: opnamestop" in text
    assert "Algehele opnamestop sinds 3 oktober 2016." in text
    green = pdf_text(as_user("aanbieder").get(report_url("jeugdhulp-rijnland")).content)
    assert "Status: ● Groen: binnen budget" in green and "opnamestop sinds" not in green


def test_pdf_holds_no_bsn_only_the_count_of_registered_clients(as_user):
    text = pdf_text(as_user("two").get(report_url("ggz-leiden-jeugd")).content)
    assert "Bovenbegrotelijke cliënten vastgelegd in 2016: 5" in text
    digits = re.sub(r"\D", "", text)
    for bsn in TEST_BSNS:
        assert bsn not in text and bsn not in digits
        assert f"******{bsn[-3:]}" not in text
    assert "******" not in text


def test_pdf_embeds_the_pages_own_chart_svgs(as_user, settings):
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = (
        "same-chart"  # fixed clip-path ids, so two drawings compare equal
    )
    try:
        client = as_user("two")
        provider = Provider.objects.get(slug="ggz-leiden-jeugd")
        report_html = exports.forecast_report_html(
            forecast_selectors.forecast_report(provider=provider, year=2016)
        )
        for name in ("allocations:chart", "allocations:waiting_chart"):
            svg = client.get(reverse(name, args=[provider.slug, 2016])).content
            assert f"data:image/svg+xml;base64,{base64.b64encode(svg).decode()}" in report_html, (
                name
            )
    finally:
        matplotlib.rcParams["svg.hashsalt"] = None


def test_provider_downloads_its_own_report_and_gets_404_for_another(as_user):
    client = as_user("aanbieder")
    assert client.get(report_url("jeugdhulp-rijnland")).status_code == 200
    assert client.get(report_url("ggz-leiden-jeugd")).status_code == 404
    assert client.get(report_url("lvb-zorg-bollenstreek")).status_code == 404


def test_two_downloads_any_providers_report_and_others_get_none(as_user, client):
    for slug in DEMO:
        assert as_user("two").get(report_url(slug)).status_code == 200
    assert as_user("pho-leiden").get(report_url("ggz-leiden-jeugd")).status_code == 404
    client.logout()
    response = client.get(report_url("ggz-leiden-jeugd"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_provider_page_and_dashboard_link_to_the_report(as_user):
    own = as_user("aanbieder").get(
        reverse("allocations:provider", args=["jeugdhulp-rijnland"]) + "?jaar=2016"
    )
    assert f'href="{report_url("jeugdhulp-rijnland")}"' in own.content.decode()
    client = as_user("two")
    page = client.get(
        reverse("allocations:provider", args=["lvb-zorg-bollenstreek"]) + "?jaar=2016"
    ).content.decode()
    assert f'href="{report_url("lvb-zorg-bollenstreek")}"' in page
    dashboard = client.get("/budgetten/regio/?jaar=2016").content.decode()
    assert all(f'href="{report_url(slug)}"' in dashboard for slug in DEMO)


def test_pdf_without_forecasts_says_so(world, client):
    provider = world.provider("nog-niets")
    client.force_login(provider.user, backend="django.contrib.auth.backends.ModelBackend")
    text = pdf_text(client.get(report_url(provider.slug)).content)
    assert "Stand nog geen prognose" in text and "Nog geen prognoses voor 2016." in text
    assert "Toegekend budget € 100.000,00; prognose —." in text


def _grow(world, provider, *, months: int, extra_products: int) -> None:
    """`extra_products` more granted products, and `months` monthly forecasts over all of them."""
    extra = []
    for n in range(extra_products):
        code = f"45B{n:02d}"
        TariffFactory(region=world.region, product_code=code)
        extra.append(ProductFactory(provider=provider, code=code))
    if extra:
        request = request_services.budget_request_submit(
            provider=provider,
            year=2016,
            quantities={p: Decimal("100") for p in extra},
            motivation="Meer producten",
            user=provider.user,
            **RULE_6_TEXT,
        )
        budget_grant_make(
            request=request,
            granted={line.pk: line.quantity for line in request.lines.all()},
            note="",
            user=world.two,
        )
    for month in range(1, months + 1):
        rows = [row("45A01", "500", "400"), row("43A02", "0", "0")] + [
            row(p.code, "50", "40") for p in extra
        ]
        forecast_services.forecast_submit(
            provider=provider,
            year=2016,
            month=month,
            rows=rows,
            explanation="Kortere trajecten",
            source="web",
            user=provider.user,
        )


@pytest.mark.parametrize(("months", "extra_products"), [(1, 0), (12, 6)])
def test_report_query_count_does_not_grow_with_months_or_products(
    world, client, django_assert_max_num_queries, months, extra_products
):
    provider = world.provider("groeiend")
    _grow(world, provider, months=months, extra_products=extra_products)
    client.force_login(provider.user, backend="django.contrib.auth.backends.ModelBackend")
    with django_assert_max_num_queries(14):
        response = client.get(report_url(provider.slug))
    text = pdf_text(response.content)
    assert f"Per product (prognose maand {months})" in text
    assert text.count("Stijgend") == 2 + extra_products


def test_status_percent_rounds_half_up_like_the_page_tables_and_the_pdf():
    from django.template.defaultfilters import floatformat

    from allocations.selectors.forecasts import percent_text

    assert percent_text(Decimal("101.25")) == f"{floatformat(Decimal('101.25'), 1)}%" == "101,3%"
    assert percent_text(Decimal("104.95")) == "105,0%" and percent_text(None) == "—"
