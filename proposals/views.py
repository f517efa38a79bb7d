"""Thin views: parse the request, check permission, call one service or selector, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils import timezone
from django.views.decorators.http import require_POST

from core import panels
from core.exceptions import DomainError
from core.permissions import is_two, user_municipality_id, user_provider_id
from fund.models import Fund
from fund.permissions import manages_fund
from fund.selectors import funds_visible_to
from proposals import exports, forms, presenters, selectors
from proposals.models import (
    AgendaItem,
    Attachment,
    DecisionLetter,
    Meeting,
    Proposal,
    RejectionLetter,
)
from proposals.rules import TRANSITIONS
from proposals.services import advice as advice_services
from proposals.services import intake as intake_services
from proposals.services import letters as letter_services
from proposals.services import meetings as meeting_services
from proposals.services import screening as screening_services
from reports.json import report_from_json
from reports.render import XLSX_TYPE, report_xlsx

S = Proposal.Status
ACTION_LABELS = {
    (S.DRAFT, S.SUBMITTED): "Indienen",
    (S.SUBMITTED, S.SCREENED): "Toetsing afronden",
    (S.SUBMITTED, S.DRAFT): "Terug naar concept",
    (S.ON_AGENDA, S.SCREENED): "Van de agenda halen",
    (S.AWARDED, S.RUNNING): "Uitvoering gestart",
    (S.RUNNING, S.COMPLETED): "Project afgerond",
}
NEXT_STEP = {S.DRAFT: S.SUBMITTED, S.SUBMITTED: S.SCREENED, S.SCREENED: S.ON_AGENDA}


def _visible_proposal(request, pk) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("fund"), pk=pk)
    if not request.user.has_perm("proposals.view_proposal", proposal):
        raise Http404("Voorstel niet gevonden")
    return proposal


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _done(request, proposal, text=None):
    if text:
        messages.success(request, text)
    return redirect("proposals:detail", pk=proposal.pk)


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _post_form(form_class, service):
    """The view for a form POSTed on the proposal page: check the form's permission, validate, call
    one service, report back with the form's message. The form class names its `prefix`,
    `permission`, `success_message` and whether it takes the proposal (`needs_proposal`)."""

    @require_POST
    def view(request, pk):
        proposal = _visible_proposal(request, pk)
        _require(request, form_class.permission, proposal)
        extra = {"proposal": proposal} if getattr(form_class, "needs_proposal", False) else {}
        form = form_class(request.POST, **extra)
        if not form.is_valid():
            _form_errors(request, form)
            return _done(request, proposal)
        try:
            service(user=request.user, proposal=proposal, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
            return _done(request, proposal)
        return _done(request, proposal, form_class.success_message)

    view.__name__ = view.__qualname__ = service.__name__
    return view


# ---------------------------------------------------------------- proposals


def proposal_list(request):
    _require(request, "proposals.view_proposal_list")
    fund = None
    if request.GET.get("fonds"):
        fund = get_object_or_404(Fund, slug=request.GET["fonds"])
        if not (request.user.has_perm("fund.view_fund", fund) or user_provider_id(request.user)):
            raise Http404("Fonds niet gevonden")
    status = request.GET.get("status") if request.GET.get("status") in S.values else None
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(
        selectors.proposal_list(request.user, fund=fund, status=status, query=query), 50
    ).get_page(request.GET.get("pagina"))
    rows = selectors.proposal_list_rows(page.object_list)
    creatable = [
        f
        for f in selectors.proposal_fund_candidates(request.user)
        if request.user.has_perm("proposals.create_proposal", f)
    ]
    return render(
        request,
        "proposals/proposal_list.html",
        {
            "page": page,
            "fund": fund,
            "status": status,
            "q": query,
            "statuses": S.choices,
            "creatable_funds": creatable,
            "proposal_rows": presenters.proposal_rows_html(
                rows, searched=bool(query or status or fund)
            ),
            "funds": funds_visible_to(request.user)
            if not user_provider_id(request.user)
            else Fund.objects.none(),
        },
    )


def proposal_create(request, fund_slug):
    fund = get_object_or_404(Fund, slug=fund_slug)
    _require(request, "proposals.create_proposal", fund)
    profile = getattr(request.user, "profile", None)
    provider = profile.provider if profile and profile.provider_id else None
    region = profile.region if profile and profile.region_id else None
    form = forms.ProposalForm(
        request.POST or None, fund=fund, user_provider=provider, user_region=region
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        applicants = list(data.get("applicants") or [])
        if provider is not None and provider not in applicants:
            applicants.insert(0, provider)
        try:
            proposal = intake_services.proposal_create(
                user=request.user,
                fund=fund,
                title=data["title"],
                summary=data["summary"],
                contact=data["contact"],
                applicants=applicants,
                filing_region=data.get("filing_region"),
                work_regions=data.get("work_regions") or [],
                cells=form.cell_pairs(),
                no_waiting_list_declaration=data.get("no_waiting_list_declaration", False),
                requested=form.requested(),
                answers=form.answers(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return _done(
                request,
                proposal,
                f"Voorstel {proposal.reference} is aangemaakt als concept. Voeg doelen en indicatoren toe.",
            )
    return render(
        request, "proposals/proposal_form.html", {"form": form, "fund": fund, "proposal": None}
    )


def proposal_edit(request, pk):
    proposal = _visible_proposal(request, pk)
    _require(request, "proposals.edit_proposal", proposal)
    initial = {
        "title": proposal.title,
        "summary": proposal.summary,
        "contact": proposal.contact,
        "applicants": list(proposal.applicants.all()),
        "work_regions": list(proposal.work_regions.all()),
        "filing_region": proposal.filing_region_id,
        "no_waiting_list_declaration": proposal.no_waiting_list_declaration,
        "cells": [f"{c.row}-{c.column}" for c in proposal.cells.all()],
        **{f"amount_{r.year}": r.amount.amount for r in proposal.requested_amounts.all()},
        **{f"answer_{a.criterion}": a.text for a in proposal.criterion_answers.all()},
    }
    profile = getattr(request.user, "profile", None)
    provider = profile.provider if profile and profile.provider_id else None
    form = forms.ProposalForm(
        request.POST or None,
        initial=initial,
        fund=proposal.fund,
        user_provider=provider,
        user_region=profile.region if profile and profile.region_id else None,
        answers_required=proposal.status != S.DRAFT,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        applicants = list(data["applicants"]) if "applicants" in data else None
        if applicants is not None and provider is not None and provider not in applicants:
            applicants.insert(0, provider)
        try:
            intake_services.proposal_update(
                user=request.user,
                proposal=proposal,
                title=data["title"],
                summary=data["summary"],
                contact=data["contact"],
                cells=form.cell_pairs(),
                no_waiting_list_declaration=data.get("no_waiting_list_declaration", False),
                applicants=applicants,
                work_regions=data.get("work_regions"),
                requested=form.requested(),
                answers=form.answers(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return _done(request, proposal, "Het voorstel is opgeslagen.")
    return render(
        request,
        "proposals/proposal_form.html",
        {"form": form, "fund": proposal.fund, "proposal": proposal},
    )


def _actions(request, proposal):
    """The transition buttons this user may press now."""
    actions = []
    manage = request.user.has_perm("proposals.manage_proposal", proposal)
    for target in TRANSITIONS[proposal.status]:
        label = ACTION_LABELS.get((proposal.status, target))
        if target == S.WITHDRAWN:
            if manage or request.user.has_perm("proposals.submit_proposal", proposal):
                actions.append((target, "Intrekken"))
        elif (
            label
            and target == S.SUBMITTED
            and request.user.has_perm("proposals.submit_proposal", proposal)
        ):
            actions.append((target, label))
        elif label and manage:
            actions.append((target, label))
    return sorted(actions, key=lambda a: a[0] == S.WITHDRAWN)


def proposal_detail(request, pk):
    proposal = _visible_proposal(request, pk)
    proposal = selectors.proposal_detail(proposal.pk)
    manage = request.user.has_perm("proposals.manage_proposal", proposal)
    next_step = NEXT_STEP.get(proposal.status)
    context = {
        "proposal": proposal,
        "fund": proposal.fund,
        "grid": selectors.matrix_grid(
            ((c.row, c.column) for c in proposal.cells.all()), applies=not proposal.is_spuk
        ),
        "manage": manage,
        "can_edit": request.user.has_perm("proposals.edit_proposal", proposal),
        "actions": _actions(request, proposal),
        "blockers": screening_services.proposal_blockers(proposal, next_step) if next_step else [],
        "next_step_label": S(next_step).label.lower() if next_step else "",
        "criteria_rows": selectors.criteria_rows(proposal),
        "goal_form": forms.GoalForm(prefix="goal"),
        "attachment_form": forms.AttachmentForm(prefix="att"),
        "screening_form": forms.ScreeningForm(),
        "consent_form": forms.ConsentForm(proposal=proposal),
        "advice_form": forms.AdviceForm(proposal=proposal),
        # before the ambassadors first met, Rotterdam decides without their advice (seed 004 H10)
        "ambassadors_met": proposal.is_spuk
        and advice_services.ambassador_meetings_held(
            proposal.fund, until=timezone.localdate()
        ).exists(),
        "decision_form": forms.SpukDecisionForm(),
        "letter_form": forms.LetterForm(),
        "rejection_form": forms.RejectionLetterForm(prefix="rej"),
        "can_decide": request.user.has_perm("proposals.decide_spuk", proposal),
        "panels": panels.render(
            "proposal", request, proposal
        ),  # e.g. the norms' actions it pays for
    }
    return render(request, "proposals/proposal_detail.html", context)


@require_POST
def proposal_transition(request, pk):
    proposal = _visible_proposal(request, pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        raise Http404
    target = form.cleaned_data["to_status"]
    if target not in dict(_actions(request, proposal)):
        raise PermissionDenied
    try:
        screening_services.proposal_transition(
            user=request.user, proposal=proposal, to_status=target, note=form.cleaned_data["note"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return _done(request, proposal)
    return _done(request, proposal, f"Status is nu: {S(target).label}.")


@require_POST
def goal_add(request, pk):
    proposal = _visible_proposal(request, pk)
    _require(request, "proposals.edit_proposal", proposal)
    form = forms.GoalForm(request.POST, prefix="goal")
    if not form.is_valid():
        _form_errors(request, form)
        return _done(request, proposal)
    d = form.cleaned_data
    try:
        intake_services.goal_add(
            user=request.user,
            proposal=proposal,
            goal=intake_services.GoalInput(
                d["description"],
                [
                    intake_services.IndicatorInput(
                        d["indicator"], d["target_value"], d["unit"], d["target_date"]
                    )
                ],
            ),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return _done(request, proposal)
    return _done(request, proposal, "Het doel is toegevoegd.")


@require_POST
def attachment_add(request, pk):
    proposal = _visible_proposal(request, pk)
    _require(request, "proposals.edit_proposal", proposal)
    form = forms.AttachmentForm(request.POST, request.FILES, prefix="att")
    if not form.is_valid():
        _form_errors(request, form)
        return _done(request, proposal)
    upload = form.cleaned_data["file"]
    if upload.size > intake_services.ATTACHMENT_MAX_BYTES:
        messages.error(
            request,
            f"{upload.name}: het bestand is groter dan {intake_services.ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB.",
        )
        return _done(request, proposal)
    try:
        intake_services.attachment_add(
            user=request.user, proposal=proposal, name=upload.name, content=upload.read()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return _done(request, proposal)
    return _done(request, proposal, f"Bijlage {upload.name} is toegevoegd.")


def attachment_download(request, pk, attachment_pk):
    proposal = _visible_proposal(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, proposal=proposal)
    response = HttpResponse(attachment.file.open("rb").read(), content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.original_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# The forms posted on the proposal page: each form names its prefix, permission and message.
screening_record = _post_form(forms.ScreeningForm, screening_services.screening_record)
consent_record = _post_form(forms.ConsentForm, screening_services.consent_record)
advice_record = _post_form(forms.AdviceForm, advice_services.advice_record)
spuk_decide = _post_form(forms.SpukDecisionForm, advice_services.spuk_decide)


@require_POST
def letter_issue(request, pk, number):
    proposal = _visible_proposal(request, pk)
    _require(request, "proposals.manage_proposal", proposal)
    award = get_object_or_404(proposal.awards, number=number)
    form = forms.LetterForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _done(request, proposal)
    latest = award.letters.order_by("-version").first()
    try:
        letter = letter_services.letter_issue(
            user=request.user,
            award=award,
            addressee=form.cleaned_data["addressee"],
            signatory=form.cleaned_data["signatory"],
            corrects=latest,
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return _done(request, proposal)
    return _done(
        request, proposal, f"Beschikking {award.number} versie {letter.version} is opgemaakt."
    )


def letter_pdf(request, pk, number, version):
    proposal = _visible_proposal(request, pk)
    letter = get_object_or_404(
        DecisionLetter, award__proposal=proposal, award__number=number, version=version
    )
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="beschikking-{number}-v{version}.pdf"'
    return response


@require_POST
def rejection_letter_issue(request, pk):
    proposal = _visible_proposal(request, pk)
    _require(request, "proposals.manage_proposal", proposal)
    form = forms.RejectionLetterForm(request.POST, prefix="rej")
    if not form.is_valid():
        _form_errors(request, form)
        return _done(request, proposal)
    latest = (
        RejectionLetter.objects.filter(decision__proposal=proposal).order_by("-version").first()
    )
    try:
        letter = letter_services.rejection_letter_issue(
            user=request.user, proposal=proposal, corrects=latest, **form.cleaned_data
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return _done(request, proposal)
    return _done(request, proposal, f"Afwijzingsbeschikking versie {letter.version} is opgemaakt.")


def rejection_letter_pdf(request, pk, version):
    proposal = _visible_proposal(request, pk)
    letter = get_object_or_404(RejectionLetter, decision__proposal=proposal, version=version)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="afwijzing-{proposal.reference}-v{version}.pdf"'
    )
    return response


def letter_templates(request):
    """The standard texts of the beschikkingen, as the letters are made from them (TWO reads them)."""
    if not (request.user.is_superuser or is_two(request.user)):
        raise PermissionDenied
    sources = [
        (name, loader.get_template(name).template.source) for name in exports.LETTER_TEMPLATES
    ]
    return render(request, "proposals/letter_templates.html", {"sources": sources})


# ---------------------------------------------------------------- meetings and voting


def _visible_meeting(request, pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("fund"), pk=pk)
    if not request.user.has_perm("proposals.view_meeting", meeting):
        raise Http404("Vergadering niet gevonden")
    return meeting


def meeting_list(request):
    _require(request, "proposals.view_meeting_list")
    funds = funds_visible_to(request.user)
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("soort") if request.GET.get("soort") in Meeting.Kind.values else ""
    fund = funds.filter(slug=request.GET.get("fonds")).first() if request.GET.get("fonds") else None
    meetings = selectors.meeting_list(request.user, query=query, kind=kind, fund=fund)
    manageable = [f for f in funds if manages_fund(request.user, f)]
    form = forms.MeetingForm(
        request.POST or None, funds=Fund.objects.filter(pk__in=[f.pk for f in manageable])
    )
    if request.method == "POST":
        if not manageable:
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting = meeting_services.meeting_create(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, f"{meeting} is aangemaakt, met het fondsoverzicht van dit moment."
                )
                return redirect("proposals:meeting", pk=meeting.pk)
    page = Paginator(meetings, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "proposals/meeting_list.html",
        {
            "page": page,
            "form": form if manageable else None,
            "q": query,
            "kind": kind,
            "fund": fund,
            "funds": funds,
            "kinds": Meeting.Kind.choices,
        },
    )


def meeting_detail(request, pk):
    meeting = _visible_meeting(request, pk)
    manage = request.user.has_perm("proposals.manage_meeting", meeting.fund)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        form = forms.AgendaItemForm(request.POST, proposals=selectors.agenda_candidates(meeting))
        if form.is_valid():
            try:
                meeting_services.agenda_item_add(
                    user=request.user, meeting=meeting, proposal=form.cleaned_data["proposal"]
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"{form.cleaned_data['reference']} is geagendeerd.")
        else:
            _form_errors(request, form)
        return redirect("proposals:meeting", pk=meeting.pk)
    snapshot = selectors.meeting_overview_snapshot(meeting)
    return render(
        request,
        "proposals/meeting_detail.html",
        {
            "meeting": meeting,
            "form": forms.AgendaItemForm() if manage else None,
            "pick_list": selectors.agenda_pick_list(meeting) if manage else None,
            "snapshot": snapshot,
            "manage": manage,
            "agenda_rows": presenters.agenda_rows_html(meeting, selectors.meeting_agenda(meeting)),
            "panels": panels.render("meeting", request, meeting),  # e.g. the norms' latest counts
        },
    )


def meeting_overview_xlsx(request, pk):
    """The kept overview as XLSX, rendered from the data kept with the meeting (so it equals the PDF)."""
    meeting = _visible_meeting(request, pk)
    snapshot = selectors.meeting_overview_snapshot(meeting, with_data=True)
    if snapshot is None or "report" not in snapshot.data:
        raise Http404("Geen fondsoverzicht als XLSX")
    report = report_from_json(snapshot.data["report"], kinds=[presenters.MATRIX])
    response = HttpResponse(report_xlsx(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="fondsoverzicht-{meeting.date:%Y-%m-%d}.xlsx"'
    )
    return response


def meeting_overview_pdf(request, pk):
    meeting = _visible_meeting(request, pk)
    snapshot = getattr(meeting, "overview", None)
    if snapshot is None:
        raise Http404("Geen fondsoverzicht")
    response = HttpResponse(bytes(snapshot.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="fondsoverzicht-{meeting.date:%Y-%m-%d}.pdf"'
    )
    return response


def _visible_item(request, pk) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__fund", "proposal__fund", "decision"), pk=pk
    )
    if not (
        request.user.has_perm("proposals.view_meeting", item.meeting)
        and request.user.has_perm("proposals.view_proposal", item.proposal)
    ):
        raise Http404("Agendapunt niet gevonden")
    return item


def agenda_item_detail(request, pk):
    """The vote page: each municipality's vote and weight, the yes share and the rule that decided."""
    item = _visible_item(request, pk)
    if item.meeting.kind != Meeting.Kind.PHO_MAATSCHAPPIJ:
        return redirect("proposals:meeting", pk=item.meeting_id)
    can_vote = request.user.has_perm("proposals.vote", item) and not item.is_closed
    manage = request.user.has_perm("proposals.manage_meeting", item.meeting.fund)
    form = forms.VoteForm(request.POST or None)
    if request.method == "POST":
        if not can_vote:
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting_services.vote_cast(
                    user=request.user, agenda_item=item, choice=form.cleaned_data["choice"]
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Uw stem is vastgelegd.")
            return redirect("proposals:item", pk=item.pk)
    result = selectors.vote_result(item)
    municipality_id = (
        user_municipality_id(request.user) if can_vote else None
    )  # only the voting form shows it
    mine = (
        next((r for r in result.rows if r.municipality_id == municipality_id), None)
        if municipality_id
        else None
    )
    if mine and mine.choice and not form.is_bound:
        form = forms.VoteForm(initial={"choice": mine.choice})
    records = selectors.vote_records(item) if manage else []
    return render(
        request,
        "proposals/agenda_item.html",
        {
            "item": item,
            "result": result,
            "vote_rows": presenters.vote_rows_html(result),
            "vote_bar": presenters.vote_bar_html(result),
            "turnout": presenters.turnout_text(result),
            "form": form,
            "can_vote": can_vote,
            "before_meeting": timezone.localdate() < item.meeting.date,
            "mine": mine,
            "manage": manage,
            "records": presenters.vote_records_html(records) if records else "",
            "grid": selectors.matrix_grid(
                item.proposal.cells.values_list("row", "column"), applies=not item.proposal.is_spuk
            ),
        },
    )


@require_POST
def agenda_item_close(request, pk):
    item = _visible_item(request, pk)
    _require(request, "proposals.manage_meeting", item.meeting.fund)
    try:
        decision = meeting_services.agenda_item_close(user=request.user, agenda_item=item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"De stemming is gesloten: {decision.get_outcome_display().lower()} ({decision.get_rule_display().lower()}).",
        )
    return redirect("proposals:item", pk=item.pk)
