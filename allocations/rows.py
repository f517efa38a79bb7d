"""Plain rows of a monthly forecast, as the browser form and the XLSX reader hand them over."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class ForecastRow:
    product_code: str
    units_delivered: Decimal
    clients_in_care: int
    average_duration_weeks: Decimal
    expected_outflow: int
    expected_units: (
        Decimal | None
    )  # None: left blank in the browser form, the service stores the estimate
    waiting_list: int
    waiting_weeks: Decimal
    trend: str
    regional_use_percent: Decimal


@dataclass(frozen=True)
class ClientRow:
    product_code: str
    bsn: str = field(repr=False)  # AVG: never in a repr, log line or traceback
    intake_on: dt.date
