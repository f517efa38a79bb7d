"""The SPUK's yearly accountability in the SiSa layout (the appendix of the single information, single
audit delivery): its indicators and the report built from accounting.selectors.spuk.spuk_verantwoording."""

from accounting.reports import yes_no
from accounting.selectors.spuk import SisaReport
from core.templatetags.nl import format_euro
from reports.table import DATE, MONEY, Column, Report, Table

SISA_INDICATORS = {  # the indicators of the SiSa appendix for this grant: number -> Dutch label
    "01": "Beschikkingsnummer",
    "02": "Besteding (jaar T) ten laste van Rijksmiddelen",
    "03": "Cumulatieve besteding ten laste van Rijksmiddelen (t/m jaar T)",
    "04": "Eindverantwoording (Ja/Nee)",
    "05": "Toelichting afwijking",
}


def sisa_indicator(code: str, number: str) -> str:
    """A column header as the SiSa appendix names an indicator: "H4/02 Besteding (jaar T) ..."."""
    return f"{code}/{number} {SISA_INDICATORS[number]}"


def sisa_report(sisa: SisaReport) -> Report:
    fund = sisa.fund
    code = sisa.sisa_code
    report = Report(
        title=f"SPUK-verantwoording {sisa.year} — {fund.name}",
        filename=f"spuk-verantwoording-{fund.slug}-{sisa.year}",
        facts=[
            (
                "Specifieke uitkering",
                fund.legal_ground.strip().rstrip(
                    "."
                )  # the fund's legal ground: for a SPUK its regulation
                or "nog niet vastgelegd (neem de regeling over uit de beschikking)",
            ),
            ("Coördinerende gemeente", str(fund.coordinating_municipality)),
            ("Landsdeel", fund.landsdeel),
            ("Verantwoordingsjaar (T)", str(sisa.year)),
            (
                "Uitkeringscode (SiSa)",
                fund.sisa_code
                or "nog niet vastgelegd (neem de code over uit de SiSa-bijlage "
                "op maat; hier heten de indicatoren SPUK/01 enz.)",
            ),
            ("Aard controle", f"{code}/02: R (rechtmatigheid); {code}/01, /03, /04 en /05: n.v.t."),
        ],
    )
    summary = Table(
        f"SiSa-bijlage {sisa.year}: één regel per beschikking",
        "SiSa-bijlage",
        [
            Column("Jaar uitkering"),
            Column(sisa_indicator(code, "01")),
            Column("Datum beschikking", DATE),
            Column("Budget", MONEY),
            Column(sisa_indicator(code, "02"), MONEY),
            Column(sisa_indicator(code, "03"), MONEY),
            Column("Niet besteed", MONEY),
            Column(sisa_indicator(code, "04")),
            Column(sisa_indicator(code, "05")),
        ],
        empty="Er is nog geen beschikking voor dit jaar of eerder.",
    )
    for d in sisa.decisions:
        summary.rows.append(
            [
                str(d.grant_year),
                d.number or "nog niet vastgelegd",
                d.date,
                d.budget,
                d.spent_year,
                d.cumulative,
                d.not_spent,
                yes_no(d.final),
                d.explanation,
            ]
        )
        summary.row_flags.append(
            "missing" if d.explanation_missing else ("deviates" if d.deviating else "")
        )
    if sisa.decisions:
        t = sisa.decision_totals
        summary.totals = [
            "Totaal",
            f"{len(sisa.decisions)} beschikking(en)",
            "",
            t["budget"],
            t["spent_year"],
            t["cumulative"],
            t["not_spent"],
            "",
            "",
        ]
    table = Table(
        "Onderbouwing per begrotingsonderdeel en project (telt op tot de SiSa-bijlage hierboven)",
        "Per onderdeel en project",
        [
            Column("Jaar uitkering"),
            Column("Toekenning"),
            Column("Onderdeel"),
            Column("Omschrijving"),
            Column("Jeugdhulpregio"),
            Column("Budget", MONEY),
            Column(f"Besteding (jaar T = {sisa.year})", MONEY),
            Column("Cumulatieve besteding (t/m jaar T)", MONEY),
            Column("Niet besteed", MONEY),
            Column("Eindverantwoording (Ja/Nee)"),
            Column("Toelichting"),
        ],
        empty="Er is nog geen begrotingsverdeling voor dit jaar of eerder.",
    )
    for r in sisa.rows:
        explanation = r.explanation or (
            "Toelichting vereist: afwijking > 10%" if r.deviates else ""
        )
        table.rows.append(
            [
                str(r.grant_year),
                r.awards,
                r.part,
                r.label,
                r.region,
                r.budget,
                r.spent_year,
                r.cumulative,
                r.not_spent,
                yes_no(r.final),
                explanation,
            ]
        )
        table.row_flags.append(
            "missing" if r.explanation_missing else ("deviates" if r.deviates else "")
        )
    totals = sisa.totals
    table.totals = [
        "Totaal",
        "",
        "",
        "",
        "",
        totals["budget"],
        totals["spent_year"],
        totals["cumulative"],
        totals["not_spent"],
        "",
        "",
    ]
    report.tables = [summary, table]
    for d in sisa.decisions:
        if not d.rows:
            report.notes.append(
                f"Beschikking {d.grant_year} ({format_euro(d.granted)}) is nog niet verdeeld over "
                "onderdelen en projecten; er is nog niets van besteed."
            )
        elif d.budget != d.granted:
            report.notes.append(
                f"Beschikking {d.grant_year}: {format_euro(d.granted)} toegekend, waarvan "
                f"{format_euro(d.budget)} verdeeld over onderdelen en projecten."
            )
    if sisa.missing_explanations:
        report.notes.append(
            f"{len(sisa.missing_explanations)} regel(s) wijken meer dan 10% af van het budget en hebben "
            "nog geen toelichting."
        )
    return report
