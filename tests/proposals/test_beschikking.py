"""The decision letter is a beschikking (Awb): who decides and where to object, the decision
date, the legal ground, amount, goals, payment schedule, reporting, signatory and the objection
clause (Awb 3:45, 6:7). A rejected proposal gets an afwijzing with the reason and the same clause.
Read back with pdftotext, as a reader of the PDF sees it."""

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounting.services.awards import award_make
from core.roles import Role
from proposals.exceptions import ProposalError
from proposals.models import Decision, DecisionLetter, RejectionLetter
from proposals.services import letters as letter_services
from proposals.services import meetings as meeting_services
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import (
    on_pho_agenda,
    pho,
    regional_fund_with_municipalities,
    screened,
)
from tests.proposals.test_awards import adopted_proposal

pytestmark = pytest.mark.django_db

CLAUSE = (
    "binnen zes weken na de dag waarop deze beschikking is verzonden (artikel 6:7 en 6:8 van de "
    "Algemene wet bestuursrecht), met een bezwaarschrift aan het dagelijks bestuur van Regio "
    "Testland, Postbus 1, 1000 AA Testdorp."
)


def pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return " ".join(out.stdout.decode().split())


@pytest.fixture
def two():
    return make_user("two-besch", Role.TWO)


def test_the_award_letter_is_a_beschikking(two, tmp_path):
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("3000000"),), years=(2017,)
    )
    proposal = adopted_proposal(two, fund, municipalities)  # the PHO met on 1 June 2017
    award = award_make(
        user=two,
        proposal=proposal,
        year=2017,
        amount=Decimal("123456.78"),
        advance_percent=80,
        period_start=dt.date(2017, 7, 1),
        period_end=dt.date(2017, 12, 31),
    )
    letter = letter_services.letter_issue(
        user=two,
        award=award,
        addressee="Jeugdhulp Rijnland, t.a.v. de directie",
        signatory="De voorzitter van het PHO Maatschappij",
    )
    text = pdftotext(bytes(letter.pdf), tmp_path)
    today = timezone.localdate()
    for expected in [
        "Regio Testland, TWO Jeugdhulp",  # letterhead: the fund's data
        "Postbus 1 1000 AA Testdorp",
        "Jeugdhulp Rijnland, t.a.v. de directie",  # addressee
        f"Datum {today.day} ",  # dated the day it is made
        "Datum besluit 1 juni 2017",  # the day the PHO advised
        "Op 1 juni 2017 heeft het PHO Maatschappij bindend geadviseerd",
        "besluit het dagelijks bestuur van Regio Testland u het volgende bedrag toe te kennen",
        "Wettelijke grondslag Regeling Testfonds Jeugdhulp, artikel 4",
        "Toegekend bedrag € 123.456,78",
        "Minder jongeren in residentiële zorg",  # goal and its indicator
        "Jongeren teruggeleid naar ambulante hulp",
        "voorschot van € 98.765,42 (80% van het toegekende bedrag)",  # payment schedule
        "Het resterende bedrag van € 24.691,36 betalen wij als eindbetaling",
        "uiterlijk op 1 maart 2018",  # reporting obligation
        "Bezwaar",
        CLAUSE,
        "artikel 6:5 Awb",
        "namens het dagelijks bestuur van Regio Testland",
        "De voorzitter van het PHO Maatschappij",  # signatory
    ]:
        assert expected in text, expected
    assert Decimal("98765.42") + Decimal("24691.36") == award.amount.amount


def test_a_letter_is_never_dated_before_the_decision(two):
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("3000000"),), years=(2017,)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    award = award_make(
        user=two,
        proposal=proposal,
        year=2017,
        amount=Decimal("1000"),
        period_start=dt.date(2017, 7, 1),
        period_end=dt.date(2017, 12, 31),
    )
    # a decision recorded for a later day (the services never do so; the letter still refuses)
    later = timezone.localdate() + dt.timedelta(days=3)
    other = screened(fund, two)
    other.status = "adopted"
    other.save()
    Decision.objects.create(
        proposal=other, outcome="adopted", rule="coordinator", decision_date=later, decided_by=two
    )
    other_award = letter_services.award_create(
        user=two,
        proposal=other,
        year=2017,
        amount=Decimal("1000"),
        period_start=dt.date(2017, 7, 1),
        period_end=dt.date(2017, 12, 31),
    )
    with pytest.raises(
        ProposalError,
        match=f"Het besluit is van {later.day}-{later.month}-{later.year}; een beschikking wordt gedateerd",
    ):
        letter_services.letter_issue(user=two, award=other_award, addressee="A", signatory="B")
    assert not DecisionLetter.objects.filter(award=other_award).exists()
    assert (
        letter_services.letter_issue(user=two, award=award, addressee="A", signatory="B").version
        == 1
    )


