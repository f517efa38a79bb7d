import threading

import pytest
from django.db import connection

from core.roles import Role
from proposals.exceptions import ProposalTransitionNotAllowed
from proposals.models import Proposal, Transition
from proposals.services import screening as screening_services
from tests.factories import make_user
from tests.proposals.factories import make_proposal, regional_fund_with_municipalities


@pytest.mark.django_db(transaction=True)
def test_two_people_moving_the_same_proposal_at_once_one_is_refused():
    two = make_user("two-tr", Role.TWO)
    fund, _ = regional_fund_with_municipalities()
    proposal = make_proposal(fund, user=two)
    screening_services.proposal_transition(user=two, proposal=proposal, to_status="submitted")
    barrier = threading.Barrier(2)
    outcomes = {}

    def act(target):
        copy = Proposal.objects.get(pk=proposal.pk)  # both read "submitted"
        try:
            barrier.wait(timeout=10)
            screening_services.proposal_transition(user=two, proposal=copy, to_status=target)
            outcomes[target] = "ok"
        except ProposalTransitionNotAllowed as exc:
            outcomes[target] = exc.message
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(t,)) for t in ("screened", "withdrawn")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes.values()).count("ok") == 1
    refused = next(v for v in outcomes.values() if v != "ok")
    assert "intussen door iemand anders gewijzigd" in refused
    final = Proposal.objects.get(pk=proposal.pk).status
    assert outcomes[final] == "ok"
    assert list(
        Transition.objects.filter(proposal=proposal).values_list("to_status", flat=True)
    ) == ["submitted", final]
