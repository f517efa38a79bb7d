"""What the proposal pages share: the proposal of the URL if the user may see it, the permission check, and reporting back after a POST."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from proposals.models import (
    Proposal,
)

S = Proposal.Status


def visible_proposal(request, pk) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("fund"), pk=pk)
    if not request.user.has_perm("proposals.view_proposal", proposal):
        raise Http404("Voorstel niet gevonden")
    return proposal


def require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def done(request, proposal, text=None):
    if text:
        messages.success(request, text)
    return redirect("proposals:detail", pk=proposal.pk)


def form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def post_form(form_class, service):
    """The view for a form POSTed on the proposal page: check the form's permission, validate, call
    one service, report back with the form's message. The form class names its `page_prefix`,
    `permission`, `success_message` and whether it takes the proposal (`needs_proposal`)."""

    @require_POST
    def view(request, pk):
        proposal = visible_proposal(request, pk)
        require(request, form_class.permission, proposal)
        extra = {"proposal": proposal} if getattr(form_class, "needs_proposal", False) else {}
        form = form_class(request.POST, prefix=form_class.page_prefix, **extra)
        if not form.is_valid():
            form_errors(request, form)
            return done(request, proposal)
        try:
            service(user=request.user, proposal=proposal, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
            return done(request, proposal)
        return done(request, proposal, form_class.success_message)

    view.__name__ = view.__qualname__ = service.__name__
    return view
