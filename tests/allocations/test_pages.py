import html
import re

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse

from allocations.models import BsnAccessLog, BudgetRequest, ClientRegistration, ForecastSubmission
from allocations.selectors.forecasts import provider_status
from core.models import Provider
from tests.allocations.factories import RULE_6_TEXT
from tests.allocations.xlsx_helpers import filled

TEST_BSNS = ["999991772", "999996708", "999996630", "999996642", "999995844"]


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_demo_has_one_green_one_amber_with_bsns_and_one_red(alloc_demo):
    status = {
        slug: provider_status(provider=Provider.objects.get(slug=slug), year=2016)
        for slug in ("jeugdhulp-rijnland", "ggz-leiden-jeugd", "lvb-zorg-bollenstreek")
    }
    assert [s.status for s in status.values()] == ["green", "amber", "red"]
    # seed 002 §2.2: the knelpunten story starts mid 2016; the first forecast is July's
    assert all([p.month for p in s.series] == [7, 8, 9, 10, 11, 12] for s in status.values())
    assert ClientRegistration.objects.filter(provider__slug="ggz-leiden-jeugd").count() == 5
    assert (
        status["lvb-zorg-bollenstreek"].stop.started_on.isoformat() == "2016-10-03"
    )  # the day the September forecast was sent


def test_provider_page_shows_status_budget_and_masked_bsns(as_user):
    page = text(as_user("aanbieder-ggz").get("/budgetten/aanbieder/ggz-leiden-jeugd/"))
    assert "Oranje: 100–105%, BSN verplicht" in page
    assert "103,0% van het budget" in page
    assert "€ 646.500,00" in page
    for bsn in TEST_BSNS:
        assert bsn not in page
        assert f"******{bsn[-3:]}" in page


def test_red_provider_sees_the_intake_stop_with_its_date(as_user):
    page = text(as_user("aanbieder-lvb").get("/budgetten/aanbieder/lvb-zorg-bollenstreek/"))
    assert "Algehele opnamestop sinds 3-10-2016" in page


def test_start_sends_each_role_to_its_page(as_user):
    assert as_user("aanbieder").get("/budgetten/").url == "/budgetten/aanbieder/jeugdhulp-rijnland/"
    assert as_user("two").get("/budgetten/").url == "/budgetten/regio/"
    assert as_user("pho-leiden").get("/budgetten/").status_code == 403


