"""seed 004 §6.4 as records: red threads, themes, building teams, plan assessments (complete only
with both kinds of assessor), vacatiegeld from part 1d booked in the journal, the development agenda
and the ambassadors' meetings; on the page of the coordinating municipality and TWO."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from djmoney.money import Money

from accounting.exceptions import AccountingError
from accounting.models import BudgetPart, JournalEntry, VacationFee
from accounting.services.spuk import vacation_fee_pay
from bren import rules
from bren.models import BuildingTeam, PlanAssessment

pytestmark = pytest.mark.django_db
URL = "/bren/spuk-bren-zuid-west/"


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def cell(html: str, testid: str) -> str:
    start = html.index(">", html.index(f'data-testid="{testid}"')) + 1
    return text(html[start : html.index("</td>", start)])


@pytest.mark.parametrize("only", ["ao_member", "expert_chair"])
def test_an_assessment_with_one_kind_of_assessor_is_not_complete(only):
    assert rules.assessment_outcome([(only, "approved"), (only, "approved")]) == "incomplete"
    assert (
        rules.assessment_outcome([("ao_member", "approved"), ("expert_chair", "approved")])
        == "approved"
    )
    assert (
        rules.assessment_outcome([("ao_member", "approved"), ("expert_chair", "not_approved")])
        == "not_approved"
    )


def test_the_coordinator_sees_the_whole_process(demo_client):
    html = demo_client("rotterdam").get(URL).content.decode()
    page = text(html)
    assert "Rode-dradenanalyse 2021" in page and "Rode-dradenanalyse 2022" in page
    assert "Door het uitblijven van passende hulp in bestaand aanbod neemt de complexiteit" in page
    themes = html[
        html.index('data-testid="themes-2021"') : html.index(
            "</table>", html.index('data-testid="themes-2021"')
        )
    ]
    rows = [text(r) for r in re.findall(r"<tr>(.*?)</tr>", themes, re.S)][1:]
    assert len(rows) == 4
    assert (
        "Nabijheid en kleinschaligheid" in rows[0]
        and "De regionale expertteams en het AO Jeugd" in rows[0]
    )
    assert (
        "Midden-Holland; Regionaal expertteam Midden-Holland; Ervaringsdeskundige jongere en ouder; "
        "Academische werkplaats jeugd"
    ) in rows[0]
    assert "Beleidsadviseur jeugd Midden-Holland" in rows[0] and "€ 802.002,00" in rows[0]
    team = {t.theme.priority: t for t in BuildingTeam.objects.select_related("theme")}
    assert cell(html, f"assessment-{team[1].theme_id}").strip().startswith("Goedgekeurd")
    second = cell(html, f"assessment-{team[2].theme_id}")
    assert (
        second.strip().startswith("Nog niet compleet")
        and "Nog geen oordeel van een voorzitter van een expertteam" in second
    )
    assert cell(html, f"assessment-{team[4].theme_id}").strip().startswith("Nog niet compleet")
    assert "Ervaringsdeskundige (cliëntperspectief): 6,00 uur × € 75,00 = € 450,00" in rows[0]
    agenda = text(html[html.index('data-testid="agenda-2021"') :])
    assert "Ontwikkelagenda 2021 (AO, 27-9-2021)" in agenda
    assert (
        "Wachtlijstproblematiek: bouwteam met kartrekker Beleidsadviseur jeugd Haaglanden, richtinggevend budget € 802.002,00"
        in agenda
    )
    meetings = text(html[html.index('data-testid="ambassador-meetings"') :])
    first = meetings.index("16-7-2021")
    assert first < meetings.index("22-10-2021") < meetings.index("11-2-2022")
    assert "Onderzoek kennis- en ontwikkelfunctie BREN" in meetings and "Positief" in meetings


@pytest.mark.parametrize(
    "username", ["pho-leiden", "regio-midden-holland", "aanbieder", "two", "two-midden-holland"]
)
def test_only_the_coordinating_municipality_sees_it(demo_client, username):
    # TWO staff of a region do not manage the SPUK: Gemeente Rotterdam does (issue 13); this was 200 for 'two'.
    assert demo_client(username).get(URL).status_code == 404
    assert demo_client("rotterdam").get(URL).status_code == 200


def test_staff_of_another_organisation_find_no_network_under_the_menu_item(demo_client):
    page = demo_client("two").get("/bren/").content.decode()
    assert "U werkt niet voor een organisatie die een BREN-netwerk beheert." in page
    assert "SPUK" not in page.split('id="main"', 1)[1]
    assert demo_client("rotterdam").get("/bren/").status_code == 302  # its one network
    assert demo_client("aanbieder").get("/bren/").status_code == 404


def test_a_second_kind_of_assessor_completes_the_assessment_and_bad_input_saves_nothing(
    demo_client,
):
    client = demo_client("rotterdam")
    team = BuildingTeam.objects.get(theme__priority=2)
    before = PlanAssessment.objects.count()
    bad = client.post(
        URL,
        {
            "plan-building_team": team.pk,
            "plan-assessor_name": "Voorzitter RET Haaglanden",
            "plan-capacity": "expert_chair",
            "plan-verdict": "approved",
            "plan-motivation": "",
            "plan-assessed_on": "2021-09-22",
        },
        follow=True,
    ).content.decode()
    assert "Motiveer het oordeel." in bad and PlanAssessment.objects.count() == before
    response = client.post(
        URL,
        {
            "plan-building_team": team.pk,
            "plan-assessor_name": "Voorzitter RET Haaglanden",
            "plan-capacity": "expert_chair",
            "plan-verdict": "approved",
            "plan-motivation": "Bovenregionaal en uitvoerbaar.",
            "plan-assessed_on": "2021-09-22",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "De beoordeling van het plan is vastgelegd." in html
    assert cell(html, f"assessment-{team.theme_id}").strip().startswith("Goedgekeurd")
    again = client.post(
        URL,
        {
            "plan-building_team": team.pk,
            "plan-assessor_name": "Voorzitter RET Haaglanden",
            "plan-capacity": "expert_chair",
            "plan-verdict": "not_approved",
            "plan-motivation": "Toch niet.",
            "plan-assessed_on": "2021-09-23",
        },
        follow=True,
    )
    assert "Voorzitter RET Haaglanden heeft dit plan al beoordeeld." in again.content.decode()
    assert PlanAssessment.objects.count() == before + 1


def test_vacatiegeld_is_paid_from_part_1d_and_booked(demo_client):
    fees = list(VacationFee.objects.select_related("budget_line", "entry"))
    assert len(fees) == 2
    for fee in fees:
        assert (
            fee.budget_line.part == BudgetPart.PROCESS_EXPERTS
            and fee.budget_line.division.year == 2021
        )
        assert fee.amount.amount == fee.hours * fee.rate.amount
        assert fee.entry.kind == "direct_expense"
        assert {line.budget_line_id for line in fee.entry.lines.all()} == {fee.budget_line_id}
    journal = (
        demo_client("rotterdam").get("/boekhouding/spuk-bren-zuid-west/journaal/").content.decode()
    )
    assert "Vacatiegeld Ervaringsdeskundige (cliëntperspectief): 6 uur à € 75,00" in journal


def test_vacatiegeld_beyond_part_1d_is_refused_and_nothing_is_booked(demo):
    from django.contrib.auth import get_user_model

    from fund.models import Fund

    fund = Fund.objects.get(slug="spuk-bren-zuid-west")
    entries = JournalEntry.objects.count()
    with pytest.raises(AccountingError, match="past daar niet in"):
        vacation_fee_pay(
            fund=fund,
            year=2021,
            expert="Expert",
            meeting="Sessie",
            meeting_date=dt.date(2021, 11, 1),
            hours=Decimal("400"),
            rate=Decimal("125"),
            user=get_user_model().objects.get(username="rotterdam"),
        )
    with pytest.raises(AccountingError, match="niet vastgesteld"):
        vacation_fee_pay(
            fund=fund,
            year=2022,
            expert="Expert",
            meeting="Sessie",
            meeting_date=dt.date(2022, 3, 1),
            hours=Decimal("1"),
            rate=Decimal("100"),
            user=get_user_model().objects.get(username="rotterdam"),
        )
    assert JournalEntry.objects.count() == entries


def test_the_database_refuses_a_building_team_without_kartrekker_or_budget(demo):
    team = BuildingTeam.objects.get(theme__priority=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        BuildingTeam.objects.filter(pk=team.pk).update(kartrekker="")
    with pytest.raises(IntegrityError), transaction.atomic():
        BuildingTeam.objects.filter(pk=team.pk).update(indicative_budget=Money(0, "EUR"))


def test_the_page_makes_as_many_queries_with_many_more_themes(demo_client):
    """Pinned at two sizes: the demo's four themes, and twenty more with teams and assessments."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bren.models import RedThreadsAnalysis, Theme
    from core.models import Region

    client = demo_client("rotterdam")
    client.get(URL)  # warm the session

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    small = count()
    analysis = RedThreadsAnalysis.objects.get(year=2022)
    region = Region.objects.get(slug="haaglanden")
    for i in range(20):
        theme = Theme.objects.create(
            analysis=analysis, priority=i + 1, title=f"Extra thema {i}", chosen_by="AO"
        )
        team = BuildingTeam.objects.create(
            theme=theme,
            region=region,
            expert_team="RET",
            client_perspective="Cliënt",
            research="Werkplaats",
            kartrekker="Kartrekker",
            formed_on=dt.date(2022, 1, 10),
            indicative_budget=Money(1000, "EUR"),
        )
        PlanAssessment.objects.create(
            building_team=team,
            assessor_name=f"AO {i}",
            capacity="ao_member",
            verdict="approved",
            motivation="Goed.",
            assessed_on=dt.date(2022, 1, 20),
        )
    assert count() == small <= 20
