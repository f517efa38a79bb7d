"""Two TWO staff grant at the same moment: the fund row is locked, so together they cannot spend
more than the fund has left."""

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections

from accounting.exceptions import FundOverdrawn
from accounting.services.awards import budget_grant_make
from allocations.models import BudgetLine, BudgetRequest
from allocations.services import budget_requests as request_services
from tests.allocations.factories import RULE_6_TEXT, World


@pytest.mark.django_db(transaction=True)
def test_two_grants_at_once_cannot_overspend_the_fund():
    world = World(fund_amount=Decimal("100000"))
    requests = []
    for slug in ("aanbieder-a", "aanbieder-b"):
        provider = world.provider(slug, budget_units=None)
        requests.append(
            request_services.budget_request_submit(
                provider=provider,
                year=2016,
                quantities={provider.hours: Decimal("600")},
                motivation="x",
                user=provider.user,
                **RULE_6_TEXT,
            )
        )  # € 60.000 each
    barrier = threading.Barrier(2)
    outcomes = []

    def grant(request):
        try:
            barrier.wait()
            budget_grant_make(
                request=request,
                granted={request.lines.get().pk: Decimal("600")},
                note="",
                user=world.two,
            )
            outcomes.append("granted")
        except FundOverdrawn:  # the books' one rule (accounting.selectors.ledger.fund_award_room)
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=grant, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["granted", "refused"]
    assert sum(line.amount.amount for line in BudgetLine.objects.all()) == Decimal("60000.00")
    assert sorted(BudgetRequest.objects.values_list("status", flat=True)) == [
        "granted",
        "submitted",
    ]
