"""The demo's knelpunten fund (seed 002 table 3.1): the providers' granted PxQ budgets are its
commitments, paid in 2016 with the unused part of one released; once its term is over it is
settled (the released money goes back too) and the BSNs registered under it are removed."""

import datetime as dt
import logging
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from accounting.models import SettlementGroup
from accounting.selectors.overview import fund_overview
from accounting.selectors.settlement import settlement_preview
from accounting.services.settlement import settlement_confirm
from allocations.models import BsnAccessLog, BudgetLine, ClientRegistration
from fund.models import Fund
from tests.accounting.html import table_rows

SLUG = "knelpunten-zin-2016"
GRANTED = Decimal("2082500.00")  # the three demo providers: 750.000 + 646.500 + 686.000
RELEASED = Decimal("22500.00")  # Jeugdhulp Rijnland used 97% of its 750.000
PAID = GRANTED - RELEASED


@pytest.fixture
def knelpunten(demo):
    return Fund.objects.get(slug=SLUG)


def test_the_overview_shows_the_provider_budgets_as_committed_and_paid(
    knelpunten, demo_client, django_assert_max_num_queries
):
    granted = sum(line.amount.amount for line in BudgetLine.objects.filter(fund=knelpunten))
    assert granted == GRANTED
    overview = fund_overview(knelpunten)
    assert (
        overview.total.committed,
        overview.total.paid,
        overview.total.received,
        overview.total.remaining,
    ) == (PAID, PAID, Decimal("3000000.00"), Decimal("940000.00"))
    client = demo_client("two")
    with django_assert_max_num_queries(16):  # the pinned number of the overview page (test_pages)
        page = client.get(f"/boekhouding/{SLUG}/overzicht/").content.decode()
    years = table_rows(page, "table-0")
    assert years[1][0] == "2016" and years[1][5:] == [
        "€ 2.060.000,00",
        "€ 2.060.000,00",
        "€ 0,00",
        "€ 940.000,00",
    ]
    grants = table_rows(page, "table-4")
    assert [row[0].removesuffix(" (demo)") for row in grants[1:-1]] == [
        "GGZ Leiden Jeugd",
        "Jeugdhulp Rijnland",
        "LVB Zorg Bollenstreek",
    ]
    assert grants[1][4:] == [
        "€ 646.500,00",
        "€ 646.500,00",
        "€ 0,00",
        "€ 0,00",
    ]  # monthly, the last one final
    assert grants[2][4:] == [
        "€ 750.000,00",
        "€ 727.500,00",
        "€ 22.500,00",
        "€ 0,00",
    ]  # the rest released
    assert grants[-1][4:] == ["€ 2.082.500,00", "€ 2.060.000,00", "€ 22.500,00", "€ 0,00"]


def test_after_its_term_the_fund_is_settled_and_its_bsns_are_removed(knelpunten, caplog):
    two = get_user_model().objects.get(username="two")
    [group] = SettlementGroup.objects.filter(fund=knelpunten)
    assert (group.settle_after, group.members.count()) == (dt.date(2016, 12, 31), 13)
    registered = list(
        ClientRegistration.objects.filter(fund=knelpunten).values_list("pk", flat=True)
    )
    assert (
        registered
        and not ClientRegistration.objects.filter(
            pk__in=registered, purged_at__isnull=False
        ).exists()
    )
    preview = settlement_preview(group)
    assert (preview.total, preview.outstanding) == (
        Decimal("940000.00"),
        Decimal("0.00"),
    )  # released money goes back
    with caplog.at_level(logging.INFO, logger="allocations.services"):
        settlement = settlement_confirm(group=group, user=two, today=dt.date(2017, 1, 16))
    assert settlement.total.amount == Decimal("940000.00")
    purged = ClientRegistration.objects.filter(pk__in=registered)
    assert all(
        r.purged_at and not r.bsn_encrypted and r.masked_bsn == "(verwijderd)" for r in purged
    )
    deletions = BsnAccessLog.objects.filter(
        event=BsnAccessLog.Event.DELETE, registration__in=registered
    )
    assert sorted(deletions.values_list("registration_id", flat=True)) == sorted(registered)
    assert {(d.user, d.reason) for d in deletions} == {
        (two, f"Afrekening van {knelpunten} vastgesteld: BSN verwijderd")
    }
    assert f"BSNs removed after settlement of fund {SLUG}: {len(registered)} records" in caplog.text
