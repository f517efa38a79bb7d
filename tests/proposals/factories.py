import datetime as dt
from decimal import Decimal

import factory
from djmoney.money import Money

from core.models import Municipality
from core.roles import Role
from fund.models import Contribution, Fund, Tranche
from proposals.criteria import criteria_for
from proposals.models import AgendaItem, Meeting, Proposal
from proposals.services import intake as intake_services
from proposals.services import meetings as meeting_services
from proposals.services import screening as screening_services
from tests.factories import (
    FundFactory,
    MunicipalityFactory,
    ProviderFactory,
    RegionFactory,
    TrancheFactory,
    make_user,
)

GOALS = [
    intake_services.GoalInput(
        "Minder jongeren in residentiële zorg",
        [
            intake_services.IndicatorInput(
                "Jongeren teruggeleid naar ambulante hulp",
                Decimal("25"),
                "jongeren",
                dt.date(2018, 12, 31),
            )
        ],
    )
]


class ProposalFactory(factory.django.DjangoModelFactory):
    """A bare proposal (no cells/goals); use make_proposal for a complete one through the service."""

    class Meta:
        model = Proposal

    fund = factory.SubFactory(FundFactory)
    reference = factory.Sequence(lambda n: f"V-TEST-{n:04d}")
    title = factory.Sequence(lambda n: f"Voorstel {n}")
    summary = "Samenvatting"
    contact = "J. Jansen"


def regional_fund_with_municipalities(
    n: int = 3, *, weights=None, amounts=(Decimal("1000000"),), years=(2017,)
):
    """A regional fund with `n` municipalities (pho users `pho-<i>`) and contributions per year."""
    region = RegionFactory()
    fund = FundFactory(
        region=region, term_start=dt.date(2016, 7, 1), term_end=dt.date(2019, 12, 31)
    )
    weights = weights or [Decimal(100)] * n
    municipalities = [MunicipalityFactory(region=region) for _ in range(n)]
    for year, amount in zip(
        years, amounts * len(years) if len(amounts) == 1 else amounts, strict=False
    ):
        tranche = TrancheFactory(fund=fund, year=year, amount=Money(amount, "EUR"))
        total = sum(weights)
        for m, w in zip(municipalities, weights, strict=True):
            Contribution.objects.create(
                tranche=tranche,
                municipality=m,
                counted_budget=Money(w, "EUR"),
                amount=Money(amount * w / total, "EUR"),
            )
    return fund, municipalities


def pho(municipality: Municipality, name: str | None = None):
    return make_user(
        name or f"pho-{municipality.cbs_code.lower()}",
        Role.PORTFOLIO_HOLDER,
        municipality=municipality,
    )


def full_answers(fund: Fund) -> dict[str, str]:
    """An answer to every criterion of the fund kind."""
    return {c.key: f"Antwoord op {c.key}." for c in criteria_for(fund.kind)}


def make_proposal(
    fund: Fund,
    *,
    user=None,
    cells=((1, 1), (2, 2)),
    declaration=True,
    applicants=None,
    answers=None,
    **kwargs,
):
    """A complete draft through the service; every criterion answered unless `answers` says otherwise."""
    user = user or make_user("two-factory", Role.TWO)
    if fund.kind == Fund.Kind.SPUK:
        kwargs.setdefault("filing_region", RegionFactory())
    elif applicants is None:
        applicants = [ProviderFactory()]
    return intake_services.proposal_create(
        user=user,
        fund=fund,
        title=kwargs.pop("title", "Ambulant en residentieel verbinden"),
        summary="Een project dat twee zorgvormen verbindt.",
        contact="J. Jansen",
        applicants=applicants or [],
        cells=cells,
        no_waiting_list_declaration=declaration,
        requested=kwargs.pop("requested", {2017: Decimal("100000")}),
        goals=GOALS,
        answers=full_answers(fund) if answers is None else answers,
        **kwargs,
    )


def screened(fund: Fund, user, **kwargs) -> Proposal:
    proposal = make_proposal(fund, user=user, **kwargs)
    screening_services.proposal_transition(user=user, proposal=proposal, to_status="submitted")
    screening_services.proposal_transition(user=user, proposal=proposal, to_status="screened")
    return proposal


def on_pho_agenda(user, proposal: Proposal, pho_meeting: Meeting) -> AgendaItem:
    """Put a regional proposal on the agenda of an AO Jeugd before the PHO meeting (the fund's first
    such AO, else a new one two weeks earlier), then on the PHO's: the AO comes first (seed 002 §3.2)."""
    ao = (
        Meeting.objects.filter(fund=proposal.fund_id, kind="ao_jeugd", date__lte=pho_meeting.date)
        .order_by("date", "pk")
        .first()
    )
    if ao is None:
        ao = meeting_services.meeting_create(
            user=user,
            fund=proposal.fund,
            kind="ao_jeugd",
            date=pho_meeting.date - dt.timedelta(days=14),
        )
    meeting_services.agenda_item_add(user=user, meeting=ao, proposal=proposal)
    return meeting_services.agenda_item_add(user=user, meeting=pho_meeting, proposal=proposal)


def spuk_fund():
    fund = FundFactory(spuk=True)
    TrancheFactory(fund=fund, year=2020, amount=Money(Decimal("1710000"), "EUR"))
    return fund


__all__ = [
    "ProposalFactory",
    "Tranche",
    "full_answers",
    "make_proposal",
    "on_pho_agenda",
    "pho",
    "regional_fund_with_municipalities",
    "screened",
    "spuk_fund",
]
