from decimal import Decimal

import pytest
from django.utils import timezone

from proposals.models import AgendaItem, Award, Decision, Proposal
from proposals.selectors import fund_awarded_total


@pytest.mark.django_db
def test_demo_has_every_state_the_votes_and_the_bren_2020_awards(demo, demo_client):
    tf = Proposal.objects.filter(fund__slug="tijdelijk-fonds-holland-rijnland")
    spuk = Proposal.objects.filter(fund__slug="spuk-bren-zuid-west")
    assert set(tf.values_list("status", flat=True)) == set(Proposal.Status.values)
    assert {"draft", "submitted", "screened", "on_agenda", "rejected", "running"} <= set(
        spuk.values_list("status", flat=True)
    )

    two_thirds = Decision.objects.get(
        proposal__fund__slug="tijdelijk-fonds-holland-rijnland", rule="two_thirds"
    )
    assert (
        two_thirds.proposal.agenda_items.get(meeting__kind="pho_maatschappij")
        .votes.exclude(choice="yes")
        .exists()
    )
    assert (
        Decision.objects.filter(
            proposal__fund__slug="tijdelijk-fonds-holland-rijnland", outcome="rejected"
        ).count()
        == 1
    )

    bren = Award.objects.filter(proposal__fund__slug="spuk-bren-zuid-west", year=2020).order_by(
        "number"
    )
    assert [a.amount.amount for a in bren] == [
        Decimal(x) for x in ("446644", "285000", "45000", "80000", "751056", "102300")
    ]
    assert sum(a.amount.amount for a in bren) == Decimal("1710000")  # seed 004 Bijlage 4
    later = Award.objects.filter(proposal__fund__slug="spuk-bren-zuid-west", year__gt=2020)
    assert fund_awarded_total(bren[0].proposal.fund) == Decimal("1710000") + sum(
        a.amount.amount for a in later
    )
    assert Award.objects.filter(number="TF-2017-004").exists()

    page = (
        demo_client("two")
        .get(f"/voorstellen/agendapunten/{two_thirds.agenda_item_id}/")
        .content.decode()
    )
    assert "aangenomen met tweederdemeerderheid" in page
    assert "Kaag en Braassem" in page and "Onthouding" in page
    # Kaag en Braassem weighs with its counted (Veiligheid) part only: far below its share of the whole budget
    from fund.models import BudgetAmount, Contribution

    item = two_thirds.agenda_item
    contributions = Contribution.objects.filter(
        tranche__fund=item.meeting.fund, tranche__year=item.vote_year
    )
    kaag = contributions.get(municipality__name="Kaag en Braassem")
    total = sum(c.counted_budget.amount for c in contributions)
    shown = (
        page.split('<th scope="row">Kaag en Braassem</th>')[1].split("</td>")[0].rsplit(">", 1)[1]
    )
    assert shown == f"{(kaag.counted_budget.amount / total * 100):.2f}%".replace(".", ",")
    tranche = kaag.tranche
    whole = BudgetAmount.objects.filter(
        circular=tranche.basis, budget_year=tranche.year, municipality__region=tranche.fund.region
    )
    kaag_whole = sum(b.amount.amount for b in whole.filter(municipality=kaag.municipality))
    assert kaag.counted_budget.amount < kaag_whole


@pytest.mark.django_db
def test_demo_puts_every_pho_proposal_on_an_earlier_ao_agenda(demo):
    pho_items = AgendaItem.objects.filter(meeting__kind="pho_maatschappij").select_related(
        "meeting"
    )
    assert pho_items.exists()
    for item in pho_items:
        assert AgendaItem.objects.filter(
            proposal=item.proposal_id,
            meeting__kind="ao_jeugd",
            meeting__date__lte=item.meeting.date,
        ).exists(), item


@pytest.mark.django_db
def test_demo_decisions_are_what_tally_says_of_their_votes(demo):
    """Every PHO decision of the demo, recounted from its stored votes and the weights of its
    year on the basis it kept: the same rule and yes share. The story holds under the rule: one
    adopted by two thirds without consensus, one rejected, the others by consensus."""
    from fractions import Fraction

    from fund.models import Contribution, Tranche
    from fund.selectors import weighing_tranche
    from proposals.voting import tally

    def weights_when_closed(item):
        """The weights as they stood when the vote closed: the demo rebases the 2018 tranche in
        June 2017, after the PHO of 23-3-2017 voted on it, and a decision keeps its own count."""
        year = item.vote_year or item.meeting.date.year
        tranche = Tranche.objects.get(pk=weighing_tranche(fund_id=item.meeting.fund_id, year=year))
        budgets = {
            c.municipality_id: getattr(c.counted_budget, "amount", c.counted_budget)
            for c in Contribution.history.as_of(item.closed_at).filter(tranche_id=tranche.pk)
        }
        total = sum(budgets.values())
        return {m: Fraction(b) / Fraction(total) for m, b in budgets.items()}

    decisions = Decision.objects.filter(agenda_item__isnull=False).select_related(
        "agenda_item__meeting__fund"
    )
    rules = []
    for decision in decisions:
        item = decision.agenda_item
        votes = dict(item.votes.values_list("municipality_id", "choice"))
        basis = {"basis": decision.basis}
        if decision.basis == "cast":
            basis["quorum"] = decision.quorum
        recount = tally(votes, weights_when_closed(item), **basis)
        assert (decision.rule, decision.yes_share) == (recount.rule, recount.yes_share), item
        assert (decision.voters, decision.members) == (recount.votes_cast, recount.members)
        assert decision.decision_date == item.meeting.date
        assert decision.basis == "all_members"
        # every vote was cast on the day of the meeting
        cast_days = {
            timezone.localdate(at) for at in item.vote_records.values_list("at", flat=True)
        }
        assert cast_days == {item.meeting.date}, item
        rules.append(decision.rule)
    assert sorted(rules) == ["consensus"] * (len(rules) - 2) + ["rejected", "two_thirds"]
    assert len(rules) >= 4
