"""The rules the data obey are in the database too."""

import datetime as dt

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from core.exceptions import WriteOnceError
from norms import services
from norms.models import ActionChange, InspectionAssessment, InspectionReport, NormCount


def test_one_count_per_area_norm_and_date(region_area, norm_codes):
    NormCount.objects.create(
        area=region_area,
        norm=norm_codes["passende-hulp-3-maanden"],
        reference_date=dt.date(2021, 8, 1),
        count=3,
        source="region",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        NormCount.objects.create(
            area=region_area,
            norm=norm_codes["passende-hulp-3-maanden"],
            reference_date=dt.date(2021, 8, 1),
            count=4,
            source="region",
        )


def test_in_order_never_above_assessed(region_area, norm_codes):
    report = InspectionReport.objects.create(
        area=region_area, title="R", published_on=dt.date(2021, 7, 5)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionAssessment.objects.create(
            report=report,
            norm=norm_codes["passende-hulp-3-maanden"],
            criterion="tijdig",
            assessed=5,
            in_order=6,
        )


def test_reaction_longer_than_600_characters_is_refused_by_the_database(region_area):
    report = InspectionReport.objects.create(
        area=region_area, title="R", published_on=dt.date(2021, 7, 5)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionReport.objects.filter(pk=report.pk).update(reaction_proud="x" * 601)


def test_an_action_has_at_most_one_source_of_money(plan):
    from norms.models import Action

    # the check is immediate; the foreign keys (deferred) are never reached
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            plan=plan,
            solution_line=2,
            number="2.1",
            owner="R",
            activity="A",
            result="R",
            planned_date=dt.date(2021, 12, 31),
            proposal_id=1,
            award_id=1,
        )


def test_solution_lines_are_one_to_eight(plan):
    from norms.models import Action

    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            plan=plan,
            solution_line=9,
            number="9.1",
            owner="R",
            activity="A",
            result="R",
            planned_date=dt.date(2021, 12, 31),
        )


def test_action_history_is_write_once(plan, region_user):
    action = services.action_create(
        user=region_user,
        plan=plan,
        solution_line=8,
        number="8.1",
        owner="Regio",
        activity="Tellen",
        result="Tellingen",
        planned_date=dt.date(2021, 12, 31),
    )
    services.action_update(user=region_user, action=action, status_notes="Loopt")
    change = ActionChange.objects.filter(action=action, field="status_notes").get()
    assert (change.old_value, change.new_value, change.changed_by) == ("", "Loopt", region_user)
    with pytest.raises(WriteOnceError):
        change.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE norms_actionchange SET new_value = 'x' WHERE id = %s", [change.pk])
