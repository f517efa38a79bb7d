"""Meetings and voting: the meeting list and page, the kept fund overview, an agenda item's vote page and closing it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core import panels
from core.exceptions import DomainError
from core.pagination import Paginator
from core.permissions import user_municipality_id
from core.spreadsheets import workbook_download
from fund.models import Fund
from fund.permissions import manages_fund
from fund.selectors import funds_visible_to
from proposals import forms, meeting_selectors, presenters, selectors
from proposals.models import (
    AgendaItem,
    Meeting,
)
from proposals.rules import matrix_cells_of_mask
from proposals.services import meetings as meeting_services
from proposals.views.common import form_errors, require
from reports.json import report_from_json
from reports.render import report_workbook


def _visible_meeting(request, pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("fund"), pk=pk)
    if not request.user.has_perm("proposals.view_meeting", meeting):
        raise Http404("Vergadering niet gevonden")
    return meeting


def meeting_list(request):
    require(request, "proposals.view_meeting_list")
    funds = funds_visible_to(request.user)
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("soort") if request.GET.get("soort") in Meeting.Kind.values else ""
    fund = funds.filter(slug=request.GET.get("fonds")).first() if request.GET.get("fonds") else None
    meetings = meeting_selectors.meeting_list(request.user, query=query, kind=kind, fund=fund)
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
        form = forms.AgendaItemForm(
            request.POST, proposals=meeting_selectors.agenda_candidates(meeting)
        )
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
            form_errors(request, form)
        return redirect("proposals:meeting", pk=meeting.pk)
    snapshot = meeting_selectors.meeting_overview_snapshot(meeting)
    return render(
        request,
        "proposals/meeting_detail.html",
        {
            "meeting": meeting,
            "form": forms.AgendaItemForm() if manage else None,
            "pick_list": meeting_selectors.agenda_pick_list(meeting) if manage else None,
            "snapshot": snapshot,
            "manage": manage,
            "agenda_rows": presenters.agenda_rows_html(
                meeting, meeting_selectors.meeting_agenda(meeting)
            ),
            "panels": panels.render("meeting", request, meeting),  # e.g. the norms' latest counts
        },
    )


def meeting_overview_xlsx(request, pk):
    """The kept overview as XLSX, rendered from the data kept with the meeting (so it equals the PDF)."""
    meeting = _visible_meeting(request, pk)
    snapshot = meeting_selectors.meeting_overview_snapshot(meeting, with_data=True)
    if snapshot is None or "report" not in snapshot.data:
        raise Http404("Geen fondsoverzicht als XLSX")
    report = report_from_json(snapshot.data["report"], kinds=[presenters.MATRIX])
    return workbook_download(  # streamed from a temporary file
        report_workbook(report), f"fondsoverzicht-{meeting.date:%Y-%m-%d}.xlsx"
    )


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


def _visible_item(request, pk, *, cells: bool = False) -> AgendaItem:
    """The agenda item if the user may see its meeting and proposal, else a 404. With `cells`, its
    proposal's matrix comes along as `item.cells_mask` (rules.matrix_cells_of_mask)."""
    items = AgendaItem.objects.select_related("meeting", "proposal__fund", "decision")
    if cells:
        items = items.annotate(cells_mask=selectors.cells_mask("proposal_id"))
    item = get_object_or_404(items, pk=pk)
    if item.meeting.fund_id == item.proposal.fund_id:  # always (agenda_item_add): one join less
        item.meeting.fund = item.proposal.fund
    if not (
        request.user.has_perm("proposals.view_meeting", item.meeting)
        and request.user.has_perm("proposals.view_proposal", item.proposal)
    ):
        raise Http404("Agendapunt niet gevonden")
    return item


def agenda_item_detail(request, pk):
    """The vote page: each municipality's vote and weight, the yes share and the rule that decided."""
    item = _visible_item(request, pk, cells=True)
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
    result = meeting_selectors.vote_result(item)
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
    records = meeting_selectors.vote_records(item) if manage else []
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
                matrix_cells_of_mask(item.cells_mask), applies=not item.proposal.is_spuk
            ),
        },
    )


@require_POST
def agenda_item_close(request, pk):
    item = _visible_item(request, pk)
    require(request, "proposals.manage_meeting", item.meeting.fund)
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
