"""The home page is each role's worklist: what waits for the user, each item a link to where it is done."""

import datetime as dt
import html as html_lib
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from djmoney.money import Money

from allocations.forecast import forecast_due, working_day
from allocations.models import BudgetRequest, ForecastSubmission
from core.models import Provider
from core.roles import Role
from fund.models import Fund
from proposals.models import AgendaItem, Award, DecisionLetter, Meeting, Proposal
from tests.factories import ProviderFactory, RegionFactory, make_user
from worklists.selectors.coordinator import coordinator_worklist
from worklists.selectors.portfolio_holder import portfolio_holder_worklist
from worklists.selectors.provider import provider_worklist
from worklists.selectors.region import administrator_worklist, region_worklist
from worklists.selectors.two import two_worklist

TODAY = dt.date(2026, 12, 5)


def _section(html: str, key: str) -> str:
    match = re.search(rf'data-testid="ws-{key}">(.*?)</section>', html, re.S)
    assert match, f"no section {key}"
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))))


def test_two_sees_the_demo_work_waiting(demo_client):
    html = demo_client("two").get("/").content.decode()
    assert "Werklijst TWO/AO" in html
    screen = _section(html, "screen")
    assert "V-TF-2017-002 Gezamenlijke GGZ-LVB poli" in screen and "V-TF-2017-003" in screen
    decide = _section(html, "decide")
    assert "V-TF-2016-008" in decide and "Stemming open" in decide and "14-9-2017" in decide
    assert "TF-2018-001" in decide and "Beschikking maken" in decide
    above = _section(html, "above")
    assert "LVB Zorg Bollenstreek (demo)" in above and "Boven 105%" in above and "107,0%" in above
    assert "GGZ Leiden Jeugd (demo)" in above and "5 BSN's doorgegeven" in above
    recalc = _section(html, "recalculate")
    # the demo's 2018 and 2019 tranches are recalculated and definitive: nothing waits for a new circulaire
    assert "Elke voorlopige tranche rekent met de nieuwste circulaire." in recalc
    assert "tranche 2018" not in recalc and "tranche 2019" not in recalc
    # TWO Holland Rijnland has no SPUK (Rotterdam manages it): no late SPUK project report is its work
    reports = _section(html, "reports")
    assert "Er is geen projectverslag te laat." in reports and "V-SPUK-2020-001" not in reports
    assert "Er wacht geen PxQ-aanvraag op een besluit." in _section(html, "requests")
    funds = _section(html, "funds")
    assert "Tijdelijk Fonds Jeugdhulp Holland Rijnland" in funds
    assert "Tranches € 7.000.000,00" in funds and "Betaald € 740.000,00" in funds


def test_the_portfolio_holder_sees_the_open_vote_and_the_last_decisions(demo_client):
    html = demo_client("pho-lisse").get("/").content.decode()
    votes = _section(html, "votes")
    assert (
        "V-TF-2016-008 Samen sterker" in votes
        and "Tijdelijk Fonds, tweede ronde, 14-9-2017" in votes
    )
    assert "Nog niet gestemd" in votes
    item = AgendaItem.objects.get(
        proposal__reference="V-TF-2016-008", meeting__kind=Meeting.Kind.PHO_MAATSCHAPPIJ
    )
    assert f'href="/voorstellen/agendapunten/{item.pk}/"' in html
    decisions = _section(html, "decisions")
    assert "23-3-2017" in html and "V-TF-2016-005" in decisions and "Afgewezen" in decisions
    assert "Er is geen vergadering gepland." in _section(html, "meetings")


