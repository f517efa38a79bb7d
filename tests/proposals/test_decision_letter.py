import datetime as dt
import hashlib
import subprocess
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from accounting.services.awards import award_make
from core.roles import Role
from proposals.exceptions import ProposalError
from proposals.models import DecisionLetter
from proposals.services import letters as letter_services
from tests.factories import make_user
from tests.proposals.test_awards import adopted_proposal, regional_fund_with_municipalities

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages).split()
    )


@pytest.fixture
def issued():
    two = make_user("two-letter", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("3000000"),), years=(2017,)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    award = award_make(
        user=two,
        proposal=proposal,
        year=2017,
        amount=Decimal("123456.78"),
        period_start=dt.date(2017, 3, 1),
        period_end=dt.date(2017, 12, 31),
        conditions="Halfjaarlijks voortgangsoverleg met de TWO.",
    )
    letter = letter_services.letter_issue(
        user=two,
        award=award,
        addressee="Jeugdhulp Rijnland, t.a.v. de directie",
        signatory="De voorzitter van het PHO Maatschappij",
    )
    return two, award, letter


def test_letter_holds_everything_the_issue_names(issued):
    _, award, letter = issued
    text = pdf_text(bytes(letter.pdf))
    for expected in [
        "Beschikking TF-2017-001",
        "Jeugdhulp Rijnland, t.a.v. de directie",
        "€ 123.456,78",
        "1 maart 2017 tot en met 31 december 2017",
        "Minder jongeren in residentiële zorg",
        "Jongeren teruggeleid naar ambulante hulp",
        "25,00",
        "Halfjaarlijks voortgangsoverleg met de TWO",
        "uiterlijk op 1 maart 2018",
        "Ambulant",
        "Residentieel",
        "Veiligheid",
        "GGZ / psychiatrie",
        "gedekt",
        "De voorzitter van het PHO Maatschappij",
        "niet gebruikt om wachtlijsten te financieren",
    ]:
        assert expected in text, expected
    assert letter.sha256 == hashlib.sha256(bytes(letter.pdf)).hexdigest()


def test_matrix_grid_marks_the_covered_cells(issued):
    _, _, letter = issued
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=bytes(letter.pdf), capture_output=True, check=True
    ).stdout.decode()
    youth = next(line for line in out.splitlines() if "Jeugd- en opvoedhulp" in line)
    ggz = next(line for line in out.splitlines() if "GGZ / psychiatrie" in line)
    assert youth.count("gedekt") == 1 and ggz.count("gedekt") == 1


def test_letter_is_never_reissued_but_corrected_by_a_new_letter(issued):
    two, award, letter = issued
    with pytest.raises(ProposalError, match="correctie"):
        letter_services.letter_issue(user=two, award=award, addressee="Ander adres", signatory="X")
    correction = letter_services.letter_issue(
        user=two,
        award=award,
        addressee="Jeugdhulp Rijnland, t.a.v. de controller",
        signatory="De voorzitter",
        corrects=letter,
        reason="Verkeerde geadresseerde.",
    )
    assert correction.version == 2
    assert "is een correctie van beschikking TF-2017-001 versie 1" in pdf_text(
        bytes(correction.pdf)
    )
    letter.refresh_from_db()
    assert letter.sha256 == hashlib.sha256(bytes(letter.pdf)).hexdigest()
    assert "t.a.v. de directie" in pdf_text(bytes(letter.pdf))


def test_database_refuses_a_second_version_without_reference(issued):
    from django.db import IntegrityError

    _, award, letter = issued
    with pytest.raises(IntegrityError):
        DecisionLetter.objects.create(
            award=award, version=2, addressee="x", signatory="y", pdf=b"%PDF", sha256="0"
        )


def test_cli_writes_the_stored_pdf(issued, tmp_path):
    _, award, letter = issued
    target = tmp_path / "b.pdf"
    call_command(
        "decision_letter", "TF-2017-001", "--output", str(target), stdout=open("/dev/null", "w")
    )
    assert target.read_bytes() == bytes(letter.pdf)
    with pytest.raises(CommandError, match="geen toekenning met nummer TF-2099-001"):
        call_command("decision_letter", "TF-2099-001", "--output", str(target))


def test_cli_issues_a_missing_letter_once(issued, tmp_path):
    two, award, _ = issued
    second = award_make(
        user=two,
        proposal=award.proposal,
        year=2017,
        amount=Decimal("1000"),
        period_start=dt.date(2017, 3, 1),
        period_end=dt.date(2017, 12, 31),
    )
    target = tmp_path / "c.pdf"
    with pytest.raises(CommandError, match="geef --addressee en --signatory"):
        call_command("decision_letter", second.number, "--output", str(target))
    call_command(
        "decision_letter",
        second.number,
        "--output",
        str(target),
        "--addressee",
        "GGZ Leiden",
        "--signatory",
        "De voorzitter",
        stdout=open("/dev/null", "w"),
    )
    assert "Beschikking TF-2017-002" in pdf_text(target.read_bytes())
    call_command(
        "decision_letter",
        second.number,
        "--output",
        str(target),
        "--addressee",
        "Ander",
        "--signatory",
        "X",
        stdout=open("/dev/null", "w"),
    )
    assert second.letters.count() == 1 and "Ander" not in pdf_text(target.read_bytes())


def test_issued_letter_cannot_be_changed_or_deleted(issued):
    from django.db import DatabaseError, connection, transaction

    from core.exceptions import WriteOnceError

    _, _, letter = issued
    letter.addressee = "Iemand anders"
    with pytest.raises(
        WriteOnceError, match="beschikking is vastgelegd en wordt nooit gewijzigd of verwijderd"
    ):
        letter.save()
    with pytest.raises(WriteOnceError):
        letter.delete()
    with pytest.raises(WriteOnceError):
        DecisionLetter.objects.filter(pk=letter.pk).update(addressee="Iemand anders")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE proposals_decisionletter SET addressee = 'Iemand anders' WHERE id = %s",
            [letter.pk],
        )
    assert (
        DecisionLetter.objects.get(pk=letter.pk).addressee
        == "Jeugdhulp Rijnland, t.a.v. de directie"
    )
