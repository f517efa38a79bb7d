"""Every write of the fund app: one function per use case, atomic, with a named actor."""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from djmoney.money import Money

from core.models import Municipality, Region
from fund.exceptions import FundError, GrantDecisionRefused, TrancheIsDefinitive
from fund.imports import check_budget_records, parse_budget_file
from fund.models import (
    BudgetAmount,
    BudgetCircular,
    BudgetDomain,
    Contribution,
    Fund,
    Tranche,
    TrancheEvent,
)
from fund.notifications import recalculations_waiting_notify
from fund.selectors import compute_contributions


def _lock_provisional(tranche: Tranche) -> Tranche:
    locked = (
        Tranche.objects.select_for_update(of=("self",))
        .select_related("fund", "basis")
        .get(pk=tranche.pk)
    )
    if locked.is_definitive:
        raise TrancheIsDefinitive(
            f"De tranche {locked.year} van {locked.fund} is definitief; de bijdragen veranderen niet meer."
        )
    return locked


def _write_contributions(tranche: Tranche, computed, user=None) -> None:
    existing = {c.municipality_id: c for c in tranche.contributions.all()}
    for municipality, (budget, amount) in computed.items():
        contribution = existing.pop(municipality.pk, None)
        if contribution is None:
            contribution = Contribution(
                tranche=tranche,
                municipality=municipality,
                counted_budget=Money(budget, "EUR"),
                amount=Money(amount, "EUR"),
            )
            contribution._history_user = user
            contribution.save()
        elif contribution.amount.amount != amount or contribution.counted_budget.amount != budget:
            contribution.amount = Money(amount, "EUR")
            contribution.counted_budget = Money(budget, "EUR")
            contribution._history_user = user
            contribution.save()  # simple_history keeps the previous amount
    for contribution in existing.values():
        contribution._history_user = user
        contribution.delete()


@transaction.atomic
def tranche_compute(*, tranche: Tranche, user=None) -> Tranche:
    """(Re)compute the contributions of a provisional tranche on its own basis."""
    tranche = _lock_provisional(tranche)
    if tranche.basis is None:
        raise FundError(f"De tranche {tranche.year} heeft geen grondslag (meicirculaire).")
    _write_contributions(
        tranche, compute_contributions(tranche=tranche, circular=tranche.basis), user
    )
    TrancheEvent.objects.create(
        tranche=tranche,
        kind=TrancheEvent.Kind.COMPUTED,
        user=user,
        new_basis=tranche.basis,
        new_status=tranche.status,
    )
    return tranche


@transaction.atomic
def tranche_rebase(*, tranche: Tranche, circular: BudgetCircular, user, note: str = "") -> Tranche:
    """Put a provisional tranche on a new circular and recompute what each municipality pays."""
    tranche = _lock_provisional(tranche)
    old_basis = tranche.basis
    computed = compute_contributions(tranche=tranche, circular=circular)
    # The event comes first: the contributions' history before its moment holds what was charged
    # on the old basis (fund.selectors.recalculations reads the provisional figures from there).
    TrancheEvent.objects.create(
        tranche=tranche,
        kind=TrancheEvent.Kind.REBASED,
        user=user,
        old_basis=old_basis,
        new_basis=circular,
        old_status=tranche.status,
        new_status=tranche.status,
        note=note,
    )
    tranche.basis = circular
    tranche._history_user = user
    tranche.save(update_fields=["basis"])
    _write_contributions(tranche, computed, user)
    return tranche


@transaction.atomic
def tranche_make_definitive(*, tranche: Tranche, user, note: str = "") -> Tranche:
    tranche = _lock_provisional(tranche)
    if tranche.fund.has_municipal_contributions and not tranche.contributions.exists():
        raise FundError(
            "Bereken eerst de bijdragen; een tranche zonder bijdragen kan niet definitief worden."
        )
    changed = Tranche.objects.filter(pk=tranche.pk, status=Tranche.Status.PROVISIONAL).update(
        status=Tranche.Status.DEFINITIVE
    )
    if changed != 1:
        raise TrancheIsDefinitive("Iemand anders heeft deze tranche zojuist definitief gemaakt.")
    # A queryset update bypasses django-simple-history; save the new state once so the change
    # (who, when, provisional -> definitive) is in the history like every other change.
    tranche.refresh_from_db()
    tranche._history_user = user
    tranche.save(update_fields=["status"])
    TrancheEvent.objects.create(
        tranche=tranche,
        kind=TrancheEvent.Kind.MADE_DEFINITIVE,
        user=user,
        old_basis=tranche.basis,
        new_basis=tranche.basis,
        old_status=Tranche.Status.PROVISIONAL,
        new_status=Tranche.Status.DEFINITIVE,
        note=note,
    )
    return tranche


@transaction.atomic
def circular_import(
    *,
    name: str,
    slug: str,
    published_year: int,
    region: Region,
    content: bytes,
    filename: str,
    user=None,
) -> BudgetCircular:
    """Read a whole budget file for the municipalities of `region`; save all of it or nothing."""
    if (
        BudgetCircular.objects.filter(slug=slug).exists()
        or BudgetCircular.objects.filter(name=name).exists()
    ):
        raise FundError(f"Er bestaat al een circulaire met de naam {name}.")
    municipalities = {m.cbs_code: m for m in Municipality.objects.filter(region=region)}
    domains = {d.code: d for d in BudgetDomain.objects.all()}
    rows = parse_budget_file(content, filename, set(municipalities), set(domains))
    return _circular_save(
        name=name,
        slug=slug,
        published_year=published_year,
        source_name=filename,
        rows=rows,
        municipalities=municipalities,
        domains=domains,
        user=user,
    )


