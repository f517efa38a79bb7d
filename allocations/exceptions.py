from core.exceptions import DomainError


class AllocationError(DomainError):
    pass


class BudgetExceeded(AllocationError):
    pass


class FileRejected(AllocationError):
    """An uploaded forecast file failed validation; nothing of it was saved.

    `errors` lists (sheet, row, column, reason); rows and columns as a spreadsheet shows them.
    """

    def __init__(self, errors: list[tuple[str, int | None, str, str]]):
        self.errors = errors
        lines = [
            f"blad {sheet}, rij {row}, kolom {column}: {reason}"
            if row
            else f"blad {sheet}: {reason}"
            for sheet, row, column, reason in errors
        ]
        super().__init__("Het bestand is geweigerd; er is niets opgeslagen.\n" + "\n".join(lines))
