"""XLSX cells with text from users are plain text, never formulas; dates and amounts stay typed."""

import datetime as dt
import io

from openpyxl import load_workbook

from norms import services

PLAN_XLSX = "/normen/gebied/regio-a/uitvoeringsplan/uitvoeringsplan.xlsx?per=2021-11-01"


def _exported_row(plan, user, client_as, number: str, **texts):
    """An action with these texts (owner, activity, result, status_notes), downloaded in the
    action plan's XLSX by `user`: the response and the action's row of cells."""
    services.action_create(
        user=user,
        plan=plan,
        solution_line=5,
        number=number,
        planned_date=dt.date(2021, 11, 15),
        **texts,
    )
    response = client_as(user).get(PLAN_XLSX)
    ws = load_workbook(io.BytesIO(response.getvalue()))["Uitvoeringsplan"]
    return response, next(r for r in ws.iter_rows() if r[1].value == number)


def test_user_text_that_looks_like_a_formula_stays_text(plan, region_user, client_as):
    response, row = _exported_row(
        plan,
        region_user,
        client_as,
        "5.1",
        owner='=HYPERLINK("x")',
        activity="=1+1",
        result="@SUM(A1)",
        status_notes="+31 6",
    )
    assert response.streaming
    assert row[3].value == "=1+1" and row[3].data_type == "s"
    assert row[2].value == '=HYPERLINK("x")' and row[2].data_type == "s"
    assert row[5].value.date() == dt.date(2021, 11, 15) and row[5].data_type == "d"
    assert row[6].value == "oranje"


def test_a_control_character_in_user_text_is_left_out_and_the_download_works(
    plan, region_user, client_as
):
    """Text pasted from another program can hold a control character (a vertical tab from a
    word processor, a backspace). XLSX cannot store it: the action plan downloads without it."""
    response, row = _exported_row(
        plan,
        region_user,
        client_as,
        "5.2",
        owner="Team\x08 Jeugd",
        activity="Overleg\x0bmet de GI",
        result="Afspraken\x01 vastgelegd",
        status_notes="Loopt\x1f",
    )
    assert response.status_code == 200
    assert [c.value for c in row[2:5]] == ["Team Jeugd", "Overlegmet de GI", "Afspraken vastgelegd"]
    assert row[9].value == "Loopt"
