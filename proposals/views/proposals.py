"""The proposal pages: the list, making and editing a proposal, its page with the next steps, goals, attachments, and the forms posted on it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core import panels
from core.exceptions import DomainError
from core.pagination import Paginator
from core.permissions import user_provider_id
from fund.models import Fund
from proposals import forms, presenters, selectors
from proposals.models import (
    Attachment,
)
from proposals.rules import TRANSITIONS
from proposals.services import advice as advice_services
from proposals.services import intake as intake_services
from proposals.services import screening as screening_services
from proposals.views.common import S, done, form_errors, post_form, require, visible_proposal

ACTION_LABELS = {
    (S.DRAFT, S.SUBMITTED): "Indienen",
    (S.SUBMITTED, S.SCREENED): "Toetsing afronden",
    (S.SUBMITTED, S.DRAFT): "Terug naar concept",
    (S.ON_AGENDA, S.SCREENED): "Van de agenda halen",
    (S.AWARDED, S.RUNNING): "Uitvoering gestart",
    (S.RUNNING, S.COMPLETED): "Project afgerond",
}


NEXT_STEP = {S.DRAFT: S.SUBMITTED, S.SUBMITTED: S.SCREENED, S.SCREENED: S.ON_AGENDA}


def proposal_list(request):
    require(request, "proposals.view_proposal_list")
    candidates, offered = selectors.proposal_list_funds(request.user)
    fund = None
    if slug := request.GET.get("fonds"):
        # the filter's funds hold the one asked for, except for an aanbieder (no filter list)
        fund = next((f for f in offered if f.slug == slug), None) or get_object_or_404(
            Fund, slug=slug
        )
        if not (request.user.has_perm("fund.view_fund", fund) or user_provider_id(request.user)):
            raise Http404("Fonds niet gevonden")
    status = request.GET.get("status") if request.GET.get("status") in S.values else None
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(
        selectors.proposal_list(request.user, fund=fund, status=status, query=query), 50
    ).get_page(request.GET.get("pagina"))
    rows = selectors.proposal_list_rows(page.object_list)
    creatable = [f for f in candidates if request.user.has_perm("proposals.create_proposal", f)]
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
            "funds": offered,
        },
    )


def proposal_create(request, fund_slug):
    fund = get_object_or_404(Fund, slug=fund_slug)
    require(request, "proposals.create_proposal", fund)
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
            return done(
                request,
                proposal,
                f"Voorstel {proposal.reference} is aangemaakt als concept. Voeg doelen en indicatoren toe.",
            )
    return render(
        request, "proposals/proposal_form.html", {"form": form, "fund": fund, "proposal": None}
    )


def proposal_edit(request, pk):
    proposal = visible_proposal(request, pk)
    require(request, "proposals.edit_proposal", proposal)
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
            return done(request, proposal, "Het voorstel is opgeslagen.")
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
    proposal = visible_proposal(request, pk)
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
        "screening_form": forms.ScreeningForm(prefix=forms.ScreeningForm.page_prefix),
        "consent_form": forms.ConsentForm(proposal=proposal, prefix=forms.ConsentForm.page_prefix),
        "advice_form": forms.AdviceForm(proposal=proposal, prefix=forms.AdviceForm.page_prefix),
        # before the ambassadors first met, Rotterdam decides without their advice (seed 004 H10)
        "ambassadors_met": proposal.is_spuk
        and advice_services.ambassador_meetings_held(
            proposal.fund, until=timezone.localdate()
        ).exists(),
        "decision_form": forms.SpukDecisionForm(prefix=forms.SpukDecisionForm.page_prefix),
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
    proposal = visible_proposal(request, pk)
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
        return done(request, proposal)
    return done(request, proposal, f"Status is nu: {S(target).label}.")


@require_POST
def goal_add(request, pk):
    proposal = visible_proposal(request, pk)
    require(request, "proposals.edit_proposal", proposal)
    form = forms.GoalForm(request.POST, prefix="goal")
    if not form.is_valid():
        form_errors(request, form)
        return done(request, proposal)
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
        return done(request, proposal)
    return done(request, proposal, "Het doel is toegevoegd.")


@require_POST
def attachment_add(request, pk):
    proposal = visible_proposal(request, pk)
    require(request, "proposals.edit_proposal", proposal)
    form = forms.AttachmentForm(request.POST, request.FILES, prefix="att")
    if not form.is_valid():
        form_errors(request, form)
        return done(request, proposal)
    upload = form.cleaned_data["file"]
    if upload.size > intake_services.ATTACHMENT_MAX_BYTES:
        messages.error(
            request,
            f"{upload.name}: het bestand is groter dan {intake_services.ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB.",
        )
        return done(request, proposal)
    try:
        intake_services.attachment_add(
            user=request.user, proposal=proposal, name=upload.name, content=upload.read()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return done(request, proposal)
    return done(request, proposal, f"Bijlage {upload.name} is toegevoegd.")


def attachment_download(request, pk, attachment_pk):
    proposal = visible_proposal(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, proposal=proposal)
    response = HttpResponse(attachment.file.open("rb").read(), content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.original_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# The forms posted on the proposal page: each form names its prefix, permission and message.
screening_record = post_form(forms.ScreeningForm, screening_services.screening_record)


consent_record = post_form(forms.ConsentForm, screening_services.consent_record)


advice_record = post_form(forms.AdviceForm, advice_services.advice_record)


spuk_decide = post_form(forms.SpukDecisionForm, advice_services.spuk_decide)
