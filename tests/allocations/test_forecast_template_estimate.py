"""The template shows the estimate beside the inputs as an Excel formula; the reader never imports it,
and the expected units stay a required cell of the file (issue 5)."""

import io
import math
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from allocations.exceptions import FileRejected
from allocations.forecast import expected_units_estimate
from allocations.models import ForecastSubmission
from allocations.services import forecasts as forecast_services
from allocations.xlsx import estimate_formula
from tests.allocations.xlsx_helpers import GOOD, filled, template


def excel(formula: str, cells: dict[str, Decimal]):
    """Evaluate the template's formula as Excel would, in exact fractions: Excel's functions have
    Python spellings here, ROUND rounds half away from zero (half up for these positive numbers)."""
    functions = {
        "IF": lambda test, yes, no: yes if test else no,
        "AND": lambda *tests: all(tests),
        "ISNUMBER": lambda v: v is not None,
        "MAX": max,
        "MIN": min,
        "ROUND": lambda x, places: Decimal(math.floor(x * 10**places + Fraction(1, 2))).scaleb(
            -places
        ),
    }
    expression = re.sub(
        r"\b([A-Z])(\d+)\b", lambda m: f"cell('{m.group(0)}')", formula.removeprefix("=")
    )
    return eval(expression, {**functions, "cell": lambda ref: Fraction(cells[ref])})  # noqa: S307 (our own formula text)


def test_template_has_a_locked_estimate_column_with_a_formula(world):
    provider = world.provider("aanbieder-a")
    ws = load_workbook(io.BytesIO(template(provider, month=5)))["Prognose"]
    assert (
        ws["N5"].value == "Schatting (berekend)"
        and ws["I5"].value == "Verwachte eenheden tot 31-12"
    )
    assert ws["N6"].value.startswith("=IF(") and "E6" in ws["N6"].value and "E7" in ws["N7"].value
    assert ws["N7"].protection.locked is True and ws["I7"].protection.locked is False
    assert "wordt niet ingelezen" in ws["A4"].value


@settings(max_examples=200)
@given(
    st.decimals(min_value="0.01", max_value=10**7, places=2),
    st.integers(1, 5000),
    st.decimals(min_value=0, max_value=520, places=2),
    st.integers(0, 6000),
    st.integers(1, 11),
    st.sampled_from([2015, 2016]),
)
def test_the_formula_computes_the_same_estimate_as_the_system(
    units, clients, weeks, outflow, month, year
):
    formula = estimate_formula(6, year=year, month=month)
    value = excel(formula, {"E6": units, "F6": clients, "G6": weeks, "H6": outflow})
    assert value == expected_units_estimate(
        units_delivered=units,
        clients_in_care=clients,
        average_duration_weeks=weeks,
        expected_outflow=outflow,
        month=month,
        year=year,
    )


def test_the_formula_for_may_2016_by_hand():
    # 152 days passed, 214 left: 500 x (7 x 214 + 3 x min(84, 214) / 2) / (10 x 152) = 534.21
    formula = estimate_formula(7, year=2016, month=5)
    assert "214" in formula and "152" in formula
    assert excel(
        formula,
        {"E7": Decimal("500"), "F7": Decimal("10"), "G7": Decimal("12"), "H7": Decimal("3")},
    ) == Decimal("534.21")
    assert estimate_formula(7, year=2016, month=12) == "=0"


def test_the_reader_ignores_the_estimate_column(world):
    provider = world.provider("aanbieder-a")

    def overwrite(wb):
        wb["Prognose"]["N7"] = "niet inlezen"
        wb["Prognose"]["N6"] = 123456

    submission = forecast_services.forecast_import(
        provider=provider,
        year=2016,
        month=5,
        content=filled(provider, edit=overwrite),
        user=provider.user,
    )
    line = submission.lines.get(product__code="45A01")
    assert (line.expected_units, line.expected_units_estimated) == (Decimal("400"), False)


def test_an_empty_expected_units_cell_still_rejects_the_file(world):
    provider = world.provider("aanbieder-a")
    rows = {"45A01": GOOD[:4] + [None] + GOOD[5:]}
    with pytest.raises(FileRejected) as info:
        forecast_services.forecast_import(
            provider=provider,
            year=2016,
            month=5,
            content=filled(provider, rows=rows),
            user=provider.user,
        )
    assert (
        "Prognose",
        7,
        "I (Verwachte eenheden tot 31-12)",
        "waarde ontbreekt",
    ) in info.value.errors
    assert ForecastSubmission.objects.count() == 0
