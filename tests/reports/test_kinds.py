"""A column kind formats its own cells: the writers (XLSX, page and PDF HTML, JSON) ask the kind,
so a domain app's kind (the proposals' matrix) needs no code in reports/."""

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from reports.json import report_from_json, report_to_json
from reports.render import report_xlsx
from reports.table import DATE, MONEY, Column, Kind, Report, Table
from reports.templatetags.reports import table_body

INITIALS = Kind(
    "initials",
    text=lambda names: " ".join(n[0] for n in names),
    html=lambda names: "<b>" + "".join(n[0] for n in names) + "</b>" if names else "—",
    to_json=lambda names: "|".join(names),
    from_json=lambda value: value.split("|") if isinstance(value, str) else value,
)


def _report() -> Report:
    table = Table(
        "Teams",
        "Teams",
        [Column("Team"), Column("Leden", INITIALS), Column("Budget", MONEY), Column("Sinds", DATE)],
        rows=[
            ["Noord", ["Anna", "Bram"], Decimal("1250.50"), dt.date(2017, 3, 1)],
            ["Zuid", None, Decimal("0"), None],
        ],
        totals=["Totaal", "", Decimal("1250.50"), ""],
    )
    return Report(
        title="Teams", filename="teams", facts=[("Stand per", "1-3-2017")], tables=[table]
    )


def test_the_xlsx_writes_a_cell_as_its_kind_says():
    ws = load_workbook(io.BytesIO(report_xlsx(_report()))).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[4][:4] == ["Noord", "A B", Decimal("1250.5"), dt.datetime(2017, 3, 1)]
    assert rows[5][:2] == ["Zuid", None]
    assert ws.cell(5, 3).number_format == '"€" #,##0.00;-"€" #,##0.00'


def test_the_page_draws_a_cell_as_its_kind_says():
    html = table_body(_report().tables[0])
    assert "<td><b>AB</b></td>" in html and "<td>—</td>" in html
    assert '<td class="jf-num">€ 1.250,50</td>' in html and "<td>1-3-2017</td>" in html


def test_a_report_comes_back_from_json_exactly_with_the_kinds_it_names():
    report = _report()
    data = report_to_json(report)
    assert data["tables"][0]["columns"][1] == ["Leden", "initials"]
    assert data["tables"][0]["rows"][0][1] == "Anna|Bram"
    back = report_from_json(data, kinds=[INITIALS])
    assert back.tables[0].rows == report.tables[0].rows
    assert back.tables[0].totals == report.tables[0].totals
    assert [c.kind for c in back.tables[0].columns] == [c.kind for c in report.tables[0].columns]


def test_the_page_escapes_every_text_cell_and_writes_amounts_as_the_cell_filter_does():
    """table_body writes a cell without Django's escape() per cell (its cost on a national
    overview); what it writes is exactly escape(cell(value, kind)) for every kind of value."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    from reports.table import NUMBER
    from reports.templatetags.reports import cell

    values = [
        ("<script>alert(\"x\")</script> & 'y'", Column("Tekst")),
        (mark_safe("<b>al veilig</b>"), Column("Tekst")),
        ("", Column("Leeg", NUMBER)),
        (None, Column("Niets", MONEY)),
        (Decimal("-1234567.895"), Column("Bedrag", MONEY)),
        (Decimal("12.50"), Column("Aantal", NUMBER)),
        (Decimal("3"), Column("Aantal", NUMBER)),
        (dt.datetime(2020, 5, 1, 12, 0), Column("Op", DATE)),
        (7, Column("Getal", NUMBER)),
    ]
    table = Table("T", "T", [c for _, c in values], rows=[[v for v, _ in values]])

    html = table_body(table)

    num = ' class="jf-num"'
    expected = "".join(
        f"<td{num if c.kind.numeric else ''}>{escape(cell(v, c.kind.name))}</td>" for v, c in values
    )
    assert html == f'<tr data-flag="" class="flag-">{expected}</tr>'
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;" in html
    assert "-€ 1.234.567,90" in html and "&lt;b&gt;al veilig&lt;/b&gt;" in html


def test_the_xlsx_marks_money_dates_headers_totals_and_flagged_rows():
    report = _report()
    report.tables[0].row_flags = ["", "missing"]
    ws = load_workbook(io.BytesIO(report_xlsx(report)))["Teams"]
    rows = {
        r[0].value: r for r in ws.iter_rows() if r[0].value in ("Team", "Noord", "Zuid", "Totaal")
    }

    assert [c.font.bold for c in rows["Team"]] == [True] * 4  # the header
    noord, zuid, totaal = rows["Noord"], rows["Zuid"], rows["Totaal"]
    assert (noord[2].number_format, noord[3].number_format) == (
        '"€" #,##0.00;-"€" #,##0.00',
        "DD-MM-YYYY",
    )
    assert not noord[0].font.bold and noord[0].fill.fgColor.rgb != "00F8D7DA"
    assert [c.fill.fgColor.rgb for c in zuid] == ["00F8D7DA"] * 4  # flagged: "missing"
    assert zuid[2].number_format == '"€" #,##0.00;-"€" #,##0.00' and not zuid[2].font.bold
    assert totaal[0].font.bold and totaal[2].font.bold
    assert totaal[2].number_format == '"€" #,##0.00;-"€" #,##0.00'