def table_rows(response) -> dict[str, dict[str, str]]:
    """The page's table as {first cell: {column header: cell text}}."""
    content = response.content.decode()
    cells = [
        [text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", content, re.S)
    ]
    header, *rows = cells
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def test_dashboard_lists_red_and_amber_first_and_filters(as_user):
    client = as_user("two")
    response = client.get("/budgetten/regio/?jaar=2016")
    page = text(response)
    assert (
        page.index("LVB Zorg Bollenstreek")
        < page.index("GGZ Leiden Jeugd")
        < page.index("Jeugdhulp Rijnland")
    )
    assert "Groen: 1, oranje: 1, rood: 1." in page
    stops = {name: row["Opnamestop sinds"] for name, row in table_rows(response).items()}
    # the red provider's stop began the day its September forecast was sent
    assert stops == {
        "LVB Zorg Bollenstreek (demo)": "3-10-2016",
        "GGZ Leiden Jeugd (demo)": "—",
        "Jeugdhulp Rijnland (demo)": "—",
    }
    only_green = text(client.get("/budgetten/regio/?jaar=2016&status=green"))
    assert "Jeugdhulp Rijnland" in only_green and "GGZ Leiden Jeugd" not in only_green
    by_name = text(client.get("/budgetten/regio/?jaar=2016&sorteer=naam"))
    assert (
        by_name.index("GGZ Leiden Jeugd")
        < by_name.index("Jeugdhulp Rijnland")
        < by_name.index("LVB Zorg Bollenstreek")
    )


def test_dashboard_charts_say_each_months_percentage_in_words(as_user):
    """The alt text of each chart on the dashboard reads the month's percentages as the provider's
    page does, rounded as floatformat:1 (the template's filter before the text was made in Python),
    and the table's "% budget" is the last month's."""
    response = as_user("two").get("/budgetten/regio/?jaar=2016")
    alts = dict(
        re.findall(
            r'alt="Grafiek: prognose van ([^"]+?) als percentage van het budget per maand([^"]*)\."',
            html.unescape(response.content.decode()),
        )
    )
    rows = table_rows(response)
    for slug in ("jeugdhulp-rijnland", "ggz-leiden-jeugd", "lvb-zorg-bollenstreek"):
        provider = Provider.objects.get(slug=slug)
        status = provider_status(provider=provider, year=2016)
        expected = "".join(
            f", maand {p.month}: {floatformat(p.percent, 1)}%" for p in status.series
        )
        assert alts[provider.name] == expected
        assert rows[provider.name]["% budget"] == f"{floatformat(status.percent, 1)}%"
    assert alts["GGZ Leiden Jeugd (demo)"].endswith("maand 12: 103,0%")


def test_chart_is_svg_with_the_100_and_105_lines(as_user):
    response = as_user("aanbieder").get("/budgetten/aanbieder/jeugdhulp-rijnland/prognose-2016.svg")
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert (
        svg.lstrip().startswith("<?xml") and "105% (opnamestop)" in svg and "100% (budget)" in svg
    )


def _other_provider_urls():
    """Every URL of the app that names a provider or one of its records, for ggz-leiden-jeugd."""
    provider = Provider.objects.get(slug="ggz-leiden-jeugd")
    request = BudgetRequest.objects.filter(provider=provider).first()
    registration = ClientRegistration.objects.filter(provider=provider).first()
    slug = provider.slug
    return [
        ("get", reverse("allocations:provider", args=[slug])),
        ("get", reverse("allocations:chart", args=[slug, 2016])),
        ("get", reverse("allocations:waiting_chart", args=[slug, 2016])),
        ("get", reverse("allocations:request_new", args=[slug])),
        ("post", reverse("allocations:request_new", args=[slug])),
        ("get", reverse("allocations:request", args=[slug, request.pk])),
        ("post", reverse("allocations:request", args=[slug, request.pk])),
        ("get", reverse("allocations:transfer_new", args=[slug])),
        ("post", reverse("allocations:product_new", args=[slug])),
        ("get", reverse("allocations:template", args=[slug]) + "?month=2016-05"),
        ("get", reverse("allocations:upload", args=[slug])),
        ("post", reverse("allocations:upload", args=[slug])),
        ("get", reverse("allocations:history", args=[slug])),
        ("get", reverse("allocations:export", args=[slug])),
        ("get", reverse("allocations:report_pdf", args=[slug, 2016])),
        ("get", reverse("allocations:forecast_form", args=[slug, "2016-05"])),
        ("post", reverse("allocations:forecast_form", args=[slug, "2016-05"])),
        ("get", reverse("allocations:forecast_detail", args=[slug, "2016-05"])),
        ("get", reverse("allocations:client_new", args=[slug])),
        ("post", reverse("allocations:client_new", args=[slug])),
        ("post", reverse("allocations:bsn_export", args=[slug])),
        ("get", reverse("allocations:bsn_reveal", args=[registration.pk])),
        ("post", reverse("allocations:bsn_reveal", args=[registration.pk])),
        # another provider's request under the own slug
        ("get", reverse("allocations:request", args=["jeugdhulp-rijnland", request.pk])),
    ]


def test_a_provider_never_sees_another_providers_data(as_user):
    from django.urls import resolve

    from config.urls import allocations_patterns as urlpatterns  # with the request page

    client = as_user("aanbieder")
    urls = _other_provider_urls()
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    # Every URL of the app that names a provider or a record is tried above.
    covered = {resolve(url.split("?")[0]).url_name for _method, url in urls}
    assert {p.name for p in urlpatterns} - {
        "start",
        "dashboard",
        "access_log",
        "tariffs",
    } == covered


def test_two_only_pages_refuse_providers(as_user):
    client = as_user("aanbieder")
    assert client.get("/budgetten/regio/").status_code == 403
    assert client.get("/budgetten/toegangslog/").status_code == 403
    assert client.get("/budgetten/tarieven/").status_code == 403
    assert (
        client.get(reverse("allocations:transfer_new", args=["jeugdhulp-rijnland"])).status_code
        == 403
    )


def test_two_reveals_a_bsn_with_a_reason_and_the_log_shows_it(as_user):
    client = as_user("two")
    registration = (
        ClientRegistration.objects.filter(provider__slug="ggz-leiden-jeugd")
        .order_by("intake_on")
        .first()
    )
    url = reverse("allocations:bsn_reveal", args=[registration.pk])
    assert "999991772" not in text(client.get(url))
    page = text(client.post(url, {"category": "declaratie", "reason": ""}))
    assert "999991772" not in page and "Dit veld is verplicht" in page
    # issue 12, hole 9: a choice from the list and at least a sentence
    page = text(client.post(url, {"category": "declaratie", "reason": "Controle declaratie mei"}))
    assert "999991772" not in page and "Schrijf ten minste een zin" in page
    page = text(client.post(url, {"reason": "De declaratie van mei klopt niet met de prognose"}))
    assert "999991772" not in page and "Dit veld is verplicht" in page
    page = text(
        client.post(
            url,
            {
                "category": "declaratie",
                "reason": "De declaratie van mei klopt niet met de prognose",
            },
        )
    )
    assert "999991772" in page
    log = text(client.get("/budgetten/toegangslog/"))
    assert (
        "Inzien" in log
        and "Controle van een declaratie of prognose: De declaratie van mei klopt niet met de prognose"
        in log
        and "******772" in log
        and "999991772" not in log
    )
    assert BsnAccessLog.objects.filter(event="read").count() == 1


def test_export_with_bsns_is_logged_and_the_ordinary_export_has_none(as_user):
    import io

    from openpyxl import load_workbook

    client = as_user("two")
    response = client.post(
        reverse("allocations:bsn_export", args=["ggz-leiden-jeugd"]) + "?jaar=2016",
        {"category": "afrekening", "reason": "Afrekening van het fonds over 2016"},
    )
    assert all(bsn in response.content.decode("utf-8-sig") for bsn in TEST_BSNS)
    assert BsnAccessLog.objects.filter(event="export").count() == 5
    ordinary = client.get(reverse("allocations:export", args=["ggz-leiden-jeugd"]) + "?jaar=2016")
    wb = load_workbook(io.BytesIO(ordinary.content))
    cells = " ".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row)
    assert "54A01" in cells and not any(bsn in cells for bsn in TEST_BSNS)


