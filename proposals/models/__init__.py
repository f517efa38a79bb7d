"""Proposals from intake to decision letter (seed 002 ch. 3, seed 004 ch. 6-7), one module per area.

Models hold data and invariants only; workflows live in proposals.services. Django loads an app's
models from `proposals.models`, so every model is imported here; callers may import from here or from
the module of its area.
"""

from proposals.models.advice import AmbassadorAdvice, AmbassadorMeeting
from proposals.models.letters import Award, DecisionLetter, IssuedLetter, RejectionLetter
from proposals.models.meetings import (
    AgendaItem,
    Decision,
    FundOverviewSnapshot,
    Meeting,
    Vote,
    VoteRecord,
)
from proposals.models.proposal import (
    Attachment,
    Goal,
    MatrixCell,
    PerformanceIndicator,
    Proposal,
    RequestedAmount,
    Transition,
    attachment_path,
)
from proposals.models.screening import CriterionAnswer, RegionConsent, ScreeningItem

__all__ = [
    "Proposal",
    "MatrixCell",
    "RequestedAmount",
    "Goal",
    "PerformanceIndicator",
    "attachment_path",
    "Attachment",
    "Transition",
    "ScreeningItem",
    "CriterionAnswer",
    "RegionConsent",
    "Meeting",
    "FundOverviewSnapshot",
    "AgendaItem",
    "Vote",
    "VoteRecord",
    "Decision",
    "AmbassadorMeeting",
    "AmbassadorAdvice",
    "Award",
    "IssuedLetter",
    "DecisionLetter",
    "RejectionLetter",
]
