"""Settlement of a fund: the groups, a group's statement, its download and the municipality's confirmation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounting import reports
from accounting.models import (
    SettlementGroup,
)
from accounting.selectors import settlement as settlement_selectors
from accounting.services import settlement as settlement_services
from accounting.views.common import download, fund_for
from core.exceptions import DomainError
from core.models import Municipality
from core.permissions import (
    user_municipality_id,
)


def settlement_list(request, slug):
    fund = fund_for(request, slug)
    if not request.user.has_perm("accounting.view_settlement", fund):
        raise Http404("Niet gevonden")
    groups = list(
        SettlementGroup.objects.filter(fund=fund)
        .prefetch_related("members__municipality")
        .select_related("settlement")
    )
    return render(request, "accounting/settlement_list.html", {"fund": fund, "groups": groups})


def _group(request, slug, pk):
    fund = fund_for(request, slug)
    if not request.user.has_perm("accounting.view_settlement", fund):
        raise Http404("Niet gevonden")
    return get_object_or_404(SettlementGroup.objects.select_related("fund"), pk=pk, fund=fund)


def _own_municipality(request):
    """A portefeuillehouder sees only the statement of its own municipality."""
    if request.user.has_perm("accounting.manage_books", None):
        return None
    municipality_id = user_municipality_id(request.user)
    return get_object_or_404(Municipality, pk=municipality_id) if municipality_id else None


def settlement_detail(request, slug, pk):
    group = _group(request, slug, pk)
    municipality = (
        None
        if request.user.has_perm("accounting.manage_books", group.fund)
        else _own_municipality(request)
    )
    error = None
    try:
        preview = settlement_selectors.settlement_preview(group)
        report = reports.settlement_report(preview, municipality)
    except DomainError as exc:
        preview, report, error = None, None, exc.message
    return render(
        request,
        "accounting/settlement_detail.html",
        {
            "fund": group.fund,
            "group": group,
            "preview": preview,
            "report": report,
            "error": error,
            "municipality": municipality,
            "can_confirm": request.user.has_perm("accounting.manage_books", group.fund),
            "kind": "settlement",
            "background": False,
        },
    )


def settlement_download(request, slug, pk, fmt):
    group = _group(request, slug, pk)
    municipality = (
        None
        if request.user.has_perm("accounting.manage_books", group.fund)
        else _own_municipality(request)
    )
    try:
        preview = settlement_selectors.settlement_preview(group)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("accounting:settlement", slug=slug, pk=pk)
    return download(reports.settlement_report(preview, municipality), fmt)


@require_POST
def settlement_confirm(request, slug, pk):
    group = _group(request, slug, pk)
    if not request.user.has_perm("accounting.manage_books", group.fund):
        raise PermissionDenied
    try:
        settlement = settlement_services.settlement_confirm(group=group, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"De afrekening is vastgesteld en geboekt: {settlement.total} terug naar de gemeenten.",
        )
    return redirect("accounting:settlement", slug=slug, pk=pk)