@transaction.atomic
def circular_record(
    *,
    name: str,
    slug: str,
    published_year: int,
    region: Region,
    records: list[dict],
    user=None,
) -> BudgetCircular:
    """A circular sent as data (the API's JSON): its rows are each a mapping of cbs_code, jaar,
    domein and bedrag, checked by the same rules as an uploaded file's rows (row 1 is the first);
    all of it is saved or nothing."""
    if (
        BudgetCircular.objects.filter(slug=slug).exists()
        or BudgetCircular.objects.filter(name=name).exists()
    ):
        raise FundError(f"Er bestaat al een circulaire met de naam {name}.")
    municipalities = {m.cbs_code: m for m in Municipality.objects.filter(region=region)}
    domains = {d.code: d for d in BudgetDomain.objects.all()}
    rows = check_budget_records(
        enumerate(records, start=1),
        sheet="rows",
        expected_codes=set(municipalities),
        known_domains=set(domains),
    )
    return _circular_save(
        name=name,
        slug=slug,
        published_year=published_year,
        source_name="API",
        rows=rows,
        municipalities=municipalities,
        domains=domains,
        user=user,
    )


def _circular_save(
    *, name, slug, published_year, source_name, rows, municipalities, domains, user
) -> BudgetCircular:
    circular = BudgetCircular.objects.create(
        name=name,
        slug=slug,
        published_year=published_year,
        loaded_by=user,
        source_name=source_name[:255],
    )
    BudgetAmount.objects.bulk_create(
        BudgetAmount(
            circular=circular,
            municipality=municipalities[r.cbs_code],
            budget_year=r.budget_year,
            domain=domains[r.domain],
            amount=Money(r.amount, "EUR"),
        )
        for r in rows
    )
    recalculations_waiting_notify(circular=circular)
    return circular


@transaction.atomic
def tranche_create(
    *,
    fund: Fund,
    year: int,
    amount: Decimal,
    basis: BudgetCircular | None,
    unit: str = "1",
    user=None,
    fixed_percentage: int | None = None,
    young_people: int | None = None,
) -> Tranche:
    """A year of a fund. A SPUK's year may say how the state composed it (seed 004 H7: a fixed
    percentage and the rest by the number of young people up to 23): both or neither."""
    if not fund.term_start.year <= year <= fund.term_end.year:
        raise FundError(
            f"{year} valt buiten de looptijd van {fund} ({fund.term_start:%Y}–{fund.term_end:%Y})."
        )
    if (fixed_percentage is None) != (young_people is None) or (
        fixed_percentage is not None and not 0 <= fixed_percentage <= 100
    ):
        raise FundError(
            "Geef bij de samenstelling zowel het vaste percentage (0 tot en met 100) als het aantal jongeren."
        )
    tranche = Tranche.objects.create(
        fund=fund,
        year=year,
        amount=Money(amount, "EUR"),
        basis=basis,
        rounding_unit=unit,
        fixed_percentage=fixed_percentage,
        young_people=young_people,
    )
    if fund.has_municipal_contributions and basis is not None:
        tranche_compute(tranche=tranche, user=user)
    return tranche


@transaction.atomic
def tranche_decision_record(*, tranche: Tranche, number: str, date: dt.date, user) -> Tranche:
    """The ministry's decision (beschikking) on a SPUK's yearly grant: its number and date, the
    key of the grant's row in the SiSa appendix."""
    number = number.strip()
    if tranche.fund.kind != Fund.Kind.SPUK:
        raise FundError(
            f"{tranche.fund} is geen SPUK; alleen een specifieke uitkering heeft een beschikking van het Rijk."
        )
    if not number:
        raise FundError("Vul het beschikkingsnummer in.")
    if (
        Tranche.objects.filter(fund=tranche.fund, grant_decision_number=number)
        .exclude(pk=tranche.pk)
        .exists()
    ):
        raise FundError(f"Beschikking {number} hoort al bij een ander jaar van {tranche.fund}.")
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    tranche.grant_decision_number, tranche.grant_decision_date = number, date
    tranche._history_user = user
    tranche.save(update_fields=["grant_decision_number", "grant_decision_date"])
    return tranche


@transaction.atomic
def tranche_decisions_record(
    *, fund: Fund, decisions: list[tuple[Tranche, str, dt.date]], user
) -> None:
    """Record the decisions of several years of a SPUK at once: all of them, or none. A refusal
    (GrantDecisionRefused) names the year it concerns."""
    for tranche, number, date in decisions:
        try:
            with (
                transaction.atomic()
            ):  # a database refusal must not break the outer transaction's error report
                tranche_decision_record(tranche=tranche, number=number, date=date, user=user)
        except GrantDecisionRefused:
            raise
        except FundError as exc:
            raise GrantDecisionRefused(exc.message, tranche=tranche) from exc
        except (
            IntegrityError
        ) as exc:  # another user recorded the same number just now: the database refused it
            raise GrantDecisionRefused(
                f"Beschikking {number.strip()} is zojuist bij een ander jaar van {fund} vastgelegd.",
                tranche=tranche,
            ) from exc