def test_provider_submits_a_pxq_request_with_prices_from_the_tariff_list(as_user):
    client = as_user("aanbieder")
    provider = Provider.objects.get(slug="jeugdhulp-rijnland")
    form_page = text(
        client.get(reverse("allocations:request_new", args=[provider.slug]) + "?jaar=2016")
    )
    assert "€ 68,50" in form_page
    product = provider.products.get(code="45A01")
    response = client.post(
        reverse("allocations:request_new", args=[provider.slug]) + "?jaar=2016",
        {f"q_{product.pk}": "100", "motivation": "Wachtlijst groeit", "price": "1", **RULE_6_TEXT},
    )
    detail = text(client.get(response.url))
    assert "€ 6.850,00" in detail and "nieuw → Ingediend door Anne Bakker" in detail


def test_forecast_form_saves_and_reports_bad_cells(as_user):
    client = as_user("aanbieder")
    url = reverse("allocations:forecast_form", args=["jeugdhulp-rijnland", "2016-12"])
    data = {
        f"{code}-{field}": value
        for code in ("45A01", "41A03", "44A02")
        for field, value in [
            ("units_delivered", "10"),
            ("clients_in_care", "3"),
            ("average_duration_weeks", "4"),
            ("expected_outflow", "1"),
            ("expected_units", "5"),
            ("waiting_list", "2"),
            ("waiting_weeks", "3"),
            ("trend", "dalend"),
            ("regional_use_percent", "80"),
        ]
    }
    bad = dict(data, **{"45A01-expected_units": "-3"})
    page = text(client.post(url, bad))
    assert "Product 45A01, kolom I (Verwachte eenheden tot 31-12): negatief getal" in page
    assert (
        ForecastSubmission.objects.filter(provider__slug="jeugdhulp-rijnland", month=12).count()
        == 1
    )
    response = client.post(url, dict(data, explanation="Kortere trajecten"))
    assert response.status_code == 302
    assert (
        ForecastSubmission.objects.get(
            provider__slug="jeugdhulp-rijnland", month=12, is_current=True
        ).version
        == 2
    )


