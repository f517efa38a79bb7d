"""The bad-input corpus fed to the forms of the books, the norms and the rest (issue 12, Tests):
confirming a settlement, the SPUK division's adoption and its explanations, a region's report, a
delivered indicator value, the journal's charge and direct expense, a provider's budget payment and
release, a background report; changing a norms action and the reaction to an inspection report;
the notification preferences, the decision letters' texts, and the Django admin.

Every bad value in every field, and every other record's address: a Dutch message or a 4xx, never
a 500, no table's row count changed and, for a form that changes a row in place, that row the same
as before (tests.corpus.forms.feed, with the row's contents added to what it compares). The valid
values of each form are accepted: the refusals are about the values they try."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

import tests.corpus.forms as corpus_forms
from accounting.models import (
    IndicatorResult,
    JournalEntry,
    JournalLine,
    RegionReport,
    ReportJob,
    Settlement,
    SettlementGroup,
    SpukBudgetDivision,
    SpukBudgetLine,
    SpukExplanation,
)
from allocations.models import BudgetRequest
from core.models import MembershipEvent, Municipality, Organisation, Provider, Region
from fund.models import Fund, Tranche, TrancheEvent
from norms.models import Action, ActionChange, Area, InspectionReport
from notifications.models import Preference
from proposals.models import (
    Award,
    Decision,
    DecisionLetter,
    PerformanceIndicator,
    Proposal,
    RejectionLetter,
    Transition,
    VoteRecord,
)
from tests.corpus.forms import (
    CHOICES,
    DATES,
    HUGE,
    LONG_TEXT,
    NUMBERS,
    TEXT,
    FormCase,
    dutch_errors,
    feed,
    form_on,
    refused_in_dutch,
)
from tests.corpus.test_bad_inputs import row_counts

TF = "tijdelijk-fonds-holland-rijnland"
SPUK = "spuk-bren-zuid-west"
MH = "transformatiefonds-midden-holland-demo"
KZ = "knelpunten-zin-2016"
FORMULAS = ['=HYPERLINK("http://evil.example/x","Klik hier")', "<script>alert(1)</script>"]
NOT_FOUND = "99999999"
FAR = "99999999999999999999"


def _fields(model, **filters):
    """The stored contents of the rows of `model` that match: what a form that updates in place may not change."""
    return lambda: sorted(map(repr, model.objects.filter(**filters).values()))


def _make_whole(client, division):
    """The demo's draft division does not add up to the grant yet, so it cannot be adopted: a line
    for the rest makes it whole (as rotterdam would, on the division's page)."""
    page = f"/boekhouding/{SPUK}/spuk/{division.year}/verdeling/"
    rest = Tranche.objects.get(fund__slug=SPUK, year=division.year).amount.amount - sum(
        line.amount.amount for line in division.lines.all()
    )
    n = division.lines.count()
    response = client.post(
        page,
        {
            **form_on(client, page, None),
            f"lines-{n}-part": "2",
            f"lines-{n}-label": "Projecten bouwteams",
            f"lines-{n}-amount": f"{rest:.2f}".replace(".", ","),
        },
    )
    assert response.status_code == 302, dutch_errors(response.content.decode())


def cases_of(user: str, client) -> list[tuple[FormCase, object]]:
    """The forms `user` (a demo user) can post, each with the state its refusals may not change (or None)."""
    if user == "two":
        group = (
            SettlementGroup.objects.filter(fund__slug=TF, settlement__isnull=True)
            .order_by("settle_after")
            .first()
        )
        settled = SettlementGroup.objects.get(fund__slug=TF, settlement__isnull=False)
        foreign_group = SettlementGroup.objects.exclude(fund__slug=TF).first()
        proposal = Proposal.objects.filter(
            awards__isnull=False, awards__letters__isnull=True, fund__slug=TF
        ).first()
        award = proposal.awards.filter(letters__isnull=True).first()
        foreign_award = Award.objects.exclude(proposal=proposal).first()
        rejected = (
            Decision.objects.filter(
                proposal__fund__slug=TF, outcome="rejected", rejection_letters__isnull=False
            )
            .distinct()
            .get()
        )
        cases = [
            (
                FormCase(
                    "settlement confirm",
                    f"/boekhouding/{TF}/afrekening/{group.pk}/",
                    f"/boekhouding/{TF}/afrekening/{group.pk}/vaststellen/",
                    {},
                    bad_urls=[
                        f"/boekhouding/{TF}/afrekening/{pk}/vaststellen/"
                        for pk in (settled.pk, foreign_group.pk, NOT_FOUND, FAR)
                    ]
                    + [
                        f"/boekhouding/{KZ}/afrekening/{group.pk}/vaststellen/",
                        f"/boekhouding/{MH}/afrekening/{group.pk}/vaststellen/",
                    ],
                ),
                _fields(SettlementGroup, fund__slug=TF),
            ),
            (
                FormCase(
                    "preferences",
                    "/meldingen/instellingen/",
                    None,
                    {"email": []},
                    {"email": CHOICES + ["geen_soort", ["bsn_reveal", "=1+1"]], "saved": [""]},
                ),
                _fields(Preference, user__username="two"),
            ),
            (
                FormCase(
                    "decision letter",
                    f"/voorstellen/{proposal.pk}/",
                    f"/voorstellen/{proposal.pk}/toekenningen/{award.number}/beschikking/",
                    {"addressee": "College van B&W van Leiden", "signatory": "T. de Wit"},
                    {"addressee": TEXT + ["x" * 256], "signatory": TEXT + ["x" * 256]},
                    bad_urls=[
                        f"/voorstellen/{proposal.pk}/toekenningen/{foreign_award.number}/beschikking/",
                        f"/voorstellen/{proposal.pk}/toekenningen/{HUGE[:300]}/beschikking/",
                        f"/voorstellen/{foreign_award.proposal.pk}/toekenningen/{award.number}/beschikking/",
                        f"/voorstellen/{NOT_FOUND}/toekenningen/{award.number}/beschikking/",
                    ],
                ),
                None,
            ),
        ]
        page = f"/voorstellen/{rejected.proposal.pk}/"  # the demo's afwijzing has a letter: a new one corrects it
        cases.append(
            (
                FormCase(
                    "rejection letter",
                    page,
                    f"{page}afwijzing/",
                    {
                        "rej-reason": "Het voorstel past niet in de doelen.",
                        "rej-addressee": "Jeugdhulp Rijnland",
                        "rej-signatory": "T. de Wit",
                        "rej-correction_reason": "Adres verbeterd.",
                    },
                    {
                        "rej-reason": LONG_TEXT,
                        "rej-addressee": TEXT,
                        "rej-signatory": TEXT,
                        "rej-correction_reason": ["", " ", HUGE, "x" * 501],
                    },
                    bad_urls=[
                        f"/voorstellen/{proposal.pk}/afwijzing/",
                        f"/voorstellen/{NOT_FOUND}/afwijzing/",
                    ],
                ),
                None,
            )
        )
        return cases
    if user == "two-midden-holland":
        request = BudgetRequest.objects.get(fund__slug=MH)
        foreign_request = BudgetRequest.objects.filter(fund__slug=KZ).order_by("pk").first()
        page = f"/boekhouding/{MH}/aanbieders/{request.pk}/"
        return [
            (
                FormCase(
                    "charge",
                    f"/boekhouding/{MH}/journaal/",
                    f"/boekhouding/{MH}/journaal/charge/",
                    {"charge-year": "2016"},
                    {"charge-year": CHOICES + ["2017", "2099", "١٠٠"]},
                    bad_urls=[
                        f"/boekhouding/{TF}/journaal/charge/",
                        f"/boekhouding/{MH}/journaal/onbekend/",
                    ],
                ),
                None,
            ),
            (
                FormCase(
                    "grant payment",
                    page,
                    f"{page}betaling/",
                    {
                        "payment-kind": "advance",
                        "payment-amount": "1,00",
                        "payment-booked_on": "2017-06-01",
                    },
                    {
                        "payment-kind": CHOICES,
                        "payment-amount": NUMBERS + ["0", "35.000,01"],
                        "payment-booked_on": DATES,
                        "payment-note": [HUGE, "x" * 121],
                    },
                    bad_urls=[
                        f"/boekhouding/{MH}/aanbieders/{foreign_request.pk}/betaling/",
                        f"/boekhouding/{KZ}/aanbieders/{foreign_request.pk}/betaling/",
                        f"/boekhouding/{MH}/aanbieders/{NOT_FOUND}/betaling/",
                        f"/boekhouding/{MH}/aanbieders/{FAR}/betaling/",
                        f"{page}onbekend/",
                    ],
                ),
                None,
            ),
            (
                FormCase(
                    "grant release",
                    page,
                    f"{page}vrijval/",
                    {
                        "release-amount": "1,00",
                        "release-booked_on": "2017-06-01",
                        "release-reason": "Niet benut.",
                    },
                    {
                        "release-amount": NUMBERS + ["0", "35.000,01"],
                        "release-booked_on": DATES,
                        "release-reason": TEXT + ["x" * 161],
                    },
                    bad_urls=[
                        f"/boekhouding/{MH}/aanbieders/{foreign_request.pk}/vrijval/",
                        f"/boekhouding/{KZ}/aanbieders/{foreign_request.pk}/vrijval/",
                    ],
                ),
                None,
            ),
        ]
    if user == "aanbieder":
        result = (
            IndicatorResult.objects.filter(
                indicator__goal__proposal__applicants__slug="jeugdhulp-rijnland"
            )
            .order_by("indicator_id", "year")
            .last()
        )
        page = f"/boekhouding/prestaties/{result.indicator_id}/{result.year}/"
        foreign = PerformanceIndicator.objects.exclude(
            goal__proposal__applicants__slug="jeugdhulp-rijnland"
        ).first()
        return [
            (
                FormCase(
                    "indicator result",
                    page,
                    None,
                    {"delivered_value": "12,00", "assessment": "Op koers."},
                    {"delivered_value": NUMBERS, "assessment": ["\x00", HUGE, "x" * 5001]},
                    bad_urls=[
                        f"/boekhouding/prestaties/{foreign.pk}/{result.year}/",
                        f"/boekhouding/prestaties/{result.indicator_id}/{FAR}/",
                        f"/boekhouding/prestaties/{result.indicator_id}/2099/",
                        f"/boekhouding/prestaties/{NOT_FOUND}/{result.year}/",
                    ],
                ),
                _fields(IndicatorResult, indicator_id=result.indicator_id),
            )
        ]
    if user == "regio-midden-holland":
        due = Proposal.objects.get(
            reference="V-SPUK-2020-001"
        )  # filed by Midden-Holland, no report yet
        received = Proposal.objects.get(
            reference="V-SPUK-2020-002"
        )  # filed by Midden-Holland, report received
        foreign = Proposal.objects.get(reference="V-SPUK-2020-004")  # filed by Haaglanden
        return [
            (
                FormCase(
                    "region report",
                    f"/boekhouding/verslagen/{due.pk}/",
                    None,
                    {
                        "results": "Tien jongeren thuis geholpen.",
                        "conditions": "Volgens de beschikking besteed.",
                    },
                    {"results": LONG_TEXT, "conditions": LONG_TEXT},
                    bad_urls=[
                        f"/boekhouding/verslagen/{pk}/"
                        for pk in (received.pk, foreign.pk, NOT_FOUND)
                    ],
                ),
                None,
            )
        ]
    if user == "rotterdam":
        division = SpukBudgetDivision.objects.get(
            fund__slug=SPUK, status=SpukBudgetDivision.Status.DRAFT
        )
        line = (
            SpukBudgetLine.objects.filter(
                division__fund__slug=SPUK, division__year=division.year - 1
            )
            .order_by("pk")
            .first()
        )
        later_line = SpukBudgetLine.objects.filter(division=division).first()
        explain = f"/boekhouding/{SPUK}/spuk/{line.division.year}/toelichting/"
        action = Action.objects.filter(plan__area__slug="zuid-west").order_by("pk").first()
        tf_proposal = Proposal.objects.filter(fund__slug=TF).first()
        tf_award = Award.objects.filter(proposal__fund__slug=TF).first()
        request = BudgetRequest.objects.order_by("pk").first()
        adopt = f"/boekhouding/{SPUK}/spuk/{division.year}/vaststellen/"
        _make_whole(client, division)
        return [
            (
                FormCase(
                    "SPUK explanation",
                    f"{explain}{line.pk}/",
                    None,
                    {"text": "Later begonnen door de werving."},
                    {"text": TEXT + ["x" * 2001]},
                    bad_urls=[
                        f"{explain}{later_line.pk}/",
                        f"{explain}{NOT_FOUND}/",
                        f"/boekhouding/{SPUK}/spuk/{FAR}/toelichting/{line.pk}/",
                        f"/boekhouding/{TF}/spuk/{line.division.year}/toelichting/{line.pk}/",
                    ],
                ),
                _fields(SpukExplanation, line__division__fund__slug=SPUK),
            ),
            (
                FormCase(
                    "direct expense",
                    f"/boekhouding/{SPUK}/journaal/",
                    f"/boekhouding/{SPUK}/journaal/expense/",
                    {
                        "expense-budget_line": line.pk,
                        "expense-amount": "1,00",
                        "expense-booked_on": "2021-06-01",
                        "expense-description": "Zaalhuur bijeenkomst",
                    },
                    {
                        "expense-budget_line": CHOICES,
                        "expense-amount": NUMBERS + ["0"],
                        "expense-booked_on": DATES,
                        "expense-description": TEXT + ["x" * 161],
                    },
                    bad_urls=[f"/boekhouding/{TF}/journaal/expense/"],
                ),
                None,
            ),
            (
                FormCase(
                    "action change",
                    f"/normen/acties/{action.pk}/",
                    None,
                    {"status_notes": "Loopt volgens plan."},
                    {
                        "solution_line": CHOICES + ["9", "0"],
                        "number": TEXT,
                        "owner": TEXT,
                        "activity": LONG_TEXT,
                        "result": LONG_TEXT,
                        "planned_date": DATES,
                        "result_reached_on": DATES[1:],
                        "status_notes": ["\x00", HUGE, "x" * 5001],
                        "proposal": CHOICES[1:] + [str(tf_proposal.pk)],
                        "award": CHOICES[1:] + [str(tf_award.pk)],
                        "budget_request": CHOICES[1:] + [str(request.pk)],
                        "owner_provider": CHOICES[1:],
                    },
                    bad_urls=[f"/normen/acties/{NOT_FOUND}/", f"/normen/acties/{FAR}/"],
                ),
                _fields(Action, pk=action.pk),
            ),
            # last: adopting the draft division ends its other forms
            (
                FormCase(
                    "SPUK adoption",
                    f"/boekhouding/{SPUK}/spuk/{division.year}/verdeling/",
                    adopt,
                    {"deviation_note": "De regels wijken af door het onderzoek."},
                    {"deviation_note": ["\x00", HUGE, "x" * 5001]},
                    bad_urls=[
                        f"/boekhouding/{SPUK}/spuk/{division.year - 1}/vaststellen/",
                        f"/boekhouding/{SPUK}/spuk/2099/vaststellen/",
                        f"/boekhouding/{SPUK}/spuk/{FAR}/vaststellen/",
                        f"/boekhouding/{TF}/spuk/{division.year}/vaststellen/",
                    ],
                ),
                _fields(SpukBudgetDivision, fund__slug=SPUK),
            ),
        ]
    if user == "regio-holland-rijnland":
        # the demo's one inspection report is of Amsterdam, which no demo user may react to: one of this region's own
        report = InspectionReport.objects.create(
            area=Area.objects.get(slug="holland-rijnland"),
            title="Inspectierapport Holland Rijnland",
            published_on=dt.date(2024, 3, 1),
        )
        foreign = InspectionReport.objects.exclude(pk=report.pk).first()
        too_long = ["x" * 601, HUGE, "\x00"]
        return [
            (
                FormCase(
                    "inspection reaction",
                    f"/normen/inspectie/{report.pk}/",
                    None,
                    {
                        "proud": "De snelle start.",
                        "actions": "De wachttijd.",
                        "noticeable": "Sneller hulp.",
                    },
                    {"proud": too_long, "actions": too_long, "noticeable": too_long},
                    bad_urls=[
                        f"/normen/inspectie/{foreign.pk}/",
                        f"/normen/inspectie/{NOT_FOUND}/",
                    ],
                ),
                _fields(InspectionReport, pk=report.pk),
            )
        ]
    raise ValueError(user)


USERS = [
    "two",
    "two-midden-holland",
    "aanbieder",
    "regio-midden-holland",
    "rotterdam",
    "regio-holland-rijnland",
]


@pytest.mark.parametrize("user", USERS)
def test_every_bad_value_in_every_form_is_refused_in_dutch_and_changes_nothing(
    demo_client, user, monkeypatch
):
    client = demo_client(user)
    client.raise_request_exception = False
    problems = []
    for case, state in cases_of(user, client):
        # the row counts and, for a form that updates a row in place, that row's contents
        monkeypatch.setattr(
            corpus_forms,
            "row_counts",
            (lambda state=state: {**row_counts(), "contents": state()}) if state else row_counts,
        )
        problems += feed(client, case)
    assert problems == [], "\n".join(problems)


# -- what the corpus found, each fixed in the app ---------------------------------------------------


def test_preferences_that_did_not_arrive_whole_are_refused_in_dutch_and_nothing_is_saved(
    demo_client,
):
    client = demo_client("two")
    before = _fields(Preference, user__username="two")()
    response = client.post("/meldingen/instellingen/", {"saved": "1", "email": ["geen_soort"]})
    assert response.status_code == 400
    assert "Uw instellingen zijn niet opgeslagen" in response.content.decode()
    assert "geen_soort" in " ".join(
        dutch_errors(response.content.decode())
    )  # Django's Dutch: "... geen beschikbare keuze"
    assert _fields(Preference, user__username="two")() == before


def test_a_delivered_value_is_never_below_zero_nor_of_a_year_outside_the_fund(demo_client):
    client = demo_client("aanbieder")
    result = (
        IndicatorResult.objects.filter(
            indicator__goal__proposal__applicants__slug="jeugdhulp-rijnland"
        )
        .order_by("indicator_id", "year")
        .last()
    )
    page = f"/boekhouding/prestaties/{result.indicator_id}/{result.year}/"
    response = client.post(page, {"delivered_value": "-5", "assessment": "Minder dan niets."})
    assert response.status_code == 200
    assert any("0" in e for e in dutch_errors(response.content.decode())), dutch_errors(
        response.content.decode()
    )
    assert (
        client.post(
            f"/boekhouding/prestaties/{result.indicator_id}/2099/", {"delivered_value": "5"}
        ).status_code
        == 404
    )
    assert client.get(f"/boekhouding/prestaties/{result.indicator_id}/2099/").status_code == 404
    stored = IndicatorResult.objects.filter(indicator_id=result.indicator_id)
    assert (
        not stored.filter(year=2099).exists()
        and stored.get(pk=result.pk).delivered_value == result.delivered_value
    )


def test_posting_a_region_report_that_was_received_says_so_and_changes_nothing(demo_client):
    client = demo_client("regio-midden-holland")
    received = Proposal.objects.get(reference="V-SPUK-2020-002")
    before = _fields(RegionReport, proposal=received)()
    response = client.post(
        f"/boekhouding/verslagen/{received.pk}/",
        {"results": "Anders.", "conditions": "Anders."},
        follow=True,
    )
    assert "al ontvangen; er is niets gewijzigd" in " ".join(
        dutch_errors(response.content.decode())
    )
    assert _fields(RegionReport, proposal=received)() == before and before


def test_a_division_adopted_with_a_note_that_did_not_arrive_whole_is_not_adopted(demo_client):
    client = demo_client("rotterdam")
    division = SpukBudgetDivision.objects.get(
        fund__slug=SPUK, status=SpukBudgetDivision.Status.DRAFT
    )
    _make_whole(client, division)
    response = client.post(
        f"/boekhouding/{SPUK}/spuk/{division.year}/vaststellen/",
        {"deviation_note": "\x00"},
        follow=True,
    )
    assert "De verdeling is niet vastgesteld" in " ".join(dutch_errors(response.content.decode()))
    division.refresh_from_db()
    assert division.status == SpukBudgetDivision.Status.DRAFT


# -- a background report ---------------------------------------------------------------------------

JOB = {"kind": "fund_overview", "format": "xlsx", "fund": TF}
BAD_JOBS = (
    [{**JOB, "kind": value} for value in CHOICES + ["settlement", "region_reports", "spuk"]]
    + [{**JOB, "format": value} for value in CHOICES + ["csv", "PDF", "xlsx\x00"]]
    + [{**JOB, "fund": value} for value in CHOICES + [MH, SPUK, KZ + "/../" + TF]]
    + [
        {**JOB, "kind": "evaluation", "year": value}
        for value in CHOICES + ["2099", "١٠٠", "2017\x00", " 2017"]
    ]
    + [{"kind": "evaluation", "format": "pdf", "fund": TF}]
)


def test_a_background_report_with_bad_values_is_refused_and_queues_nothing(demo_client):
    client = demo_client("two")
    client.raise_request_exception = False
    problems = []
    before = row_counts()
    for values in BAD_JOBS:
        response = client.post("/boekhouding/taken/", values, follow=True)
        problem = refused_in_dutch(response, f"job {values!r:.80}")
        if problem:
            problems.append(problem)
        if row_counts() != before:
            problems.append(f"job {values!r:.80}: a job was queued")
            before = row_counts()
    assert problems == [], "\n".join(problems)
    for values in (JOB, {**JOB, "kind": "evaluation", "year": "2017", "format": "pdf"}):
        response = client.post("/boekhouding/taken/", values)
        job = ReportJob.objects.filter(created_by__username="two").order_by("-pk").first()
        assert (
            response.status_code == 302 and response["Location"] == f"/boekhouding/taken/{job.pk}/"
        )
        assert job.kind == values["kind"] and job.params == {
            k: v for k, v in values.items() if k != "kind"
        }
    assert ReportJob.objects.count() == before["accounting_reportjob"] + 2


# -- the Django admin ------------------------------------------------------------------------------


def _write_once_records():
    """One record of each write-once kind a user makes: decisions, letters, votes, bookings (and the rest)."""
    return [
        model.objects.order_by("pk").first()
        for model in (
            Decision,
            DecisionLetter,
            RejectionLetter,
            VoteRecord,
            JournalEntry,
            JournalLine,
            Award,
            Transition,
            Settlement,
            TrancheEvent,
            MembershipEvent,
            ActionChange,
        )
    ]


def _admin_url(record, view=""):
    return f"/beheer/{record._meta.app_label}/{record._meta.model_name}/{record.pk}/{view}"


def _everything():
    return row_counts(), [_fields(type(record))() for record in _write_once_records()]


@pytest.mark.parametrize("user", ["two", "beheer-holland-rijnland", "rotterdam", "aanbieder"])
def test_the_admin_refuses_who_is_not_a_superuser(demo_client, user):
    client = demo_client(user)
    before = _everything()
    assert client.get("/beheer/").status_code == 302
    for record in _write_once_records():
        for view, data in (
            ("change/", {"addressee": "Iemand anders", "choice": "no", "description": "x"}),
            ("delete/", {"post": "yes"}),
        ):
            response = client.post(_admin_url(record, view), data)
            assert response.status_code in (302, 404), (record, view, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/beheer/login/"), response["Location"]
    assert _everything() == before


def test_a_superusers_admin_cannot_edit_or_delete_a_write_once_record(demo):
    from django.test import Client

    root = get_user_model().objects.create_superuser(
        "corpus-root", "root@example.org", "corpus-root-wachtwoord-1"
    )
    client = Client(raise_request_exception=False)
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    before = _everything()
    problems = []
    for record in _write_once_records():
        fields = {f.name: "1" for f in record._meta.concrete_fields if f.name != "id"}
        tries = [
            (_admin_url(record, "change/"), fields),
            (_admin_url(record, "delete/"), {"post": "yes"}),
            (f"/beheer/{record._meta.app_label}/{record._meta.model_name}/add/", fields),
            (
                f"/beheer/{record._meta.app_label}/{record._meta.model_name}/",
                {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
            ),
        ]
        for url, data in tries:
            response = client.post(url, data)
            if response.status_code >= 500 or response.status_code == 200 and "change/" in url:
                problems.append(f"{url}: {response.status_code}")
        if client.get(_admin_url(record, "change/")).status_code not in (200, 302, 404):
            problems.append(f"{_admin_url(record, 'change/')}: the record cannot be read")
    # nor through a record it belongs to: the delete of a fund, a settled group, a tranche, a municipality,
    # a region, a provider or an organisation would take write-once rows with it; each is refused
    owners = [
        Fund.objects.get(slug=TF),
        SettlementGroup.objects.get(fund__slug=TF, settlement__isnull=False),
        Tranche.objects.get(fund__slug=TF, year=2017),
        Municipality.objects.get(name="Leiden"),
        Region.objects.get(slug="holland-rijnland"),
        Provider.objects.get(slug="jeugdhulp-rijnland"),
        Organisation.objects.filter(memberships__isnull=False).first(),
        get_user_model().objects.get(username="two"),
    ]
    for owner in owners:
        response = client.post(_admin_url(owner, "delete/"), {"post": "yes"})
        if response.status_code >= 500:
            problems.append(f"{_admin_url(owner, 'delete/')}: {response.status_code}")
    assert problems == [], "\n".join(problems)
    assert _everything() == before


def test_a_reaction_of_600_characters_as_the_browser_counts_them_is_saved(demo_client):
    """The form's counter counts a line break as one character; the browser sends it as two."""
    client = demo_client("regio-holland-rijnland")
    report = InspectionReport.objects.create(
        area=Area.objects.get(slug="holland-rijnland"),
        title="Inspectierapport Holland Rijnland",
        published_on=dt.date(2024, 3, 1),
    )
    typed = "\r\n".join(
        ["x" * 59] * 9 + ["y" * 60]
    )  # 9 lines of 59, 1 of 60 and 9 line breaks: 600 as counted
    assert len(typed.replace("\r\n", "\n")) == 600
    response = client.post(
        f"/normen/inspectie/{report.pk}/", {"proud": typed, "actions": "", "noticeable": ""}
    )
    assert response.status_code == 302, dutch_errors(response.content.decode())
    report.refresh_from_db()
    assert report.reaction_proud == typed.replace("\r\n", "\n")
    response = client.post(
        f"/normen/inspectie/{report.pk}/", {"proud": typed + "z", "actions": "", "noticeable": ""}
    )
    assert response.status_code == 400 and "600" in " ".join(
        dutch_errors(response.content.decode())
    )
    report.refresh_from_db()
    assert report.reaction_proud == typed.replace("\r\n", "\n")


def test_formulas_and_markup_in_a_text_are_kept_as_text_and_shown_escaped(demo_client):
    client = demo_client("rotterdam")
    line = (
        SpukBudgetLine.objects.filter(division__fund__slug=SPUK, division__year=2021)
        .order_by("pk")
        .first()
    )
    action = Action.objects.filter(plan__area__slug="zuid-west").order_by("pk").first()
    for text in FORMULAS:
        response = client.post(
            f"/boekhouding/{SPUK}/spuk/2021/toelichting/{line.pk}/", {"line": line.pk, "text": text}
        )
        assert response.status_code == 302, dutch_errors(response.content.decode())
        assert SpukExplanation.objects.get(line=line, year=2021).text == text
        assert (
            "<script>alert(1)"
            not in client.get(
                f"/boekhouding/{SPUK}/spuk/2021/toelichting/{line.pk}/"
            ).content.decode()
        )
        response = client.post(
            f"/normen/acties/{action.pk}/",
            {**form_on(client, f"/normen/acties/{action.pk}/", None), "status_notes": text},
        )
        assert response.status_code == 302, dutch_errors(response.content.decode())
        action.refresh_from_db()
        assert action.status_notes == text
        page = client.get(f"/normen/acties/{action.pk}/").content.decode()
        assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