def test_the_portfolio_holder_sees_the_vote_it_cast_and_no_other_municipalitys(demo_client):
    from proposals.services.meetings import vote_cast

    item = AgendaItem.objects.get(
        proposal__reference="V-TF-2016-008", meeting__kind=Meeting.Kind.PHO_MAATSCHAPPIJ
    )
    users = get_user_model().objects
    vote_cast(user=users.get(username="pho-lisse"), agenda_item=item, choice="no")
    assert "U stemde tegen" in _section(demo_client("pho-lisse").get("/").content.decode(), "votes")
    # each sees its own municipality's vote: Leiden voted for it in the demo
    leiden = _section(demo_client("pho-leiden").get("/").content.decode(), "votes")
    assert "V-TF-2016-008" in leiden and "U stemde voor" in leiden and "tegen" not in leiden


def test_the_provider_sees_its_forecast_bsns_requests_and_letters(demo_client):
    html = demo_client("aanbieder-lvb").get("/").content.decode()
    forecast = _section(html, "forecast")
    assert "Prognose 2016, stand december 2016" in forecast and "107,0% van het budget" in forecast
    assert "Boven 105%" in forecast
    assert "Er geldt een algehele opnamestop (boven 105%)" in _section(html, "bsn")
    amber = demo_client("aanbieder-ggz").get("/").content.decode()
    assert "5 cliënten vastgelegd in 2016" in _section(amber, "bsn")
    assert "Gedeeltelijk toegekend" in _section(html, "requests")
    letters = _section(html, "letters")
    assert "Beschikking TF-2017-003" in letters and "€ 300.000,00 voor 2017" in letters
    # only its own organisation: another provider's request is not listed
    other = BudgetRequest.objects.exclude(provider__slug="lvb-zorg-bollenstreek").first()
    assert f"/aanvragen/{other.pk}/" not in html


def test_the_coordinating_municipality_sees_divisions_advice_and_reports(demo_client):
    html = demo_client("rotterdam").get("/").content.decode()
    division = _section(html, "division")
    assert (
        "2020 Vastgesteld" in division
        and "2021 Vastgesteld" in division
        and "2022 Concept" in division
    )
    assert "V-SPUK-2021-001" in _section(html, "advice")
    reports = _section(html, "reports")
    assert "V-SPUK-2020-004 Ombuigcoördinator Te laat Haaglanden" in reports
    assert "Er is nu geen SiSa-verantwoording te leveren." in _section(html, "sisa")


def test_the_region_sees_its_reports_and_requests_only(demo_client):
    html = demo_client("regio-midden-holland").get("/").content.decode()
    assert "V-SPUK-2020-001" in _section(html, "reports") and "Te laat" in _section(html, "reports")
    requests = _section(html, "requests")
    assert "V-SPUK-2021-001 Expertteam-uren" in requests and "Geagendeerd" in requests
    assert "Ombuigcoördinator" not in html  # Haaglanden's project
    html = demo_client("regio-holland-rijnland").get("/").content.decode()
    assert "Er is geen projectverslag te leveren." in _section(html, "reports")


def test_every_item_links_to_a_page_the_user_may_open(demo_client):
    for username in ["two", "pho-leiden", "aanbieder-ggz", "rotterdam", "regio-midden-holland"]:
        client = demo_client(username)
        main = client.get("/").content.decode().split('id="main"', 1)[1]
        links = {url.split("#")[0] for url in re.findall(r'href="(/[^"]+)"', main)}
        assert links, f"{username}: the worklist has items"
        for url in sorted(links):
            response = client.get(url.replace("&amp;", "&"))
            assert response.status_code == 200, (username, url, response.status_code)


def test_the_functional_administrator_sees_the_organisations_whose_users_it_manages(
    demo_client, django_user_model, django_assert_max_num_queries
):
    client = demo_client("beheer-holland-rijnland")
    html = client.get("/").content.decode()  # the home page of a role without a worklist was a 500
    section = _section(html, "organisations")
    assert "TWO Jeugdhulp Holland Rijnland" in section and "gebruikers" in section
    assert "Midden-Holland" not in section
    links = re.findall(r'href="(/organisaties/[^"]+)"', html.split('id="main"', 1)[1])
    assert len(links) == 1 and "Gebruikers en rollen" in client.get(links[0]).content.decode()
    user = django_user_model.objects.get(username="beheer-holland-rijnland")
    with django_assert_max_num_queries(1):
        assert administrator_worklist(user, today=TODAY).count == 1
    html = demo_client("two").get("/").content.decode()
    assert "Werklijst functioneel beheerder" not in html  # staff manage no users


