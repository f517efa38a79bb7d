"""Reading a budget circular from CSV or XLSX: validate the whole file, then hand back rows.

Columns (Dutch headers, as TWO staff keep them): cbs_code, gemeente (optional), jaar, domein,
bedrag. Every municipality of the region must have a row for every (jaar, domein) the file
names, once.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from core.numbers import NumberError, parse_number
from core.uploads import xlsx_problem
from fund.exceptions import FileRejected
from fund.models import MONEY

REQUIRED_COLUMNS = ["cbs_code", "jaar", "domein", "bedrag"]
MAX_ERRORS = 200


@dataclass(frozen=True)
class BudgetRow:
    line: int
    cbs_code: str
    budget_year: int
    domain: str
    amount: Decimal


def parse_amount(text: str) -> Decimal:
    """An amount in the Dutch (`1.234,56`) or plain (`1234.56`) notation, within the database
    column's digits (core.numbers, the one reader of numbers); raises NumberError."""
    return parse_number(
        text,
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        allow_negative=True,
    )


def read_table(content: bytes, filename: str) -> tuple[str, pd.DataFrame]:
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            problem = xlsx_problem(content)
            if problem:
                raise FileRejected([(filename, None, "", problem)])
            frame = pd.read_excel(io.BytesIO(content), sheet_name=0, dtype=str, engine="openpyxl")
            sheet = pd.ExcelFile(io.BytesIO(content), engine="openpyxl").sheet_names[0]
            return sheet, frame
        if name.endswith(".csv"):
            text = content.decode("utf-8-sig")
            sep = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
            return "CSV", pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except FileRejected:
        raise
    except UnicodeDecodeError:
        raise FileRejected(
            [(filename, None, "", "het bestand is geen UTF-8-tekst; sla de CSV op als UTF-8")]
        ) from None
    except (ValueError, IndexError, KeyError, OSError) as exc:
        raise FileRejected(
            [(filename, None, "", f"het bestand is niet te lezen ({exc.__class__.__name__})")]
        ) from None
    except Exception:  # noqa: BLE001 - openpyxl/zipfile/pandas raise many kinds for a broken file (core.uploads)
        raise FileRejected(
            [(filename, None, "", "het bestand is geen geldig XLSX- of CSV-bestand")]
        ) from None
    raise FileRejected([(filename, None, "", "alleen .xlsx en .csv worden geaccepteerd")])


def parse_budget_file(
    content: bytes, filename: str, expected_codes: set[str], known_domains: set[str]
) -> list[BudgetRow]:
    sheet, frame = read_table(content, filename)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise FileRejected([(sheet, 1, ", ".join(missing), "verplichte kolom ontbreekt")])
    records = (
        (
            index + 2,  # the header is row 1
            {c: ("" if pd.isna(record.get(c)) else str(record.get(c))) for c in REQUIRED_COLUMNS},
        )
        for index, record in enumerate(frame.to_dict("records"))
    )
    return check_budget_records(
        records, sheet=sheet, expected_codes=expected_codes, known_domains=known_domains
    )


def check_budget_records(
    records: Iterable[tuple[int, dict[str, str]]],
    *,
    sheet: str,
    expected_codes: set[str],
    known_domains: set[str],
) -> list[BudgetRow]:
    """The rules of a circular's rows, wherever they come from (a file's rows, or the rows of the
    API's JSON): each record is its line number and its values by column (REQUIRED_COLUMNS), as
    text. Every municipality of the region has a row for every year and domain that occurs. Raises
    FileRejected with every problem (sheet, line, column, reason); returns the rows otherwise."""
    errors: list[tuple[str, int, str, str]] = []
    rows: list[BudgetRow] = []
    seen: dict[tuple[str, int, str], int] = {}
    for line, record in records:
        values = {
            c: "" if record.get(c) is None else str(record.get(c)).strip() for c in REQUIRED_COLUMNS
        }
        if not any(values.values()):
            continue
        code = values["cbs_code"].upper()
        row_errors = []
        if not code:
            row_errors.append(("cbs_code", "CBS-code ontbreekt"))
        elif code not in expected_codes:
            row_errors.append(("cbs_code", f"onbekende gemeente {code}"))
        try:
            year = int(parse_number(values["jaar"], max_digits=4, decimal_places=0))
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            row_errors.append(("jaar", f"geen geldig jaar: '{values['jaar']}'"))
            year = 0
        domain = values["domein"].lower()
        if domain not in known_domains:
            row_errors.append(
                (
                    "domein",
                    f"onbekend domein '{values['domein']}' (bekend: {', '.join(sorted(known_domains))})",
                )
            )
        amount = Decimal(0)
        if not values["bedrag"]:
            row_errors.append(("bedrag", "bedrag ontbreekt"))
        else:
            try:
                amount = parse_amount(values["bedrag"])
                if amount < 0:
                    row_errors.append(("bedrag", f"negatief bedrag {values['bedrag']}"))
            except NumberError as exc:
                row_errors.append(("bedrag", exc.message))
        key = (code, year, domain)
        if not row_errors:
            if key in seen:
                row_errors.append(
                    (
                        "cbs_code",
                        f"dubbele rij: dezelfde gemeente, jaar en domein als rij {seen[key]}",
                    )
                )
            else:
                seen[key] = line
        errors.extend((sheet, line, column, reason) for column, reason in row_errors)
        if not row_errors:
            rows.append(BudgetRow(line, code, year, domain, amount))
        if len(errors) >= MAX_ERRORS:
            break
    if not rows and not errors:
        errors.append((sheet, 2, "", "het bestand bevat geen regels"))
    if not errors:
        cells = {(r.budget_year, r.domain) for r in rows}
        present = {(r.cbs_code, r.budget_year, r.domain) for r in rows}
        for year, domain in sorted(cells):
            for code in sorted(expected_codes):
                if (code, year, domain) not in present:
                    errors.append(
                        (
                            sheet,
                            None,
                            "cbs_code",
                            f"rij ontbreekt voor gemeente {code}, jaar {year}, domein {domain}",
                        )
                    )
    if errors:
        raise FileRejected(errors)
    return rows
