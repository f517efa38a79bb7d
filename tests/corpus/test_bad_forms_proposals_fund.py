"""The bad-input corpus fed to the remaining forms of the proposals and fund apps (issue 12, Tests):
editing a proposal, the ambassadors' advice, the decision and rejection letters, a new meeting, an
agenda item, closing a vote; the SPUK's grant decisions, recalculating a tranche and making it
definitive. Every bad value in every field, and the valid values posted to other records'
addresses: a Dutch message or a 4xx, never a 500, no table changed and, where the form changes a
row in place, that row unchanged (tests.corpus.forms.feed). The valid values of each form are
accepted; text a user typed (a script, a formula) is shown as text on the page that shows it."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape
from pypdf import PdfReader

from fund import services as fund_services
from fund.models import BudgetCircular, Fund, Tranche
from proposals.models import (
    AgendaItem,
    AmbassadorMeeting,
    Award,
    DecisionLetter,
    Meeting,
    Proposal,
    RejectionLetter,
)
from proposals.services import meetings as meeting_services
from tests.corpus.forms import (
    CHOICES,
    DATES,
    HUGE,
    LONG_TEXT,
    NUMBERS,
    TEXT,
    FormCase,
    feed,
    refused_in_dutch,
)
from tests.corpus.test_bad_inputs import row_counts

TF = "tijdelijk-fonds-holland-rijnland"
SPUK = "spuk-bren-zuid-west"
MH = "transformatiefonds-midden-holland-demo"
SCRIPT = '<script>alert("jf")</script>'
FORMULA = '=HYPERLINK("http://evil.example/x","Klik hier")'
FORGED = CHOICES + [FORMULA, SCRIPT]  # a choice the page does not offer
NO_PK = "99999999"


def _proposal(reference: str) -> Proposal:
    return Proposal.objects.get(reference=reference)


def _proposal_contents(proposal: Proposal):
    """What the edit form may change: the row, its amounts, answers, cells, applicants and regions."""
    proposal = Proposal.objects.get(pk=proposal.pk)
    return (
        proposal.title,
        proposal.summary,
        proposal.contact,
        proposal.status,
        proposal.no_waiting_list_declaration,
        proposal.filing_region_id,
        sorted(proposal.requested_amounts.values_list("year", "amount")),
        sorted(proposal.criterion_answers.values_list("criterion", "text")),
        sorted(proposal.cells.values_list("row", "column")),
        sorted(proposal.applicants.values_list("pk", flat=True)),
        sorted(proposal.work_regions.values_list("pk", flat=True)),
    )


def page_text(client, url: str) -> str:
    return client.get(url).content.decode()


def pdf_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def letter_url(award: Award) -> str:
    letter = DecisionLetter.objects.filter(award=award).order_by("-version").first()
    return f"/voorstellen/{award.proposal_id}/toekenningen/{award.number}/beschikking/{letter.version}.pdf"


def rejection_url(proposal: Proposal) -> str:
    letter = (
        RejectionLetter.objects.filter(decision__proposal=proposal).order_by("-version").first()
    )
    return f"/voorstellen/{proposal.pk}/afwijzing/{letter.version}.pdf"


def shown_as_text(client, shown: dict) -> list[str]:
    """After the valid posts: each page (HTML, escaped) or PDF (the literal text) shows the script as text."""
    problems = []
    for name, (kind, url) in shown.items():
        if kind == "html":
            text = page_text(client, url())
            if SCRIPT in text or escape(SCRIPT) not in text:
                problems.append(f"{name}: {url()} does not show the script as text")
        elif SCRIPT not in pdf_text(client, url()).replace("\n", ""):
            problems.append(f"{name}: {url()} does not show the script as text")
    return problems


def _tranches(slug: str):
    return list(
        Tranche.objects.filter(fund__slug=slug)
        .order_by("year")
        .values_list(
            "year", "status", "basis", "amount", "grant_decision_number", "grant_decision_date"
        )
    )


def _contributions(slug: str):
    return (
        _tranches(slug),
        sorted(
            (c.tranche.year, c.municipality_id, c.amount.amount)
            for c in Tranche.contributions.rel.related_model.objects.filter(
                tranche__fund__slug=slug
            ).select_related("tranche")
        ),
    )


def proposal_cases(user: str, client) -> tuple[list[FormCase], dict]:
    """The proposals app's forms `user` (a demo user) can post, each with its valid values and bad ones;
    and where each shows the text typed in the valid values (kind, address)."""
    if user == "two":
        submitted = _proposal("V-TF-2017-002")
        screened = _proposal("V-TF-2017-001")
        ao = (
            Meeting.objects.filter(fund__slug=TF, kind=Meeting.Kind.AO_JEUGD)
            .order_by("-date")
            .first()
        )
        open_vote = AgendaItem.objects.get(
            proposal__reference="V-TF-2016-008",
            meeting__kind=Meeting.Kind.PHO_MAATSCHAPPIJ,
            closed_at__isnull=True,
        )
        closed_vote = AgendaItem.objects.filter(
            meeting__fund__slug=TF, closed_at__isnull=False
        ).first()
        ao_item = AgendaItem.objects.filter(meeting=ao).first()
        spuk_item = AgendaItem.objects.filter(meeting__fund__slug=SPUK).first()
        first = Award.objects.get(number="TF-2018-001")  # no letter yet: a first letter
        corrected = Award.objects.get(
            number="TF-2017-002"
        )  # a letter: the next one is a correction, with a reason
        rejected = _proposal(
            "V-TF-2016-005"
        )  # a rejection letter: the next one is a correction, with a reason
        spuk_award = Award.objects.filter(proposal__fund__slug=SPUK).first()
        other_fund = Fund.objects.get(slug=MH)
        letter = {"addressee": f"Aanbieder {SCRIPT}", "signatory": "A. de Vries"}
        shown = {
            "proposal edit": ("html", lambda: f"/voorstellen/{submitted.pk}/"),
            "meeting": ("html", lambda: "/voorstellen/vergaderingen/"),
            "first letter": ("pdf", lambda: letter_url(first)),
            "corrected letter": ("pdf", lambda: letter_url(corrected)),
            "corrected rejection": ("html", lambda: f"/voorstellen/{rejected.pk}/"),
            "corrected rejection PDF": ("pdf", lambda: rejection_url(rejected)),
        }
        return [
            FormCase(
                "proposal edit",
                f"/voorstellen/{submitted.pk}/wijzigen/",
                None,
                {"title": f"Gewijzigd {SCRIPT}", "summary": FORMULA, "amount_2017": "12.500,50"},
                {
                    "title": TEXT + ["x" * 201],
                    "summary": LONG_TEXT,
                    "contact": TEXT + ["x" * 201],
                    "applicants": FORGED,
                    "cells": FORGED + ["9-9", "0-0"],
                    "amount_2016": NUMBERS[1:] + ["0"],
                    "amount_2019": NUMBERS[1:] + ["0"],
                    "answer_innovation": LONG_TEXT,
                },
                bad_urls=[
                    f"/voorstellen/{pk}/wijzigen/"
                    for pk in (
                        NO_PK,
                        _proposal("V-TF-2016-001").pk,  # completed: no longer editable
                        _proposal("V-SPUK-2021-003").pk,
                        _proposal("V-TF-2016-009").pk,
                    )
                ],  # other organisations'
                watch=lambda: _proposal_contents(submitted),
            ),
            FormCase(
                "meeting",
                "/voorstellen/vergaderingen/",
                None,
                {
                    "fund": Fund.objects.get(slug=TF).pk,
                    "kind": Meeting.Kind.AO_JEUGD,
                    "date": "2017-10-05",
                    "title": f"AO {SCRIPT}",
                },
                {
                    "fund": FORGED + [str(other_fund.pk), str(Fund.objects.get(slug=SPUK).pk)],
                    "kind": FORGED,
                    "date": DATES,
                    "title": [HUGE, "x" * 201],
                },
            ),
            FormCase(
                "agenda item",
                f"/voorstellen/vergaderingen/{ao.pk}/",
                None,
                {"reference": screened.reference},
                {
                    "reference": TEXT
                    + [
                        FORMULA,
                        SCRIPT,
                        "V-TF-2016-001",
                        submitted.reference,
                        "V-SPUK-2021-004",
                        "V-TF-2016-009",
                        "V-TF-2016-002",
                    ]
                },
                bad_urls=[
                    f"/voorstellen/vergaderingen/{pk}/"
                    for pk in (NO_PK, Meeting.objects.filter(fund__slug=SPUK).first().pk)
                ],
            ),
            FormCase(
                "vote close",
                f"/voorstellen/agendapunten/{open_vote.pk}/",
                f"/voorstellen/agendapunten/{open_vote.pk}/sluiten/",
                {},
                bad_urls=[
                    f"/voorstellen/agendapunten/{pk}/sluiten/"
                    for pk in (NO_PK, closed_vote.pk, ao_item.pk, spuk_item.pk)
                ],
            ),
            FormCase(
                "first letter",
                f"/voorstellen/{first.proposal_id}/",
                f"/voorstellen/{first.proposal_id}/toekenningen/{first.number}/beschikking/",
                letter,
                {"addressee": TEXT + ["x" * 256], "signatory": TEXT + ["x" * 256]},
                bad_urls=[
                    f"/voorstellen/{first.proposal_id}/toekenningen/{number}/beschikking/"
                    for number in ("TF-2099-001", corrected.number, "%3Cscript%3E")
                ]
                + [
                    f"/voorstellen/{spuk_award.proposal_id}/toekenningen/{spuk_award.number}/beschikking/",
                    f"/voorstellen/{NO_PK}/toekenningen/{first.number}/beschikking/",
                ],
            ),
            FormCase(
                "corrected letter",
                f"/voorstellen/{corrected.proposal_id}/",
                f"/voorstellen/{corrected.proposal_id}/toekenningen/{corrected.number}/beschikking/",
                {**letter, "reason": f"Verkeerd adres {FORMULA}"},
                {
                    "reason": ["", " ", "\x00\x07", HUGE, "x" * 501],
                    "addressee": TEXT,
                    "signatory": TEXT,
                },
            ),
            FormCase(
                "corrected rejection",
                f"/voorstellen/{rejected.pk}/",
                f"/voorstellen/{rejected.pk}/afwijzing/",
                {
                    "rej-reason": f"Niet vernieuwend {SCRIPT}",
                    "rej-addressee": "Aanbieder",
                    "rej-signatory": "A. de Vries",
                    "rej-correction_reason": "Verkeerd adres.",
                },
                {
                    "rej-reason": LONG_TEXT,
                    "rej-addressee": TEXT + ["x" * 256],
                    "rej-signatory": TEXT,
                    "rej-correction_reason": ["", " ", "\x00\x07"],
                },
                bad_urls=[
                    f"/voorstellen/{pk}/afwijzing/"
                    for pk in (
                        NO_PK,
                        _proposal("V-TF-2016-004").pk,
                        _proposal("V-TF-2016-008").pk,  # adopted, undecided
                        _proposal("V-SPUK-2021-002").pk,
                    )
                ],
            ),  # another organisation's rejection
        ], shown
    if user == "rotterdam":
        spuk = Fund.objects.get(slug=SPUK)
        # a screened request put on an AO Jeugd: the ambassadors' advice on it can be recorded
        screened = _proposal("V-SPUK-2021-004")
        ao = Meeting.objects.filter(fund=spuk, kind=Meeting.Kind.AO_JEUGD).order_by("-date").first()
        meeting_services.agenda_item_add(
            user=get_user_model().objects.get(username="rotterdam"), meeting=ao, proposal=screened
        )
        met = (
            AmbassadorMeeting.objects.filter(fund=spuk, date__lte=dt.date.today())
            .order_by("date")
            .first()
        )
        future = AmbassadorMeeting.objects.create(
            fund=spuk, date=dt.date.today() + dt.timedelta(days=30), attendees="A"
        )
        foreign = AmbassadorMeeting.objects.create(
            fund=Fund.objects.get(slug=TF), date=dt.date(2017, 1, 5), attendees="B"
        )
        rejected = _proposal("V-SPUK-2021-002")  # rejected, no letter yet
        submitted = _proposal("V-SPUK-2021-003")
        shown = {
            "advice": ("html", lambda: f"/voorstellen/{screened.pk}/"),
            "SPUK rejection letter": ("pdf", lambda: rejection_url(rejected)),
            "SPUK proposal edit": ("html", lambda: f"/voorstellen/{submitted.pk}/"),
        }
        return (
            [
                FormCase(
                    "advice",
                    f"/voorstellen/{screened.pk}/",
                    f"/voorstellen/{screened.pk}/advies/",
                    {
                        "adv-meeting": met.pk,
                        "adv-advice": "positive",
                        "adv-ambassadors": f"A. {SCRIPT}",
                        "adv-text": f"Positief. {FORMULA}",
                    },
                    {
                        "adv-meeting": FORGED + [str(future.pk), str(foreign.pk)],
                        "adv-advice": FORGED,
                        "adv-ambassadors": TEXT + ["x" * 256],
                        "adv-text": LONG_TEXT,
                    },
                    bad_urls=[
                        f"/voorstellen/{pk}/advies/"
                        for pk in (
                            NO_PK,
                            _proposal("V-SPUK-2021-001").pk,  # its advice is recorded
                            _proposal("V-SPUK-2021-003").pk,  # submitted, not on an agenda
                            _proposal("V-TF-2016-008").pk,
                        )
                    ],
                ),  # another organisation's (and no SPUK)
                FormCase(
                    "SPUK rejection letter",
                    f"/voorstellen/{rejected.pk}/",
                    f"/voorstellen/{rejected.pk}/afwijzing/",
                    {
                        "rej-reason": f"Past niet in het plan {FORMULA}",
                        "rej-addressee": f"Regio {SCRIPT}",
                        "rej-signatory": "A. de Vries",
                    },
                    {
                        "rej-reason": LONG_TEXT,
                        "rej-addressee": TEXT + ["x" * 256],
                        "rej-signatory": TEXT + ["x" * 256],
                    },
                    bad_urls=[
                        f"/voorstellen/{pk}/afwijzing/"
                        for pk in (
                            NO_PK,
                            _proposal("V-SPUK-2021-006").pk,
                            _proposal("V-TF-2016-005").pk,
                        )
                    ],
                ),
                FormCase(
                    "SPUK proposal edit",
                    f"/voorstellen/{submitted.pk}/wijzigen/",
                    None,
                    {"title": f"Gewijzigd {SCRIPT}"},
                    {
                        "title": TEXT + ["x" * 201],
                        "filing_region": FORGED,
                        "work_regions": FORGED,
                        "amount_2021": NUMBERS[1:] + ["0"],
                        "cells": FORGED,
                    },
                    bad_urls=[
                        f"/voorstellen/{pk}/wijzigen/"
                        for pk in (
                            NO_PK,
                            _proposal(
                                "V-SPUK-2021-005"
                            ).pk,  # the region's draft: not Rotterdam's to see
                            _proposal("V-SPUK-2021-004").pk,  # screened: no longer editable
                            _proposal("V-TF-2017-002").pk,
                        )
                    ],  # another organisation's
                    watch=lambda: _proposal_contents(submitted),
                ),
            ],
            shown,
        )
    if user == "aanbieder":
        draft = _proposal("V-TF-2017-004")
        provider = draft.applicants.first()
        return [
            FormCase(
                "own draft edit",
                f"/voorstellen/{draft.pk}/wijzigen/",
                None,
                {"title": f"Eigen {SCRIPT}", "applicants": [str(provider.pk)]},
                {
                    "title": TEXT,
                    "applicants": FORGED,
                    "amount_2017": NUMBERS[1:] + ["0"],
                    "cells": FORGED,
                },
                bad_urls=[
                    f"/voorstellen/{pk}/wijzigen/"
                    for pk in (
                        NO_PK,
                        _proposal("V-TF-2017-002").pk,  # submitted: TWO edits it now
                        _proposal("V-SPUK-2021-005").pk,
                    )
                ],
                watch=lambda: _proposal_contents(draft),
            ),
        ], {"own draft edit": ("html", lambda: f"/voorstellen/{draft.pk}/")}
    raise ValueError(user)


PROPOSAL_USERS = ["two", "rotterdam", "aanbieder"]


@pytest.mark.parametrize("user", PROPOSAL_USERS)
def test_every_bad_value_in_every_proposals_form_is_refused_in_dutch_and_changes_nothing(
    demo_client, user
):
    client = demo_client(user)
    client.raise_request_exception = False
    problems = []
    cases, shown = proposal_cases(user, client)
    for case in cases:
        problems += feed(client, case)
    problems += shown_as_text(client, shown)
    assert problems == [], "\n".join(problems)


def fund_cases(user: str, client) -> tuple[list[FormCase], dict]:
    """The fund app's forms `user` (a demo user) can post, as proposal_cases."""
    if user == "rotterdam":
        tranches = {t.year: t for t in Tranche.objects.filter(fund__slug=SPUK)}
        page = f"/fondsen/{SPUK}/beschikkingen/"
        number = f"DEMO-2022-{SCRIPT}"
        return [
            FormCase(
                "grant decisions",
                page,
                None,
                {"2022-number": number, "2022-date": "2022-03-01"},
                {
                    "2022-number": [
                        "",
                        " ",
                        HUGE,
                        "x" * 61,
                        tranches[2021].grant_decision_number,
                        "\x00",
                    ],
                    "2022-date": DATES + ["2016-02-29x", "01-13-2022"],
                    "2020-number": ["", " "],
                    "2021-date": DATES[1:],
                },
                bad_urls=[f"/fondsen/{slug}/beschikkingen/" for slug in (TF, MH, "bestaat-niet")],
                watch=lambda: _tranches(SPUK),
            ),
        ], {"grant decisions": ("html", lambda: page)}
    if user == "two-midden-holland":
        fund = Fund.objects.get(slug=MH)
        two = get_user_model().objects.get(username="two-midden-holland")
        # a provisional year without a basis: recalculating it on the fund's circular computes its contributions
        fund_services.tranche_create(
            fund=fund, year=2017, amount=Decimal("100000"), basis=None, user=two
        )
        fund_services.tranche_create(
            fund=fund, year=2018, amount=Decimal("100000"), basis=None, user=two
        )
        circular = BudgetCircular.objects.get(tranches__fund=fund, tranches__year=2016)
        foreign = BudgetCircular.objects.exclude(
            pk=circular.pk
        ).first()  # another region's: no basis for this fund
        recalculate = f"/fondsen/{MH}/2017/herberekenen/"
        return [
            FormCase(
                "recalculation",
                f"{recalculate}?circular={circular.pk}",
                None,
                {"note": f"Nieuwe grondslag {SCRIPT}"},
                {"circular": FORGED + [str(foreign.pk)], "note": [HUGE, "x" * 501]},
                bad_urls=[
                    f"/fondsen/{MH}/{year}/herberekenen/"
                    for year in ("2016", "2099", "0000", "99999999999999999999")
                ]
                + [f"/fondsen/{TF}/2017/herberekenen/", f"/fondsen/{SPUK}/2022/herberekenen/"],
                watch=lambda: _contributions(MH),
            ),
            FormCase(
                "definitive",
                f"/fondsen/{MH}/",
                f"/fondsen/{MH}/2017/definitief/",
                {},
                bad_urls=[
                    f"/fondsen/{MH}/{year}/definitief/"
                    for year in ("2016", "2018", "2099", "99999999999999999999")
                ]
                + [f"/fondsen/{TF}/2019/definitief/", f"/fondsen/{SPUK}/2022/definitief/"],
                watch=lambda: _contributions(MH),
            ),
        ], {"recalculation": ("html", lambda: f"/fondsen/{MH}/2017/historie/")}
    raise ValueError(user)