def test_an_empty_list_says_so(db, client_as):
    user = make_user("regio-leeg", Role.REGION, region=RegionFactory())
    html = client_as(user).get("/").content.decode()
    assert "Er is geen projectverslag te leveren." in html
    assert "U heeft geen bestedingsverzoeken ingediend." in html
    provider = make_user("aanbieder-leeg", Role.PROVIDER, provider=ProviderFactory())
    html = client_as(provider).get("/").content.decode()
    assert "Er is geen budget waarvoor u een prognose levert." in html
    assert "U heeft nog geen beschikkingen ontvangen." in html


def test_a_forecast_not_delivered_by_the_fifth_working_day_is_late(demo, django_user_model):
    two = django_user_model.objects.get(username="two")
    lvb = Provider.objects.get(slug="lvb-zorg-bollenstreek")
    ForecastSubmission.objects.filter(provider=lvb, year=2016, month=7).update(is_current=False)
    # 5 August 2016 is the fifth working day: on that day nothing is late yet
    on_time = two_worklist(two, today=dt.date(2016, 8, 5))
    assert [s.items for s in on_time.sections if s.key == "forecasts"] == [[]]
    late = two_worklist(two, today=dt.date(2016, 8, 8))
    [items] = [s.items for s in late.sections if s.key == "forecasts"]
    assert [(i.text, i.state, i.detail) for i in items] == [
        (
            "LVB Zorg Bollenstreek (demo)",
            "Te laat",
            "Prognose juli 2016 was uiterlijk 5-8-2016 te leveren",
        )
    ]
    provider_user = django_user_model.objects.get(username="aanbieder-lvb")
    [due] = provider_worklist(provider_user, today=dt.date(2016, 8, 3)).sections[0].items[:1]
    assert (due.text, due.state, due.detail) == (
        "Prognose juli 2016 leveren",
        "Te leveren",
        "Uiterlijk 5-8-2016 (de vijfde werkdag)",
    )


def test_the_fifth_working_day_skips_weekends():
    assert working_day(2016, 8) == dt.date(2016, 8, 5)  # Monday 1 August
    assert working_day(2026, 11) == dt.date(2026, 11, 6)  # Sunday 1 November
    assert forecast_due(dt.date(2017, 1, 3)) == (2016, 12, dt.date(2017, 1, 6))


def test_sisa_due_until_15_july_of_the_next_year(demo, django_user_model):
    rotterdam = django_user_model.objects.get(username="rotterdam")
    sisa = [
        s
        for s in coordinator_worklist(rotterdam, today=dt.date(2021, 7, 15)).sections
        if s.key == "sisa"
    ][0]
    assert [(i.text[-4:], i.state) for i in sisa.items] == [
        ("2020", "Te leveren"),
        ("2021", "Lopend jaar"),
    ]
    assert "uiterlijk 15-7-2021" in sisa.items[0].detail


# -- query counts at two sizes --------------------------------------------------------------------


