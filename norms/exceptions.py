from core.exceptions import DomainError


class NormsError(DomainError):
    pass


class CountsRejected(NormsError):
    """An uploaded counts file (or form) failed validation; nothing of it was saved.

    `errors` lists (row, column, reason); rows and columns as a spreadsheet shows them."""

    def __init__(self, errors: list[tuple[int | None, str, str]]):
        self.errors = errors
        lines = [
            f"rij {row}, kolom {column}: {reason}" if row else reason
            for row, column, reason in errors
        ]
        super().__init__("Het bestand is geweigerd; er is niets opgeslagen.\n" + "\n".join(lines))
