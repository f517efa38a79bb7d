"""The books' reports as plain tables (reports.table) built from the selectors. The page, the PDF
and the XLSX all render these same tables (reports.render), so the numbers in the three cannot
disagree."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounting import charts
from accounting.selectors.monitoring import Evaluation, RegionReportRow
from accounting.selectors.overview import FundOverview
from accounting.selectors.settlement import SettlementPreview
from core.templatetags.nl import format_date, format_euro
from fund.models import Fund
from proposals.presenters import MATRIX
from reports.table import DATE, MONEY, NUMBER, Chart, Column, Report, Table


def yes_no(value: bool) -> str:
    return "Ja" if value else "Nee"


def fund_overview_report(overview: FundOverview) -> Report:
    fund = overview.fund
    report = Report(
        title=f"Fondsoverzicht {fund.name}",
        filename=f"fondsoverzicht-{fund.slug}",
        facts=[
            ("Fonds", fund.name),
            ("Looptijd", f"{format_date(fund.term_start)} t/m {format_date(fund.term_end)}"),
            ("Stand per", f"{format_date(overview.generated_at)}"),
        ],
    )
    # what is left to award: the one rule (accounting.selectors.AwardRoom), from the books
    room = overview.award_room
    report.facts += [
        ("Tranches (vulling)", format_euro(room.tranches)),
        ("Verplicht (toekenningen en budgetten, na vrijval)", format_euro(room.committed)),
    ]
    if room.spent_otherwise:
        report.facts.append(
            (
                "Besteed zonder toekenning (direct, afgerekend, min terugontvangen)",
                format_euro(room.spent_otherwise),
            )
        )
    report.facts.append(("Nog toe te kennen", format_euro(room.remaining)))
    if overview.previous is not None:
        report.facts.append(
            (
                "Vergeleken met",
                f"{overview.previous.meeting} ({format_date(overview.previous.meeting_date)})",
            )
        )
    report.charts.append(
        Chart(
            "Gebruik per jaar",
            charts.fund_use_text(overview),
            lambda: charts.fund_use_svg(overview),
        )
    )
    years = Table(
        "Vulling en besteding per jaar",
        "Per jaar",
        [
            Column("Jaar"),
            Column("Vulling (tranche)", MONEY),
            Column("In rekening gebracht", MONEY),
            Column("Ontvangen", MONEY),
            Column("Uitgewisseld", MONEY),
            Column("Verplicht", MONEY),
            Column("Betaald", MONEY),
            Column("Terugontvangen", MONEY),
            Column("Vrij besteedbaar", MONEY),
        ],
    )
    for y in overview.years:
        years.rows.append(
            [
                str(y.year),
                y.tranche,
                y.charged,
                y.received,
                y.exchanged,
                y.committed,
                y.paid,
                y.refunded,
                y.remaining,
            ]
        )
    t = overview.total
    years.totals = [
        "Totaal",
        t.tranche,
        t.charged,
        t.received,
        t.exchanged,
        t.committed,
        t.paid,
        t.refunded,
        t.remaining,
    ]
    projects = Table(
        "Projecten met hun status"
        + (
            " en matrix (■ gedekt, □ niet; rijen: doelgroepen, kolommen: ambulant, "
            "residentieel, veiligheid)"
            if overview.fund.kind != Fund.Kind.SPUK
            else ""
        ),
        "Projecten",
        [
            Column("Nummer"),
            Column("Project"),
            Column("Status"),
            Column("Beschikkingen"),
            Column("Toegekend", MONEY),
            Column("Verplicht", MONEY),
            Column("Betaald", MONEY),
            Column("Terugbetaald", MONEY),
            Column("Nog te betalen", MONEY),
            Column("Matrix", MATRIX),
        ],
        empty="Er zijn nog geen toekenningen.",
    )
    matrix_applies = overview.fund.kind != Fund.Kind.SPUK  # the SPUK has no matrix rule: a dash
    for p in overview.projects:
        projects.rows.append(
            [
                p.reference,
                p.title,
                p.status_label,
                p.awards,
                p.awarded,
                p.committed,
                p.paid,
                p.refunded,
                p.outstanding,
                p.cells if matrix_applies else None,
            ]
        )
    pt = overview.project_totals
    projects.totals = [
        "Totaal",
        f"{len(overview.projects)} projecten",
        "",
        "",
        pt.awarded,
        pt.committed,
        pt.paid,
        pt.refunded,
        pt.outstanding,
        "",
    ]
    caption = (
        "Wat veranderde sinds "
        + f"{overview.previous.meeting} ({format_date(overview.previous.meeting_date)})"
        if overview.previous
        else "Wat veranderde sinds de vorige vergadering"
    )
    changes = Table(
        caption,
        "Wijzigingen",
        [Column("Jaar of project"), Column("Wat"), Column("Was"), Column("Is")],
        empty="Er is nog geen overzicht bij een eerdere vergadering."
        if overview.previous is None
        else "Niets veranderd.",
    )
    for c in overview.changes:
        changes.rows.append([c.subject, c.what, c.before, c.after])
    contributions = Table(
        "Bijdragen per gemeente: in rekening gebracht en ontvangen",
        "Bijdragen",
        [
            Column("Gemeente"),
            Column("In rekening gebracht", MONEY),
            Column("Ontvangen", MONEY),
            Column("Nog te ontvangen", MONEY),
        ],
        rows=[[m.name, m.charged, m.received, m.to_receive] for m in overview.municipalities],
        empty="Er zijn nog geen bijdragen in rekening gebracht.",
    )
    if overview.municipalities:
        contributions.totals = [
            "Totaal",
            sum((m.charged for m in overview.municipalities), Decimal(0)),
            sum((m.received for m in overview.municipalities), Decimal(0)),
            sum((m.to_receive for m in overview.municipalities), Decimal(0)),
        ]
    report.tables = [years, projects, changes, contributions]
    if (
        overview.grants
    ):  # the knelpunten fund: providers' PxQ budgets (seed 002 §2.2) are its commitments
        grants = overview.grants
        report.tables.append(
            Table(
                "Budgetten aan aanbieders (PxQ)",
                "Aanbieders",
                [
                    Column("Aanbieder"),
                    Column("PxQ-aanvraag"),
                    Column("Jaar"),
                    Column("Status"),
                    Column("Toegekend", MONEY),
                    Column("Betaald", MONEY),
                    Column("Vrijgevallen", MONEY),
                    Column("Nog te betalen", MONEY),
                ],
                rows=[
                    [
                        g.provider,
                        str(g.request_id),
                        str(g.year),
                        g.status_label,
                        g.granted,
                        g.paid,
                        g.released,
                        g.open,
                    ]
                    for g in grants
                ],
                totals=["Totaal", f"{len(grants)} aanvragen", "", ""]
                + [
                    sum((getattr(g, name) for g in grants), Decimal(0))
                    for name in ("granted", "paid", "released", "open")
                ],
            )
        )
    return report


def evaluation_report(ev: Evaluation) -> Report:
    report = Report(
        title=f"Jaarlijkse evaluatie {ev.year} — {ev.fund.name}",
        filename=f"evaluatie-{ev.fund.slug}-{ev.year}",
        facts=[("Fonds", ev.fund.name), ("Jaar", str(ev.year))],
    )
    table = Table(
        "Doelen en prestaties per project: streefwaarde tegenover geleverde waarde",
        "Prestaties",
        [
            Column("Project"),
            Column("Doel"),
            Column("Prestatie-indicator"),
            Column("Eenheid"),
            Column("Streefwaarde", NUMBER),
            Column("Geleverd", NUMBER),
            Column("Behaald"),
            Column("Beoordeling"),
            Column("Ingevoerd door"),
        ],
        empty="Geen projecten met een toekenning in of voor dit jaar.",
    )
    for project in ev.projects:
        for goal, indicators in project.goals:
            for row in indicators:
                met = "—" if row.met is None else yes_no(row.met)
                table.rows.append(
                    [
                        f"{project.proposal.reference} {project.proposal.title}",
                        goal.description,
                        row.indicator.indicator,
                        row.indicator.unit,
                        row.indicator.target_value,
                        row.delivered,
                        met,
                        row.result.assessment if row.result else "",
                        row.result.get_source_display() if row.result else "",
                    ]
                )
                table.row_flags.append("" if row.met is None else ("met" if row.met else "not_met"))
    projects = Table(
        "Projecten met hun matrix (■ gedekt, □ niet; rijen: doelgroepen, kolommen: ambulant, residentieel, veiligheid)",
        "Projecten",
        [
            Column("Project"),
            Column("Matrix", MATRIX),
            Column("Toegekend", MONEY),
            Column("Betaald", MONEY),
        ],
        rows=[
            [
                f"{p.proposal.reference} {p.proposal.title}",
                sorted((c.row, c.column) for c in p.proposal.cells.all()),
                p.awarded,
                p.paid,
            ]
            for p in ev.projects
        ],
        empty="Geen projecten met een toekenning in of voor dit jaar.",
    )
    totals = ev.totals
    summary = Table(
        "Totalen van het fonds",
        "Totalen",
        [
            Column("Projecten", NUMBER),
            Column("Indicatoren", NUMBER),
            Column("Gerapporteerd", NUMBER),
            Column("Behaald", NUMBER),
            Column("Toegekend", MONEY),
            Column("Betaald", MONEY),
        ],
        rows=[
            [
                Decimal(totals["projects"]),
                Decimal(totals["indicators"]),
                Decimal(totals["reported"]),
                Decimal(totals["met"]),
                totals["awarded"],
                totals["paid"],
            ]
        ],
    )
    report.tables = [table, summary, projects]
    return report


def settlement_report(preview: SettlementPreview, municipality=None) -> Report:
    group = preview.group
    status = "Vastgesteld en geboekt" if preview.confirmed else "Concept (nog niet vastgesteld)"
    report = Report(
        title=f"Afrekening {group.fund.name}: {group.name}",
        filename=f"afrekening-{group.fund.slug}-{group.pk}",
        facts=[
            ("Fonds", group.fund.name),
            ("Afrekengroep", group.name),
            ("Af te rekenen na", f"{format_date(group.settle_after)}"),
            ("Status", status),
        ],
    )
    statements = preview.statements()
    if municipality is not None:
        statements = [s for s in statements if s.municipality.pk == municipality.pk]
        report.filename += f"-{municipality.cbs_code}"
        report.facts.append(("Gemeente", municipality.name))
    for statement in statements:
        table = Table(
            f"Afrekening {statement.municipality.name}",
            statement.municipality.name[:31],
            [
                Column("Jaar"),
                Column("Werkelijke bijdrage", MONEY),
                Column("Niet besteed in het jaar (fonds)", MONEY),
                Column("Terug naar de gemeente", MONEY),
            ],
            rows=[[str(r.year), r.contributed, r.unspent_year, r.amount] for r in statement.lines],
            totals=["Totaal", statement.contributed, "", statement.amount],
        )
        report.tables.append(table)
    if municipality is None:
        report.tables.insert(
            0,
            Table(
                "Terug per gemeente",
                "Overzicht",
                [Column("Gemeente"), Column("Werkelijke bijdrage", MONEY), Column("Terug", MONEY)],
                rows=[[s.municipality.name, s.contributed, s.amount] for s in statements],
                totals=[
                    "Totaal",
                    sum((s.contributed for s in statements), Decimal(0)),
                    preview.total,
                ],
            ),
        )
    if preview.outstanding:
        report.notes.append(
            f"Openstaande verplichtingen in deze jaren blijven in het fonds: {format_euro(preview.outstanding)}."
        )
    report.notes.append(
        "Wat niet besteed is gaat terug naar rato van de werkelijke bijdragen (seed 002 §3.2.6-7); "
        "de bedragen tellen exact op."
    )
    return report


def region_reports_report(rows: list[RegionReportRow], today: dt.date) -> Report:
    report = Report(
        title="Verantwoordingsverslagen jeugdhulpregio's",
        filename="verslagen-jeugdhulpregios",
        facts=[("Stand per", f"{format_date(today)}")],
    )
    table = Table(
        "Verslagen over resultaten en rechtmatigheid per SPUK-project",
        "Verslagen",
        [
            Column("Project"),
            Column("Jeugdhulpregio"),
            Column("Einde project", DATE),
            Column("Uiterlijk vóór", DATE),
            Column("Status"),
            Column("Ontvangen op", DATE),
        ],
        empty="Er zijn geen SPUK-projecten met een toekenning.",
    )
    for row in rows:
        received = timezone.localtime(row.report.delivered_at).date() if row.report else None
        table.rows.append(
            [
                f"{row.proposal.reference} {row.proposal.title}",
                row.region_name,
                row.project_end,
                row.deadline,
                row.state_label,
                received,
            ]
        )
        table.row_flags.append(row.state)
    report.tables = [table]
    return report
