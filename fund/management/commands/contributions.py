import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.dates import year_arg
from core.exceptions import DomainError
from fund import exports, selectors
from fund.models import BudgetCircular, Fund, Tranche


class Command(BaseCommand):
    help = "Print or write what each municipality contributes to one tranche of a fund."

    def add_arguments(self, parser):
        parser.add_argument("fund_slug")
        parser.add_argument("year", type=year_arg)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="file to write; default: CSV to standard output")
        parser.add_argument(
            "--basis",
            metavar="CIRCULAR_SLUG",
            help="the split on this circular (e.g. meicirculaire-2016); default: the tranche's current basis",
        )

    def handle(self, *args, fund_slug, year, format, output, basis=None, **options):
        fund = Fund.objects.filter(slug=fund_slug).first()
        if fund is None:
            known = ", ".join(Fund.objects.values_list("slug", flat=True)) or "geen"
            raise CommandError(f"Onbekend fonds '{fund_slug}'. Bekende fondsen: {known}.")
        table = selectors.fund_contribution_table(fund)
        if not any(t.year == year for t in table.tranches):
            years = ", ".join(str(t.year) for t in table.tranches) or "geen"
            raise CommandError(f"{fund} heeft geen tranche voor {year}. Jaren: {years}.")
        if basis:
            table = self._on_basis(fund, year, basis)
        content = (
            exports.contributions_xlsx(table, year)
            if format == "xlsx"
            else exports.contributions_csv(table, year)
        )
        if output:
            try:
                Path(output).write_bytes(content)
            except OSError as exc:
                raise CommandError(f"Kan {output} niet schrijven: {exc.strerror}.") from exc
            self.stderr.write(f"Geschreven: {output}")
        elif format == "xlsx":
            raise CommandError("XLSX is binair: geef --output FILE op.")
        else:
            sys.stdout.write(content.decode())

    def _on_basis(self, fund, year, slug):
        circular = BudgetCircular.objects.filter(slug=slug).first()
        if circular is None:
            known = (
                ", ".join(
                    BudgetCircular.objects.order_by("published_year").values_list("slug", flat=True)
                )
                or "geen"
            )
            raise CommandError(f"Onbekende circulaire '{slug}'. Bekende circulaires: {known}.")
        tranche = Tranche.objects.select_related("fund", "basis").get(fund=fund, year=year)
        try:
            return selectors.tranche_split_on(tranche=tranche, circular=circular)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
