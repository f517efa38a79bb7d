from core.exceptions import DomainError


class FundError(DomainError):
    pass


class TrancheIsDefinitive(FundError):
    pass


class GrantDecisionRefused(FundError):
    """A decision of one year could not be recorded; `tranche` says which year."""

    def __init__(self, message: str, *, tranche):
        super().__init__(message)
        self.tranche = tranche


class FileRejected(DomainError):
    """An uploaded file failed validation; nothing of it was saved.

    `errors` lists (sheet, row, column, reason); row numbers are as a spreadsheet shows them.
    """

    def __init__(self, errors: list[tuple[str, int | None, str, str]]):
        self.errors = errors
        lines = [
            f"{sheet}, rij {row}, kolom {column}: {reason}" if row else f"{sheet}: {reason}"
            for sheet, row, column, reason in errors
        ]
        super().__init__("Het bestand is geweigerd; er is niets opgeslagen.\n" + "\n".join(lines))
