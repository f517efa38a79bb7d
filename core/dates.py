"""The range of dates this site accepts from anyone (issue 12): a form, an upload, a command
argument. 0001-01-01 and 9999-12-31 are real dates to Python and to the database, but no day on
which anything of a youth-care fund happened; a booking date is bounded by its fund's term too
(accounting.services.ledger._check_booking_date).

The Dutch month names are written here once, for every page, notification and chart."""

import argparse
import datetime as dt
import re

FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)

MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mrt",
    "apr",
    "mei",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)


def month_name(month: int) -> str:
    """`juli` for 7."""
    return MONTH_NAMES[month - 1]


def month_year(year: int, month: int) -> str:
    """`juli 2016`: a month as the pages, notifications and worklists write it."""
    return f"{month_name(month)} {year}"


def in_range(day: dt.date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


def range_text() -> str:
    return f"tussen {FIRST_DATE.day}-{FIRST_DATE.month}-{FIRST_DATE.year} en {LAST_DATE.day}-{LAST_DATE.month}-{LAST_DATE.year}"


def year_arg(text: str) -> int:
    """A command's year argument (argparse `type=`): four ASCII digits within the range; Python's
    int() would also take '٢٠١٦' and a year no database column holds."""
    text = text.strip()
    if not re.fullmatch(r"[0-9]{4}", text) or not FIRST_DATE.year <= int(text) <= LAST_DATE.year:
        raise argparse.ArgumentTypeError(
            f"'{text[:40]}' is geen jaar van {FIRST_DATE.year} tot en met {LAST_DATE.year} (cijfers 0-9)."
        )
    return int(text)
