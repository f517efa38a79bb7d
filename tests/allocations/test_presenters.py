"""The dashboard's rows made in Python say what the template said (allocations.presenters)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from allocations.presenters import (
    NO_FORECAST,
    STATUS_BADGES,
    dashboard_charts_html,
    dashboard_rows_html,
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
