import pytest

from core.roles import Role
from proposals.exceptions import ProposalError, ProposalTransitionNotAllowed
from proposals.models import Proposal, Transition
from proposals.services import screening as screening_services
from tests.factories import make_user
from tests.proposals.factories import make_proposal, regional_fund_with_municipalities

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    return make_user("two-sm", Role.TWO)


def test_each_transition_is_recorded_with_who_and_note(two):
    fund, _ = regional_fund_with_municipalities()
    proposal = make_proposal(fund, user=two)
    screening_services.proposal_transition(
        user=two, proposal=proposal, to_status="submitted", note="ingediend via AO"
    )
    screening_services.proposal_transition(user=two, proposal=proposal, to_status="screened")
    rows = list(
        Transition.objects.filter(proposal=proposal).values_list(
            "from_status", "to_status", "user__username", "note"
        )
    )
    assert rows == [
        ("draft", "submitted", "two-sm", "ingediend via AO"),
        ("submitted", "screened", "two-sm", ""),
    ]
    assert Proposal.objects.get(pk=proposal.pk).status == "screened"


def test_illegal_transition_is_refused_with_message(two):
    fund, _ = regional_fund_with_municipalities()
    proposal = make_proposal(fund, user=two)
    with pytest.raises(
        ProposalTransitionNotAllowed, match="Van 'Concept' naar 'Afgerond' is geen toegestane stap"
    ):
        screening_services.proposal_transition(user=two, proposal=proposal, to_status="completed")
    assert not Transition.objects.filter(proposal=proposal).exists()


def test_decisions_cannot_be_set_by_hand(two):
    fund, _ = regional_fund_with_municipalities()
    proposal = make_proposal(fund, user=two)
    with pytest.raises(ProposalTransitionNotAllowed, match="stemming"):
        screening_services.proposal_transition(user=two, proposal=proposal, to_status="adopted")


def test_stale_copy_is_refused_when_someone_else_moved_first(two):
    fund, _ = regional_fund_with_municipalities()
    proposal = make_proposal(fund, user=two)
    stale = Proposal.objects.get(pk=proposal.pk)
    screening_services.proposal_transition(user=two, proposal=proposal, to_status="withdrawn")
    with pytest.raises(ProposalTransitionNotAllowed, match="intussen door iemand anders gewijzigd"):
        screening_services.proposal_transition(user=two, proposal=stale, to_status="submitted")
    assert Proposal.objects.get(pk=proposal.pk).status == "withdrawn"
    assert Transition.objects.filter(proposal=proposal).count() == 1


def test_matrix_rule_blocks_screening_with_reason(two):
    fund, _ = regional_fund_with_municipalities()
    proposal = make_proposal(fund, user=two, cells=[(1, 1), (1, 2), (1, 3)])
    screening_services.proposal_transition(user=two, proposal=proposal, to_status="submitted")
    with pytest.raises(ProposalError, match="matrixregel"):
        screening_services.proposal_transition(user=two, proposal=proposal, to_status="screened")


def test_missing_waiting_list_declaration_blocks_screening(two):
    fund, _ = regional_fund_with_municipalities()
    proposal = make_proposal(fund, user=two, declaration=False)
    screening_services.proposal_transition(user=two, proposal=proposal, to_status="submitted")
    with pytest.raises(ProposalError, match="geen wachtlijsten"):
        screening_services.proposal_transition(user=two, proposal=proposal, to_status="screened")


def test_transition_row_must_change_status_in_database(two):
    from django.db import IntegrityError

    fund, _ = regional_fund_with_municipalities()
    proposal = make_proposal(fund, user=two)
    with pytest.raises(IntegrityError):
        Transition.objects.create(
            proposal=proposal, from_status="draft", to_status="draft", user=two
        )
