"""The fund's books: a double-entry journal, settlements, the SPUK budget division, region
reports, yearly evaluation results and report snapshots (seed 002 §3.2, seed 004 ch. 6-7).

Journal entries and their lines are written once and never changed: a mistake is corrected by
a reversing entry. Balances are SUMs over the lines, never stored.

One module per area (ledger, settlement, spuk, monitoring, jobs). Django loads an app's models from
`accounting.models`, so every model is imported here; callers may import from here or from the module of
its area.
"""

from accounting.models.jobs import (
    JOB_NOT_STARTED_MESSAGE,
    JOB_POLL_SECONDS,
    JOB_STALLED_MESSAGE,
    JOB_START_WAIT,
    MAX_WAITING_JOBS,
    ReportJob,
    job_run_limit,
)
from accounting.models.ledger import (
    PAYMENT_KINDS,
    Account,
    EntryKind,
    FundMeans,
    FundYearTotals,
    ImmutableModel,
    JournalEntry,
    JournalLine,
)
from accounting.models.monitoring import IndicatorResult, RegionReport, ReportReminder
from accounting.models.settlement import (
    Settlement,
    SettlementGroup,
    SettlementGroupMember,
    SettlementLine,
)
from accounting.models.spuk import (
    BudgetPart,
    SpukBudgetDivision,
    SpukBudgetLine,
    SpukExplanation,
    VacationFee,
)

__all__ = [
    "FundMeans",
    "FundYearTotals",
    "ImmutableModel",
    "Account",
    "EntryKind",
    "PAYMENT_KINDS",
    "JournalEntry",
    "JournalLine",
    "SettlementGroup",
    "SettlementGroupMember",
    "Settlement",
    "SettlementLine",
    "BudgetPart",
    "SpukBudgetDivision",
    "SpukBudgetLine",
    "SpukExplanation",
    "VacationFee",
    "RegionReport",
    "ReportReminder",
    "IndicatorResult",
    "ReportJob",
    "JOB_START_WAIT",
    "JOB_POLL_SECONDS",
    "MAX_WAITING_JOBS",
    "JOB_NOT_STARTED_MESSAGE",
    "JOB_STALLED_MESSAGE",
    "job_run_limit",
]