FUND_USERS = ["rotterdam", "two-midden-holland"]


@pytest.mark.parametrize("user", FUND_USERS)
def test_every_bad_value_in_every_fund_form_is_refused_in_dutch_and_changes_nothing(
    demo_client, user
):
    client = demo_client(user)
    client.raise_request_exception = False
    problems = []
    cases, shown = fund_cases(user, client)
    for case in cases:
        problems += feed(client, case)
    problems += shown_as_text(client, shown)
    assert problems == [], "\n".join(problems)


def test_a_bad_circular_in_the_recalculation_preview_is_refused_in_dutch(demo_client):
    """The preview is a GET form: its bad values are refused on the page as well, and change nothing."""
    client = demo_client("two-midden-holland")
    client.raise_request_exception = False
    fund = Fund.objects.get(slug=MH)
    fund_services.tranche_create(
        fund=fund,
        year=2017,
        amount=Decimal("100000"),
        basis=None,
        user=get_user_model().objects.get(username="two-midden-holland"),
    )
    foreign = BudgetCircular.objects.exclude(tranches__fund=fund).first()
    before = row_counts()
    for value in FORGED + [str(foreign.pk)]:
        response = client.get(f"/fondsen/{MH}/2017/herberekenen/", {"circular": value})
        assert refused_in_dutch(response, value) is None, refused_in_dutch(response, value)
        assert 'data-testid="preview"' not in response.content.decode()
    assert row_counts() == before