def test_upload_page_rejects_a_bad_file_with_its_cells(as_user):
    client = as_user("aanbieder")
    provider = Provider.objects.get(slug="jeugdhulp-rijnland")
    provider.user = None
    content = filled(
        provider, month=12, rows={"45A01": [500, "x", 12, 3, 400, 5, 6, "stijgend", 90]}
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("allocations:upload", args=[provider.slug]),
        {"month": "2016-12", "file": SimpleUploadedFile("p.xlsx", content)},
    )
    page = text(response)
    assert (
        "Blad Prognose, rij" in page
        and "'x' is geen getal" in page
        and "er is niets opgeslagen" in page
    )


@pytest.mark.parametrize("extra", [0, 8])
def test_dashboard_query_count_is_constant(as_user, django_assert_max_num_queries, extra):
    from tests.allocations.bulk import add_providers

    add_providers(extra, months=3)
    client = as_user("two")
    with django_assert_max_num_queries(9):
        response = client.get("/budgetten/regio/?jaar=2016")
    assert text(response).count("Grafiek") >= 3 + extra


@pytest.mark.parametrize("extra", [0, 8])
def test_provider_pages_query_count_is_constant(as_user, django_assert_max_num_queries, extra):
    from tests.allocations.bulk import add_forecast_versions

    add_forecast_versions("jeugdhulp-rijnland", extra)
    client = as_user("aanbieder")
    with django_assert_max_num_queries(19):
        assert client.get("/budgetten/aanbieder/jeugdhulp-rijnland/").status_code == 200
    with django_assert_max_num_queries(6):
        page = text(
            client.get("/budgetten/aanbieder/jeugdhulp-rijnland/prognose/historie/?jaar=2016")
        )
    assert page.count("vervangen") == extra


@pytest.mark.parametrize("extra", [0, 8])
def test_access_log_query_count_is_constant(as_user, django_assert_max_num_queries, extra):
    from allocations.services import clients as client_services

    REASON = "Controle van de declaratie van mei"  # each reveal's row shows its reason
    client = as_user("two")
    two = client.get("/budgetten/regio/").wsgi_request.user
    registrations = list(ClientRegistration.objects.all())
    for n in range(extra):
        client_services.bsn_reveal(
            registration=registrations[n % len(registrations)], reason=REASON, user=two
        )
    with django_assert_max_num_queries(5):
        page = text(client.get("/budgetten/toegangslog/"))
    assert page.count(REASON) == extra


def test_forecast_detail_shows_each_product_with_waiting_list(as_user):
    page = text(
        as_user("two").get("/budgetten/aanbieder/lvb-zorg-bollenstreek/prognose/2016-09/details/")
    )
    assert "43A01 Verblijf LVB met behandeling (etmaal)" in page
    assert (
        "Stijgend" in page
        and "Sinds de prognose over september geldt een algehele opnamestop" in page
    )
    # the forecast before the one that stopped the intake does not speak of a stop
    before = text(
        as_user("two").get("/budgetten/aanbieder/lvb-zorg-bollenstreek/prognose/2016-08/details/")
    )
    assert (
        "43A01 Verblijf LVB met behandeling (etmaal)" in before
        and "opnamestop" not in before.split("Toelichting")[-1]
    )
    assert (
        as_user("two")
        .get("/budgetten/aanbieder/lvb-zorg-bollenstreek/prognose/2017-01/details/")
        .status_code
        == 404
    )


