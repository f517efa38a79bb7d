"""A newer circular makes provisional tranches wait for a recalculation: TWO hears of it."""

from django.urls import reverse

from fund.models import BudgetCircular, Fund, Tranche
from notifications.models import Kind
from notifications.services import notify, staff_of


def recalculations_waiting_notify(*, circular: BudgetCircular) -> int:
    """Each provisional tranche of a regional fund for a year the circular has budgets for, and
    reckoned on an older circular: one notification to TWO per tranche and circular."""
    years = set(circular.amounts.values_list("budget_year", flat=True).distinct())
    tranches = (
        Tranche.objects.filter(
            status=Tranche.Status.PROVISIONAL,
            year__in=years,
            basis__published_year__lt=circular.published_year,
        )
        .exclude(fund__kind=Fund.Kind.SPUK)
        .select_related("fund", "basis")
    )
    made = 0
    for tranche in tranches:
        made += len(
            notify(
                users=staff_of([tranche.fund.managed_by_id]),
                kind=Kind.RECALCULATION_WAITING,
                key=f"recalculate-{tranche.pk}-{circular.pk}",
                title=f"Herberekening {tranche.fund.name} {tranche.year} wacht",
                body=(
                    f"{circular} is ingelezen. De tranche {tranche.year} van {tranche.fund.name} is voorlopig berekend op "
                    f"{tranche.basis}: herbereken de bijdragen en bevestig ze."
                ),
                url=reverse("fund:recalculate", args=[tranche.fund.slug, tranche.year])
                + f"?circular={circular.pk}",
            )
        )
    return made
