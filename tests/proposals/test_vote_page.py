import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core.roles import Role
from fund.models import Contribution
from proposals import meeting_selectors as selectors
from proposals.services import meetings as meeting_services
from proposals.voting import tally
from tests.factories import make_user
from tests.proposals.factories import (
    on_pho_agenda,
    pho,
    regional_fund_with_municipalities,
    screened,
)

pytestmark = pytest.mark.django_db


def vote_on(years, vote_year_request, weights_by_year):
    """A PHO item whose vote year (the first requested year) has weights per tranche year."""
    two = make_user("two-vp", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(3, years=years)
    for year, weights in weights_by_year.items():
        for m, w in zip(municipalities, weights, strict=True):
            Contribution.objects.filter(
                tranche__fund=fund, tranche__year=year, municipality=m
            ).update(counted_budget=w)
    proposal = screened(fund, two, requested={vote_year_request: Decimal("100000")})
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    return two, municipalities, on_pho_agenda(two, proposal, meeting)


@pytest.mark.parametrize(
    ("years", "vote_year"), [((2017, 2018), 2017), ((2016, 2018), 2017), ((2016,), 2019)]
)
def test_page_weights_are_the_weights_the_vote_closes_with(years, vote_year):
    weights = {
        y: [Decimal("200.10"), Decimal("100.00"), Decimal("150.37") + i]
        for i, y in enumerate(years)
    }
    two, (a, b, c), item = vote_on(years, vote_year, weights)
    meeting_services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    meeting_services.vote_cast(user=pho(b), agenda_item=item, choice="no")
    meeting_services.vote_cast(user=pho(c), agenda_item=item, choice="abstain")
    expected = meeting_services.vote_weights(
        item
    )  # the nearest tranche, the later one on a tie (2016/2018 -> 2018)
    result = selectors.vote_result(item)
    assert {r.municipality_id: r.weight for r in result.rows} == expected
    closing = tally({a.pk: "yes", b.pk: "no", c.pk: "abstain"}, expected)
    assert result.tally == closing
    decision = meeting_services.agenda_item_close(user=two, agenda_item=item)
    assert selectors.vote_result(item).decided_rule == decision.rule


def test_page_shows_weights_votes_and_the_log(client_as):
    two, (a, b, c), item = vote_on(
        (2017,), 2017, {2017: [Decimal(200), Decimal(100), Decimal(100)]}
    )
    a.name, b.name, c.name = "Alphen", "Boskoop", "Cruquius"
    for m in (a, b, c):
        m.save()
    voter = pho(b)
    voter.first_name, voter.last_name = "Bea", "Bakker"
    voter.save()
    meeting_services.vote_cast(user=voter, agenda_item=item, choice="no")
    meeting_services.vote_cast(user=voter, agenda_item=item, choice="yes")
    page = client_as(two).get(reverse("proposals:item", args=[item.pk])).content.decode()
    votes = page.split('data-testid="votes"')[1].split("</table>")[0]
    assert (
        '<th scope="row">Alphen</th><td class="jf-num">50,00%</td><td>Nog niet gestemd</td>'
        in votes
    )
    assert '<th scope="row">Boskoop</th><td class="jf-num">25,00%</td><td>Voor</td>' in votes
    assert "25,00% / 0,00% / 0,00%" in votes
    log = page.split('data-testid="vote-records"')[1].split("</table>")[0]
    assert "<td>Boskoop</td><td>Bea Bakker</td><td>—</td><td>Tegen</td>" in log
    assert "<td>Boskoop</td><td>Bea Bakker</td><td>Tegen</td><td>Voor</td>" in log


def test_portfolio_holder_sees_own_vote_in_the_form(client_as):
    _, (a, _, _), item = vote_on((2017,), 2017, {2017: [Decimal(1), Decimal(1), Decimal(1)]})
    user = pho(a)
    meeting_services.vote_cast(user=user, agenda_item=item, choice="abstain")
    page = client_as(user).get(reverse("proposals:item", args=[item.pk])).content.decode()
    assert f"Uw stem namens {a.name}" in page
    assert "(nu: onthouding;" in page
    [checked] = [tag for tag in page.split("<input")[1:] if "checked" in tag.split(">")[0]]
    assert 'value="abstain"' in checked
    assert 'data-testid="vote-records"' not in page  # the log is for the managers


def test_page_shows_turnout_who_has_not_voted_and_the_bar(client_as):
    two, (a, b, c), item = vote_on(
        (2017,), 2017, {2017: [Decimal(200), Decimal(100), Decimal(100)]}
    )
    a.name, b.name, c.name = "Alphen", "Boskoop", "Cruquius"
    for m in (a, b, c):
        m.save()
    meeting_services.vote_cast(user=pho(b), agenda_item=item, choice="yes")
    page = client_as(two).get(reverse("proposals:item", args=[item.pk])).content.decode()
    assert (
        "Ja-aandeel: <strong>25,00%</strong> van tweederde van het stemgewicht van alle leden"
        in page
    )
    assert "Als de stemming nu sluit: afgewezen: geen tweederdemeerderheid." in page
    assert "Opkomst: 1 van 3 leden hebben gestemd, samen 25,00% van het stemgewicht." in page
    not_voted = page.split('data-testid="not-voted"')[1].split("</p>")[0]
    assert "2 leden hebben nog niet gestemd: Alphen, Cruquius." in not_voted
    bar = page.split('data-testid="vote-bar"')[1].split("</figure>")[0]
    assert 'role="img"' in bar and '<rect x="0" y="12" width="250.0"' in bar
    assert '<line x1="666.7" x2="666.7"' in bar
    assert "nog 41,67% te gaan tot de tweederdegrens" in bar

    meeting_services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    meeting_services.agenda_item_close(user=two, agenda_item=item)
    page = client_as(two).get(reverse("proposals:item", args=[item.pk])).content.decode()
    assert "<strong>aangenomen met tweederdemeerderheid</strong>" in page
    assert "Besluit van 1-6-2017" in page
    assert (
        "Opkomst bij het besluit: 2 van 3 leden hebben gestemd, samen 75,00% van het stemgewicht."
        in page
    )
    assert 'data-testid="not-voted"' not in page  # closed: the list of who may still vote is gone
    assert "de tweederdegrens is bereikt" in page


def test_the_decision_record_shows_its_basis_and_turnout(client_as):
    two, (a, b, c), item = vote_on(
        (2017,), 2017, {2017: [Decimal(200), Decimal(100), Decimal(100)]}
    )
    meeting_services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    meeting_services.vote_cast(user=pho(b), agenda_item=item, choice="no")
    meeting_services.agenda_item_close(user=two, agenda_item=item)
    page = client_as(two).get(reverse("proposals:detail", args=[item.proposal_id])).content.decode()
    record = page.split('data-testid="decision-basis"')[1].split("</p>")[0]
    assert "Gerekend als tweederde van het stemgewicht van alle leden" in record
    assert "50,00% voor; 2 van 3 leden stemden, samen 75,00% van het stemgewicht." in record
    assert "Besluit: <strong>Afgewezen</strong> (Geen tweederdemeerderheid) op 1-6-2017." in page
