"""A BSN is kept only until the fund is settled (then accounting removes them all); so once it is
settled, no BSN is taken in any more: not by the form, not from an uploaded forecast."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from djmoney.money import Money

from accounting.models import Settlement, SettlementGroup
from allocations.models import BsnAccessLog, ClientRegistration, ForecastSubmission
from allocations.services import clients as client_services
from tests.allocations.factories import submit
from tests.allocations.test_pages import text
from tests.allocations.xlsx_helpers import filled

BSN = "111222333"
REFUSED = (
    "Het fonds Knelpunten zorg in natura 2016 is afgerekend. Na de afrekening wordt geen BSN meer vastgelegd: "
    "het zou niet meer worden verwijderd. Er is niets opgeslagen."
)


@pytest.fixture
def amber(world, client):
    provider = world.provider("aanbieder-a")
    submit(provider, 4, expected="520")  # 102%: above budget, a BSN is asked for every intake
    client.force_login(provider.user, backend="django.contrib.auth.backends.ModelBackend")
    return provider


def settle(fund, user, *, groups=1, settled=1):
    """`groups` settlement groups for the fund, the first `settled` of them settled (nothing to pay back)."""
    for n in range(groups):
        group = SettlementGroup.objects.create(
            fund=fund, name=f"Groep {n + 1}", settle_after=dt.date(2017, 1, 1)
        )
        if n < settled:
            Settlement.objects.create(group=group, confirmed_by=user, total=Money(0, "EUR"))


def test_the_client_form_refuses_a_bsn_once_the_fund_is_settled(amber, world, client):
    settle(world.fund, world.two)
    url = reverse("allocations:client_new", args=[amber.slug]) + "?jaar=2016"
    page = text(
        client.post(url, {"product": amber.hours.pk, "bsn": BSN, "intake_on": "2016-05-10"})
    )
    assert REFUSED in page
    assert BSN not in page
    assert not ClientRegistration.objects.exists() and not BsnAccessLog.objects.exists()


def test_an_upload_with_bsns_is_refused_whole_once_the_fund_is_settled(amber, world, client):
    settle(world.fund, world.two)
    content = filled(
        amber,
        rows={"45A01": [500, 10, 12, 3, 520, 5, 6, "stijgend", 90]},
        bsns=[("45A01", BSN, "2016-05-02")],
    )
    response = client.post(
        reverse("allocations:upload", args=[amber.slug]),
        {"month": "2016-05", "file": SimpleUploadedFile("prognose.xlsx", content)},
    )
    assert REFUSED in text(response)
    assert not ForecastSubmission.objects.filter(month=5).exists()
    assert not ClientRegistration.objects.exists()


def test_while_a_settlement_group_is_open_a_bsn_is_still_taken_in(amber, world):
    settle(world.fund, world.two, groups=2, settled=1)  # purged when the last group is settled
    registration = client_services.client_register(
        provider=amber,
        product=amber.hours,
        year=2016,
        bsn=BSN,
        intake_on=dt.date(2016, 5, 10),
        user=amber.user,
    )
    assert registration.masked_bsn == "******333"
