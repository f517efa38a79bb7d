"""What providers and TWO staff see of the estimate of expected units (issue 5): the form stores it
for a blank field, and the detail page and the export show it beside the entered figure, flagging
a figure more than 25% away from it."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from allocations.models import ForecastLine, ForecastSubmission
from tests.allocations.test_pages import text

FORM = reverse("allocations:forecast_form", args=["jeugdhulp-rijnland", "2016-05"])


def form_data(**changes):
    # 45A01: May 2016, 500 hours delivered to 10 clients, 3 of them leave, doorlooptijd 12 weeks: estimate 534,21
    data = {
        f"{code}-{field}": value
        for code in ("45A01", "41A03", "44A02")
        for field, value in [
            ("units_delivered", "500"),
            ("clients_in_care", "10"),
            ("average_duration_weeks", "12"),
            ("expected_outflow", "3"),
            ("expected_units", "540"),
            ("waiting_list", "2"),
            ("waiting_weeks", "3"),
            ("trend", "dalend"),
            ("regional_use_percent", "80"),
        ]
    }
    data.update(changes)
    return data


def current_line(slug, month, code):
    return ForecastLine.objects.select_related("submission").get(
        submission__provider__slug=slug,
        submission__month=month,
        submission__is_current=True,
        product__code=code,
    )


def test_a_blank_field_stores_the_estimate_and_the_page_says_so(as_user):
    client = as_user("aanbieder")
    response = client.post(FORM, form_data(**{"45A01-expected_units": ""}), follow=True)
    page = text(response)
    assert "De prognose 2016-05 is opgeslagen." in page
    assert (
        "Niet ingevuld, dus de schatting is opgeslagen als verwachte eenheden tot 31-12: 45A01 534,21."
        in page
    )
    line = current_line("jeugdhulp-rijnland", 5, "45A01")
    # the demo's forecasts start with July 2016 (seed 002 §2.2), so this is the first version of May
    assert (line.expected_units, line.expected_units_estimated, line.submission.version) == (
        Decimal("534.21"),
        True,
        1,
    )
    assert current_line("jeugdhulp-rijnland", 5, "41A03").expected_units == Decimal(
        "540"
    )  # entered: kept
    detail = text(
        client.get(reverse("allocations:forecast_detail", args=["jeugdhulp-rijnland", "2016-05"]))
    )
    assert "534,21 (schatting, niet ingevuld) 534,21" in detail


def test_an_entered_figure_is_kept_and_a_strong_deviation_is_reported(as_user):
    client = as_user("aanbieder")
    page = text(client.post(FORM, form_data(**{"44A02-expected_units": "700"}), follow=True))
    assert current_line("jeugdhulp-rijnland", 5, "44A02").expected_units == Decimal("700")
    assert (
        "Wijkt sterk af van de schatting (meer dan 25%): 44A02 (ingevuld 700,00, schatting 534,21). "
        "De TWO Jeugdhulp kan u om een toelichting vragen."
    ) in page
    assert "Niet ingevuld" not in page


def test_the_estimate_button_shows_the_estimates_without_saving(as_user):
    client = as_user("aanbieder")
    before = ForecastSubmission.objects.count()
    response = client.post(FORM, form_data(**{"45A01-expected_units": "", "action": "schatting"}))
    assert response.status_code == 200 and ForecastSubmission.objects.count() == before
    page = response.content.decode()
    assert (
        'data-testid="estimate-45A01">534,21<' in page
        and 'data-testid="estimate-44A02">534,21<' in page
    )
    assert (
        'name="45A01-expected_units" type="text" inputmode="decimal" size="8" value=""' in page
    )  # still blank


def test_a_blank_field_without_clients_is_refused_with_a_reason(as_user):
    client = as_user("aanbieder")
    before = ForecastSubmission.objects.count()
    page = text(
        client.post(FORM, form_data(**{"45A01-expected_units": "", "45A01-clients_in_care": "0"}))
    )
    assert "Vul bij 45A01 de verwachte eenheden tot 31-12 in" in page
    assert ForecastSubmission.objects.count() == before


def test_filling_in_again_leaves_an_estimated_field_blank_so_it_is_estimated_again(as_user):
    client = as_user("aanbieder")
    client.post(FORM, form_data(**{"45A01-expected_units": ""}))
    page = client.get(FORM).content.decode()
    assert 'name="45A01-expected_units" type="text" inputmode="decimal" size="8" value=""' in page
    assert (
        'name="41A03-expected_units" type="text" inputmode="decimal" size="8" value="540,00"'
        in page
    )


def test_the_detail_page_flags_the_demo_line_that_differs_strongly(as_user):
    page = text(
        as_user("two").get(
            reverse("allocations:forecast_detail", args=["ggz-leiden-jeugd", "2016-10"])
        )
    )
    assert (
        "Eén product wijkt meer dan 25% af van de schatting van de verwachte eenheden: 46A01. "
        "Vraag de aanbieder zo nodig om een toelichting."
    ) in page
    assert "52 34,93 wijkt sterk af van de schatting (+48,9%)" in page
    assert page.count("wijkt sterk af van de schatting") == 1
    assert "26.125 24.818,75" in page  # 54A01: entered and estimate, within 25%
    calm = text(
        as_user("two").get(
            reverse("allocations:forecast_detail", args=["ggz-leiden-jeugd", "2016-09"])
        )
    )
    assert "wijkt sterk af" not in calm


def test_the_demo_has_one_deliberately_flagged_line(alloc_demo):
    lines = ForecastLine.objects.filter(submission__is_current=True).select_related(
        "submission", "product"
    )
    flagged = [
        (line.submission.provider.slug, line.submission.month, line.product.code)
        for line in lines
        if line.deviates_from_estimate
    ]
    assert flagged == [("ggz-leiden-jeugd", 10, "46A01")]


def test_the_export_shows_the_estimate_beside_the_entered_figure(as_user):
    response = as_user("two").get(
        reverse("allocations:export", args=["ggz-leiden-jeugd"]) + "?jaar=2016"
    )
    ws = load_workbook(io.BytesIO(response.content))["Per product"]
    header = [c.value for c in ws[1]]
    assert header[4:8] == [
        "Verwacht tot 31-12",
        "Schatting (berekend)",
        "Afwijking van schatting",
        "Opmerking",
    ]
    rows = {(r[0], r[1]): r for r in ws.iter_rows(min_row=2, values_only=True)}
    crisis = rows[(10, "46A01")]
    assert (crisis[4], crisis[5], round(crisis[6], 3), crisis[7]) == (
        52,
        34.93,
        0.489,
        "wijkt sterk af van de schatting (meer dan 25%)",
    )
    assert rows[(9, "46A01")][7] == "" or rows[(9, "46A01")][7] is None
    assert ws.cell(row=2, column=7).number_format == "+0.0%;-0.0%;0.0%"


@pytest.mark.parametrize("extra_products", [0, 6])
def test_estimates_add_no_queries_to_the_detail_page_and_the_export(
    world, client, django_assert_max_num_queries, extra_products
):
    from tests.allocations.test_forecast_report import _grow

    provider = world.provider("groeiend")
    _grow(world, provider, months=2, extra_products=extra_products)
    client.force_login(provider.user, backend="django.contrib.auth.backends.ModelBackend")
    # the same number with 2 or 8 products: the estimate is computed from each line's own fields
    with django_assert_max_num_queries(9):
        page = text(
            client.get(reverse("allocations:forecast_detail", args=[provider.slug, "2016-02"]))
        )
    assert (
        page.count("wijkt sterk af van de schatting (") == 1 + extra_products
    )  # 400 against an estimate of 1.890, 40 against 189
    with django_assert_max_num_queries(9):
        assert (
            client.get(
                reverse("allocations:export", args=[provider.slug]) + "?jaar=2016"
            ).status_code
            == 200
        )
