"""A broken file is refused as a whole with a reason, never a 500, and no BSN reaches a page
(issue 12, holes 4 and 5)."""

import pytest
from django.test import override_settings

from allocations.exceptions import FileRejected
from allocations.models import BsnAccessLog, ClientRegistration, ForecastSubmission
from allocations.services import forecasts as forecast_services
from tests.allocations.xlsx_helpers import filled
from tests.corpus.files import bad_xlsx, rewrite

AMBER = {"45A01": [500, 10, 12, 3, 520, 5, 6, "stijgend", 90]}  # 102%: BSNs needed
BSN = "999991772"


def _import(provider, content):
    return forecast_services.forecast_import(
        provider=provider, year=2016, month=5, content=content, user=provider.user
    )


def test_a_bsn_sheet_with_the_same_bsn_on_38_rows_is_refused_with_the_row_numbers(world):
    provider = world.provider("aanbieder-a")
    bsns = [("45A01", BSN, "2016-05-02")] * 38
    with pytest.raises(FileRejected) as info:
        _import(provider, filled(provider, rows=AMBER, bsns=bsns))
    duplicates = [e for e in info.value.errors if e[2] == "B (BSN)"]
    assert duplicates == [
        ("BSN", row, "B (BSN)", "dit BSN staat ook in rij 2") for row in range(3, 40)
    ]
    assert BSN not in info.value.message
    assert (
        ForecastSubmission.objects.count(),
        ClientRegistration.objects.count(),
        BsnAccessLog.objects.count(),
    ) == (0, 0, 0)


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "truncated zip",
        "zip without a workbook",
        "truncated sheet xml",
        "sheet xml is not xml",
        "sheet with a dtd and an entity",
        "sheet with an external entity",
        "sheet with billion laughs",
        "styles broken",
    ],
)
def test_a_broken_forecast_file_is_refused_as_a_whole(world, case):
    provider = world.provider("aanbieder-a")
    content = bad_xlsx(filled(provider, rows=AMBER, bsns=[("45A01", BSN, "2016-05-02")]))[case]
    with pytest.raises(FileRejected) as info:
        _import(provider, content)
    assert info.value.message.startswith("Het bestand is geweigerd; er is niets opgeslagen.")
    assert BSN not in info.value.message
    assert (ForecastSubmission.objects.count(), ClientRegistration.objects.count()) == (0, 0)


@pytest.mark.parametrize("debug", [True, False])
def test_a_truncated_bsn_sheet_is_a_refusal_on_the_page_without_any_bsn(world, client, debug):
    provider = world.provider("aanbieder-a")
    bsns = [
        ("45A01", f"{n}", "2016-05-02")
        for n in ("999991772", "999996708", "999996630", "999996642", "999995844")
    ] * 6
    good = filled(provider, rows=AMBER, bsns=bsns)
    broken = rewrite(good, "xl/worksheets/sheet3.xml", lambda d: d[: int(len(d) * 0.6)])
    client.force_login(provider.user, backend="django.contrib.auth.backends.ModelBackend")
    client.raise_request_exception = False
    from django.core.files.uploadedfile import SimpleUploadedFile

    with override_settings(DEBUG=debug):
        response = client.post(
            f"/budgetten/aanbieder/{provider.slug}/prognose/inlezen/",
            {"month": "2016-05", "file": SimpleUploadedFile("prognose.xlsx", broken)},
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "er is niets opgeslagen" in page and "beschadigd of geen geldig XLSX-bestand" in page
    for number in ("999991772", "999996708", "999996630", "999996642", "999995844"):
        assert number not in page
    assert ClientRegistration.objects.count() == 0
