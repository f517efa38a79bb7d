from core.exceptions import DomainError, TransitionNotAllowed


class ProposalError(DomainError):
    pass


class ProposalTransitionNotAllowed(TransitionNotAllowed):
    pass


class NotAllowed(ProposalError):
    """The user's role or organisation may not do this (e.g. vote for another municipality)."""


class BudgetExceeded(ProposalError):
    pass


class AttachmentRejected(ProposalError):
    pass
