"""The bad-input corpus fed to the forms a user can reach beyond the uploads (issue 12, Tests):
proposals and their goals, awards, the journal's bookings, a provider's payment, the SPUK
division, a PxQ request, the norm counts, an organisation's members and a BSN reveal. Every bad
value in every field: a Dutch message or a 4xx, never a 500, no table changed; the valid values
of each form are accepted (tests.corpus.forms.feed)."""

import pytest
from django.contrib.auth import get_user_model

from allocations.models import ClientRegistration
from proposals.models import Proposal
from tests.corpus.forms import CHOICES, DATES, HUGE, NUMBERS, TEXT, FormCase, feed

TF = "tijdelijk-fonds-holland-rijnland"
SPUK = "spuk-bren-zuid-west"


def cases_of(user: str) -> list[FormCase]:
    """The forms `user` (a demo user) can post, each with its valid values and bad ones."""
    if user == "two":
        submitted = Proposal.objects.filter(fund__slug=TF, status=Proposal.Status.SUBMITTED).order_by("pk").first()
        adopted = Proposal.objects.get(fund__slug=TF, status=Proposal.Status.ADOPTED)
        registration = ClientRegistration.objects.order_by("pk").first()
        return [
            FormCase("proposal", f"/voorstellen/nieuw/{TF}/", None,
                     {"title": "Corpus", "summary": "Een voorstel.", "contact": "J. Jansen", "applicants": ["1"], "amount_2017": "10.000",
                      "no_waiting_list_declaration": "on", "answer_innovation": "Ja.", "answer_transformation_goals": "Ja.",
                      "answer_integrated_care": "Ja."},
                     {"title": TEXT, "amount_2017": NUMBERS[1:]}),  # an empty amount is allowed
            FormCase("goal", f"/voorstellen/{submitted.pk}/", f"/voorstellen/{submitted.pk}/doelen/",
                     {"goal-description": "Doel", "goal-indicator": "Jongeren", "goal-target_value": "20",
                      "goal-unit": "jongeren", "goal-target_date": "2017-12-31"},
                     {"goal-description": TEXT, "goal-target_value": NUMBERS, "goal-target_date": DATES}),
            FormCase("award", f"/boekhouding/toekenningen/{adopted.pk}/", None,
                     {"year": "2017", "amount": "1.000", "period_start": "2017-01-01", "period_end": "2017-12-31",
                      "advance_percent": "80"},
                     {"year": CHOICES + ["2099", "99999999999999999999"], "amount": NUMBERS, "period_start": DATES,
                      "period_end": DATES, "advance_percent": CHOICES + ["101"], "report_due": DATES[1:]}),
            FormCase("exchange", f"/boekhouding/{TF}/journaal/", f"/boekhouding/{TF}/journaal/exchange/",
                     {"exchange-from_year": "2019", "exchange-to_year": "2018", "exchange-amount": "1", "exchange-note": "x"},
                     {"exchange-from_year": CHOICES, "exchange-to_year": CHOICES, "exchange-amount": NUMBERS}),
            FormCase("bsn reveal", f"/budgetten/bsn/{registration.pk}/inzien/", None,
                     {"category": "declaratie",
                      "reason": "De aanbieder vraagt of deze cliënt al bij ons is geregistreerd voor de opname."},
                     {"category": CHOICES, "reason": TEXT + ["kort"]}),
        ]
    if user == "beheer-holland-rijnland":
        member = get_user_model().objects.get(username="two")
        return [
            FormCase("member invite", "/organisaties/two-holland-rijnland/", None,
                     {"username": "corpus-nieuw", "role": "medewerker", "email": "nieuw@example.org"},
                     {"username": TEXT + ["a b", "<script>"], "email": ["x", "@", HUGE], "role": CHOICES}),
            FormCase("member role", "/organisaties/two-holland-rijnland/",
                     f"/organisaties/two-holland-rijnland/gebruikers/{member.pk}/rol/", {"role": "beheerder"},
                     {"role": CHOICES}),
        ]
    if user == "regio-holland-rijnland":
        return [
            FormCase("norm counts", "/normen/gebied/holland-rijnland/tellingen/", None,
                     {"reference_date": "2024-03-15", "norm_jeugdbeschermer-5-werkdagen": "3"},
                     {"reference_date": DATES, "norm_jeugdbeschermer-5-werkdagen": NUMBERS, "institution": CHOICES[1:]}),
        ]
    raise ValueError(user)


@pytest.mark.parametrize("user", ["two", "beheer-holland-rijnland", "regio-holland-rijnland"])
def test_every_bad_value_in_every_form_is_refused_in_dutch_and_changes_nothing(demo_client, user):
    client = demo_client(user)
    client.raise_request_exception = False
    problems = []
    for case in cases_of(user):
        problems += feed(client, case)
    assert problems == []
