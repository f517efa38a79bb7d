"""What every XLSX and CSV writer shares: text that a spreadsheet program would run as a formula,
written as plain text; the euro formats and the named cell styles; a workbook as a download or bytes.

Every XLSX and CSV writer passes the text it writes through here (issue 12, hole 1: a SPUK
division line labelled `=HYPERLINK(...)` became a live formula in the SiSa XLSX). Formulas we
write ourselves (the forecast template's estimate column) do not go through here.
"""

import io
import tempfile
from copy import copy
from xml.sax.saxutils import escape

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell._writer import write_cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, NUMERIC_TYPES, TIME_TYPES
from openpyxl.compat import safe_string
from openpyxl.styles import Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

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


def xlsx_text(value):
    """A value as an XLSX cell can hold it: text without the control characters that XLSX
    cannot store (openpyxl refuses them, and the download would fail); anything else unchanged.
    Text pasted from another program can carry such a character (a vertical tab, a backspace)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def text_cell(cell: Cell) -> Cell:
    """An XLSX cell whose value is text is a string cell (data type `s`), never a formula:
    openpyxl makes any text starting with `=` a formula. Excel does not run a string cell, so the
    text stays as the user typed it. Returns the cell, for `ws.append([...])` and chaining."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def text_row(ws, values) -> list[Cell]:
    """A row for `ws.append` (ordinary or write-only sheet) with every text value a string cell,
    without characters XLSX cannot hold."""
    return [text_cell(Cell(ws, value=xlsx_text(value))) for value in values]


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
    """`cell(value, number_format=None, strong=False, flagged=False)`: what a row of the
    write-only sheet `ws` takes for one value. The sheet's rows are then written as XML text by
    `_rows_as_text` (a national-scale report has tens of thousands of cells, and openpyxl builds
    a Cell and an XML element for each one). Set the sheet's column widths before its first row:
    the sheet's head is written at the first row.

    - Every text is a string cell, never a formula (`=`) or an error code (`#N/A`).
    - A styled value carries the index of its look (named style `style(number_format, strong,
      flagged)`, see cell_styles), found once per look."""
    looks: dict[tuple, int] = {}

    def append(row) -> None:
        if ws._rows is None:
            ws._get_writer()  # the sheet's head: properties, views, column widths
            ws._rows = _rows_as_text(ws)
            next(ws._rows)
        ws._rows.send(row)

    ws.append = append

    def cell(value, number_format=None, strong=False, flagged=False):
        if number_format or strong or flagged:
            key = (number_format, strong, flagged)
            look = looks.get(key)
            if look is None:
                first = WriteOnlyCell(ws)
                first.style = style(number_format, strong, flagged)
                look = looks[key] = first.style_id
            return _Styled(value, look)
        return value

    return cell


class _Styled:
    """A value and the index of its cell style in the workbook."""

    __slots__ = ("value", "style_id")

    def __init__(self, value, style_id: int):
        self.value = value
        self.style_id = style_id


def _rows_as_text(ws):
    """Takes the place of openpyxl's `WriteOnlyWorksheet._write_rows` (ws.append sends each row
    here; ws.close ends it): writes each row's cells as XML text into the sheet's stream, as
    openpyxl would write them. A value of another kind (a date without a style, a Cell) goes
    through openpyxl's own cell writer."""
    writer = ws._writer
    xf = writer.xf.send(True)
    out = xf._file  # et_xmlfile's raw write, inside the open <sheetData> element
    epoch = None if ws.parent.iso_dates else ws.parent.epoch
    with xf.element("sheetData"):
        row_idx = 1
        try:
            while True:
                row = yield
                parts = [f'<row r="{row_idx}">']
                for col_idx, value in enumerate(row, 1):
                    if value is None:
                        continue
                    ref = f"{get_column_letter(col_idx)}{row_idx}"
                    style_id = None
                    if type(value) is _Styled:
                        style_id, value = value.style_id, value.value
                    text = _cell_text(ref, style_id, value, epoch)
                    if text is None:  # another kind: openpyxl writes it
                        out("".join(parts))
                        parts.clear()
                        _write_other(xf, ws, value, col_idx, row_idx, style_id)
                    else:
                        parts.append(text)
                parts.append("</row>")
                out("".join(parts))
                row_idx += 1
        except GeneratorExit:
            pass
    writer.xf.send(None)


def _cell_text(ref: str, style_id: int | None, value, epoch) -> str | None:
    style = "" if style_id is None else f' s="{style_id}"'
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value[:32767])  # not allowed in XLSX
        if not value:
            return f'<c r="{ref}"{style} t="inlineStr"/>'
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and stripped != value else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'
    if value is None:  # styled, empty
        return f'<c r="{ref}"{style} t="n"/>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, NUMERIC_TYPES):
        return f'<c r="{ref}"{style} t="n"><v>{safe_string(value)}</v></c>'
    if style and epoch and isinstance(value, TIME_TYPES) and not getattr(value, "tzinfo", None):
        number = safe_string(to_excel(value, epoch))
        return f'<c r="{ref}"{style} t="n"><v>{number}</v></c>'
    return None


def _write_other(xf, ws, value, col_idx: int, row_idx: int, style_id: int | None) -> None:
    cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)
    cell.column, cell.row = col_idx, row_idx
    if style_id is not None:
        cell._style = copy(ws.parent._cell_styles[style_id])
    write_cell(xf, ws, cell, cell.has_style)
