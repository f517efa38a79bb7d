"""Exports take data and return bytes; views and commands decide where the bytes go."""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from core.spreadsheets import (
    EURO_FORMAT,
    EURO_FORMAT_WHOLE,
    cell_styles,
    neutralise,
    workbook_bytes,
    write_only_cells,
)
from fund.selectors import ContributionTable, cents_to_euros

STYLE_NAMES = {EURO_FORMAT: "Bedrag", EURO_FORMAT_WHOLE: "Bedrag in euro's", None: "Tekst"}


def _plain(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def contributions_csv(table: ContributionTable, year: int | None = None) -> bytes:
    """One row a municipality: `municipality,amount` for one year, or one column per year."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    indexes = _year_indexes(table, year)
    if year is not None:
        writer.writerow(["municipality", "amount", "cbs_code", "status"])
        tranche = table.tranches[indexes[0]]
        for row in table.rows:
            writer.writerow(
                [
                    neutralise(row.municipality.name),
                    _plain(row.amounts[indexes[0]]),
                    neutralise(row.municipality.cbs_code),
                    tranche.status,
                ]
            )
        return out.getvalue().encode()
    writer.writerow(["municipality", "cbs_code", *[str(t.year) for t in table.tranches], "total"])
    for row in table.rows:
        writer.writerow(
            [
                neutralise(row.municipality.name),
                neutralise(row.municipality.cbs_code),
                *[_plain(a) for a in row.amounts],
                _plain(row.total),
            ]
        )
    writer.writerow(["Totaal", "", *[_plain(t) for t in table.totals], _plain(table.grand_total)])
    return out.getvalue().encode()


def _year_indexes(table: ContributionTable, year: int | None) -> list[int]:
    if year is None:
        return list(range(len(table.tranches)))
    for i, tranche in enumerate(table.tranches):
        if tranche.year == year:
            return [i]
    raise ValueError(f"{table.fund} heeft geen tranche voor {year}.")


def contributions_xlsx(table: ContributionTable, year: int | None = None) -> bytes:
    """contributions_workbook as bytes."""
    return workbook_bytes(contributions_workbook(table, year))


def contributions_workbook(table: ContributionTable, year: int | None = None) -> Workbook:
    """The contribution table; for the whole fund, a recalculated year has three columns: the
    provisional amount (old basis), the definitive one (current basis) and the difference."""
    indexes = _year_indexes(table, year)
    whole = all(table.tranches[i].rounding_unit == "1" for i in indexes)
    number_format = EURO_FORMAT_WHOLE if whole else EURO_FORMAT
    recalculated = table.recalculations if year is None else {}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Bijdragen")
    make = write_only_cells(ws, cell_styles(wb, STYLE_NAMES))

    def cell(value, fmt=None, strong=False):
        return make(value, fmt, strong)

    def euros(cents):
        return None if cents is None else cents_to_euros(cents)

    width = len(indexes) + 2 * len(recalculated) + 1
    ws.column_dimensions["A"].width = 28
    for i in range(width):
        ws.column_dimensions[get_column_letter(i + 3)].width = 18
    ws.append([cell(f"Bijdragen {table.fund.name}", strong=True)])
    header, bases = (
        [cell("Gemeente", strong=True), cell("CBS-code", strong=True)],
        [cell("Grondslag", strong=True), cell("")],
    )
    for i in indexes:
        tranche = table.tranches[i]
        if i in recalculated:
            header += [
                cell(f"{tranche.year} (voorlopig)", strong=True),
                cell(f"{tranche.year} ({tranche.get_status_display().lower()})", strong=True),
                cell(f"{tranche.year} verschil", strong=True),
            ]
            bases += [
                cell(str(recalculated[i].old_basis)),
                cell(str(tranche.basis or "—")),
                cell(""),
            ]
        else:
            header.append(
                cell(f"{tranche.year} ({tranche.get_status_display().lower()})", strong=True)
            )
            bases.append(cell(str(tranche.basis or "—")))
    if year is None:
        header.append(cell("Totaal", strong=True))
    ws.append(header)
    for row in table.rows:
        amounts = row.amounts
        line = [cell(row.municipality.name), cell(row.municipality.cbs_code)]
        for i in indexes:
            if i in recalculated:
                line += [
                    cell(euros(table.provisional_cents(row, i)), number_format),
                    cell(amounts[i], number_format),
                    cell(euros(table.difference_cents(row, i)), number_format),
                ]
            else:
                line.append(cell(amounts[i], number_format))
        if year is None:
            line.append(cell(row.total, number_format))
        ws.append(line)
    column_totals = table.totals
    totals = [cell("Totaal", strong=True), cell("")]
    for i in indexes:
        if i in recalculated:
            provisional = recalculated[i].provisional_total_cents
            totals += [
                cell(euros(provisional), number_format, True),
                cell(column_totals[i], number_format, True),
                cell(euros(table.totals_cents[i] - provisional), number_format, True),
            ]
        else:
            totals.append(cell(column_totals[i], number_format, True))
    if year is None:
        totals.append(cell(table.grand_total, number_format, True))
    ws.append(totals)
    ws.append([])
    ws.append(bases)
    return wb
