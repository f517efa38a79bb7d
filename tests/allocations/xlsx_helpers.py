import io

from openpyxl import load_workbook

from allocations.selectors import products as product_selectors
from allocations.xlsx import forecast_template

GOOD = [500, 10, 12, 3, 400, 5, 6, "stijgend", 90]


def template(provider, year=2016, month=5):
    return forecast_template(
        provider=provider,
        year=year,
        month=month,
        products=product_selectors.products_of(provider),
        tariffs=product_selectors.tariffs_for(provider=provider, year=year),
    )


def filled(
    provider, year=2016, month=5, rows=None, bsns=(), note="Afgeschaald naar basis-GGZ", edit=None
):
    """The template with every product row filled in (GOOD, or rows[code]); `edit(wb)` changes more."""
    wb = load_workbook(io.BytesIO(template(provider, year, month)))
    ws = wb["Prognose"]
    for r in range(6, ws.max_row + 1):
        code = ws.cell(row=r, column=1).value
        values = (rows or {}).get(
            code, GOOD if code != "43A02" else [0, 0, 0, 0, 0, 0, 0, "gelijk", 0]
        )
        for offset, value in enumerate(values, start=5):
            ws.cell(row=r, column=offset, value=value)
    wb["Toelichting"]["A2"] = note
    for r, (code, bsn, day) in enumerate(bsns, start=2):
        wb["BSN"].cell(row=r, column=1, value=code)
        wb["BSN"].cell(row=r, column=2, value=bsn)
        wb["BSN"].cell(row=r, column=3, value=day)
    if edit:
        edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
