"""The demo's seed figures: seed 003's assessment per GI and the action plan's lights and money."""

import datetime as dt

from norms import selectors
from norms.models import Area, InspectionReport


def test_seed_003_assessment_per_gi(demo):
    report = InspectionReport.objects.get(area__slug="noord-holland-amsterdam")
    tables = {(t.norm.code, t.criterion): t for t in selectors.inspection_tables(report)}
    fixed = tables[("jeugdbeschermer-5-werkdagen", "vaste jeugdbeschermer")]
    not_in_order = {a.institution.code: (a.assessed, a.assessed - a.in_order) for a in fixed.rows}
    assert not_in_order == {
        "DJGB": (23, 4),
        "JBRA": (21, 4),
        "LJ&R": (5, 0),
        "WSS": (11, 0),
        "Briedis": (1, 0),
    }
    assert (fixed.total.assessed, fixed.total.assessed - fixed.total.in_order) == (61, 8)
    assert (fixed.sum_assessed, fixed.sum_in_order) == (61, 53)
    help_in_time = tables[("passende-hulp-3-maanden", "passende hulp tijdig ingezet")]
    assert (help_in_time.total.assessed, help_in_time.total.in_order) == (54, 32)


def test_action_plan_has_every_solution_line_a_mix_of_lights_and_two_money_links(demo):
    zw = Area.objects.get(slug="zuid-west")
    plan = selectors.action_plan(zw, today=dt.date(2021, 11, 1), weeks=4)
    assert all(rows for _, _, rows in plan.lines), "at least one action per solution line"
    counts = plan.light_counts
    assert counts["groen"] >= 1 and counts["oranje"] >= 1 and counts["rood"] >= 1
    paid = [r for r in plan.rows if r.money_label]
    assert sorted(r.money_label.split()[0] for r in paid) == ["SPUK-project", "Toekenning"]
    assert all(r.committed > 0 for r in paid)
