import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection

from accounting.exceptions import FundOverdrawn
from accounting.services.awards import award_make
from core.roles import Role
from proposals.models import Award
from tests.factories import make_user
from tests.proposals.test_awards import adopted_proposal, regional_fund_with_municipalities


@pytest.mark.django_db(transaction=True)
def test_two_awards_at_the_same_moment_cannot_overdraw_the_fund():
    two = make_user("two-conc", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("1000000"),), years=(2017,)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    barrier = threading.Barrier(2)
    outcomes = []

    def grant():
        try:
            barrier.wait(timeout=10)
            award_make(
                user=two,
                proposal=proposal,
                year=2017,
                amount=Decimal("600000"),
                period_start=dt.date(2017, 1, 1),
                period_end=dt.date(2017, 12, 31),
            )
            outcomes.append("ok")
        except FundOverdrawn as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=grant) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes, key=len) == [
        "ok",
        "Het fonds kan nog € 400.000,00 toekennen; een toekenning van € 600.000,00 past daar niet in. "
        "Er is niets vastgelegd.",
    ]
    assert Award.objects.count() == 1
