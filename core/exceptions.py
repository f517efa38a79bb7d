class DomainError(Exception):
    """A rule of the domain refused an action; the message tells a person what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(DomainError):
    pass


class WriteOnceError(DomainError):
    """A record that must stay (a decision, letter, vote, booking, log line) was about to change."""
