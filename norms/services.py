"""Every write of the norms app: counts (form and upload), actions and their history, the
region's reaction to an inspection report, and the reminders of missing counts."""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.dates import in_range, range_text
from core.roles import Role
from core.templatetags.nl import format_date
from norms import selectors, xlsx
from norms.catalog import NORMS, norm_defaults
from norms.exceptions import CountsRejected, NormsError
from norms.models import (
    REACTION_MAX,
    Action,
    ActionChange,
    ActionPlan,
    Area,
    InspectionReport,
    Institution,
    Norm,
    NormCount,
    Reminder,
)

logger = logging.getLogger(__name__)


def norms_ensure() -> dict[str, Norm]:
    """The norms of migration 0002 (again, after a test flush); by code."""
    return {
        row[0]: Norm.objects.update_or_create(code=row[0], defaults=norm_defaults(row))[0]
        for row in NORMS
    }


# -- counts ----------------------------------------------------------------------------------


def _check_date(reference_date: dt.date, today: dt.date) -> None:
    if not in_range(reference_date):
        raise NormsError(f"Vul een peildatum in {range_text()}.")
    if reference_date > today:
        raise NormsError("Een peildatum in de toekomst kan niet: tel wat er op die dag was.")


@transaction.atomic
def counts_record(
    *,
    user,
    area: Area,
    reference_date: dt.date,
    counts: dict[str, int | None],
    institution: Institution | None = None,
    source: str = NormCount.Source.REGION,
    note: str = "",
) -> int:
    """Record the counts of one reference date (a norm code -> a number; None leaves it out).
    A count that exists for that date is corrected (its history keeps the old value). All or none."""
    _check_date(reference_date, timezone.localdate())
    norms = {n.code: n for n in Norm.objects.all()}
    saved = 0
    for code, count in counts.items():
        if count is None:
            continue
        if code not in norms:
            raise NormsError(f"Onbekende norm '{code}'.")
        if count < 0:
            raise NormsError("Een aantal is nul of meer.")
        NormCount.objects.update_or_create(
            area=area,
            institution=institution,
            norm=norms[code],
            reference_date=reference_date,
            defaults={"count": count, "source": source, "note": note, "entered_by": user},
        )
        saved += 1
    if not saved:
        raise NormsError("Vul ten minste één aantal in.")
    return saved


@transaction.atomic
def counts_import(*, user, area: Area, content: bytes) -> int:
    """An uploaded XLSX of counts: the whole file is checked first; one bad row refuses it all."""
    norms = {n.code: n for n in Norm.objects.all()}
    institutions = {i.code: i for i in Institution.objects.all()}
    rows = xlsx.read_counts(
        content,
        area_slug=area.slug,
        norm_codes=set(norms),
        institution_codes=set(institutions),
        today=timezone.localdate(),
    )
    for row in rows:
        try:
            with transaction.atomic():
                NormCount.objects.update_or_create(
                    area=area,
                    institution=institutions.get(row.institution_code),
                    norm=norms[row.norm_code],
                    reference_date=row.reference_date,
                    defaults={
                        "count": row.count,
                        "source": NormCount.Source.REGION,
                        "note": row.note,
                        "entered_by": user,
                    },
                )
        except IntegrityError as exc:
            raise CountsRejected([(row.row, "", "de database weigerde deze rij")]) from exc
    return len(rows)


# -- actions and their history ---------------------------------------------------------------

TRACKED = {
    "solution_line": "Oplossingsrichting",
    "number": "Nummer",
    "owner": "Eigenaar",
    "owner_provider": "Eigenaar (aanbieder)",
    "activity": "Activiteit",
    "result": "Resultaat",
    "planned_date": "Planningsdatum",
    "status_notes": "Stand van zaken",
    "result_reached_on": "Resultaat bereikt op",
    "at_risk": "Risico gemeld",
    "proposal": "Project",
    "award": "Toekenning",
    "budget_request": "PxQ-budget",
}
STATUS_FIELDS = {"status_notes", "result_reached_on", "at_risk"}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _check_action(action: Action) -> None:
    links = [x for x in (action.proposal_id, action.award_id, action.budget_request_id) if x]
    if len(links) > 1:
        raise NormsError(
            "Een actie wordt betaald uit één bron: een project, een toekenning of een PxQ-budget."
        )
    if action.result_reached_on and action.result_reached_on > timezone.localdate():
        raise NormsError("'Resultaat bereikt op' kan niet in de toekomst liggen.")


