"""The bad-input corpus fed to the forms a user can reach beyond the uploads (issue 12, Tests):
proposals and their goals, awards, the journal's bookings, a provider's payment, the SPUK
division, a PxQ request, the norm counts, an organisation's members and a BSN reveal. Every bad
value in every field: a Dutch message or a 4xx, never a 500, no table changed; the valid values
of each form are accepted (tests.corpus.forms.feed)."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from accounting.models import JournalEntry
from allocations.models import BudgetRequest, ClientRegistration, Product, ProductCategory, Unit
from allocations.services import budget_requests as request_services
from bren.models import BuildingTeam
from core.models import Provider
from fund.models import Contribution
from proposals.models import AgendaItem, Award, Proposal, ScreeningItem
from tests.corpus.files import bad_xlsx
from tests.corpus.forms import (
    CHOICES,
    DATES,
    HUGE,
    LONG_TEXT,
    NUMBERS,
    TEXT,
    FormCase,
    feed,
    form_on,
)

TF = "tijdelijk-fonds-holland-rijnland"
SPUK = "spuk-bren-zuid-west"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(**members) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


BAD_ATTACHMENTS = {
    "leeg.pdf": b"",
    "geen-pdf.pdf": b"<html><script>alert(1)</script></html>",
    "plan.exe": b"MZ\x90\x00",
    "plan.html": b"<html></html>",
    "zonder-extensie": PDF,
    "pdf-als.docx": PDF,
    "kapotte-zip.xlsx": b"PK\x03\x04 not really a zip",
    "zip-zonder-werkboek.xlsx": _zip(**{"[Content_Types].xml": "<x/>", "a.txt": "a"}),
    "te-groot.pdf": b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1),
    "=HYPERLINK(x).txt": b"x",
}


COUNTS = {
    (5, 5): 1,
    (6, 5): 2,
    (7, 5): 3,
    (8, 5): 4,
}  # the template's four rows (one a norm), column E: the count


def _counts_template(client, area: str, cells: dict) -> bytes:
    """The area's counts template for 15 March 2024 with `cells` ((row, column): value) filled in."""
    wb = load_workbook(
        io.BytesIO(
            client.get(
                f"/normen/gebied/{area}/tellingen/sjabloon.xlsx?peildatum=2024-03-15"
            ).content
        )
    )
    for (row, column), value in cells.items():
        wb["Tellingen"].cell(row, column, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cases_of(user: str, client) -> list[FormCase]:
    """The forms `user` (a demo user) can post, each with its valid values and bad ones."""
    if user == "two":
        submitted = (
            Proposal.objects.filter(fund__slug=TF, status=Proposal.Status.SUBMITTED)
            .order_by("pk")
            .first()
        )
        adopted = Proposal.objects.get(fund__slug=TF, status=Proposal.Status.ADOPTED)
        registration = ClientRegistration.objects.order_by("pk").first()
        award = (
            Award.objects.filter(
                proposal__fund__slug=TF, journal_lines__entry__kind="payment_advance"
            )
            .exclude(journal_lines__entry__kind="payment_final")
            .first()
        )  # paid, and more may be paid
        municipality = Contribution.objects.filter(tranche__fund__slug=TF).first().municipality
        entry = JournalEntry.objects.filter(
            fund__slug=TF, kind="payment_advance", reversed_by__isnull=True
        ).first()
        foreign_entry = JournalEntry.objects.exclude(
            fund__slug=TF
        ).first()  # another fund's: never reversed here
        provider = Provider.objects.get(slug="jeugdhulp-rijnland")
        products = list(Product.objects.filter(provider=provider).order_by("pk"))
        granted = BudgetRequest.objects.filter(provider=provider).order_by("pk").first()
        pending = request_services.budget_request_submit(  # a PxQ request as the provider sends it, for TWO to decide
            provider=provider,
            year=granted.year,
            quantities={granted.lines.first().product: Decimal("10")},
            motivation="Meer vraag.",
            user=get_user_model().objects.get(username="aanbieder"),
            scaling_down="Nee.",
            referring_back="Nee.",
            shortening="Nee.",
            demand_evidence="Wachtlijst.",
            fund=granted.fund,
        )
        line = pending.lines.get()
        provider_page = "/budgetten/aanbieder/jeugdhulp-rijnland"
        other = (
            Proposal.objects.filter(fund__slug=TF, status=Proposal.Status.SUBMITTED)
            .order_by("pk")
            .last()
        )
        return [
            # a status change: only the next statuses the rules allow (here: withdrawn) and nothing else
            FormCase(
                "transition",
                f"/voorstellen/{other.pk}/",
                f"/voorstellen/{other.pk}/status/",
                {"to_status": "withdrawn"},
                {"to_status": CHOICES + ["completed", "awarded", "running", "on_agenda"]},
            ),
            FormCase(
                "PxQ decision",
                f"{provider_page}/aanvragen/{pending.pk}/",
                None,
                {f"g_{line.pk}": "8"},
                {f"g_{line.pk}": NUMBERS + ["10,01", "11"]},
            ),
            FormCase(
                "transfer",
                f"{provider_page}/verschuiven/?jaar={granted.year}",
                None,
                {
                    "from_product": products[0].pk,
                    "to_product": products[1].pk,
                    "amount": "1,00",
                    "reason": "Akkoord TWO per mail.",
                },
                {
                    "from_product": CHOICES,
                    "to_product": CHOICES + [str(products[0].pk)],
                    "amount": NUMBERS + ["0", "99999999999,99"],
                    "reason": LONG_TEXT,
                },
            ),
            FormCase(
                "product",
                f"{provider_page}/producten/nieuw/",
                None,
                {
                    "code": "99Z99",
                    "name": "Corpusproduct",
                    "category": ProductCategory.choices[0][0],
                    "unit": Unit.choices[0][0],
                },
                {
                    "code": TEXT + ["45a12", "=1+1", "45A1", "<b>"],
                    "name": TEXT,
                    "category": CHOICES,
                    "unit": CHOICES,
                },
            ),
            FormCase(
                "tariff",
                "/budgetten/tarieven/",
                None,
                {"product_code": "99Z98", "unit": Unit.choices[0][0], "price": "10,00"},
                {"product_code": TEXT + ["=1+1"], "unit": CHOICES, "price": NUMBERS + ["0"]},
            ),
            FormCase(
                "proposal",
                f"/voorstellen/nieuw/{TF}/",
                None,
                {
                    "title": "Corpus",
                    "summary": "Een voorstel.",
                    "contact": "J. Jansen",
                    "applicants": [str(provider.pk)],
                    "amount_2017": "10.000",
                    "no_waiting_list_declaration": "on",
                    "answer_innovation": "Ja.",
                    "answer_transformation_goals": "Ja.",
                    "answer_integrated_care": "Ja.",
                },
                {"title": TEXT, "amount_2017": NUMBERS[1:]},
            ),  # an empty amount is allowed
            FormCase(
                "goal",
                f"/voorstellen/{submitted.pk}/",
                f"/voorstellen/{submitted.pk}/doelen/",
                {
                    "goal-description": "Doel",
                    "goal-indicator": "Jongeren",
                    "goal-target_value": "20",
                    "goal-unit": "jongeren",
                    "goal-target_date": "2017-12-31",
                },
                {"goal-description": TEXT, "goal-target_value": NUMBERS, "goal-target_date": DATES},
            ),
            FormCase(
                "award",
                f"/boekhouding/toekenningen/{adopted.pk}/",
                None,
                {
                    "year": "2017",
                    "amount": "1.000",
                    "period_start": "2017-01-01",
                    "period_end": "2017-12-31",
                    "advance_percent": "80",
                },
                {
                    "year": CHOICES + ["2099", "99999999999999999999"],
                    "amount": NUMBERS,
                    "period_start": DATES,
                    "period_end": DATES,
                    "advance_percent": CHOICES + ["101"],
                    "report_due": DATES[1:],
                },
            ),
            FormCase(
                "exchange",
                f"/boekhouding/{TF}/journaal/",
                f"/boekhouding/{TF}/journaal/exchange/",
                {
                    "exchange-from_year": "2019",
                    "exchange-to_year": "2018",
                    "exchange-amount": "1",
                    "exchange-note": "x",
                },
                {
                    "exchange-from_year": CHOICES,
                    "exchange-to_year": CHOICES,
                    "exchange-amount": NUMBERS,
                },
            ),
            FormCase(
                "payment",
                f"/boekhouding/{TF}/journaal/",
                f"/boekhouding/{TF}/journaal/payment/",
                {
                    "payment-award": award.pk,
                    "payment-kind": "advance",
                    "payment-amount": "1",
                    "payment-booked_on": "2019-06-01",
                },
                {
                    "payment-award": CHOICES,
                    "payment-kind": CHOICES,
                    "payment-amount": NUMBERS,
                    "payment-booked_on": DATES + ["2010-01-01"],
                    "payment-note": [HUGE],
                },
            ),
            FormCase(
                "receipt",
                f"/boekhouding/{TF}/journaal/",
                f"/boekhouding/{TF}/journaal/receipt/",
                {
                    "receipt-municipality": municipality.pk,
                    "receipt-year": "2019",
                    "receipt-amount": "1",
                    "receipt-booked_on": "2019-06-01",
                },
                {
                    "receipt-municipality": CHOICES[1:],
                    "receipt-year": CHOICES + ["2099"],
                    "receipt-amount": NUMBERS,
                    "receipt-booked_on": DATES,
                },
            ),
            FormCase(
                "refund",
                f"/boekhouding/{TF}/journaal/",
                f"/boekhouding/{TF}/journaal/refund/",
                {"refund-award": award.pk, "refund-amount": "1", "refund-reason": "Teruggave"},
                {"refund-award": CHOICES, "refund-amount": NUMBERS, "refund-reason": TEXT},
            ),
            FormCase(
                "reverse",
                f"/boekhouding/{TF}/journaal/",
                f"/boekhouding/{TF}/journaal/reverse/",
                {"reverse-entry": entry.pk, "reverse-reason": "Fout geboekt"},
                {"reverse-entry": CHOICES + [str(foreign_entry.pk)], "reverse-reason": TEXT},
            ),
            FormCase(
                "bsn reveal",
                f"/budgetten/bsn/{registration.pk}/inzien/",
                None,
                {
                    "category": "declaratie",
                    "reason": "De aanbieder vraagt of deze cliënt al bij ons is geregistreerd voor de opname.",
                },
                {"category": CHOICES, "reason": TEXT + ["kort"]},
            ),
        ]
    if user == "beheer-holland-rijnland":
        member = get_user_model().objects.get(username="two")
        return [
            FormCase(
                "member invite",
                "/organisaties/two-holland-rijnland/",
                None,
                {"username": "corpus-nieuw", "role": "medewerker", "email": "nieuw@example.org"},
                {
                    "username": TEXT + ["a b", "<script>"],
                    "email": ["x", "@", HUGE],
                    "role": CHOICES,
                },
            ),
            FormCase(
                "member role",
                "/organisaties/two-holland-rijnland/",
                f"/organisaties/two-holland-rijnland/gebruikers/{member.pk}/rol/",
                {"role": "beheerder"},
                {"role": CHOICES},
            ),
            # removal has no fields: its bad input is the address (no such user, another organisation's, oneself)
            FormCase(
                "member removal",
                "/organisaties/two-holland-rijnland/",
                f"/organisaties/two-holland-rijnland/gebruikers/{member.pk}/verwijderen/",
                {},
                bad_urls=[
                    f"/organisaties/two-holland-rijnland/gebruikers/{pk}/verwijderen/"
                    for pk in (
                        "99999999",
                        get_user_model().objects.get(username="rotterdam").pk,
                        get_user_model().objects.get(username="beheer-holland-rijnland").pk,
                    )
                ]
                + [f"/organisaties/gemeente-rotterdam/gebruikers/{member.pk}/verwijderen/"],
            ),
        ]
    if user == "pho-leiden":
        item = (
            AgendaItem.objects.filter(proposal__reference="V-TF-2016-008", closed_at__isnull=True)
            .order_by("-meeting__date")
            .first()
        )
        return [
            FormCase(
                "vote",
                f"/voorstellen/agendapunten/{item.pk}/",
                None,
                {"choice": "yes"},
                {"choice": CHOICES + ["maybe"]},
            )
        ]
    if user == "aanbieder":
        page = "/budgetten/aanbieder/jeugdhulp-rijnland/aanvragen/nieuw/"
        q_1, q_2 = [name for name in form_on(client, page, None) if name.startswith("q_")][
            :2
        ]  # pks differ per database
        return [
            FormCase(
                "PxQ request",
                page,
                None,
                {
                    q_1: "10",
                    "motivation": "Meer vraag.",
                    "scaling_down": "Nee.",
                    "referring_back": "Nee.",
                    "shortening": "Nee.",
                    "demand_evidence": "Wachtlijst.",
                },
                {q_1: NUMBERS, q_2: NUMBERS[1:], "motivation": TEXT},
            )
        ]
    if user == "aanbieder-ggz":
        # a month of the demo's forecasts (July to December 2016): the form starts from that forecast
        return [
            FormCase(
                "forecast",
                "/budgetten/aanbieder/ggz-leiden-jeugd/prognose/2016-12/",
                None,
                {"46A01-units_delivered": "127,00"},
                {
                    "46A01-units_delivered": NUMBERS,
                    "46A01-clients_in_care": NUMBERS,
                    "46A01-trend": CHOICES,
                    "46A01-regional_use_percent": NUMBERS + ["101"],
                    "explanation": [HUGE],
                },
            )
        ]
    if user == "rotterdam":
        submitted = Proposal.objects.get(fund__slug=SPUK, status=Proposal.Status.SUBMITTED)
        on_agenda = Proposal.objects.get(fund__slug=SPUK, status=Proposal.Status.ON_AGENDA)
        team = BuildingTeam.objects.filter(theme__analysis__fund__slug=SPUK).order_by("pk").first()
        foreign_team = BuildingTeam.objects.exclude(theme__analysis__fund__slug=SPUK).first()
        proposal_page = f"/voorstellen/{submitted.pk}/"
        # the valid screening and consent are of a criterion and a region not yet recorded: a new row
        criterion = next(
            c
            for c in ScreeningItem.Criterion.values
            if not submitted.screening_items.filter(criterion=c).exists()
        )
        region = submitted.work_regions.exclude(
            pk__in=submitted.region_consents.values("region")
        ).first()
        if region is None:
            region = submitted.work_regions.first()
            submitted.region_consents.filter(region=region).delete()
        return [
            FormCase(
                "bren assessment",
                f"/bren/{SPUK}/",
                None,
                {
                    "plan-building_team": team.pk,
                    "plan-assessor_name": "A. de Vries",
                    "plan-capacity": "ao_member",
                    "plan-verdict": "approved",
                    "plan-motivation": "Het plan voldoet.",
                    "plan-assessed_on": "2022-03-01",
                },
                {
                    "plan-building_team": CHOICES
                    + ([str(foreign_team.pk)] if foreign_team else []),
                    "plan-assessor_name": TEXT,
                    "plan-capacity": CHOICES,
                    "plan-verdict": CHOICES,
                    "plan-motivation": LONG_TEXT,
                    "plan-assessed_on": DATES,
                },
            ),
            FormCase(
                "screening",
                proposal_page,
                f"{proposal_page}toetsing/",
                {
                    "scr-criterion": criterion,
                    "scr-verdict": "met",
                    "scr-motivation": "Voldoet.",
                    "scr-assessor_name": "A. de Vries",
                    "scr-assessor_capacity": "ao_member",
                },
                {
                    "scr-criterion": CHOICES,
                    "scr-verdict": CHOICES,
                    "scr-motivation": LONG_TEXT,
                    "scr-assessor_name": TEXT,
                    "scr-assessor_capacity": CHOICES,
                },
            ),
            FormCase(
                "consent",
                proposal_page,
                f"{proposal_page}instemming/",
                {"cons-region": region.pk, "cons-given_by": "Regio", "cons-given_on": "2021-06-01"},
                {"cons-region": CHOICES, "cons-given_by": TEXT, "cons-given_on": DATES},
            ),
            FormCase(
                "attachment",
                proposal_page,
                f"{proposal_page}bijlagen/",
                {},
                files={"att-file": ("plan.pdf", PDF)},
                bad_files={"att-file": BAD_ATTACHMENTS},
            ),
            FormCase(
                "SPUK decision",
                f"/voorstellen/{on_agenda.pk}/",
                f"/voorstellen/{on_agenda.pk}/besluit/",
                {"dec-outcome": "adopted", "dec-note": "Akkoord."},
                {"dec-outcome": CHOICES},
            ),
            FormCase(
                "SPUK division",
                f"/boekhouding/{SPUK}/spuk/2022/verdeling/",
                None,
                {"lines-6-part": "4", "lines-6-label": "Onvoorzien", "lines-6-amount": "1.000,00"},
                {
                    "lines-0-amount": NUMBERS,
                    "lines-0-label": TEXT,
                    "lines-0-part": CHOICES,
                    "lines-0-region": CHOICES[1:],
                    "lines-TOTAL_FORMS": CHOICES + ["100000"],
                },
            ),
        ]
    if user == "regio-holland-rijnland":
        return [
            FormCase(
                "norm counts",
                "/normen/gebied/holland-rijnland/tellingen/",
                None,
                {"reference_date": "2024-03-15", "norm_jeugdbeschermer-5-werkdagen": "3"},
                {
                    "reference_date": DATES,
                    "norm_jeugdbeschermer-5-werkdagen": NUMBERS,
                    "institution": CHOICES[1:],
                },
            ),
            FormCase(
                "norm counts upload",
                "/normen/gebied/holland-rijnland/tellingen/",
                "/normen/gebied/holland-rijnland/tellingen/upload/",
                {},
                files={
                    "file": ("tellingen.xlsx", _counts_template(client, "holland-rijnland", COUNTS))
                },
                bad_files={
                    "file": {
                        **{
                            f"{name}.xlsx": content
                            for name, content in bad_xlsx(
                                _counts_template(client, "holland-rijnland", COUNTS)
                            ).items()
                        },
                        **{
                            f"cel {value[:10]!r}.xlsx": _counts_template(
                                client, "holland-rijnland", {**COUNTS, (5, 5): value}
                            )
                            for value in ["=1+1", "-5", "abc", "١٠٠", "99999999999999999999", "1e5"]
                        },
                        "tellingen.pdf": PDF,
                    }
                },
            ),
            FormCase(
                "action",
                "/normen/gebied/holland-rijnland/uitvoeringsplan/nieuw/",
                None,
                {
                    "solution_line": "1",
                    "number": "9.9",
                    "owner": "Regio",
                    "activity": "Iets doen.",
                    "result": "Iets bereikt.",
                    "planned_date": "2024-12-31",
                },
                {
                    "solution_line": CHOICES + ["9", "0"],
                    "number": TEXT,
                    "owner": TEXT,
                    "activity": LONG_TEXT,
                    "result": LONG_TEXT,
                    "planned_date": DATES,
                    "result_reached_on": DATES[1:],
                    "proposal": CHOICES[1:],
                    "award": CHOICES[1:],
                    "budget_request": CHOICES[1:],
                    "owner_provider": CHOICES[1:],
                },
            ),
        ]
    raise ValueError(user)


USERS = [
    "two",
    "beheer-holland-rijnland",
    "regio-holland-rijnland",
    "pho-leiden",
    "aanbieder",
    "aanbieder-ggz",
    "rotterdam",
]


@pytest.mark.parametrize("user", USERS)
def test_every_bad_value_in_every_form_is_refused_in_dutch_and_changes_nothing(demo_client, user):
    client = demo_client(user)
    client.raise_request_exception = False
    problems = []
    for case in cases_of(user, client):
        problems += feed(client, case)
    assert problems == [], "\n".join(problems)
