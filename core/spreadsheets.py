"""What every XLSX and CSV writer shares: text that a spreadsheet program would run as a formula,
written as plain text; the euro formats and the named cell styles; a workbook as a download or bytes.

Every XLSX and CSV writer passes the text it writes through here (issue 12, hole 1: a SPUK
division line labelled `=HYPERLINK(...)` became a live formula in the SiSa XLSX). Formulas we
write ourselves (the forecast template's estimate column) do not go through here.
"""

import io
import tempfile
from copy import copy

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font, NamedStyle, PatternFill

# OWASP "CSV injection": a cell starting with one of these is read as a formula by Excel,
# LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value):
    """One cell's value, safe to write. Text that starts like a formula gets the OWASP prefix `'`
    (in a CSV the quote is what makes it text); anything else (numbers, dates, plain text, None)
    is returned unchanged."""
    if formula_like(value):
        return "'" + value
    return value


def text_cell(cell: Cell) -> Cell:
    """An XLSX cell whose value is text is a string cell (data type `s`), never a formula:
    openpyxl makes any text starting with `=` a formula. Excel does not run a string cell, so the
    text stays as the user typed it. Returns the cell, for `ws.append([...])` and chaining."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def text_row(ws, values) -> list[Cell]:
    """A row for `ws.append` (ordinary or write-only sheet) with every text value a string cell."""
    return [text_cell(Cell(ws, value=value)) for value in values]


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_download(wb: Workbook, filename: str) -> FileResponse:
    """A workbook as a file to save, streamed: written to a temporary file and sent from there in
    parts (FileResponse closes the file when sent), so a large workbook is never held in memory as
    bytes as well. A write-only workbook keeps its rows in a temporary file as they are added."""
    out = tempfile.TemporaryFile()
    wb.save(out)
    out.seek(0)
    response = FileResponse(out, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def workbook_bytes(wb: Workbook) -> bytes:
    """A workbook as bytes (for a background job's file, a test, an attachment)."""
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


EURO_FORMAT = '"€" #,##0.00;-"€" #,##0.00'
EURO_FORMAT_WHOLE = '"€" #,##0;-"€" #,##0'
FLAG_FILL = PatternFill("solid", fgColor="F8D7DA")  # a row to look at: light red


def cell_styles(wb: Workbook, format_names: dict[str | None, str]):
    """`style(number_format, strong=False, flagged=False)`: the name of one of the workbook's
    named styles with that look (number format, bold, a light red fill), made the first time it is
    asked for; set it as `cell.style`. Set per cell, a font, fill and format are compared field by
    field each time, which cost a third of writing a national-scale workbook. `format_names` names
    each number format in the style's name (None: text), as a spreadsheet user sees it."""
    made: dict[tuple, str] = {}

    def style(number_format: str | None, strong: bool = False, flagged: bool = False) -> str:
        key = (number_format, strong, flagged)
        if key not in made:
            named = NamedStyle(
                " ".join(
                    [format_names[number_format]] + ["vet"] * strong + ["gemarkeerd"] * flagged
                )
            )
            if number_format:
                named.number_format = number_format
            if strong:
                named.font = Font(bold=True)
            if flagged:
                named.fill = FLAG_FILL
            wb.add_named_style(named)
            made[key] = named.name
        return made[key]

    return style


def write_only_cells(ws, style):
    """`cell(value, number_format=None, strong=False, flagged=False)`: what a write-only sheet's
    row takes for one value, as cheap as openpyxl allows (a national-scale report has tens of
    thousands of cells; a Cell object per value cost twice as much as the values themselves).

    - A value without a style goes in as it is, unless openpyxl would read its text as a formula
      (it starts with `=`) or an error code (`#N/A`): that text becomes a string cell (text_cell).
      openpyxl makes every other text a string cell itself.
    - A styled value gets a cell whose style is copied from the first cell given that look (named
      style `style(number_format, strong, flagged)`, see cell_styles): setting a named style by its
      name searches the workbook's styles by name each time."""
    looks: dict[tuple, object] = {}

    def cell(value, number_format=None, strong=False, flagged=False):
        if number_format or strong or flagged:
            key = (number_format, strong, flagged)
            look = looks.get(key)
            if look is None:
                first = WriteOnlyCell(ws)
                first.style = style(number_format, strong, flagged)
                look = looks[key] = first._style
            c = WriteOnlyCell(ws, value=value)
            c._style = copy(look)  # StyleArray: the ids of the named style's font, fill, format
            return text_cell(c)
        if isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES):
            return text_cell(WriteOnlyCell(ws, value=value))
        return value

    return cell
