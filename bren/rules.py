"""Pure rules of the BREN process (seed 004 §6.4); no ORM."""

from collections.abc import Iterable

from proposals.rules import ASSESSOR_KINDS  # one rule, one place: the screening uses it too


def assessment_missing(capacities: Iterable[str]) -> list[str]:
    """Step 5: plans are assessed by AO members and expert-team chairs. What is still missing
    (the kinds of assessor without a verdict); empty when the assessment is complete."""
    given = set(capacities)
    return [who for kind, who in ASSESSOR_KINDS.items() if kind not in given]


def assessment_outcome(verdicts: Iterable[tuple[str, str]]) -> str:
    """'incomplete' until both kinds gave a verdict; then 'approved' when every verdict approves."""
    verdicts = list(verdicts)
    if assessment_missing(capacity for capacity, _ in verdicts):
        return "incomplete"
    return "approved" if all(v == "approved" for _, v in verdicts) else "not_approved"
