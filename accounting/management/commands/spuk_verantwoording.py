from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounting import tasks
from accounting.selectors.spuk import spuk_verantwoording
from accounting.sisa import sisa_report
from core.dates import year_arg
from fund.models import Fund


class Command(BaseCommand):
    help = "Write the yearly SPUK verantwoording (SiSa layout) of a fund as XLSX or PDF."

    def add_arguments(self, parser):
        parser.add_argument("fund", help="slug of the SPUK fund, e.g. spuk-bren-zuid-west")
        parser.add_argument("year", type=year_arg, help="the year accounted for (jaar T)")
        parser.add_argument("--format", choices=["xlsx", "pdf"], required=True)
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args, **options):
        fund = Fund.objects.filter(slug=options["fund"]).first()
        if fund is None:
            raise CommandError(f"Fonds {options['fund']!r} bestaat niet.")
        if fund.kind != Fund.Kind.SPUK:
            raise CommandError(
                f"{fund} is geen SPUK; een SPUK-verantwoording hoort bij een specifieke uitkering."
            )
        sisa = spuk_verantwoording(fund, options["year"])
        if not sisa.rows:
            raise CommandError(
                f"{fund} heeft voor {options['year']} of eerder geen begrotingsverdeling."
            )
        content, _, _ = tasks.render(sisa_report(sisa), options["format"])
        try:
            Path(options["output"]).write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Kan {options['output']} niet schrijven: {exc.strerror}") from exc
        for row in sisa.missing_explanations:
            self.stderr.write(
                f"Toelichting ontbreekt: {row.label} (afwijking > 10% van het budget)"
            )
        # the SiSa appendix itself: one line per grant decision, its indicators by code
        code = sisa.sisa_code
        for d in sisa.decisions:
            self.stdout.write(
                f"{code}/01 {d.number or f'(beschikking {d.grant_year}: nummer nog niet vastgelegd)'} | "
                f"{code}/02 {d.spent_year} | {code}/03 {d.cumulative} | {code}/04 {'Ja' if d.final else 'Nee'}"
                + (f" | {code}/05 {d.explanation}" if d.explanation else "")
            )
        totals = sisa.totals
        self.stdout.write(
            f"{options['output']}: {len(sisa.decisions)} beschikking(en), {len(sisa.rows)} regels, budget "
            f"{totals['budget']}, besteed {options['year']} {totals['spent_year']}, cumulatief {totals['cumulative']}"
        )