def _grow(n: int) -> None:
    """n more of everything a worklist lists: submitted and adopted proposals, open votes, awards
    without and with letters, PxQ requests, SPUK projects with overdue reports, funds."""
    from allocations.models import BudgetRequest as Request
    from tests.factories import FundFactory, TrancheFactory

    two = get_user_model().objects.get(username="two")
    fund = Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland")
    spuk = Fund.objects.get(slug="spuk-bren-zuid-west")
    knelpunten = Fund.objects.get(slug="knelpunten-zin-2016")
    open_pho = AgendaItem.objects.get(
        proposal__reference="V-TF-2016-008", meeting__kind="pho_maatschappij"
    ).meeting
    provider = Provider.objects.get(slug="jeugdhulp-rijnland")
    midden = Proposal.objects.get(reference="V-SPUK-2020-001").filing_region

    def make(i, prefix, status, f=fund, **kw):
        return Proposal.objects.create(
            fund=f,
            reference=f"X-{prefix}-{i}",
            title=f"Extra {prefix} {i}",
            summary="-",
            status=status,
            contact="-",
            **kw,
        )

    for i in range(n):
        make(i, "sub", Proposal.Status.SUBMITTED).applicants.add(provider)
        make(i, "adopted", Proposal.Status.ADOPTED)
        AgendaItem.objects.create(
            meeting=open_pho, proposal=make(i, "agenda", Proposal.Status.ON_AGENDA), position=10 + i
        )
        awarded = make(i, "awarded", Proposal.Status.AWARDED)
        awarded.applicants.add(provider)
        for year in (2018, 2019):
            award = Award.objects.create(
                proposal=awarded,
                number=f"X-{i}-{year}",
                year=year,
                amount=Money(Decimal(1000), "EUR"),
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
            )
        DecisionLetter.objects.create(
            award=award, addressee="-", signatory="-", pdf=b"%PDF-1.4", sha256="0" * 64
        )
        project = make(i, "spuk", Proposal.Status.RUNNING, f=spuk, filing_region=midden)
        Award.objects.create(
            proposal=project,
            number=f"XS-{i}",
            year=2020,
            amount=Money(Decimal(1000), "EUR"),
            period_start=dt.date(2020, 1, 1),
            period_end=dt.date(2020, 12, 31),
        )
        other = ProviderFactory(region=provider.region)
        Request.objects.create(
            provider=other,
            fund=knelpunten,
            year=2016,
            motivation="-",
            submitted_by=two,
            scaling_down="-",
            referring_back="-",
            shortening="-",
            demand_evidence="-",
        )
        TrancheFactory(fund=FundFactory(region=fund.region), year=2017)


LIMITS = {  # queries of each role's worklist, whatever the size of the data
    "two": (two_worklist, 24),
    "pho-leiden": (portfolio_holder_worklist, 6),
    "aanbieder": (provider_worklist, 10),
    "rotterdam": (coordinator_worklist, 9),
    "regio-midden-holland": (region_worklist, 5),
}


@pytest.mark.parametrize("extra", [0, 15])
def test_each_worklist_runs_a_fixed_number_of_queries(
    demo, django_user_model, django_assert_max_num_queries, extra
):
    _grow(extra)
    for username, (selector, limit) in LIMITS.items():
        user = django_user_model.objects.get(username=username)
        with django_assert_max_num_queries(limit):
            worklist = selector(user, today=TODAY)
        assert worklist.count >= (extra if extra else 1), username


def test_a_long_section_lists_the_first_items_and_counts_the_rest(
    demo, demo_client, monkeypatch, django_assert_max_num_queries
):
    """At national scale TWO's worklist would list thousands of awards without a letter: a section
    lists the first SHOWN (the oldest first), and its heading counts them all."""
    from worklists.selectors import common, two

    _grow(6)
    two_user = get_user_model().objects.get(username="two")
    everything = {s.key: s for s in two_worklist(two_user, today=TODAY).sections}
    monkeypatch.setattr(common, "SHOWN", 4)
    monkeypatch.setattr(two, "SHOWN", 4)
    with django_assert_max_num_queries(LIMITS["two"][1]):
        capped = {s.key: s for s in two_worklist(two_user, today=TODAY).sections}

    for key in ("screen", "decide", "requests"):
        assert len(everything[key].items) > 4, key
        assert capped[key].items == everything[key].items[:4], key
        assert capped[key].count == len(everything[key].items), key
        assert capped[key].hidden == len(everything[key].items) - 4, key
    # three kinds of work in one section: the open votes first, then as many as fit
    assert [i.state for i in capped["decide"].items] == ["Stemming open"] * 4

    html = demo_client("two").get("/").content.decode()
    screen = _section(html, "screen")
    total = len(everything["screen"].items)
    assert f'Voorstellen om te toetsen <span class="jf-count">({total})</span>' in html
    assert [i.text for i in everything["screen"].items if i.text in screen] == [
        i.text for i in everything["screen"].items[:4]
    ]
    assert f"En nog {total - 4} meer; hier staan de eerste 4." in screen


