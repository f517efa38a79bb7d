"""Decision letters (beschikkingen) and rejection letters: issuing one, its PDF, and the letter templates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.permissions import is_two
from proposals import exports, forms
from proposals.models import (
    DecisionLetter,
    RejectionLetter,
)
from proposals.services import letters as letter_services
from proposals.views.common import done, form_errors, require, visible_proposal


@require_POST
def letter_issue(request, pk, number):
    proposal = visible_proposal(request, pk)
    require(request, "proposals.manage_proposal", proposal)
    award = get_object_or_404(proposal.awards, number=number)
    form = forms.LetterForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return done(request, proposal)
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
        return done(request, proposal)
    return done(
        request, proposal, f"Beschikking {award.number} versie {letter.version} is opgemaakt."
    )


def letter_pdf(request, pk, number, version):
    proposal = visible_proposal(request, pk)
    letter = get_object_or_404(
        DecisionLetter, award__proposal=proposal, award__number=number, version=version
    )
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="beschikking-{number}-v{version}.pdf"'
    return response


@require_POST
def rejection_letter_issue(request, pk):
    proposal = visible_proposal(request, pk)
    require(request, "proposals.manage_proposal", proposal)
    form = forms.RejectionLetterForm(request.POST, prefix="rej")
    if not form.is_valid():
        form_errors(request, form)
        return done(request, proposal)
    latest = (
        RejectionLetter.objects.filter(decision__proposal=proposal).order_by("-version").first()
    )
    try:
        letter = letter_services.rejection_letter_issue(
            user=request.user, proposal=proposal, corrects=latest, **form.cleaned_data
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return done(request, proposal)
    return done(request, proposal, f"Afwijzingsbeschikking versie {letter.version} is opgemaakt.")


def rejection_letter_pdf(request, pk, version):
    proposal = visible_proposal(request, pk)
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
