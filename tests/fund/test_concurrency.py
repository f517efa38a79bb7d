"""Two people act on the same tranche at the same moment: exactly one wins, the other is told."""

import threading

import pytest
from django.db import connection

from fund import services
from fund.exceptions import TrancheIsDefinitive
from fund.models import BudgetCircular, Tranche, TrancheEvent


def load_fund_demo():
    from demo import funds, organisations

    organisations.load()
    funds.load()


@pytest.mark.django_db(transaction=True)
def test_make_definitive_twice_at_once(transactional_db):
    load_fund_demo()
    tranche = Tranche.objects.get(fund__slug="tijdelijk-fonds-holland-rijnland", year=2018)
    barrier = threading.Barrier(2)
    outcomes = []

    def act():
        try:
            barrier.wait(timeout=10)
            services.tranche_make_definitive(tranche=tranche, user=None)
            outcomes.append("ok")
        except TrancheIsDefinitive as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=act) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes)[-1] == "ok" and outcomes.count("ok") == 1
    assert "definitief" in next(o for o in outcomes if o != "ok")
    assert (
        TrancheEvent.objects.filter(tranche=tranche, kind=TrancheEvent.Kind.MADE_DEFINITIVE).count()
        == 1
    )


@pytest.mark.django_db(transaction=True)
def test_rebase_racing_make_definitive_never_changes_a_definitive_tranche(transactional_db):
    load_fund_demo()
    tranche = Tranche.objects.get(fund__slug="tijdelijk-fonds-holland-rijnland", year=2019)
    circular = BudgetCircular.objects.get(slug="meicirculaire-2018")
    barrier = threading.Barrier(2)
    order = []

    def rebase():
        try:
            barrier.wait(timeout=10)
            services.tranche_rebase(tranche=tranche, circular=circular, user=None)
            order.append("rebased")
        except TrancheIsDefinitive:
            order.append("rebase refused")
        finally:
            connection.close()

    def make_definitive():
        try:
            barrier.wait(timeout=10)
            services.tranche_make_definitive(tranche=tranche, user=None)
            order.append("definitive")
        finally:
            connection.close()

    threads = [threading.Thread(target=rebase), threading.Thread(target=make_definitive)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    tranche.refresh_from_db()
    assert tranche.is_definitive
    # Either the rebase came first (then the definitive amounts are the rebased ones) or it was
    # refused. The threads note their outcome after they commit, so the list's order is not the
    # order of the commits: a refused rebase may note it before make_definitive notes its own.
    assert sorted(order) in (["definitive", "rebased"], ["definitive", "rebase refused"])
    expected_basis = "meicirculaire-2018" if "rebased" in order else "meicirculaire-2016"
    assert tranche.basis.slug == expected_basis
