"""Provider budgets (seed 002 §2.2, DOMAIN.md §2), one module per area: products and tariffs, PxQ budget
requests and the budgets granted from them, monthly forecasts and the 105% intake stop, and the BSNs of
clients taken in above budget.

Models hold data and invariants only; workflows live in allocations.services. Django loads an app's
models from `allocations.models`, so every model is imported here; callers may import from here or from
the module of its area.
"""

from allocations.models.budget_requests import (
    BudgetLine,
    BudgetRequest,
    BudgetRequestEvent,
    BudgetRequestLine,
    BudgetTransfer,
    RequestStatus,
)
from allocations.models.clients import BsnAccessLog, ClientRegistration
from allocations.models.forecasts import (
    ForecastLine,
    ForecastStatus,
    ForecastSubmission,
    IntakeStop,
    Trend,
)
from allocations.models.products import UNITS_KW, Product, ProductCategory, Tariff, Unit

__all__ = [
    "BsnAccessLog",
    "BudgetLine",
    "BudgetRequest",
    "BudgetRequestEvent",
    "BudgetRequestLine",
    "BudgetTransfer",
    "ClientRegistration",
    "ForecastLine",
    "ForecastStatus",
    "ForecastSubmission",
    "IntakeStop",
    "Product",
    "ProductCategory",
    "RequestStatus",
    "Tariff",
    "Trend",
    "UNITS_KW",
    "Unit",
]
