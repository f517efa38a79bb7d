"""The dashboard's rows made in Python say what the template said (allocations.presenters)."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from djmoney.money import Money

from allocations.models import ForecastLine, ForecastSubmission, Product
from allocations.presenters import (
    NO_FORECAST,
    STATUS_BADGES,
    dashboard_charts_html,
    dashboard_rows_html,
    forecast_rows_html,
)
from allocations.selectors.forecasts import status_from
from core.converters import slug_url_maker
from core.models import Provider


@pytest.mark.parametrize("status", ["green", "amber", "red", None])
def test_a_rows_badge_is_the_status_templates(status):
    """templates/allocations/_status.html stays the badge of the provider's page and report."""
    expected = render_to_string("allocations/_status.html", {"row": SimpleNamespace(status=status)})
    assert STATUS_BADGES.get(status, NO_FORECAST) == expected.strip()


def test_a_slug_url_is_the_reversed_url_with_the_slug_in_its_place():
    make = slug_url_maker("allocations:chart", 2016)
    for slug in ("jeugdhulp-rijnland", "a", "9223372036854775807", "zorg_2"):
        assert make(slug) == reverse("allocations:chart", args=[slug, 2016])
    assert slug_url_maker("allocations:provider")("ggz-leiden-jeugd") == reverse(
        "allocations:provider", args=["ggz-leiden-jeugd"]
    )
    assert make("a/b?c") == "/budgetten/aanbieder/a%2Fb%3Fc/prognose-2016.svg"  # never a path


def test_no_rows_say_so():
    assert "Geen aanbieders gevonden." in dashboard_rows_html([], 2016)


def test_a_providers_name_is_text_in_the_row_and_the_chart():
    provider = Provider(name='<script>alert(1)</script> "Zorg"', slug="zorg")
    row = status_from(provider, 2016, Decimal("1000.00"), {3: Decimal("1030.00")}, None)
    html = dashboard_rows_html([row], 2016) + dashboard_charts_html([row], 2016)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;Zorg&quot;" in html
    assert 'data-status="amber"' in html and "103,0%" in html and "€ 1.030,00" in html
    assert "per maand, maand 3: 103,0%." in html


def test_a_forecast_row_shows_the_lines_figures_and_escapes_the_product():
    submission = ForecastSubmission(year=2016, month=6)
    product = Product(code="<b>1", name='Uren "begeleiding" & <i>zo</i>', unit="04")
    line = ForecastLine(
        submission=submission,
        product=product,
        units_delivered=Decimal("1234.50"),
        clients_in_care=12,
        average_duration_weeks=Decimal("26.00"),
        expected_outflow=3,
        expected_units=Decimal("1200.00"),
        expected_units_estimated=False,
        waiting_list=4,
        waiting_weeks=Decimal("6.5"),
        trend="rising",
        regional_use_percent=Decimal("87.5"),
        price=Money(Decimal("65.00"), "EUR"),
        cost=Money(Decimal("158242.50"), "EUR"),
    )
    html = forecast_rows_html([(line, Decimal("150000.00"))])
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;1 Uren &quot;begeleiding&quot; &amp; &lt;i&gt;zo&lt;/i&gt; (uur)" in html
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html)
    assert cells[1:5] == ["1.234,50", "12", "26", "3"]
    assert cells[7:] == [
        "€ 65,00",
        "€ 158.242,50",
        "€ 150.000,00",
        "4",
        "6,50",
        "Stijgend",
        "87,50%",
    ]
