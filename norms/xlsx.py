"""The counts of an area as an XLSX file: a template per area and month, and the reader that checks
the whole file before anything is saved (row, column, reason; a broken file is refused, never a 500)."""

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill, Protection

from core.dates import in_range, range_text
from core.numbers import NumberError, parse_number
from core.spreadsheets import text_row
from core.uploads import Unreadable, whole_file_refusal, xlsx_problem
from norms.exceptions import CountsRejected

SHEET = "Tellingen"
HEADER = [
    "Peildatum",
    "Normcode",
    "Norm",
    "GI (afkorting, leeg = hele gebied)",
    "Aantal kinderen",
    "Toelichting",
]
HEADER_ROW = 4
FIRST_ROW = 5
MAX_ROWS = 5000
MAX_COUNT = 100_000
INPUT_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")


@dataclass(frozen=True)
class CountRow:
    row: int
    reference_date: dt.date
    norm_code: str
    institution_code: str  # "" for the whole area
    count: int
    note: str


def template_xlsx(
    *, area_name: str, area_slug: str, reference_date: dt.date, norms: list[tuple[str, str]]
) -> bytes:
    """One row per norm for `reference_date`; the user fills in the counts (yellow)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(text_row(ws, ["Tellingen normen jeugdbescherming", area_name]))
    ws.append(text_row(ws, ["Gebied (code)", area_slug]))
    ws.append(
        text_row(
            ws,
            [
                "Vul per norm het aantal kinderen in bij wie de norm op de peildatum niet gehaald is. Geen namen of BSN's."
            ],
        )
    )
    ws.append(text_row(ws, HEADER))
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
    for code, name in norms:
        ws.append(text_row(ws, [reference_date, code, name, "", None, ""]))
        r = ws.max_row
        ws.cell(r, 1).number_format = "DD-MM-YYYY"
        for c in (4, 5, 6):
            ws.cell(r, c).fill = INPUT_FILL
            ws.cell(r, c).protection = Protection(locked=False)
    for column, width in zip("ABCDEF", (14, 30, 44, 20, 16, 40), strict=True):
        ws.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
            except ValueError:
                continue
    return None


def _count(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(
        value, str
    ):  # core.numbers: ASCII digits only (str.isdigit also takes Arabic-Indic digits)
        try:
            number = parse_number(value, max_digits=9, decimal_places=0)
        except NumberError:
            return None
        return int(number)
    return None


def _read_counts(
    content: bytes, *, norm_codes: set[str], institution_codes: set[str], today: dt.date
):
    wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    if SHEET not in wb.sheetnames:
        raise CountsRejected([(None, "", f"Het blad '{SHEET}' ontbreekt; gebruik het sjabloon.")])
    ws = wb[SHEET]
    errors: list[tuple[int | None, str, str]] = []
    rows: list[CountRow] = []
    seen: dict[tuple, int] = {}
    slug_cell = None
    for r, values in enumerate(ws.iter_rows(min_row=1, max_col=6, values_only=True), start=1):
        values = list(values) + [None] * (6 - len(values))
        if r == 2:
            slug_cell = values[1]
        if r < FIRST_ROW:
            continue
        if r > MAX_ROWS + FIRST_ROW:
            errors.append((r, "", f"Het bestand heeft meer dan {MAX_ROWS} rijen."))
            break
        date_v, code_v, _name, gi_v, count_v, note_v = values[:6]
        if all(v in (None, "") for v in (date_v, code_v, gi_v, count_v, note_v)):
            continue
        reference_date = _date(date_v)
        if reference_date is None:
            errors.append((r, "A", "peildatum ontbreekt of is geen datum (dd-mm-jjjj)"))
        elif not in_range(reference_date):
            errors.append((r, "A", f"peildatum ligt niet {range_text()}"))
        elif reference_date > today:
            errors.append((r, "A", "peildatum ligt in de toekomst"))
        code = str(code_v or "").strip()
        if code not in norm_codes:
            errors.append((r, "B", f"onbekende normcode '{code}'"))
        gi = str(gi_v or "").strip()
        if gi and gi not in institution_codes:
            errors.append((r, "D", f"onbekende GI '{gi}'"))
        count = _count(count_v)
        if count_v in (None, ""):
            errors.append((r, "E", "aantal ontbreekt"))
        elif count is None or count < 0 or count > MAX_COUNT:
            errors.append((r, "E", f"aantal moet een heel getal van 0 tot {MAX_COUNT} zijn"))
        note = str(note_v or "").strip()
        if len(note) > 300:
            errors.append((r, "F", "toelichting is langer dan 300 tekens"))
        key = (reference_date, code, gi)
        if reference_date and key in seen:
            errors.append(
                (r, "B", f"deze norm staat voor deze peildatum en GI al in rij {seen[key]}")
            )
        seen.setdefault(key, r)
        if reference_date and code in norm_codes and count is not None:
            rows.append(CountRow(r, reference_date, code, gi, count, note))
    return errors, rows, slug_cell


def read_counts(
    content: bytes,
    *,
    area_slug: str,
    norm_codes: set[str],
    institution_codes: set[str],
    today: dt.date,
) -> list[CountRow]:
    """The rows of an uploaded file, or CountsRejected with every problem found (nothing saved)."""
    problem = xlsx_problem(content)
    if problem:
        raise CountsRejected(
            [(None, "", f"Dit is geen leesbaar Excel-bestand (.xlsx): {problem}.")]
        )
    try:
        with whole_file_refusal(keep=(CountsRejected,)):
            errors, rows, slug_cell = _read_counts(
                content, norm_codes=norm_codes, institution_codes=institution_codes, today=today
            )
    except Unreadable as exc:
        raise CountsRejected(
            [(None, "", f"Dit is geen leesbaar Excel-bestand (.xlsx): {exc.reason}.")]
        ) from None
    if slug_cell is not None and str(slug_cell).strip() != area_slug:
        errors.insert(
            0, (2, "B", f"het bestand is voor gebied '{slug_cell}', niet voor '{area_slug}'")
        )
    if not errors and not rows:
        errors.append((None, "", "Het bestand bevat geen tellingen."))
    if errors:
        raise CountsRejected(errors)
    return rows