def test_a_fund_without_letterhead_data_issues_no_beschikking(two):
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("3000000"),), years=(2017,)
    )
    fund.deciding_body = fund.letterhead_address = ""
    fund.save()
    proposal = adopted_proposal(two, fund, municipalities)
    award = award_make(
        user=two,
        proposal=proposal,
        year=2017,
        amount=Decimal("1000"),
        period_start=dt.date(2017, 7, 1),
        period_end=dt.date(2017, 12, 31),
    )
    with pytest.raises(
        ProposalError, match="ontbreekt het bestuursorgaan, het adres voor de beschikking"
    ):
        letter_services.letter_issue(user=two, award=award, addressee="A", signatory="B")
    assert not DecisionLetter.objects.exists()


def rejected_proposal(two):
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("3000000"),), years=(2017,)
    )
    proposal = screened(fund, two)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    item = on_pho_agenda(two, proposal, meeting)
    for m in municipalities:
        meeting_services.vote_cast(user=pho(m), agenda_item=item, choice="no")
    meeting_services.agenda_item_close(user=two, agenda_item=item)
    proposal.refresh_from_db()
    return proposal


def test_a_rejected_proposal_gets_an_afwijzing_with_reason_and_objection_clause(
    two, tmp_path, client_as
):
    proposal = rejected_proposal(two)
    client = client_as(two)
    response = client.post(
        reverse("proposals:rejection_letter_issue", args=[proposal.pk]),
        {
            "rej-reason": "Het voorstel verbindt geen twee doelgroepen met twee zorgvormen.",
            "rej-addressee": "GGZ Leiden Jeugd",
            "rej-signatory": "De voorzitter",
            "rej-correction_reason": "",
        },
        follow=True,
    )
    assert "Afwijzingsbeschikking versie 1 is opgemaakt." in response.content.decode()
    letter = RejectionLetter.objects.get()
    text = pdftotext(bytes(letter.pdf), tmp_path)
    for expected in [
        "Beschikking: afwijzing van",
        "Datum besluit 1 juni 2017",
        "Op 1 juni 2017 heeft het PHO Maatschappij bindend geadviseerd uw voorstel",
        "er was geen tweederdemeerderheid (0,00% voor",
        "Reden Het voorstel verbindt geen twee doelgroepen met twee zorgvormen.",
        "Wettelijke grondslag Regeling Testfonds Jeugdhulp, artikel 4",
        CLAUSE,
        "GGZ Leiden Jeugd",
    ]:
        assert expected in text, expected
    pdf = client.get(reverse("proposals:rejection_letter_pdf", args=[proposal.pk, 1]))
    assert pdf["Content-Type"] == "application/pdf" and bytes(pdf.content) == bytes(letter.pdf)
    # write-once: a second letter is a correction with a reason
    with pytest.raises(ProposalError, match="al een afwijzing verstuurd"):
        letter_services.rejection_letter_issue(
            user=two, proposal=proposal, reason="x", addressee="a", signatory="b"
        )
    correction = letter_services.rejection_letter_issue(
        user=two,
        proposal=proposal,
        reason="Aangevulde reden.",
        addressee="a",
        signatory="b",
        corrects=letter,
        correction_reason="Adres gecorrigeerd",
    )
    assert correction.version == 2 and "correctie van de afwijzing versie 1" in pdftotext(
        bytes(correction.pdf), tmp_path
    )


def test_only_a_rejected_proposal_gets_an_afwijzing(two):
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("3000000"),), years=(2017,)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    with pytest.raises(ProposalError, match="hoort bij een afgewezen voorstel"):
        letter_services.rejection_letter_issue(
            user=two, proposal=proposal, reason="x", addressee="a", signatory="b"
        )
    assert not RejectionLetter.objects.exists()


def test_two_reads_the_letter_texts(two, client_as):
    page = client_as(two).get(reverse("proposals:letter_templates")).content.decode()
    assert "proposals/pdf/_objection.html" in page and "binnen zes weken" in page
    assert "{{ deciding_body }}" in page  # the placeholders as they are, escaped
    provider = make_user("aanbieder-besch", Role.PROVIDER, provider=ProviderFactory())
    assert client_as(provider).get(reverse("proposals:letter_templates")).status_code == 403