def test_awards_without_a_letter_are_listed_in_the_order_they_were_awarded(demo):
    """Award numbers are text: by number, TF-2016-10 would come before TF-2016-9. The award that
    has waited longest for its beschikking comes first."""
    proposal = Proposal.objects.filter(
        fund__slug="tijdelijk-fonds-holland-rijnland", status=Proposal.Status.AWARDED
    ).first()
    for number in ("X-2016-9", "X-2016-10"):
        Award.objects.create(
            proposal=proposal,
            number=number,
            year=2016,
            amount=Money(Decimal(1000), "EUR"),
            period_start=dt.date(2016, 1, 1),
            period_end=dt.date(2016, 12, 31),
        )
    two = get_user_model().objects.get(username="two")
    decide = next(s for s in two_worklist(two, today=TODAY).sections if s.key == "decide")
    letters = [i.text.split(" ")[0] for i in decide.items if i.state == "Beschikking maken"]
    assert letters[-2:] == ["X-2016-9", "X-2016-10"]


def test_the_other_roles_long_sections_list_the_first_items_and_count_the_rest(
    demo, demo_client, monkeypatch
):
    """The region's spending requests and the provider's beschikkingen grow with the years: they
    list the first SHOWN too (the newest first), and the heading counts them all."""
    from worklists.selectors import common

    _grow(6)
    users = {
        name: get_user_model().objects.get(username=name)
        for name in ("regio-midden-holland", "aanbieder")
    }
    everything = {
        "regio-midden-holland": region_worklist(users["regio-midden-holland"], today=TODAY),
        "aanbieder": provider_worklist(users["aanbieder"], today=TODAY),
    }
    monkeypatch.setattr(common, "SHOWN", 3)
    capped = {
        "regio-midden-holland": region_worklist(users["regio-midden-holland"], today=TODAY),
        "aanbieder": provider_worklist(users["aanbieder"], today=TODAY),
    }
    for username, key in (("regio-midden-holland", "requests"), ("aanbieder", "letters")):
        full = {s.key: s for s in everything[username].sections}[key]
        cut = {s.key: s for s in capped[username].sections}[key]
        assert len(full.items) > 3, (username, key)
        assert cut.items == full.items[:3], (username, key)
        assert (cut.count, cut.hidden) == (len(full.items), len(full.items) - 3), (username, key)

    html = demo_client("regio-midden-holland").get("/").content.decode()
    total = len({s.key: s for s in everything["regio-midden-holland"].sections}["requests"].items)
    assert f"En nog {total - 3} meer; hier staan de eerste 3." in _section(html, "requests")


@pytest.mark.parametrize("shown", [2, 25])
def test_a_section_read_by_id_lists_and_counts_as_one_read_whole(demo, monkeypatch, shown):
    """Section.add(by_id=True) reads the order and the count on the ids, then the listed rows: the
    same items, in the same order, with the same count."""
    from worklists.selectors import common

    monkeypatch.setattr(common, "SHOWN", shown)
    awards = Award.objects.select_related("proposal").order_by("awarded_at", "pk")
    assert awards.count() > 2

    def listed(by_id):
        section = common.Section("s", "S", "-")
        section.add(
            awards, lambda a: common.Item(f"{a.number} {a.proposal.title}", ""), by_id=by_id
        )
        return [i.text for i in section.items], section.count

    whole, by_id = listed(False), listed(True)
    assert whole == by_id
    assert len(whole[0]) == min(shown, awards.count()) and whole[1] == awards.count()
    none = common.Section("s", "S", "-")
    none.add(awards.none(), str, by_id=True)
    assert (none.items, none.count) == ([], 0)
