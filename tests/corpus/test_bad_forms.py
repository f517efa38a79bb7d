"""The bad-input corpus fed to the forms a user can reach beyond the uploads (issue 12, Tests):
proposals and their goals, awards, the journal's bookings, a provider's payment, the SPUK
division, a PxQ request, the norm counts, an organisation's members and a BSN reveal. Every bad
value in every field: a Dutch message or a 4xx, never a 500, no table changed; the valid values
of each form are accepted (tests.corpus.forms.feed)."""

import pytest
from django.contrib.auth import get_user_model

from accounting.models import JournalEntry
from allocations.models import ClientRegistration
from fund.models import Contribution
from proposals.models import AgendaItem, Award, Proposal
from tests.corpus.forms import CHOICES, DATES, HUGE, NUMBERS, TEXT, FormCase, feed

TF = "tijdelijk-fonds-holland-rijnland"
SPUK = "spuk-bren-zuid-west"


def cases_of(user: str) -> list[FormCase]:
    """The forms `user` (a demo user) can post, each with its valid values and bad ones."""
    if user == "two":
        submitted = Proposal.objects.filter(fund__slug=TF, status=Proposal.Status.SUBMITTED).order_by("pk").first()
        adopted = Proposal.objects.get(fund__slug=TF, status=Proposal.Status.ADOPTED)
        registration = ClientRegistration.objects.order_by("pk").first()
        award = (Award.objects.filter(proposal__fund__slug=TF, journal_lines__entry__kind="payment_advance")
                 .exclude(journal_lines__entry__kind="payment_final").first())  # paid, and more may be paid
        municipality = Contribution.objects.filter(tranche__fund__slug=TF).first().municipality
        entry = JournalEntry.objects.filter(fund__slug=TF, kind="payment_advance", reversed_by__isnull=True).first()
        foreign_entry = JournalEntry.objects.exclude(fund__slug=TF).first()  # another fund's: never reversed here
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
            FormCase("payment", f"/boekhouding/{TF}/journaal/", f"/boekhouding/{TF}/journaal/payment/",
                     {"payment-award": award.pk, "payment-kind": "advance", "payment-amount": "1",
                      "payment-booked_on": "2019-06-01"},
                     {"payment-award": CHOICES, "payment-kind": CHOICES, "payment-amount": NUMBERS,
                      "payment-booked_on": DATES + ["2010-01-01"], "payment-note": [HUGE]}),
            FormCase("receipt", f"/boekhouding/{TF}/journaal/", f"/boekhouding/{TF}/journaal/receipt/",
                     {"receipt-municipality": municipality.pk, "receipt-year": "2019", "receipt-amount": "1",
                      "receipt-booked_on": "2019-06-01"},
                     {"receipt-municipality": CHOICES[1:], "receipt-year": CHOICES + ["2099"],
                      "receipt-amount": NUMBERS, "receipt-booked_on": DATES}),
            FormCase("refund", f"/boekhouding/{TF}/journaal/", f"/boekhouding/{TF}/journaal/refund/",
                     {"refund-award": award.pk, "refund-amount": "1", "refund-reason": "Teruggave"},
                     {"refund-award": CHOICES, "refund-amount": NUMBERS, "refund-reason": TEXT}),
            FormCase("reverse", f"/boekhouding/{TF}/journaal/", f"/boekhouding/{TF}/journaal/reverse/",
                     {"reverse-entry": entry.pk, "reverse-reason": "Fout geboekt"},
                     {"reverse-entry": CHOICES + [str(foreign_entry.pk)], "reverse-reason": TEXT}),
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
    if user == "pho-leiden":
        item = AgendaItem.objects.filter(
            proposal__reference="V-TF-2016-008", closed_at__isnull=True).order_by("-meeting__date").first()
        return [FormCase("vote", f"/voorstellen/agendapunten/{item.pk}/", None, {"choice": "yes"},
                         {"choice": CHOICES + ["maybe"]})]
    if user == "aanbieder":
        return [FormCase("PxQ request", "/budgetten/aanbieder/jeugdhulp-rijnland/aanvragen/nieuw/", None,
                         {"q_1": "10", "motivation": "Meer vraag.", "scaling_down": "Nee.", "referring_back": "Nee.",
                          "shortening": "Nee.", "demand_evidence": "Wachtlijst."},
                         {"q_1": NUMBERS, "q_2": NUMBERS[1:], "motivation": TEXT})]
    if user == "aanbieder-ggz":
        # a month of the demo's forecasts (July to December 2016): the form starts from that forecast
        return [FormCase("forecast", "/budgetten/aanbieder/ggz-leiden-jeugd/prognose/2016-12/", None,
                         {"46A01-units_delivered": "127,00"},
                         {"46A01-units_delivered": NUMBERS, "46A01-clients_in_care": NUMBERS,
                          "46A01-trend": CHOICES, "46A01-regional_use_percent": NUMBERS + ["101"], "explanation": [HUGE]})]
    if user == "rotterdam":
        return [FormCase("SPUK division", f"/boekhouding/{SPUK}/spuk/2022/verdeling/", None,
                         {"lines-6-part": "4", "lines-6-label": "Onvoorzien", "lines-6-amount": "1.000,00"},
                         {"lines-0-amount": NUMBERS, "lines-0-label": TEXT, "lines-0-part": CHOICES,
                          "lines-0-region": CHOICES[1:], "lines-TOTAL_FORMS": CHOICES + ["100000"]})]
    if user == "regio-holland-rijnland":
        return [
            FormCase("norm counts", "/normen/gebied/holland-rijnland/tellingen/", None,
                     {"reference_date": "2024-03-15", "norm_jeugdbeschermer-5-werkdagen": "3"},
                     {"reference_date": DATES, "norm_jeugdbeschermer-5-werkdagen": NUMBERS, "institution": CHOICES[1:]}),
        ]
    raise ValueError(user)


USERS = ["two", "beheer-holland-rijnland", "regio-holland-rijnland", "pho-leiden", "aanbieder", "aanbieder-ggz", "rotterdam"]


@pytest.mark.parametrize("user", USERS)
def test_every_bad_value_in_every_form_is_refused_in_dutch_and_changes_nothing(demo_client, user):
    client = demo_client(user)
    client.raise_request_exception = False
    problems = []
    for case in cases_of(user):
        problems += feed(client, case)
    assert problems == []
