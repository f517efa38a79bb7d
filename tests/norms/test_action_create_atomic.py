"""A new action and, for an area without one, its plan are made in one transaction (issue 12's
note): a refused action leaves no empty plan behind."""

import datetime as dt

from norms.models import Action, ActionPlan


def _action(**extra):
    return {
        "solution_line": "1",
        "number": "1.1",
        "owner": "Regio A",
        "activity": "Iets doen.",
        "result": "Iets bereikt.",
        "planned_date": "2024-12-31",
        **extra,
    }


def test_a_refused_first_action_leaves_the_area_without_a_plan(region_area, region_user, client_as):
    client = client_as(region_user)
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    response = client.post(
        "/normen/gebied/regio-a/uitvoeringsplan/nieuw/", _action(result_reached_on=tomorrow)
    )
    assert response.status_code == 400
    assert (
        "&#x27;Resultaat bereikt op&#x27; kan niet in de toekomst liggen."
        in response.content.decode()
    )
    assert not ActionPlan.objects.filter(area=region_area).exists()
    assert not Action.objects.exists()


def test_the_first_action_of_an_area_makes_its_plan_and_the_next_joins_it(
    region_area, region_user, client_as
):
    client = client_as(region_user)
    first = client.post("/normen/gebied/regio-a/uitvoeringsplan/nieuw/", _action())
    second = client.post("/normen/gebied/regio-a/uitvoeringsplan/nieuw/", _action(number="1.2"))
    assert first.status_code == second.status_code == 302
    plan = ActionPlan.objects.get(area=region_area)
    assert plan.title == "Uitvoeringsplan Regio A"
    assert sorted(plan.actions.values_list("number", flat=True)) == ["1.1", "1.2"]


def test_an_action_whose_number_exists_is_refused_and_adds_nothing(
    region_area, region_user, plan, client_as
):
    client = client_as(region_user)
    assert (
        client.post("/normen/gebied/regio-a/uitvoeringsplan/nieuw/", _action()).status_code == 302
    )
    response = client.post("/normen/gebied/regio-a/uitvoeringsplan/nieuw/", _action())
    assert "Het nummer 1.1 bestaat al in dit uitvoeringsplan." in response.content.decode()
    assert list(ActionPlan.objects.filter(area=region_area)) == [plan]
    assert Action.objects.count() == 1
