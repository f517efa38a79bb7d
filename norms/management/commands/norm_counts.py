from django.core.management.base import BaseCommand, CommandError

from norms import exports, selectors
from norms.models import Area


class Command(BaseCommand):
    help = "The counts of an area per reference date and norm (CSV to stdout, or XLSX to a file)."

    def add_arguments(self, parser):
        parser.add_argument("area", help="the area's slug, e.g. zuid-west")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--output", help="write to this file instead of stdout (required for xlsx)"
        )

    def handle(self, *args, **options):
        area = Area.objects.filter(slug=options["area"]).first()
        if area is None:
            known = (
                ", ".join(Area.objects.order_by("slug").values_list("slug", flat=True)) or "geen"
            )
            raise CommandError(f"Onbekend gebied '{options['area']}'. Bekende gebieden: {known}.")
        rows = selectors.area_count_rows(area)
        if options["format"] == "xlsx":
            if not options["output"]:
                raise CommandError("Geef --output FILE op voor xlsx.")
            content = exports.counts_xlsx(rows)
        else:
            content = exports.counts_csv(rows)
        if options["output"]:
            try:
                with open(options["output"], "wb") as fh:
                    fh.write(content)
            except OSError as exc:
                raise CommandError(
                    f"Kan {options['output']} niet schrijven: {exc.strerror}."
                ) from exc
            self.stderr.write(f"{len(rows)} tellingen geschreven naar {options['output']}.")
        else:
            self.stdout.write(content.decode(), ending="")
