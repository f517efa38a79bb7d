from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from allocations.models import ForecastSubmission, IntakeStop
from allocations.selectors.forecasts import provider_status
from tests.allocations.factories import submit


def test_cost_is_total_units_times_p_and_percent_of_budget(world):
    provider = world.provider("aanbieder-a")  # budget € 100.000
    submission = submit(provider, 3, delivered="500", expected="400", days=("10", "10"))
    costs = {line.product.code: line.cost.amount for line in submission.lines.all()}
    assert costs == {"45A01": Decimal("90000.00"), "43A02": Decimal("5000.00")}
    status = provider_status(provider=provider, year=2016)
    assert (status.status, status.percent) == ("green", Decimal("95"))


@pytest.mark.parametrize(
    ("expected", "status"), [("500", "green"), ("501", "amber"), ("550", "amber"), ("551", "red")]
)
def test_boundaries_through_the_service(world, expected, status):
    provider = world.provider("aanbieder-a")  # budget € 100.000; 500 + expected hours x € 100
    submit(provider, 5, delivered="500", expected=expected)
    assert provider_status(provider=provider, year=2016).status == status


def test_same_month_again_replaces_and_keeps_history(world):
    provider = world.provider("aanbieder-a")
    first = submit(provider, 4, expected="400")
    second = submit(provider, 4, expected="300")
    versions = list(
        ForecastSubmission.objects.filter(provider=provider, month=4)
        .order_by("version")
        .values_list("version", "is_current")
    )
    assert versions == [(1, False), (2, True)]
    assert provider_status(provider=provider, year=2016).cost == Decimal("80000.00")
    assert first.pk != second.pk
    with transaction.atomic(), pytest.raises(IntegrityError):
        ForecastSubmission.objects.filter(pk=first.pk).update(is_current=True)


def test_red_opens_an_intake_stop_with_its_date_and_green_ends_it(world):
    provider = world.provider("aanbieder-a")
    submit(provider, 6, expected="600")
    stop = IntakeStop.objects.get(provider=provider, ended_on__isnull=True)
    assert stop.started_on == timezone.localdate()
    assert provider_status(provider=provider, year=2016).stop == stop
    submit(provider, 7, expected="400")
    stop.refresh_from_db()
    assert stop.ended_on is not None
    assert provider_status(provider=provider, year=2016).stop is None


def test_two_is_mailed_when_the_forecast_crosses_100_and_105(
    world, django_capture_on_commit_callbacks
):
    provider = world.provider("aanbieder-a")
    with django_capture_on_commit_callbacks(execute=True):
        submit(provider, 1, expected="400")  # green: nothing crossed
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        submit(provider, 2, expected="520")  # 102%
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["two@example.org"]
    assert "boven 100%" in mail.outbox[0].subject
    assert "102,0%" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        submit(provider, 3, expected="530")  # still amber: no mail
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        submit(provider, 4, expected="560")  # 106%
    assert "boven 105%" in mail.outbox[-1].subject
    assert len(mail.outbox) == 2


def test_no_mail_when_the_transaction_rolls_back(world, django_capture_on_commit_callbacks):
    provider = world.provider("aanbieder-a")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(provider, 2, expected="560")
    assert len(callbacks) == 1 and mail.outbox == []  # sent only by on_commit


def test_no_forecast_without_a_granted_budget(world):
    from allocations.exceptions import AllocationError

    provider = world.provider("aanbieder-b", budget_units=None)
    with pytest.raises(AllocationError, match="nog geen budget toegekend"):
        submit(provider, 1)