def test_two_grants_a_request_partly_from_the_page(as_user):
    client = as_user("aanbieder")
    provider = Provider.objects.get(slug="jeugdhulp-rijnland")
    product = provider.products.get(code="45A01")
    response = client.post(
        reverse("allocations:request_new", args=[provider.slug]) + "?jaar=2016",
        {f"q_{product.pk}": "100", "motivation": "Wachtlijst groeit", **RULE_6_TEXT},
    )
    url = response.url
    client = as_user("two")
    line = BudgetRequest.objects.get(pk=int(url.rstrip("/").split("/")[-1])).lines.get()
    page = text(client.post(url, {f"g_{line.pk}": "101", "note": ""}))
    assert "Ten hoogste het aangevraagde aantal: 100,00." in page
    client.post(url, {f"g_{line.pk}": "60", "note": "Deels: rest volgend kwartaal"})
    page = text(client.get(url))
    assert (
        "Ingediend → Gedeeltelijk toegekend door Tessa de Wit (Deels: rest volgend kwartaal)"
        in page
    )
    assert "60 = € 4.110,00" in page


def test_provider_registers_an_above_budget_client_and_sees_it_masked(as_user):
    client = as_user("aanbieder-ggz")
    provider = Provider.objects.get(slug="ggz-leiden-jeugd")
    url = reverse("allocations:client_new", args=[provider.slug]) + "?jaar=2016"
    product = provider.products.get(code="54A05")
    page = text(
        client.post(url, {"product": product.pk, "bsn": "999996643", "intake_on": "2016-11-03"})
    )
    assert "Dit is geen geldig BSN (de elfproef klopt niet)." in page
    assert ClientRegistration.objects.filter(product=product).count() == 0
    response = client.post(
        url, {"product": product.pk, "bsn": "999996642", "intake_on": "2016-11-03"}, follow=True
    )
    page = text(response)
    assert "Cliënt met BSN ******642 is vastgelegd." in page
    assert "999996642" not in response.content.decode()


def test_a_provider_within_budget_cannot_register_bsns(as_user):
    client = as_user("aanbieder")
    provider = Provider.objects.get(slug="jeugdhulp-rijnland")
    response = client.post(
        reverse("allocations:client_new", args=[provider.slug]) + "?jaar=2016",
        {"product": provider.products.first().pk, "bsn": "999996642", "intake_on": "2016-11-03"},
    )
    assert "alleen vastgelegd voor cliënten die boven budget zijn opgenomen" in text(response)
    assert "999996642" not in response.content.decode()  # not even echoed back into the form
    assert not ClientRegistration.objects.filter(provider=provider).exists()


def test_two_keeps_the_tariff_list_and_product_list(as_user):
    client = as_user("two")
    page = text(client.get("/budgetten/tarieven/?regio=holland-rijnland&jaar=2016"))
    assert "54A05 uur € 115,00" in page
    client.post(
        "/budgetten/tarieven/?regio=holland-rijnland&jaar=2016",
        {"product_code": "54A05", "unit": "04", "price": "118.50"},
    )
    assert "54A05 uur € 118,50" in text(
        client.get("/budgetten/tarieven/?regio=holland-rijnland&jaar=2016")
    )
    client.post(
        "/budgetten/tarieven/?regio=holland-rijnland&jaar=2016",
        {"product_code": "54A05", "unit": "04", "price": "0"},
    )
    assert "54A05 uur € 118,50" in text(
        client.get("/budgetten/tarieven/?regio=holland-rijnland&jaar=2016")
    )
    response = client.post(
        reverse("allocations:product_new", args=["ggz-leiden-jeugd"]),
        {"code": "45A09", "name": "Ouderbegeleiding", "category": "45", "unit": "04"},
        follow=True,
    )
    assert "45A09 Ouderbegeleiding 45 Ambulant uur geen tarief" in text(response)
    page = text(
        client.post(
            reverse("allocations:product_new", args=["ggz-leiden-jeugd"]),
            {"code": "45a9", "name": "x", "category": "45", "unit": "04"},
        )
    )
    assert "Een productcode is vijf tekens" in page
