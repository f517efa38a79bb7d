"""The demo's knelpunten story starts when seed 002's does: after the third version of the
Meicirculaire 2016 (9 June 2016, Bijlage 2 note 3) the TWO asks the municipalities for the one-off
3 million; providers with waiting lists ask for a PxQ budget increase over 2016 (§2.2, waiting lists
of mid July 2016), and from then on send a monthly forecast. So no request, budget, forecast, BSN or
booking of the knelpunten money lies before July 2016, and the first forecast is July's."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from accounting.models import JournalEntry
from allocations.models import (
    BudgetLine,
    BudgetRequest,
    BudgetRequestEvent,
    ClientRegistration,
    ForecastSubmission,
    IntakeStop,
)
from tests.accounting.html import table_rows

pytestmark = pytest.mark.django_db

KNELPUNTEN = "knelpunten-zin-2016"
STORY_START = dt.date(2016, 7, 1)
PROVIDERS = {
    "aanbieder": "jeugdhulp-rijnland",
    "aanbieder-ggz": "ggz-leiden-jeugd",
    "aanbieder-lvb": "lvb-zorg-bollenstreek",
}
DATE = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b")


def dates(text: str) -> list[dt.date]:
    return [dt.date(int(y), int(m), int(d)) for d, m, y in DATE.findall(text)]


def test_each_provider_sees_its_first_forecast_for_july_2016_and_its_request_of_july(demo_client):
    for username, slug in PROVIDERS.items():
        client = demo_client(username)
        page = client.get(f"/budgetten/aanbieder/{slug}/?jaar=2016").content.decode()
        months = [row[0] for row in table_rows(page, "forecasts")[1:]]
        assert months == ["2016-07", "2016-08", "2016-09", "2016-10", "2016-11", "2016-12"], slug
        assert [row[1] for row in table_rows(page, "requests")[1:]] == ["4-7-2016"], slug
        # every version of every forecast was sent after the month it is about: from August 2016
        history = client.get(
            f"/budgetten/aanbieder/{slug}/prognose/historie/?jaar=2016"
        ).content.decode()
        sent = [dates(row[5])[0] for row in table_rows(history, "history")[1:]]
        assert (
            len(sent) == 6 and min(sent) == dt.date(2016, 8, 3) and max(sent) == dt.date(2017, 1, 3)
        ), slug
        # a month before the story has no forecast to open
        assert (
            client.get(f"/budgetten/aanbieder/{slug}/prognose/2016-06/details/").status_code == 404
        )
        request = BudgetRequest.objects.get(provider__slug=slug, year=2016)
        detail = client.get(f"/budgetten/aanbieder/{slug}/aanvragen/{request.pk}/").content.decode()
        assert "4-7-2016" in detail and "18-7-2016" in detail  # submitted, then granted by TWO


def test_the_books_of_the_knelpunten_money_start_with_the_charge_of_15_july_2016(demo_client):
    client = demo_client("two")
    journal = client.get(f"/boekhouding/{KNELPUNTEN}/journaal/").content.decode()
    booked = [
        dates(row[1])[0] for row in table_rows(journal, "journal")[1:] if row and dates(row[1])
    ]
    assert booked and min(booked) == dt.date(2016, 7, 15) and max(booked) == dt.date(2016, 12, 30)
    # the fund's tranche follows the circular of 9 June: computed on it and made definitive after it
    changes = client.get(f"/fondsen/{KNELPUNTEN}/wijzigingen/").content.decode()
    changed = [dates(row[0])[0] for row in table_rows(changes, "changes")[1:]]
    assert changed and min(changed) == dt.date(2016, 6, 13)
    circulars = table_rows(client.get("/fondsen/circulaires/").content.decode(), "circulars")
    assert [row[2][:8] for row in circulars if row[0] == "Meicirculaire 2016"] == ["9-6-2016"]


def test_no_record_of_the_knelpunten_story_lies_before_july_2016(demo):
    def local(moment):
        return timezone.localtime(moment).date()

    moments = {
        "aanvraag": [local(r.submitted_at) for r in BudgetRequest.objects.all()],
        "besluit": [local(e.at) for e in BudgetRequestEvent.objects.all()],
        "budget": [local(b.created_at) for b in BudgetLine.objects.all()],
        "prognose": [local(s.submitted_at) for s in ForecastSubmission.objects.all()],
        "opnamestop": [s.started_on for s in IntakeStop.objects.all()],
        "bsn": [c.intake_on for c in ClientRegistration.objects.all()],
        "boeking": [e.booked_on for e in JournalEntry.objects.filter(fund__slug=KNELPUNTEN)],
    }
    assert all(moments.values())
    assert {kind: min(days) for kind, days in moments.items() if min(days) < STORY_START} == {}
    assert set(ForecastSubmission.objects.values_list("month", flat=True)) == {7, 8, 9, 10, 11, 12}
