"""A report as PDF bytes, laid out a part at a time.

WeasyPrint holds the layout of a whole document in memory, about a quarter of a megabyte per
table row: a national overview of thousands of rows would take more than half a gigabyte. So a
large report is laid out in parts of ROWS_PER_PART rows. A part is written without its last page,
and the next part starts with what that page began with (a caption, a row, the totals or the
notes), so every page is the page one document would have made: a page holds the rows that the
one before it left, as many as fit. (A part that does not fill two pages is laid out again with
twice the rows, so a part never ends a page early.) The parts' pages are joined (pypdf), and "pagina N van M" is
drawn on each page afterwards, when M is known.

Every piece of a report that can start a page is an *item*: per table its caption, each row (an
empty table: its "Geen gegevens." row) and its totals; then the notes. An item carries its number
(`data-p`) into the HTML, so the first item on a part's last page can be found in the layout.
"""

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from reports.table import Report, Table
from reports.templatetags.reports import col_widths, table_body

ROWS_PER_PART = 300  # about 20 pages and 80 MB of layout at a time

CAPTION, BODY, TOTALS, NOTES = "caption", "body", "totals", "notes"


@dataclass(frozen=True)
class Item:
    kind: str  # CAPTION, BODY (a row, or the empty table's message), TOTALS or NOTES
    table: int  # index in report.tables (NOTES: len(report.tables))
    row: int = 0  # BODY: the row's index


def items_of(report: Report) -> list[Item]:
    items = []
    for t, table in enumerate(report.tables):
        items.append(Item(CAPTION, t))
        items.extend(Item(BODY, t, r) for r in range(max(len(table.rows), 1)))
        if table.totals:
            items.append(Item(TOTALS, t))
    if report.notes:
        items.append(Item(NOTES, len(report.tables)))
    return items


@dataclass
class Piece:
    """One table's share of a part: its caption or not, some of its rows, its totals or not."""

    table: Table
    widths: list[str]
    caption_mark: int | None  # the caption's item number; None: the caption is on an earlier page
    body: SafeString
    totals_mark: int | None


def report_pdf(report: Report) -> bytes:
    items = items_of(report)
    widths = [col_widths(table) for table in report.tables]  # of the whole table, in every part
    if sum(item.kind == BODY for item in items) <= ROWS_PER_PART:
        return _document(report, items, 0, len(items), widths, numbered=True).write_pdf()
    writer = PdfWriter()
    start, rows = 0, ROWS_PER_PART
    while start < len(items):
        end = _part_end(items, start, rows)
        document = _document(report, items, start, end, widths, numbered=False)
        pages = document.pages
        if end < len(items):
            restart = _first_item(pages[-1]) if len(pages) > 1 else None
            if restart is None or restart <= start:
                rows *= 2  # the part did not fill a page: lay it out again, larger
                continue
            pages = pages[:-1]  # laid out again at the start of the next part
        else:
            restart = end
        _append(writer, document.copy(pages).write_pdf(), metadata=start == 0)
        start, rows = restart, ROWS_PER_PART
    _number_pages(writer)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _part_end(items: list[Item], start: int, rows: int) -> int:
    """The item after the part that starts at `start` and holds `rows` rows, never right after a
    caption (a caption belongs with the rows under it)."""
    taken, end = 0, start
    while end < len(items) and taken < rows:
        taken += items[end].kind == BODY
        end += 1
    while end < len(items) and items[end - 1].kind == CAPTION:
        end += 1
    return end


def _document(report, items, start, end, widths, *, numbered: bool):
    part = items[start:end]
    pieces = []
    for t, table in enumerate(report.tables):
        mine = [(n, item) for n, item in enumerate(part, start) if item.table == t]
        if not mine:
            continue
        marks = {item.kind: n for n, item in mine}
        rows = [item.row for _, item in mine if item.kind == BODY]
        first_mark = next((n for n, item in mine if item.kind == BODY), None)
        body = (
            table_body(table, "num", rows=(rows[0], rows[-1] + 1), first_mark=first_mark)
            if rows
            else SafeString("")
        )
        pieces.append(Piece(table, widths[t], marks.get(CAPTION), body, marks.get(TOTALS)))
    notes_mark = next((n for n, item in enumerate(part, start) if item.kind == NOTES), None)
    html = render_to_string(
        "reports/pdf.html",
        {
            "report": report,
            "head": start == 0,
            "pieces": pieces,
            "notes_mark": notes_mark,
            "numbered": numbered,
        },
    )
    return HTML(string=html).render()


def _first_item(page) -> int | None:
    """The number of the first item laid out on a page (its `data-p`), or None."""
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        mark = element.get("data-p") if element is not None else None
        if mark is not None:
            return int(mark)
    return None


def _append(writer: PdfWriter, pdf: bytes, *, metadata: bool) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        writer.add_page(page)
    if metadata and reader.metadata:
        writer.add_metadata(dict(reader.metadata))


def _number_pages(writer: PdfWriter) -> None:
    """'pagina N van M' at the foot of every page, as a document laid out at once has it."""
    count = len(writer.pages)
    html = render_to_string("reports/pdf_page_numbers.html", {"pages": range(count)})
    numbers = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
    for page, number in zip(writer.pages, numbers.pages, strict=True):
        page.merge_page(number)
        page.compress_content_streams()
