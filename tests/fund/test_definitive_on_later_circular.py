"""seed 002 besluitpunt 3b: the fund's 2018 and 2019 contributions, provisional on the Meicirculaire
2016, become definitive on the Meicirculaire 2017 and 2018. The demo does it when each circular
arrives and books each municipality's difference against what was charged; the page, the XLSX, the
journal and the CLI show it."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from openpyxl import load_workbook

from accounting.models import Account, EntryKind, JournalEntry, JournalLine
from fund.models import Contribution, Tranche, TrancheEvent
from tests.fund.test_seed_tables import SEED_FUND

pytestmark = pytest.mark.django_db
TF = "tijdelijk-fonds-holland-rijnland"


def recalculation_entry(year):
    return JournalEntry.objects.get(
        fund__slug=TF,
        kind=EntryKind.CONTRIBUTION_CHARGED,
        description__startswith=f"Herberekening {year}",
    )


@pytest.mark.parametrize(
    ("year", "circular", "day"),
    [
        (2018, "Meicirculaire 2017", dt.date(2017, 6, 13)),
        (2019, "Meicirculaire 2018", dt.date(2018, 6, 13)),
    ],
)
def test_each_difference_is_booked_and_they_sum_to_zero(demo, year, circular, day):
    entry = recalculation_entry(year)
    assert entry.description.startswith(f"Herberekening {year} op {circular}")
    assert entry.booked_on == day  # a week after the circular was read, in the story
    receivable = entry.lines.filter(account__code=Account.Code.RECEIVABLE)
    deltas = {
        line.municipality.name: line.amount.amount
        for line in receivable.select_related("municipality")
    }
    assert sum(deltas.values()) == 0  # the tranche's amount is fixed
    assert any(d > 0 for d in deltas.values()) and any(
        d < 0 for d in deltas.values()
    )  # extra charges and refunds
    # per municipality: provisional (Bijlage 3) + difference = definitive = everything charged for the year
    for contribution in Contribution.objects.filter(
        tranche__fund__slug=TF, tranche__year=year
    ).select_related("municipality"):
        name = contribution.municipality.name
        provisional = Decimal(SEED_FUND[name][year - 2016])
        assert abs(provisional + deltas.get(name, Decimal(0)) - contribution.amount.amount) <= 1, (
            name
        )
        charged = JournalLine.objects.filter(
            entry__fund__slug=TF,
            entry__kind=EntryKind.CONTRIBUTION_CHARGED,
            year=year,
            account__code=Account.Code.RECEIVABLE,
            municipality=contribution.municipality,
        ).aggregate(s=Sum("amount"))["s"]
        assert Decimal(charged).quantize(Decimal("0.01")) == contribution.amount.amount


def test_the_tranche_history_names_the_recalculation(demo_client):
    tranche = Tranche.objects.get(fund__slug=TF, year=2018)
    assert list(tranche.events.values_list("kind", "new_basis__slug")) == [
        ("computed", "meicirculaire-2016"),
        ("rebased", "meicirculaire-2017"),
        ("made_definitive", "meicirculaire-2017"),
    ]
    html = demo_client("two").get(f"/fondsen/{TF}/2018/historie/").content.decode()
    assert "Meicirculaire 2016 → Meicirculaire 2017" in html and "Definitief gemaakt" in html
    journal = demo_client("two").get(f"/boekhouding/{TF}/journaal/?pagina=1")
    pages = [journal.content.decode()]
    page = 2
    while "Herberekening 2018" not in "".join(pages) and page < 10:
        pages.append(
            demo_client("two").get(f"/boekhouding/{TF}/journaal/?pagina={page}").content.decode()
        )
        page += 1
    assert "Herberekening 2018 op Meicirculaire 2017" in "".join(pages)


def test_fund_page_shows_basis_provisional_definitive_and_difference(demo_client):
    leiden_2018 = Contribution.objects.get(
        tranche__fund__slug=TF, tranche__year=2018, municipality__name="Leiden"
    )
    html = demo_client("two").get(f"/fondsen/{TF}/").content.decode()
    assert "2018 voorlopig<br><small>Meicirculaire 2016</small>" in html
    assert "2018 definitief<br><small>Meicirculaire 2017</small>" in html
    assert "2019 definitief<br><small>Meicirculaire 2018</small>" in html
    assert "2017<br><small>Meicirculaire 2016</small>" in html
    row = html[html.index('<th scope="row">Leiden</th>') :]
    row = row[: row.index("</tr>")]
    provisional = next(
        h.amount.amount for h in leiden_2018.history.order_by("history_date", "history_id")
    )
    assert abs(provisional - 650551) <= 1  # Bijlage 3
    difference = leiden_2018.amount.amount - provisional
    assert f"€ {int(provisional):,}".replace(",", ".") + ",00" in row
    assert f"€ {int(leiden_2018.amount.amount):,}".replace(",", ".") + ",00" in row
    sign = "+" if difference > 0 else "-"
    assert f"{sign}€ {abs(int(difference)):,}".replace(",", ".") + ",00" in row


def test_xlsx_has_the_three_columns_of_a_recalculated_year(demo_client):
    content = demo_client("two").get(f"/fondsen/{TF}/bijdragen.xlsx").getvalue()
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    header = rows[1]
    i = header.index("2018 (voorlopig)")
    assert header[i + 1 : i + 3] == ("2018 (definitief)", "2018 verschil")
    leiden = next(r for r in rows if r[0] == "Leiden")
    assert abs(leiden[i] - 650551) <= 1 and leiden[i + 2] == leiden[i + 1] - leiden[i]
    total = next(r for r in rows if r[0] == "Totaal")
    assert (total[i], total[i + 1], total[i + 2]) == (2000000, 2000000, 0)
    bases = next(r for r in rows if r[0] == "Grondslag")
    assert bases[i : i + 2] == ("Meicirculaire 2016", "Meicirculaire 2017")


def _cli(capsys, *args):
    call_command("contributions", TF, *args)
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_cli_basis_gives_bijlage_3_and_without_it_the_definitive_split(demo, capsys):
    provisional = _cli(capsys, "2018", "--basis", "meicirculaire-2016")
    assert list(provisional[0]) == ["municipality", "amount", "cbs_code", "status"]
    assert len(provisional) == 13 and sum(Decimal(r["amount"]) for r in provisional) == Decimal(
        2_000_000
    )
    for r in provisional:
        assert abs(Decimal(r["amount"]) - SEED_FUND[r["municipality"]][2]) <= 1, r
        assert r["status"] == "provisional"
    current = _cli(capsys, "2018")
    assert {r["status"] for r in current} == {"definitive"}
    assert current == _cli(capsys, "2018", "--basis", "meicirculaire-2017")
    charged = dict(
        Contribution.objects.filter(tranche__fund__slug=TF, tranche__year=2018).values_list(
            "municipality__name", "amount"
        )
    )
    assert {r["municipality"]: Decimal(r["amount"]) for r in current} == charged
    assert current != provisional
    for r in _cli(capsys, "2019", "--basis", "meicirculaire-2016"):
        assert abs(Decimal(r["amount"]) - SEED_FUND[r["municipality"]][3]) <= 1, r


def test_cli_unknown_circular_or_circular_without_the_year_is_a_clear_error(demo, tmp_path):
    with pytest.raises(
        CommandError,
        match="Onbekende circulaire 'meicirculaire-2030'. Bekende circulaires: meicirculaire-2016",
    ):
        call_command("contributions", TF, "2018", "--basis", "meicirculaire-2030")
    with pytest.raises(CommandError, match="geen grondslag voor 2016"):
        call_command("contributions", TF, "2016", "--basis", "meicirculaire-2018")
    target = tmp_path / "b.xlsx"
    call_command(
        "contributions",
        TF,
        "2018",
        "--basis",
        "meicirculaire-2016",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert (
        rows[1][2] == "2018 (voorlopig)"
        and rows[-3][2] == 2000000
        and rows[-1][2] == "Meicirculaire 2016"
    )


def test_the_recalculation_is_recorded_once_and_the_history_keeps_the_provisional_rows(demo):
    tranche = Tranche.objects.get(fund__slug=TF, year=2019)
    assert tranche.events.filter(kind=TrancheEvent.Kind.REBASED).count() == 1
    leiden = Contribution.objects.get(tranche=tranche, municipality__name="Leiden")
    assert 325276 in [int(h.amount.amount) for h in leiden.history.all()]
