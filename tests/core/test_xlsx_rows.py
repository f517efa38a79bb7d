"""core.spreadsheets.write_only_cells writes a write-only sheet's rows as XML text. A workbook it
writes reads back as the workbook openpyxl's own writer makes of the same rows (values, types,
number formats, fonts, fills, column widths), except that text is never a formula or an error
code, and characters XLSX cannot hold are left out instead of failing the export."""

import datetime as dt
import io
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from core.spreadsheets import EURO_FORMAT, cell_styles, text_cell, workbook_bytes, write_only_cells

NAMES = {EURO_FORMAT: "Bedrag", "DD-MM-YYYY": "Datum", "#,##0.##": "Getal", None: "Tekst"}

# A row is a list of (value, number_format, strong, flagged).
ROWS = [
    [("Titel", None, True, False)],
    [("Gemeente", None, True, False), ("Bedrag", None, True, False), (None, None, True, False)],
    [("Leiden", None, False, False), (Decimal("1234567.89"), EURO_FORMAT, False, False)],
    [("  spaties  ", None, False, False), (Decimal("-0.01"), EURO_FORMAT, False, True)],
    [("a & b < c > d \"e\" 'f'", None, False, True), (7, None, False, False), (2.5, None, 0, 0)],
    [(None, None, False, False), ("", None, False, False), (True, None, False, False)],
    [(dt.date(2026, 3, 1), "DD-MM-YYYY", False, False), (False, None, True, False)],
    [(Decimal("12.5"), "#,##0.##", True, True), ("regel\nnieuwe regel", None, False, False)],
    [("één € ü ß 中", None, False, False), (10**15, None, False, False)],
]


def _ours(rows) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Blad")
    ws.column_dimensions["A"].width = 28
    cell = write_only_cells(ws, cell_styles(wb, NAMES))
    for row in rows:
        ws.append([cell(v, fmt, strong, flagged) for v, fmt, strong, flagged in row])
    return workbook_bytes(wb)


def _openpyxl(rows) -> bytes:
    """The same rows through openpyxl's own cells and writer."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Blad")
    ws.column_dimensions["A"].width = 28
    style = cell_styles(wb, NAMES)
    for row in rows:
        cells = []
        for value, fmt, strong, flagged in row:
            if not (fmt or strong or flagged) and value is None:
                cells.append(None)
                continue
            c = text_cell(WriteOnlyCell(ws, value=value))
            if fmt or strong or flagged:
                c.style = style(fmt, strong, flagged)
            cells.append(c)
        ws.append(cells)
    return workbook_bytes(wb)


def _read(data: bytes) -> list:
    ws = load_workbook(io.BytesIO(data))["Blad"]
    seen = [ws.column_dimensions["A"].width]
    for row in ws.iter_rows():
        for c in row:
            seen.append(
                (
                    c.coordinate,
                    c.value,
                    c.data_type,
                    c.number_format,
                    c.font.b,
                    c.fill.fgColor.rgb if c.fill.fill_type else None,
                )
            )
    return seen


def test_a_sheet_reads_back_as_openpyxls_own_writer_makes_it():
    ours = _read(_ours(ROWS))
    assert ours == _read(_openpyxl(ROWS))
    cells = {c[0]: c for c in ours[1:]}
    assert cells["B3"][1:4] == (1234567.89, "n", EURO_FORMAT)
    assert cells["A4"][1] == "  spaties  "  # the spaces are kept
    assert cells["B4"][5] == "00F8D7DA"  # a flagged row: light red
    assert cells["A7"][1] == dt.datetime(2026, 3, 1) and cells["A7"][3] == "DD-MM-YYYY"
    assert cells["B6"][1] is None  # an empty text is an empty cell, as openpyxl writes it


def test_text_is_never_a_formula_or_an_error_code():
    texts = ['=HYPERLINK("http://x","klik")', "+SUM(A1)", "-1+2", "@x", "#N/A", "#DIV/0!", "="]
    rows = [[(t, None, False, False), (t, EURO_FORMAT, True, False)] for t in texts]
    ws = load_workbook(io.BytesIO(_ours(rows)))["Blad"]
    assert [(c.value, c.data_type) for row in ws.iter_rows() for c in row] == [
        (t, "s") for t in texts for _ in range(2)
    ]


def test_characters_xlsx_cannot_hold_are_left_out_instead_of_failing():
    ws = load_workbook(io.BytesIO(_ours([[("Zorg\x00aan\x08bieder\x1f", None, False, False)]])))
    assert ws["Blad"]["A1"].value == "Zorgaanbieder"


def test_a_cell_that_openpyxl_must_write_itself_keeps_its_place_and_style():
    """A date or a time without a style gets openpyxl's own format, a Cell is written as given:
    each between text-written cells of the same row."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Blad")
    cell = write_only_cells(ws, cell_styles(wb, NAMES))
    given_cell = WriteOnlyCell(ws, value="=1+1")  # our own formula, as the forecast template has
    ws.append(
        [
            cell("voor"),
            cell(dt.date(2026, 1, 2)),
            cell(dt.time(9, 30)),
            given_cell,
            cell("na"),
        ]
    )
    row = load_workbook(io.BytesIO(workbook_bytes(wb)))["Blad"]["A1:E1"][0]
    assert [c.value for c in row] == ["voor", dt.datetime(2026, 1, 2), dt.time(9, 30), "=1+1", "na"]
    assert row[1].is_date and row[2].is_date and row[3].data_type == "f"


values = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(-(10**12), 10**12),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.booleans(),
    st.dates(min_value=dt.date(1901, 1, 1)),
)
cells = st.tuples(
    values, st.sampled_from([None, EURO_FORMAT, "#,##0.##"]), st.booleans(), st.booleans()
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cells, max_size=6), min_size=1, max_size=6))
def test_any_rows_read_back_as_openpyxl_writes_them(rows):
    # openpyxl refuses the characters XLSX cannot hold; ours leaves them out (test above)
    rows = [
        [
            (v.replace("\r", ""), f, s, fl) if isinstance(v, str) else (v, f, s, fl)
            for v, f, s, fl in row
            if not (isinstance(v, str) and any(ord(ch) < 32 and ch not in "\t\n" for ch in v))
        ]
        for row in rows
    ]
    assert _read(_ours(rows)) == _read(_openpyxl(rows))
