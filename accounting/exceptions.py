from core.exceptions import DomainError


class AccountingError(DomainError):
    pass


class UnbalancedEntry(AccountingError):
    pass


class PaymentExceedsAward(AccountingError):
    pass


class FundOverdrawn(AccountingError):
    pass


class SettlementError(AccountingError):
    pass


class DivisionError(AccountingError):
    pass