@transaction.atomic
def action_create_in_area(*, user, area: Area, **fields) -> Action:
    """A new action in the area's latest plan; an area without a plan gets its first one in the same
    transaction, so a refused action leaves no empty plan behind."""
    Area.objects.select_for_update().get(
        pk=area.pk
    )  # two first actions at once make one plan, not two
    plan = ActionPlan.objects.filter(area=area).order_by("-adopted_on", "-pk").first()
    if plan is None:
        plan = ActionPlan.objects.create(
            area=area, title=f"Uitvoeringsplan {area.name}", adopted_on=timezone.localdate()
        )
    return action_create(user=user, plan=plan, **fields)


@transaction.atomic
def action_create(*, user, plan, **fields) -> Action:
    action = Action(plan=plan, **fields)
    _check_action(action)
    try:
        with transaction.atomic():
            action.save()
    except IntegrityError as exc:
        raise NormsError(f"Het nummer {action.number} bestaat al in dit uitvoeringsplan.") from exc
    ActionChange.objects.create(
        action=action,
        field="created",
        label="Aangemaakt",
        new_value=action.activity[:200],
        changed_by=user,
    )
    return action


@transaction.atomic
def action_update(
    *, user, action: Action, status_only: bool = False, **changes
) -> list[ActionChange]:
    """Change an action; every changed field is kept as a write-once row (who, when, from, to).
    `status_only`: the owner's update (status notes, result reached, at risk) and nothing else."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    allowed = STATUS_FIELDS if status_only else set(TRACKED)
    unknown = set(changes) - allowed
    if unknown:
        raise NormsError(
            "Deze velden mag u niet wijzigen: "
            + ", ".join(sorted(TRACKED.get(f, f) for f in unknown))
        )
    made = []
    for field, new in changes.items():
        old = getattr(locked, field)
        if old == new:
            continue
        setattr(locked, field, new)
        made.append(
            ActionChange(
                action=locked,
                field=field,
                label=TRACKED[field],
                old_value=_text(old),
                new_value=_text(new),
                changed_by=user,
            )
        )
    if not made:
        return []
    _check_action(locked)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError as exc:
        raise NormsError(
            "Deze wijziging kan niet: het nummer bestaat al of de geldbron is dubbel."
        ) from exc
    for change in made:
        change.save()
    action.refresh_from_db()
    return made


# -- the region's reaction to an inspection report (seed 003) ---------------------------------


@transaction.atomic
def inspection_reaction_save(
    *, user, report: InspectionReport, proud: str, actions: str, noticeable: str
) -> InspectionReport:
    values = {
        "reaction_proud": proud.strip(),
        "reaction_actions": actions.strip(),
        "reaction_noticeable": noticeable.strip(),
    }
    for field, value in values.items():
        if len(value) > REACTION_MAX:
            label = InspectionReport._meta.get_field(field).verbose_name
            raise NormsError(
                f"'{label}' is {len(value)} tekens; de inspectie vraagt er ten hoogste {REACTION_MAX}."
            )
    locked = InspectionReport.objects.select_for_update().get(pk=report.pk)
    for field, value in values.items():
        setattr(locked, field, value)
    locked.reaction_by = user
    locked.reaction_at = timezone.now()
    locked.save()
    return locked


# -- reminders of missing counts -------------------------------------------------------------


def _recipients(area: Area) -> list[str]:
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if area.kind == Area.Kind.REGION:
        users = users.filter(groups__name=Role.REGION.value, profile__region_id=area.region_id)
    else:
        users = users.filter(
            groups__name=Role.COORDINATOR.value,
            profile__municipality_id=area.coordinating_municipality_id,
        )
    return sorted(set(users.values_list("email", flat=True)))


def norm_reminders_send(*, today: dt.date | None = None, user=None) -> int:
    """E-mail the users of every area with a missing period (once per area and period)."""
    today = today or timezone.localdate()
    names = dict(Norm.objects.values_list("code", "short_name"))
    sent = 0
    for area, missing in selectors.missing_by_area(today=today):
        if not missing:
            continue
        period, absent = missing[-1]  # the most recent missing period; the mail lists them all
        if Reminder.objects.filter(area=area, period_start=period.start).exists():
            continue
        to = _recipients(area)
        if not to:
            continue
        lines = [f"- {p.label}: {', '.join(names.get(c, c) for c in a)}" for p, a in missing[-12:]]
        body = (
            f"Voor {area.name} ontbreken tellingen van de normen jeugdbescherming:\n"
            + "\n".join(lines)
            + "\n\nVul ze in op de pagina van het gebied (Normen jeugdbescherming) of upload het sjabloon.\n"
            "Alleen aantallen: geen namen of BSN's."
        )
        with transaction.atomic():
            Reminder.objects.create(area=area, period_start=period.start, recipients=len(to))
            transaction.on_commit(
                lambda to=to, body=body, area=area: send_mail(
                    f"Tellingen normen jeugdbescherming {area.name}: ontbrekende perioden",
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    to,
                )
            )
        sent += 1
    return sent
