"""Write the decision letter (beschikking) of an award to a PDF file.

The stored letter is written as issued (the latest version unless --letter-version is given).
An award without a letter gets one issued first when --addressee and --signatory are given.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.exceptions import DomainError
from proposals.models import Award
from proposals.services import letters as letter_services


class Command(BaseCommand):
    help = "Schrijf de beschikking van een toekenning (bijv. TF-2017-004) naar een PDF-bestand."

    def add_arguments(self, parser):
        parser.add_argument("number", help="beschikkingsnummer, bijv. TF-2017-004")
        parser.add_argument("--output", required=True, help="pad van het PDF-bestand")
        parser.add_argument(
            "--letter-version",
            type=int,
            dest="letter_version",
            default=None,
            help="versie van de beschikking (standaard de laatste)",
        )
        parser.add_argument(
            "--addressee",
            default="",
            help="geadresseerde, als de beschikking nog moet worden opgemaakt",
        )
        parser.add_argument(
            "--signatory",
            default="",
            help="ondertekenaar, als de beschikking nog moet worden opgemaakt",
        )

    def handle(self, *args, number, output, letter_version, addressee, signatory, **options):
        award = Award.objects.filter(number=number.strip().upper()).first()
        if award is None:
            raise CommandError(f"Er is geen toekenning met nummer {number}.")
        letters = award.letters.order_by("-version")
        if not letters.exists() and letter_version is None:
            if not (addressee and signatory):
                raise CommandError(
                    f"Voor {award.number} is nog geen beschikking opgemaakt; geef --addressee en --signatory om die op te maken."
                )
            try:
                letter_services.letter_issue(
                    user=None, award=award, addressee=addressee, signatory=signatory
                )
            except DomainError as exc:
                raise CommandError(exc.message) from exc
        letter = (
            letters.filter(version=letter_version).first() if letter_version else letters.first()
        )
        if letter is None:
            raise CommandError(f"{award.number} heeft geen beschikking versie {letter_version}.")
        Path(output).write_bytes(bytes(letter.pdf))
        self.stdout.write(
            f"{award.number} versie {letter.version} geschreven naar {output} (sha256 {letter.sha256[:12]})."
        )
