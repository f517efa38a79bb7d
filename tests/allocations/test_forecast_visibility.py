"""A provider's monthly forecast belongs to its budgets of that year (issue 13): Jeugdhulp Rijnland
works in Holland Rijnland (budgets of 2016) and in Midden-Holland (a budget of 2017 only). Its 2016
forecasts are Holland Rijnland's business: TWO Jeugdhulp Midden-Holland sees the provider (it has
a budget there) but none of its 2016 forecasts, on any page or export."""

import io

from django.db.models import Sum
from pypdf import PdfReader

from allocations.models import BudgetLine, ForecastSubmission
from allocations.selectors.forecasts import forecast_year_visible
from core.models import Provider
from core.templatetags.nl import format_euro

PROVIDER = "jeugdhulp-rijnland"
MIDDEN_HOLLAND = "transformatiefonds-midden-holland-demo"
BASE = f"/budgetten/aanbieder/{PROVIDER}/"


def _latest_2016():
    latest = (
        ForecastSubmission.objects.filter(provider__slug=PROVIDER, year=2016, is_current=True)
        .order_by("-month")
        .first()
    )
    return latest, format_euro(latest.lines.aggregate(s=Sum("cost"))["s"])


def _pages(client, label: str) -> dict[str, object]:
    return {
        "provider": client.get(f"{BASE}?jaar=2016"),
        "history": client.get(f"{BASE}prognose/historie/?jaar=2016"),
        "detail": client.get(f"{BASE}prognose/{label}/details/"),
        "export": client.get(f"{BASE}prognose/export.xlsx?jaar=2016"),
        "report": client.get(f"{BASE}prognoserapportage-2016.pdf"),
        "dashboard": client.get("/budgetten/regio/?jaar=2016"),
    }


def _pdf_text(response) -> str:
    return "\n".join(
        page.extract_text() or "" for page in PdfReader(io.BytesIO(response.content)).pages
    )


def test_staff_of_a_region_whose_fund_gave_no_budget_that_year_see_none_of_the_forecasts(
    demo_client,
):
    latest, cost = _latest_2016()
    label = f"2016-{latest.month:02d}"
    assert BudgetLine.objects.filter(
        provider__slug=PROVIDER, fund__slug=MIDDEN_HOLLAND, year=2017
    ).exists()
    assert not BudgetLine.objects.filter(
        provider__slug=PROVIDER, fund__slug=MIDDEN_HOLLAND, year=2016
    ).exists()

    # Holland Rijnland's staff, whose funds granted the 2016 budgets, see the forecast everywhere.
    pages = _pages(demo_client("two"), label)
    assert cost in pages["history"].content.decode()
    assert pages["detail"].status_code == 200 and pages["export"].status_code == 200
    assert cost in _pdf_text(pages["report"])
    assert latest.explanation and latest.explanation[:40] in pages["provider"].content.decode()

    # Midden-Holland's staff see the provider, but nothing of its 2016 forecasts.
    pages = _pages(demo_client("two-midden-holland"), label)
    assert pages["provider"].status_code == 200 and pages["history"].status_code == 200
    assert latest.explanation[:40] not in pages["provider"].content.decode()
    assert (
        'data-testid="forecasts"' not in pages["provider"].content.decode()
        or f"<td>{latest.version}</td><td>{latest.get_source_display()}</td>"
        not in pages["provider"].content.decode()
    )
    assert cost not in pages["history"].content.decode()
    assert pages["detail"].status_code == 404 and pages["export"].status_code == 404
    assert cost not in _pdf_text(pages["report"])
    assert cost not in pages["dashboard"].content.decode()

    # The provider itself sees its own forecasts, whichever region pays.
    pages = _pages(demo_client("aanbieder"), label)
    assert cost in pages["history"].content.decode() and pages["detail"].status_code == 200


def test_the_rule_follows_the_budget_year(demo, django_user_model):
    provider = Provider.objects.get(slug=PROVIDER)
    users = django_user_model.objects
    two, two_mh, aanbieder = (
        users.get(username=u) for u in ("two", "two-midden-holland", "aanbieder")
    )
    assert forecast_year_visible(
        user=two_mh, provider=provider, year=2017
    )  # its fund's budget of 2017
    assert not forecast_year_visible(user=two_mh, provider=provider, year=2016)
    assert forecast_year_visible(user=two, provider=provider, year=2016)
    assert forecast_year_visible(user=aanbieder, provider=provider, year=2016)
    assert not forecast_year_visible(
        user=users.get(username="pho-leiden"), provider=provider, year=2016
    )
