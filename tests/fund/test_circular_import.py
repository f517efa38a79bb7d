"""Loading a new May circular: a bad file is rejected whole, with rows and reasons."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from core.models import Region
from fund import services
from fund.exceptions import FileRejected
from fund.models import BudgetAmount, BudgetCircular

pytestmark = pytest.mark.django_db

HEADER = "cbs_code,gemeente,jaar,domein,bedrag\n"


def good_rows(year=2019):
    from core.models import Municipality

    lines = []
    for m in Municipality.objects.filter(region__slug="holland-rijnland").order_by("cbs_code"):
        for domain in ("regionaal", "veiligheid", "lokaal"):
            lines.append(f"{m.cbs_code},{m.name},{year},{domain},1000000.50")
    return lines


def load(content: bytes, filename="mc.csv", name="Meicirculaire 2019"):
    return services.circular_import(
        name=name,
        slug=name.lower().replace(" ", "-"),
        published_year=2019,
        region=Region.objects.get(slug="holland-rijnland"),
        content=content,
        filename=filename,
    )


def rejected(content: bytes, filename="mc.csv") -> list:
    before = BudgetAmount.objects.count(), BudgetCircular.objects.count()
    with pytest.raises(FileRejected) as info:
        load(content, filename)
    assert (BudgetAmount.objects.count(), BudgetCircular.objects.count()) == before, (
        "nothing may be saved"
    )
    return info.value.errors


def test_a_good_csv_is_loaded_whole(demo):
    circular = load((HEADER + "\n".join(good_rows())).encode())
    assert circular.amounts.count() == 13 * 3


def test_a_good_xlsx_is_loaded_whole(demo):
    wb = Workbook()
    ws = wb.active
    ws.append(["cbs_code", "gemeente", "jaar", "domein", "bedrag"])
    for line in good_rows():
        code, name, year, domain, amount = line.split(",")
        ws.append([code, name, int(year), domain, float(amount)])
    out = io.BytesIO()
    wb.save(out)
    circular = load(out.getvalue(), "mc.xlsx")
    assert circular.amounts.count() == 39


def test_unknown_municipality(demo):
    rows = good_rows() + ["GM9999,Nergenshuizen,2019,regionaal,100"]
    errors = rejected((HEADER + "\n".join(rows)).encode())
    assert ("CSV", 41, "cbs_code", "onbekende gemeente GM9999") in errors


def test_missing_row(demo):
    rows = good_rows()
    del rows[4]  # Hillegom? whichever: one municipality loses one domain
    errors = rejected((HEADER + "\n".join(rows)).encode())
    assert len(errors) == 1
    assert errors[0][3].startswith("rij ontbreekt voor gemeente")


def test_duplicate_row(demo):
    rows = good_rows()
    rows.append(rows[0])
    errors = rejected((HEADER + "\n".join(rows)).encode())
    assert errors == [
        ("CSV", 41, "cbs_code", "dubbele rij: dezelfde gemeente, jaar en domein als rij 2")
    ]


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("-5", "negatief bedrag -5"),
        ("veel", "'veel' is geen getal; schrijf bijvoorbeeld 12.500,50 of 12500,50."),
        ("", "bedrag ontbreekt"),
        ('"1,005"', "'1,005' heeft te veel cijfers achter de komma; ten hoogste 2."),
        # issue 12, hole 6: one reader of numbers, within the column's 16 digits, ASCII digits only
        (
            '"99999999999999999999,99"',
            "'99999999999999999999,99' is te groot; ten hoogste 14 cijfers voor de komma.",
        ),
        ("١٠٠٠", "'١٠٠٠': gebruik alleen de cijfers 0 tot en met 9."),
        ("1_000", "'1_000' is geen getal; schrijf bijvoorbeeld 12.500,50 of 12500,50."),
        (
            '"12,500.50"',
            "'12,500.50': schrijf het getal op zijn Nederlands, met een komma voor de decimalen "
            "(bijvoorbeeld 12.500,50 of 12500,50).",
        ),
    ],
)
def test_bad_amounts(demo, amount, reason):
    rows = good_rows()
    code, name, year, domain, _ = rows[2].split(",")
    rows[2] = f"{code},{name},{year},{domain},{amount}"
    assert ("CSV", 4, "bedrag", reason) in rejected((HEADER + "\n".join(rows)).encode())


def test_all_errors_are_reported_at_once(demo):
    rows = good_rows()
    rows[0] = rows[0].rsplit(",", 1)[0] + ",-1"
    rows[5] = rows[5].rsplit(",", 1)[0] + ",abc"
    errors = rejected((HEADER + "\n".join(rows)).encode())
    assert [(e[1], e[2]) for e in errors] == [(2, "bedrag"), (7, "bedrag")]


def test_missing_column(demo):
    errors = rejected(b"cbs_code,jaar,bedrag\nGM0484,2019,5\n")
    assert errors == [("CSV", 1, "domein", "verplichte kolom ontbreekt")]


def test_not_a_spreadsheet(demo):
    errors = rejected(b"PK\x03\x04 this is no xlsx", "mc.xlsx")
    assert "geen geldig" in errors[0][3] or "niet te lezen" in errors[0][3]


def test_dutch_semicolon_csv_with_decimal_commas(demo):
    rows = [line.replace(",", ";").replace("1000000.50", "1.000.000,50") for line in good_rows()]
    circular = load(("cbs_code;gemeente;jaar;domein;bedrag\n" + "\n".join(rows)).encode())
    assert str(circular.amounts.first().amount.amount) == "1000000.50"


def test_command_loads_and_rejects(demo, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "\n".join(good_rows()))
    call_command(
        "import_circular",
        "Meicirculaire 2019",
        str(good),
        "--region",
        "holland-rijnland",
        "--year",
        "2019",
    )
    assert "39 regels" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "GM0484,Alphen,2019,regionaal,-3\n")
    with pytest.raises(CommandError, match="rij 2, kolom bedrag: negatief bedrag"):
        call_command(
            "import_circular",
            "Meicirculaire 2020",
            str(bad),
            "--region",
            "holland-rijnland",
            "--year",
            "2020",
        )
    assert not BudgetCircular.objects.filter(name="Meicirculaire 2020").exists()
