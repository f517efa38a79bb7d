"""Write the issued decision letter (beschikking) of an award to a PDF file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from proposals.models import Award


class Command(BaseCommand):
    help = "Schrijf de beschikking van een toekenning (bijv. TF-2017-004) naar een PDF-bestand."

    def add_arguments(self, parser):
        parser.add_argument("number", help="beschikkingsnummer, bijv. TF-2017-004")
        parser.add_argument("--output", required=True, help="pad van het PDF-bestand")
        parser.add_argument("--letter-version", type=int, dest="letter_version", default=None,
                            help="versie van de beschikking (standaard de laatste)")

    def handle(self, *args, number, output, letter_version, **options):
        award = Award.objects.filter(number=number.strip().upper()).first()
        if award is None:
            raise CommandError(f"Er is geen toekenning met nummer {number}.")
        letters = award.letters.order_by("-version")
        letter = letters.filter(version=letter_version).first() if letter_version else letters.first()
        if letter is None:
            raise CommandError(
                f"Voor {award.number} is nog geen beschikking verstuurd." if letter_version is None
                else f"{award.number} heeft geen beschikking versie {letter_version}."
            )
        Path(output).write_bytes(bytes(letter.pdf))
        self.stdout.write(f"{award.number} versie {letter.version} geschreven naar {output} ({letter.sha256[:12]}).")
